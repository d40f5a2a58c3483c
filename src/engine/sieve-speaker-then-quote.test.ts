/** Sieve "speaker-then-quote": the speaker and the verb before the quote. */
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.ts';
import { bundledLexicon } from '../lexicon/bundled.ts';

const run = (text: string) => analyze(text, bundledLexicon, { source: 'fixture' });
const find = (text: string, words: string) => {
  const r = run(text);
  const st = r.statements.find((s) => s.text.includes(words));
  if (!st) throw new Error(`no statement with "${words}"`);
  return { st, name: st.speaker ? (r.speakers.find((s) => s.id === st.speaker)?.name ?? st.speaker) : null };
};

describe('sieve: speaker-then-quote', () => {
  it('"<Name> was quoted as saying “…”"', () => {
    const { st, name } = find('Marta Kovalenko was quoted as saying “the ports will reopen within a week.”', 'ports will reopen');
    expect(name).toBe('Marta Kovalenko');
    expect(st.sieve).toBe('speaker-then-quote');
  });

  it('"Senator <Name> condemned …, calling it a “…”"', () => {
    const { name } = find('Senator Ruth Calder condemned the strike on the hospital, calling it a “cowardly act of terror.”', 'cowardly act');
    expect(name).toBe('Ruth Calder');
  });

  it('"as <B>\'s envoy claims “…”": the nearer verb with its own unnamed subject keeps the words from A', () => {
    const text = '“The plan is dead,” writes Ann Lee as Trump’s envoy claims “great progress” in the talks.';
    const r = run(text);
    const st = r.statements.find((s) => s.text === 'great progress');
    expect(st?.speaker ?? null).not.toBe(r.speakers.find((s) => s.name === 'Ann Lee')?.id);
  });

  it('"The final statement of <group>, …, notes that …" speaks for the group', () => {
    const text = 'The final statement of the Weimar+ group, issued in Warsaw, notes that the ministers will “keep every channel to Kyiv open.”';
    const st = run(text).statements.find((s) => s.text.includes('keep every channel'))!;
    expect(st.speaker).toBe('european-joint-statement');
  });
});

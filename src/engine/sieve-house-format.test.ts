/** Sieve "house-format": agency and official-site formats. */
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

describe('sieve: house-format', () => {
  it('"This was stated to <agency> by the official representative …": the sentence before is theirs', () => {
    const text =
      'The grain corridor will keep working through the winter despite the attacks. This was stated to Ukrinform by the official representative of the Foreign Ministry Oleh Tkachenko.';
    const { st, name } = find(text, 'grain corridor will keep working');
    expect(name).toBe('Oleh Tkachenko');
    expect(st.sieve).toBe('house-format');
  });

  it('"Key statements by <Name>:" gives the items that follow to the name', () => {
    const text = [
      'Key statements by Zelensky:',
      'Ukraine needs more air defence systems before the winter.',
      'Any ceasefire must come with security guarantees.',
    ].join('\n\n');
    const r = run(text);
    const items = r.statements.filter((s) => /air defence systems|security guarantees/.test(s.text));
    expect(items.map((s) => s.speaker)).toEqual(['zelenskiy', 'zelenskiy']);
    expect(items.every((s) => s.sieve === 'house-format')).toBe(true);
  });

  it('the list ends at an item that names someone else', () => {
    const text = ['Key statements by Zelensky:', 'We need more air defence.', 'Putin wants to break Ukraine, the French president said after the call.'].join(
      '\n\n',
    );
    const r = run(text);
    const last = r.statements.find((s) => s.text.includes('break Ukraine'));
    expect(last?.speaker).not.toBe('zelenskiy');
  });

  it('"“…”, - emphasized the head of <body>" resolves the title to the one person named with it', () => {
    const text = [
      'Andriy Sydor, the head of the presidential office, met the delegation on Monday.',
      '“We will not trade territory for a pause”, - emphasized the head of the presidential office.',
    ].join('\n\n');
    const { st, name } = find(text, 'trade territory');
    expect(name).toBe('Andriy Sydor');
    expect(st.attribution).toBe('title');
  });
});

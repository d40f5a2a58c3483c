/** Sieve "continuation": a quote without its own attribution continues the speaker before it. */
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.ts';
import { bundledLexicon } from '../lexicon/bundled.ts';

const run = (text: string) => analyze(text, bundledLexicon, { source: 'fixture' });

describe('sieve: continuation', () => {
  it('a quote opening the next paragraph continues the speaker of the paragraph before', () => {
    const text = '“We will rebuild every school,” Ivan Doe said.\n\n“And we will start with the ones in Kharkiv.”';
    const r = run(text);
    const st = r.statements.find((s) => s.text.includes('start with the ones'))!;
    expect(r.speakers.find((s) => s.id === st.speaker)?.name).toBe('Ivan Doe');
    expect(st.sieve).toBe('continuation');
  });

  it('"“…,” a spokesperson said." after a paragraph quoting Ivan Doe is not Ivan Doe', () => {
    const text = '“We will rebuild every school,” Ivan Doe said.\n\n“The ministry has no comment on the figures,” a spokesperson said.';
    const r = run(text);
    const st = r.statements.find((s) => s.text.includes('no comment on the figures'))!;
    expect(st.speaker).toBeNull();
    expect(st.attributionNote).toMatch(/spokesperson/);
  });

  it('"a spokesperson said" resolves when one spokesperson is named on the page', () => {
    const text = [
      'Maria Ostrova, a spokesperson for the ministry, spoke on Friday.',
      '“We will rebuild every school,” Ivan Doe said.',
      '“The ministry has no comment on the figures,” the spokesperson said.',
    ].join('\n\n');
    const r = run(text);
    const st = r.statements.find((s) => s.text.includes('no comment on the figures'))!;
    expect(r.speakers.find((s) => s.id === st.speaker)?.name).toBe('Maria Ostrova');
  });

  it('"“…,” officials said." after a quote of Ivan Doe stays unattributed', () => {
    const text = '“We will rebuild every school,” Ivan Doe said.\n\n“Funding is secured for two years,” officials said.';
    const st = run(text).statements.find((s) => s.text.includes('Funding is secured'))!;
    expect(st.speaker).toBeNull();
  });

  it('the quote that ends a paragraph is the one the next paragraph continues, even after reported speech before it', () => {
    const text = [
      'Ann Lee said the strike had hit a power plant. “This is a crime against civilians,” Energy Minister Ivan Doe said.',
      '“We will repair the lines before the frost comes.”',
    ].join('\n\n');
    const r = run(text);
    const st = r.statements.find((s) => s.text.includes('repair the lines'))!;
    expect(r.speakers.find((s) => s.id === st.speaker)?.name).toBe('Ivan Doe');
  });
});

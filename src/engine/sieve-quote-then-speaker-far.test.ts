/** Sieve "quote-then-speaker-far": the verb and the speaker after the quote, further away than the tight sieve looks. */
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.ts';
import { bundledLexicon } from '../lexicon/bundled.ts';

const run = (text: string) => analyze(text, bundledLexicon, { source: 'fixture' });

describe('sieve: quote-then-speaker-far', () => {
  it('a long apposition between the quote and the verb', () => {
    const r = run('“The harvest is safe for now,” Marta Kovalenko, who has led the southern grain traders’ association in Odesa since 2019, said.');
    const st = r.statements.find((s) => s.text.includes('harvest is safe'))!;
    expect(r.speakers.find((s) => s.id === st.speaker)?.name).toBe('Marta Kovalenko');
    expect(st.sieve).toBe('quote-then-speaker-far');
  });

  it('a new sentence after the quote is no attribution', () => {
    const r = run('“The harvest is safe for now.” Prices rose again on Monday after Marta Kovalenko said the ports were open.');
    const st = r.statements.find((s) => s.text.includes('harvest is safe'));
    expect(st?.speaker ?? null).toBeNull();
  });
});

/** Sieve "signature": a post signed after a dash. */
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.ts';
import { bundledLexicon } from '../lexicon/bundled.ts';

const run = (text: string) => analyze(text, bundledLexicon, { source: 'fixture' });

describe('sieve: signature', () => {
  it('"«…» -<Full Name>" gives the post to the name after the dash', () => {
    const r = run('«Our air defence held tonight, thank you to every crew» -Oksana Melnyk');
    const st = r.statements.find((s) => s.text.includes('air defence held'))!;
    expect(r.speakers.find((s) => s.id === st.speaker)?.name).toBe('Oksana Melnyk');
    expect(st.sieve).toBe('signature');
  });

  it('"“…” – <Name>" with a lexicon speaker', () => {
    const r = run('“Peace through strength is not a slogan, it is a plan.” – Pete Hegseth');
    const st = r.statements.find((s) => s.text.includes('not a slogan'))!;
    expect(st.speaker).toBe('hegseth');
    expect(st.sieve).toBe('signature');
  });

  it('a dash followed by ordinary text is no signature', () => {
    const r = run('“Our air defence held tonight” - a claim that Oksana Melnyk repeated later without evidence.');
    const st = r.statements.find((s) => s.text.includes('air defence held'));
    expect(st?.sieve).not.toBe('signature');
  });

  it('an embedded post without quote marks, signed "— <Name> (@handle) <date>"', () => {
    const r = run('Thank you all for the support.\n\nUkraine needs a just peace, and we are working for that. — Oksana Melnyk (@OksanaM) February 28, 2026');
    const st = r.statements.find((s) => s.text.includes('just peace'))!;
    expect(r.speakers.find((s) => s.id === st.speaker)?.name).toBe('Oksana Melnyk');
    expect(st.text).toBe('Ukraine needs a just peace, and we are working for that.');
    expect(st.sieve).toBe('signature');
  });
});

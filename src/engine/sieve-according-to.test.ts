/** Sieve "according-to": "According to X, …" and "…, according to X." without quote marks. */
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.ts';
import { bundledLexicon } from '../lexicon/bundled.ts';

const run = (text: string) => analyze(text, bundledLexicon, { source: 'fixture' });

describe('sieve: according-to', () => {
  it('"According to <Name>, <clause>." makes the clause a statement of the name', () => {
    const r = run('According to Peskov, the two presidents agreed to meet again before the summer.');
    const st = r.statements.find((s) => s.text.includes('agreed to meet again'))!;
    expect(st.speaker).toBe('peskov');
    expect(st.attribution).toBe('according-to');
    expect(st.text).toBe('the two presidents agreed to meet again before the summer');
  });

  it('"<clause>, according to <page name>." at the end of the sentence', () => {
    const r = run('Russia has moved new brigades towards the border, according to Henrik Solberg.');
    const st = r.statements.find((s) => s.text.includes('new brigades'))!;
    expect(r.speakers.find((s) => s.id === st.speaker)?.name).toBe('Henrik Solberg');
    expect(st.sieve).toBe('according-to');
  });

  it('"according to" a document is no speaker', () => {
    const r = run('According to the draft, the ceasefire would begin at midnight on Sunday.');
    expect(r.statements.filter((s) => s.speaker !== null)).toEqual([]);
  });

  it('"according to a <body> statement" gives the quote to the body', () => {
    const r = run('The talks will continue in a format that is “acceptable to all sides,” according to a State Department statement.');
    const st = r.statements.find((s) => s.text.includes('acceptable to all sides'))!;
    expect(r.speakers.find((s) => s.id === st.speaker)?.name).toBe('State Department');
    expect(st.attribution).toBe('according-to');
  });
});

/** Sieve "reported-speech": statements without quote marks, over consecutive sentences. */
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.ts';
import { bundledLexicon } from '../lexicon/bundled.ts';

const run = (text: string) => analyze(text, bundledLexicon, { source: 'fixture' });

describe('sieve: reported-speech', () => {
  it('"<Name> made it clear that … He also highlighted …": both sentences are the name\'s', () => {
    const text =
      'Henrik Solberg made it clear that Norway would keep funding air defence for Ukraine. He also highlighted that the next package would arrive in May.';
    const r = run(text);
    const id = r.speakers.find((s) => s.name === 'Henrik Solberg')?.id;
    const first = r.statements.find((s) => s.text.includes('keep funding air defence'));
    const second = r.statements.find((s) => s.text.includes('next package would arrive'));
    expect(first?.speaker).toBe(id);
    expect(second?.speaker).toBe(id);
    expect(first?.kind).toBe('reported');
  });

  it('"<words>, - <verb> <Name>." (a dash before the verb) without quote marks', () => {
    const r = run('The counteroffensive will continue until the border is restored, - stressed Oleksandr Hrytsenko.');
    const st = r.statements.find((s) => s.text.includes('counteroffensive will continue'))!;
    expect(r.speakers.find((s) => s.id === st.speaker)?.name).toBe('Oleksandr Hrytsenko');
    expect(st.sieve).toBe('house-format');
  });
});

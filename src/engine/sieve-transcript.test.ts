/** Sieve "transcript": speaker labels, with a language and with timestamps. */
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.ts';
import { bundledLexicon } from '../lexicon/bundled.ts';

const run = (text: string) => analyze(text, bundledLexicon, { source: 'fixture' });
const speakerName = (text: string, words: string) => {
  const r = run(text);
  const st = r.statements.find((s) => s.text.includes(words));
  if (!st) throw new Error(`no statement with "${words}"`);
  return { st, name: st.speaker ? (r.speakers.find((s) => s.id === st.speaker)?.name ?? st.speaker) : null };
};

describe('sieve: transcript', () => {
  it('"<NAME> (<LANGUAGE>): …" is the label of the speaker, in title case', () => {
    const { st, name } = speakerName('HENRIK SOLBERG (NORWEGIAN): We will send another package of air defence this month.', 'another package');
    expect(name).toBe('Henrik Solberg');
    expect(st.attribution).toBe('transcript');
    expect(st.text.startsWith('We will send')).toBe(true);
  });

  it('a line that opens with a timestamp, then a label', () => {
    const { st, name } = speakerName('00:14:32 KALLAS: Europe is ready to do more for Ukraine.', 'ready to do more');
    expect(name).toBe('Kaja Kallas');
    expect(st.sieve).toBe('transcript');
    expect(st.text.startsWith('Europe is ready')).toBe(true);
  });

  it('timestamped lines after a label keep its speaker, up to the next label', () => {
    const text = [
      '[00:01:10] Henrik Solberg: Thank you all for coming today.',
      '[00:01:25] The package includes artillery shells and spare parts.',
      '[00:02:03] Lina Berg: Can you say when it will arrive?',
    ].join('\n\n');
    const r = run(text);
    const byText = (w: string) => r.statements.find((s) => s.text.includes(w))!;
    const name = (w: string) => r.speakers.find((s) => s.id === byText(w).speaker)?.name;
    expect(name('artillery shells')).toBe('Henrik Solberg');
    expect(name('when it will arrive')).toBe('Lina Berg');
  });

  it('a colon after ordinary words is no label', () => {
    const r = run('The reason is simple: nobody wants another winter of blackouts.');
    expect(r.statements.filter((s) => s.attribution === 'transcript')).toEqual([]);
  });

  it('"QUESTION: …" is a turn of someone the page does not name: a statement, unattributed', () => {
    const r = run('QUESTION: Two questions about the aid package, if I may.\n\nHENRIK SOLBERG: The package is ready.');
    const q = r.statements.find((s) => s.text.includes('aid package'))!;
    expect(q.speaker).toBeNull();
    expect(q.attributionNote).toMatch(/names no speaker/);
  });

  it('a label with a function in brackets, and a label with titles before the name', () => {
    const { name } = speakerName('LINA BERG (R-Senate Candidate): I do not believe the aid will pass this year.', 'aid will pass');
    expect(name).toBe('Lina Berg');
    const titled = speakerName('Member of the European Parliament Aino Virtanen:\n\nA splendid result of the peace mission, they say.', 'splendid result');
    expect(titled.name).toBe('Aino Virtanen');
  });

  it('"Lee: “…” Doe: “…”": each quote goes to the name with the colon before it', () => {
    const r = run('Henrik Solberg: “How are you?” Zelensky: “You know how I am.”');
    expect(r.statements.find((s) => s.text.includes('know how I am'))?.speaker).toBe('zelenskiy');
  });
});

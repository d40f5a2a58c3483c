/**
 * The fact-check flags: misattributed only on the page's explicit attribution, the
 * seed's speaker where the page's attribution is weak, and altered quotes told apart
 * (a changed quotation is a warning, another wording is information). The seed quotes
 * are the bundled lexicon's; the pages around them are invented.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.ts';
import { bundledLexicon } from '../lexicon/bundled.ts';
import type { Statement } from './types.ts';

const run = (text: string) => analyze(text, bundledLexicon, { source: 'fixture' });
function statement(text: string, words: string): Statement {
  const st = run(text).statements.find((s) => s.text.includes(words));
  if (!st) throw new Error(`no statement with "${words}"`);
  return st;
}
const kinds = (st: Statement) => st.flags.map((f) => f.kind);

describe('misattributed', () => {
  it('flags a seed quote that the page explicitly gives to someone else, with the evidence to check it', () => {
    const st = statement('“We must step into the arena,” Ann Lee said.', 'step into the arena');
    const flag = st.flags.find((f) => f.kind === 'misattributed')!;
    expect(flag).toBeDefined();
    expect(flag.severity).toBe('warning');
    expect(flag.seedSpeaker).toBe('hegseth');
    expect(flag.pageAttribution).toBe('Ann Lee');
    expect(flag.seedText).toBe('step into the arena');
    expect(flag.message).toContain('Ann Lee');
    expect(flag.message).toContain('Pete Hegseth');
  });

  it("\"“…,” writes A as B's title <verb> “<B's seed quote>” <noun>\" flags nothing, and B's words stay B's", () => {
    const text = '“Europe is on its own,” writes Ann Lee as the US defense secretary calls for a “step into the arena” moment.';
    const r = run(text);
    expect(r.statements.flatMap((s) => s.flags).filter((f) => f.kind === 'misattributed')).toEqual([]);
    const seedQuote = r.statements.find((s) => s.text === 'step into the arena')!;
    expect(seedQuote.speaker).toBe('hegseth');
  });

  it('never on a pronoun: the seed quote goes to the seed speaker, and the note says so', () => {
    const st = statement('Ann Lee spoke first.\n\n“We must step into the arena,” he said.', 'step into the arena');
    expect(kinds(st)).not.toContain('misattributed');
    expect(st.speaker).toBe('hegseth');
    expect(st.attribution).toBe('seed-quote');
    expect(st.attributionNote).toMatch(/Pete Hegseth's in the seed/);
  });

  it('never on a continuation of another speaker', () => {
    const text = '“Europe has to wake up,” Ann Lee said. “In any negotiation, Europe must have a central role.”';
    const r = run(text);
    const st = r.statements.find((s) => s.text.includes('central role'))!;
    expect(kinds(st)).not.toContain('misattributed');
    expect(st.speaker).toBe('kallas');
    expect(st.sieve).toBe('seed-speaker');
  });

  it('never when the page names the seed speaker', () => {
    const st = statement('“In any negotiation, Europe must have a central role,” Kallas said.', 'central role');
    expect(st.flags).toEqual([]);
    expect(st.speaker).toBe('kallas');
  });
});

describe('altered-quote', () => {
  it('a changed word inside quote marks is a warning, with the word diff', () => {
    const st = statement('“In any negotiation, Europe must have a leading role,” Kallas said.', 'leading role');
    const flag = st.flags.find((f) => f.kind === 'altered-quote')!;
    expect(flag.severity).toBe('warning');
    expect(flag.message).toMatch(/^Quotation changed/);
    expect(flag.diff?.filter((d) => d.op !== 'same')).toEqual([
      { op: 'removed', text: 'central' },
      { op: 'added', text: 'leading' },
    ]);
    expect(flag.seedText).toBe('In any negotiation, Europe must have a central role');
  });

  it('reported speech in other words is information: a paraphrase', () => {
    const st = statement('Kallas said that in every negotiation Europe should have a central role.', 'central role');
    const flag = st.flags.find((f) => f.kind === 'altered-quote')!;
    expect(flag.severity).toBe('info');
    expect(flag.message).toMatch(/paraphrase/);
  });

  it('a quotation reworded throughout is information: another translation', () => {
    const st = statement('“In every negotiation, Europe needs to have the central role,” Kallas said.', 'central role');
    const flag = st.flags.find((f) => f.kind === 'altered-quote')!;
    expect(flag.severity).toBe('info');
    expect(flag.message).toMatch(/different translation/);
  });
});

describe('weak seed matches', () => {
  it('words that only resemble the seed’s paraphrase of another speaker flag nothing and keep their speaker', () => {
    const st = statement('Marta Kovalenko called on the West to provide more military aid to Ukraine and speed up its deliveries.', 'more military aid');
    expect(st.flags).toEqual([]);
    expect(st.attribution).not.toBe('seed-quote');
  });
});

describe('flags in the exports', () => {
  it('the Markdown report shows the flag with the seed’s words and the page’s attribution; the text report marks information', async () => {
    const { formatReports } = await import('../report/format.ts');
    const flagged = run('“We must step into the arena,” Ann Lee said.');
    const md = formatReports([flagged], 'md');
    expect(md).toContain('**misattributed**');
    expect(md).toContain('seed: “step into the arena” · page: “Ann Lee”');
    const info = run('Kallas said that in every negotiation Europe should have a central role.');
    expect(formatReports([info], 'text')).toContain('⚑ altered-quote (info):');
  });
});

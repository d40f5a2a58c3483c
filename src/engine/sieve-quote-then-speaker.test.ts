/** Sieves "quote-then-speaker" (and "-far"): the quote first, then the verb and the speaker. */
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.ts';
import { bundledLexicon } from '../lexicon/bundled.ts';

const run = (text: string) => analyze(text, bundledLexicon, { source: 'fixture' });
const find = (text: string, words: string) => {
  const r = run(text);
  const st = r.statements.find((s) => s.text.includes(words));
  if (!st) throw new Error(`no statement with "${words}"`);
  return { st, name: st.speaker ? (r.speakers.find((s) => s.id === st.speaker)?.name ?? st.speaker) : null, r };
};

describe('sieve: quote-then-speaker', () => {
  it('"“…,” commented <Nationality> Foreign Minister <Name>." names a speaker outside the lexicon, with the role', () => {
    const { st, name, r } = find('“Sanctions must stay until the last soldier leaves,” commented Estonian Foreign Minister Liis Tamm.', 'last soldier leaves');
    expect(name).toBe('Liis Tamm');
    expect(st.sieve).toBe('quote-then-speaker');
    expect(r.speakers.find((s) => s.name === 'Liis Tamm')?.inLexicon).toBe(false);
  });

  it('"“…,” <Country>\'s President <Name> told reporters."', () => {
    const { name } = find('“We are ready to host the talks,” Finland’s President Aino Virtanen told reporters.', 'host the talks');
    expect(name).toBe('Aino Virtanen');
  });

  it('"“…,” <Country> Defence Secretary <Name> said to reporters."', () => {
    const { name } = find('“The brigade will deploy in spring,” U.K. Defence Secretary Tom Ashby said to reporters.', 'brigade will deploy');
    expect(name).toBe('Tom Ashby');
  });

  it('"“…,” <Country>\'s former president <Name> said."', () => {
    const { name } = find('“This war will end at the negotiating table,” Poland’s former president Jan Nowicki said.', 'negotiating table');
    expect(name).toBe('Jan Nowicki');
  });

  it('"“…,” the Kremlin spokesman said." resolves to the one Kremlin spokesman named before', () => {
    const text = 'Dmitry Peskov, the Kremlin spokesman, spoke to reporters on Monday.\n\n“There is no date for a meeting yet,” the Kremlin spokesman said.';
    const { st } = find(text, 'no date for a meeting');
    expect(st.speaker).toBe('peskov');
    expect(st.attribution).toBe('title');
  });

  it('a title that fits two people named on the page stays unattributed, and says why', () => {
    const text = [
      'French President Luc Moreau and Finnish President Aino Virtanen met in Helsinki.',
      '“We agreed on a common position,” the president said.',
    ].join('\n\n');
    const { st } = find(text, 'common position');
    expect(st.speaker).toBeNull();
    expect(st.attributionNote).toMatch(/2 people on the page hold that role/);
  });

  it('a body speaks: "“…,” the Norwegian Defence Ministry said." gives the quote to the ministry, an organisation', () => {
    const { name, r, st } = find('“The shipment has left the port,” the Norwegian Defence Ministry said in a statement.', 'shipment has left');
    expect(name).toBe('Norwegian Defence Ministry');
    expect(r.speakers.find((s) => s.id === st.speaker)?.kind).toBe('organisation');
  });

  it('"he said" does not go to a name that is the object of the sentence', () => {
    const text = 'The partners will try to convince Finnish President Aino Virtanen that “the corridor must stay open,” he said before leaving.';
    const r = run(text);
    const st = r.statements.find((s) => s.text.includes('corridor must stay open'))!;
    expect(st.speaker).toBeNull();
  });

  it('"he said" after a paragraph that itself opens with "According to him" stays unattributed', () => {
    const text = 'According to him, a meeting of Finnish President Aino Virtanen and the others is possible.\n\n“We said it from the start,” he said.';
    const st = run(text).statements.find((s) => s.text.includes('from the start'))!;
    expect(st.speaker).toBeNull();
  });
});

/** Sieve "headline": a headline names the speaker before a colon. */
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.ts';
import { bundledLexicon } from '../lexicon/bundled.ts';

const run = (text: string) => analyze(text, bundledLexicon, { source: 'fixture' });
const nameOf = (text: string, words: string) => {
  const r = run(text);
  const st = r.statements.find((s) => s.text.includes(words));
  return { st, name: st?.speaker ? (r.speakers.find((s) => s.id === st.speaker)?.name ?? null) : null };
};

describe('sieve: headline', () => {
  it('"<Name> on <topic>: <statement>" gives the words after the colon to the name', () => {
    const { st, name } = nameOf('Marta Kovalenko on grain exports: Ports must reopen before the winter', 'Ports must reopen');
    expect(name).toBe('Marta Kovalenko');
    expect(st?.sieve).toBe('headline');
    expect(st?.text).toBe('Ports must reopen before the winter');
  });

  it('"Sen. <Name>: \'<statement>\'" gives the quote to the senator', () => {
    const { st, name } = nameOf("Sen. Rupert Vance: 'We will not abandon our partners in Kyiv'", 'abandon our partners');
    expect(name).toBe('Rupert Vance');
    expect(st?.sieve).toBe('headline');
  });

  it('a lexicon speaker in a headline with a quote after the colon', () => {
    const { st } = nameOf('Zelensky on the talks: “No deal about us without us”', 'without us');
    expect(st?.speaker).toBe('zelenskiy');
    expect(st?.sieve).toBe('headline');
  });

  it('a long paragraph with "on" and a colon is not a headline', () => {
    const text =
      'Marta Kovalenko on Monday met farmers in the south of the country and listened for hours to their complaints about prices, ports and the war, and then she wrote: the harvest is at risk.';
    const r = run(text);
    expect(r.statements.every((s) => s.sieve !== 'headline')).toBe(true);
  });

  it('"<statement> - <Name>": the name after the statement', () => {
    const { st, name } = nameOf('Dialogue Must Be Built For The Sake Of Security, But Not Now - Lucien Moreau', 'Dialogue Must Be Built');
    expect(name).toBe('Lucien Moreau');
    expect(st?.text).toBe('Dialogue Must Be Built For The Sake Of Security, But Not Now');
    expect(st?.sieve).toBe('headline');
  });

  it('"<statement> — President <Name> Declares" with a lexicon speaker', () => {
    const { st } = nameOf('Russia Has The Right To Hit Weapon Suppliers — President Putin Declares', 'Right To Hit');
    expect(st?.speaker).toBe('putin');
  });

  it('"<Body>: <statement>": a body speaks in a headline', () => {
    const { name } = nameOf('Norwegian Defence Ministry: The shipment has left the port', 'shipment has left');
    expect(name).toBe('Norwegian Defence Ministry');
  });

  it('a sentence with a dash in the middle is no headline attribution', () => {
    const r = run('Peace is near, the envoy said - and then he left the room without another word.');
    expect(r.statements.every((s) => s.sieve !== 'headline')).toBe(true);
  });
});

/**
 * One fixture per attribution pattern, written the way other outlets word the same
 * events: the speaker each quote must get, and how it was found.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.ts';
import { bundledLexicon } from '../lexicon/bundled.ts';
import type { Statement } from './types.ts';

function run(text: string) {
  return analyze(text, bundledLexicon, { source: 'fixture' });
}
function statementWith(text: string, words: string): Statement {
  const st = run(text).statements.find((s) => s.text.includes(words));
  if (!st) throw new Error(`no statement with "${words}" in: ${text}`);
  return st;
}

type Row = [pattern: string, text: string, words: string, speaker: string | null, attribution: string];

const rows: Row[] = [
  ['quote, then "X said"', '“We will not be dictated to,” Zelensky said on Thursday.', 'dictated to', 'zelenskiy', 'explicit'],
  ['"X said," then quote', 'Hegseth said, “Europe must own its own security.”', 'own its own security', 'hegseth', 'explicit'],
  ['inverted "said X"', '“Russia is the aggressor here,” said Kaja Kallas, the EU foreign policy chief.', 'aggressor here', 'kallas', 'explicit'],
  ['appositive title', '“Talks must include Kyiv,” the EU’s foreign policy chief, Kaja Kallas, told reporters.', 'include Kyiv', 'kallas', 'explicit'],
  ['title only', '“Nobody is betraying anyone,” the Pentagon chief told reporters in Warsaw.', 'betraying anyone', 'hegseth', 'title'],
  ['descriptor for Trump', 'The Republican president wrote on Truth Social: “We are going to end this war fast.”', 'end this war fast', 'trump', 'title'],
  ['misspelt name', '“We want a durable peace,” Zelenskyyy told the summit.', 'durable peace', 'zelenskiy', 'explicit'],
  ['transliteration', '“We will hold elections when the war is over,” Volodymyr Zelenskyy said.', 'hold elections', 'zelenskiy', 'explicit'],
  ['according to', 'According to Peskov, the two leaders agreed to stay “in regular contact.”', 'regular contact', 'peskov', 'according-to'],
  ['transcript', 'KALLAS: Europe will not accept a deal made without Ukraine at the table.', 'without Ukraine at the table', 'kallas', 'transcript'],
  ['transcript on its own line', 'Bacon:\n\nPutin is the aggressor and everybody knows it.', 'everybody knows it', 'bacon', 'transcript'],
  [
    'group statement',
    'Kyiv must be at the table, France, Germany, Italy, Poland, the UK, Spain and the European Union said in a statement.',
    'Kyiv must be at the table',
    'european-joint-statement',
    'reported',
  ],
  ['reported speech', 'Hegseth told allies that Europe would have to provide the bulk of future aid.', 'Europe would have to provide', 'hegseth', 'reported'],
  [
    'posted on social media that',
    'Landsbergis posted on social media that the plan amounted to appeasement.',
    'the plan amounted to appeasement',
    'landsbergis',
    'reported',
  ],
  ['who-clause', 'Some Republicans objected, including Rep. Don Bacon, who warned of “a second Munich.”', 'a second Munich', 'bacon', 'explicit'],
];

describe('attribution patterns', () => {
  it.each(rows)('%s', (_pattern, text, words, speaker, attribution) => {
    const st = statementWith(text, words);
    expect(st.speaker).toBe(speaker);
    expect(st.attribution).toBe(attribution);
  });
});

describe('the hard cases', () => {
  it('resolves "he" to the subject of the paragraph, not the last name mentioned', () => {
    const text = 'Trump spoke to reporters on Wednesday. Asked about the plan, raised by Hegseth, to cede territory, he said “we will see what happens.”';
    const st = statementWith(text, 'we will see what happens');
    expect(st.speaker).toBe('trump');
    expect(st.attribution).toBe('pronoun');
  });

  it('carries "she" to the speaker of the paragraph before', () => {
    const text = 'Kallas said Europe had been sidelined.\n\n“We will not be spectators,” she added.';
    expect(statementWith(text, 'spectators').speaker).toBe('kallas');
  });

  it('continues the speaker to a second quote in the paragraph', () => {
    const text = '“This is a dangerous moment,” Wallace said. “History will judge it.”';
    const st = statementWith(text, 'History will judge it');
    expect(st.speaker).toBe('wallace');
    expect(st.attribution).toBe('continuation');
  });

  it('continues a quote that runs over paragraphs without a closing mark', () => {
    const text = 'Bacon said: “We should not reward the invader.\n\n“We should arm Ukraine now.”';
    const st = statementWith(text, 'arm Ukraine now');
    expect(st.speaker).toBe('bacon');
    expect(st.attribution).toBe('continuation');
  });

  it('leaves a slogan without a speaker', () => {
    const text = '“Nothing about Ukraine without Ukraine” became a rallying cry in European capitals.';
    const st = statementWith(text, 'Nothing about Ukraine');
    expect(st.speaker).toBeNull();
    expect(st.attribution).toBe('none');
  });

  it('drops scare quotes that nobody is said to have said', () => {
    const report = run('The so-called “peace plan” was greeted with scepticism in Kyiv.');
    expect(report.statements.some((s) => s.text.includes('peace plan'))).toBe(false);
  });

  it('never lets an unmatched quote mark run past its paragraph', () => {
    const text = 'Peskov said “the talks were useful.\n\nIn other news, markets rose sharply on Friday after the announcement.';
    const report = run(text);
    const para1End = text.indexOf('\n\n');
    for (const st of report.statements) expect(st.end).toBeLessThanOrEqual(para1End);
  });

  it('does not give a quote to the addressee named after the verb', () => {
    const text = 'Hegseth, speaking to Zelenskiy in Brussels, said: “Europe has to lead now.”';
    expect(statementWith(text, 'Europe has to lead now').speaker).toBe('hegseth');
  });

  it('ignores names inside the quote when looking for the speaker', () => {
    const text = '“Putin will have obtained what he wanted,” Berzina said.';
    expect(statementWith(text, 'obtained what he wanted').speaker).toBe('berzina');
  });

  it('adds a speaker the lexicon does not know, marked as not in the lexicon', () => {
    const report = run('“We are ready to talk,” said Marco Rubio, the secretary of state.');
    const st = report.statements.find((s) => s.text.includes('ready to talk'))!;
    const speaker = report.speakers.find((s) => s.id === st.speaker)!;
    expect(speaker.name).toBe('Marco Rubio');
    expect(speaker.inLexicon).toBe(false);
    // and later mentions of the surname alone are the same person
    const later = run('“We are ready to talk,” said Marco Rubio. “It went well,” Rubio added.');
    const ids = new Set(later.statements.map((s) => s.speaker));
    expect(ids.size).toBe(1);
  });

  it('says "unattributed" rather than guess when the pronoun has no antecedent', () => {
    const st = statementWith('“The borders will not go back to 2014,” he said.', 'borders will not go back');
    expect(st.speaker).toBeNull();
  });

  it('keeps names split over a line break together', () => {
    const text = 'The Ukrainian president, Volodymyr\nZelenskiy, told reporters: “We need guarantees.”';
    expect(statementWith(text, 'We need guarantees').speaker).toBe('zelenskiy');
  });

  it('gives a shared surname to the person named most recently, and to nobody when none was', () => {
    expect(statementWith('Senator Lindsey Graham spoke first. “We must arm Ukraine,” Graham said.', 'arm Ukraine').speaker).toBe('lindsey-graham');
    expect(statementWith('Thomas Graham was asked about it. “It is a recognition of reality,” Graham said.', 'recognition of reality').speaker).toBe('graham');
    const st = statementWith('“It is a recognition of reality,” Graham said.', 'recognition of reality');
    expect(st.speaker).toBeNull();
    expect(st.attributionNote).toMatch(/several people/);
  });

  it('links "the statement says" to the group statement named before', () => {
    const text =
      'France, Germany, Italy, Poland, the UK, Spain and the European Union met in Paris.\n\n“Ukraine and Europe must be part of any talks,” the statement says.';
    const st = statementWith(text, 'part of any talks');
    expect(st.speaker).toBe('european-joint-statement');
    expect(st.attribution).toBe('group');
  });

  it('resolves "the secretary said" to the one person with that title named just before', () => {
    const text = 'Defense Secretary Pete Hegseth arrived in Warsaw on Friday.\n\n“Poland understands hard power,” the secretary said.';
    const st = statementWith(text, 'Poland understands');
    expect(st.speaker).toBe('hegseth');
    expect(st.attribution).toBe('title');
  });

  it('leaves "the president said" unattributed when two presidents were named', () => {
    const st = statementWith('Trump met Zelenskiy on Friday. “We will see what happens next,” the president said.', 'what happens next');
    expect(st.speaker).toBeNull();
  });
});

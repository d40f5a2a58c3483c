/** Stance from the words, with evidence: seed quotes found again, cues with negation. */
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.ts';
import { bundledLexicon } from '../lexicon/bundled.ts';

function only(text: string) {
  const r = analyze(text, bundledLexicon, { source: 'fixture' });
  expect(r.statements.length).toBeGreaterThan(0);
  return r.statements[0]!;
}

describe('stance', () => {
  it('carries the curated label of a seed quote found verbatim, with the seed as evidence', () => {
    const st = only('Bacon warned of “consequences of rewarding the invader,” according to his post.');
    expect(st.stance).toBe('pro-ukraine');
    expect(st.seedMatch).toBe('verbatim');
    expect(st.evidence[0]).toMatchObject({ kind: 'seed-quote', seedSpeaker: 'bacon' });
  });

  it('recognises a reworded seed quote as altered and shows the word difference', () => {
    const st = only('“In every negotiation, Europe must play a central role,” Kallas said.');
    expect(st.seedMatch).toBe('altered');
    const flag = st.flags.find((f) => f.kind === 'altered-quote')!;
    expect(flag.diff!.filter((d) => d.op !== 'same').map((d) => `${d.op}:${d.text}`)).toEqual(expect.arrayContaining(['removed:any', 'added:every']));
  });

  it('flags a seed quote given to another speaker than in the seed', () => {
    const st = only('“It sounds like abandoning Ukraine,” Trump said.');
    expect(st.speaker).toBe('trump');
    expect(st.flags.map((f) => f.kind)).toContain('misattributed');
  });

  it('judges new quotes by cue phrases', () => {
    expect(only('“Russia is the aggressor,” Kallas said.').stance).toBe('pro-ukraine');
    expect(only('“The Kyiv regime does not want peace,” Peskov said.').stance).toBe('contra-ukraine');
  });

  it('handles negation per cue: "will not abandon Ukraine" stays pro, "no security guarantees" flips', () => {
    expect(only('“We will not abandon Ukraine,” Kallas said.').stance).toBe('pro-ukraine');
    const st = only('“I am not going to give security guarantees,” Trump said.');
    expect(st.stance).toBe('contra-ukraine');
    expect(st.evidence.some((e) => e.kind === 'cue' && e.negated)).toBe(true);
  });

  it('answers unknown when no cue applies', () => {
    const st = only('“We had a very good lunch,” Trump said.');
    expect(st.stance).toBe('unknown');
    expect(st.evidence).toEqual([]);
  });

  it('never takes stance from the speaker: the same words get the same label whoever says them', () => {
    const a = only('“Russia is the aggressor,” Peskov said.');
    const b = only('“Russia is the aggressor,” Zelenskiy said.');
    expect(a.stance).toBe(b.stance);
  });

  it('summarises each speaker, mixed when both sides occur', () => {
    const r = analyze('“Russia is the aggressor,” Trump said. “The Kyiv regime must go,” Trump added later.', bundledLexicon, { source: 'x' });
    expect(r.speakers.find((s) => s.id === 'trump')!.overall).toBe('mixed');
  });
});

describe('cue prefixes', () => {
  it('a prefix of any length matches the words it starts (an imported lexicon may use a short one)', async () => {
    const { StanceJudge } = await import('./stance.ts');
    const edit = (prefix: string) => ({
      ...bundledLexicon,
      statements: [],
      cues: bundledLexicon.cues.filter((c) => c.phrase.startsWith('abandon*')).map((c) => ({ ...c, slots: [[prefix], ...c.slots.slice(1)] })),
    });
    for (const prefix of ['abandon*', 'aba*', 'ab*', 'a*']) {
      const cues = new StanceJudge(edit(prefix)).cues('Europe would never abandon Ukraine, she said.');
      expect(
        cues.map((c) => c.match),
        prefix,
      ).toEqual(['abandon Ukraine']);
    }
    expect(new StanceJudge(edit('ab*')).cues('Europe would never leave Ukraine.')).toEqual([]);
  });
});

/**
 * The seed article itself: every direct quote and reported statement, attributed to
 * the right speaker, with the curated stance. The table is written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.ts';
import { bundledLexicon } from '../lexicon/bundled.ts';
import { SEED_SPEAKERS, SEED_TEXT } from '../../test/support/seed-article.ts';

const report = analyze(SEED_TEXT, bundledLexicon, { source: 'seed' });

// [speaker, kind, the statement starts with, stance]
const expected: Array<[string | null, 'direct' | 'reported', string, string]> = [
  ['trump', 'direct', 'lengthy and highly productive phone call', 'neutral'],
  ['trump', 'reported', 'their teams would start negotiations immediately', 'neutral'],
  ['trump', 'direct', 'not-too-distant future', 'neutral'],
  ['hegseth', 'reported', 'the US wouldn’t contribute troops to secure a peace', 'contra-ukraine'],
  ['hegseth', 'reported', 'eventual NATO membership for Ukraine unrealistic', 'contra-ukraine'],
  ['hegseth', 'reported', 'Ukraine would probably have to accept the loss of some territory', 'contra-ukraine'],
  ['hegseth', 'reported', 'the US remains committed to Ukraine’s sovereignty and to NATO', 'pro-ukraine'],
  ['hegseth', 'direct', 'step into the arena', 'neutral'],
  ['european-joint-statement', 'reported', 'Ukraine and Europe must be part of negotiations', 'pro-ukraine'],
  ['european-joint-statement', 'reported', 'A just and lasting peace is a necessary condition', 'neutral'],
  ['kallas', 'direct', 'In any negotiation, Europe must have a central role', 'neutral'],
  ['bacon', 'direct', 'consequences of rewarding the invader', 'pro-ukraine'],
  ['trump', 'reported', 'he planned to send more aid to Ukraine', 'pro-ukraine'],
  ['trump', 'direct', 'I think some of it will come back', 'neutral'],
  ['trump', 'direct', 'I’m just here to try and get peace', 'neutral'],
  ['trump', 'direct', 'I don’t care so much about anything other than', 'neutral'],
  [null, 'direct', 'Nothing about Ukraine without Ukraine', 'pro-ukraine'],
  ['zelenskiy', 'direct', 'we are charting our next steps to stop Russian aggression', 'pro-ukraine'],
  ['trump', 'direct', 'poll numbers aren’t particularly great', 'contra-ukraine'],
  ['trump', 'reported', 'he would provide Ukraine', 'pro-ukraine'],
  ['landsbergis', 'direct', 'sounds like abandoning Ukraine', 'pro-ukraine'],
  ['wallace', 'direct', 'President after president knew', 'pro-ukraine'],
  ['wallace', 'direct', 'It seems Trump thinks he knows better', 'pro-ukraine'],
  ['trump', 'reported', 'he’d seek a speedy end to the war', 'neutral'],
  ['berzina', 'direct', 'If the US is promising Russia that Ukraine can never join NATO', 'pro-ukraine'],
  ['berzina', 'direct', 'This would be giving Putin what he wants', 'pro-ukraine'],
  ['peskov', 'reported', 'Putin invited Trump to visit Moscow', 'neutral'],
  ['zelenskiy', 'reported', 'he talked with Trump for about an hour', 'neutral'],
  ['trump', 'direct', 'would have never started', 'neutral'],
  ['graham', 'direct', 'It’s quite clear that the United States is not going to war', 'neutral'],
  ['graham', 'direct', 'it will be critical that there be a Russia-US channel', 'neutral'],
];

describe('the seed article', () => {
  it.each(expected)('%s: %s “%s”', (speaker, kind, start, stance) => {
    const st = report.statements.find((s) => s.text.startsWith(start));
    expect(st, `no statement starting "${start}"`).toBeDefined();
    expect(st!.speaker).toBe(speaker);
    expect(st!.kind).toBe(kind);
    expect(st!.stance).toBe(stance);
  });

  it('finds every seed speaker and no unknown speaker', () => {
    const ids = report.speakers.filter((s) => s.stance['pro-ukraine'] + s.stance['contra-ukraine'] + s.stance.neutral + s.stance.unknown > 0).map((s) => s.id);
    for (const id of SEED_SPEAKERS) expect(ids).toContain(id);
    expect(report.speakers.every((s) => s.inLexicon)).toBe(true);
  });

  it('recognises every seed quote as verbatim and flags none of them', () => {
    for (const st of report.statements.filter((s) => s.kind === 'direct' && s.speaker)) {
      expect(st.seedMatch, st.text).toBe('verbatim');
      expect(st.flags, st.text).toEqual([]);
    }
  });

  it('gives Trump a mixed overall stance and Hegseth a mixed one (pro sovereignty, contra on NATO)', () => {
    const trump = report.speakers.find((s) => s.id === 'trump')!;
    expect(trump.overall).toBe('mixed');
    expect(report.speakers.find((s) => s.id === 'bacon')!.overall).toBe('pro-ukraine');
  });

  it('maps every statement back to the words of the text', () => {
    for (const st of report.statements) expect(SEED_TEXT.slice(st.start, st.end)).toBe(st.text);
  });
});

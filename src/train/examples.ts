/** Labelled rows → the model's examples, computed by the engine's own feature code. */
import { StanceJudge } from '../engine/stance.ts';
import type { CompiledLexicon } from '../lexicon/types.ts';
import type { LabelledRow } from './rows.ts';
import { classIndex, type Example } from './learn.ts';

export function examplesOf(rows: LabelledRow[], judge: StanceJudge): Example[] {
  return rows.map((r) => ({
    features: judge.modelFeatures(r.quote),
    y: classIndex(r.stance),
    weight: 1,
    group: r.outlet || r.id,
  }));
}

/**
 * The lexicon's curated seed quotes as examples too (our own labels): the words of the
 * seed's week, read by the model as well as matched by the seed step.
 */
export function seedExamples(lexicon: CompiledLexicon, judge: StanceJudge, weight: number): Example[] {
  return lexicon.statements.map((s) => ({ features: judge.modelFeatures(s.text), y: classIndex(s.stance), weight, group: 'seed' }));
}

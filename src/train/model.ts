/**
 * Training a stance model from labelled rows: out-of-fold scores by outlet for the
 * temperature and the thresholds, then the weights on every row. Used by
 * `npm run train` and by `npm run eval` (which trains on one side of an outlet split
 * and measures on the other).
 */
import { MODEL_CLASSES, MODEL_FORMAT, MODEL_VERSION, round, softmax, type ModelFile } from '../engine/model/classifier.ts';
import { FEATURE_SET } from '../engine/model/features.ts';
import { StanceJudge } from '../engine/stance.ts';
import type { CompiledLexicon } from '../lexicon/types.ts';
import type { LabelledRow } from './rows.ts';
import { examplesOf, seedExamples } from './examples.ts';
import { chooseThreshold, fit, fitTemperature, outOfFold, type LearnOptions, type Scored } from './learn.ts';

export interface TrainOptions extends LearnOptions {
  folds: number;
  /** weight of each curated seed quote */
  seedWeight: number;
  /** precision the labels must keep on held-out rows */
  precision: { polar: number; neutral: number; none: number };
}

export const TRAIN_DEFAULTS: TrainOptions = {
  l2: 1e-3,
  epochs: 30,
  rate: 0.05,
  seed: 1,
  minCount: 2,
  folds: 5,
  seedWeight: 2,
  precision: { polar: 0.9, neutral: 0.6, none: 0.8 },
};

const SCALE = 1000;

export interface Reliability {
  from: number;
  to: number;
  n: number;
  meanConfidence: number;
  accuracy: number;
}

/** Predicted confidence of the top class, binned, against how often it was right. */
export function reliability(scored: Scored[], edges = [0.25, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001]): Reliability[] {
  const out: Reliability[] = [];
  for (let b = 0; b < edges.length - 1; b++) {
    const bin = scored.filter((r) => r.p >= edges[b]! && r.p < edges[b + 1]!);
    out.push({
      from: edges[b]!,
      to: Math.min(1, edges[b + 1]!),
      n: bin.length,
      meanConfidence: round(bin.reduce((a, r) => a + r.p, 0) / Math.max(1, bin.length), 3),
      accuracy: round(bin.filter((r) => r.top === r.y).length / Math.max(1, bin.length), 3),
    });
  }
  return out;
}

export function scoredOf(s: Float64Array[], y: number[], temperature: number): Scored[] {
  return s.map((si, i) => {
    const p = softmax(si, temperature);
    let top = 0;
    for (let c = 1; c < p.length; c++) if (p[c]! > p[top]!) top = c;
    return { top, p: p[top]!, y: y[i]! };
  });
}

/** Rounded up: a threshold stored shorter must not let in what the exact one kept out. */
function ceil4(x: number): number {
  return Math.min(1, Math.ceil(x * 10_000 - 1e-9) / 10_000);
}

function periodOf(rows: LabelledRow[]): { from: string; to: string } {
  const dates = rows
    .map((r) => r.date)
    .filter(Boolean)
    .sort();
  return { from: dates[0] ?? '', to: dates[dates.length - 1] ?? '' };
}

export function trainModel(rows: LabelledRow[], lexicon: CompiledLexicon, opts: TrainOptions = TRAIN_DEFAULTS, id = 'stance-lr'): ModelFile {
  const judge = new StanceJudge(lexicon);
  const corpus = examplesOf(rows, judge);
  const seeds = opts.seedWeight > 0 ? seedExamples(lexicon, judge, opts.seedWeight) : [];
  const all = [...corpus, ...seeds];
  // held-out scores: every row scored by a model that never saw its outlet
  const oof = outOfFold(all, opts.folds, opts).slice(0, corpus.length);
  const y = corpus.map((e) => e.y);
  const temperature = fitTemperature(oof, y);
  const scored = scoredOf(oof, y, temperature);
  const thresholds = {
    polar: ceil4(chooseThreshold(scored, [0, 1], opts.precision.polar)),
    neutral: ceil4(chooseThreshold(scored, [2], opts.precision.neutral)),
    none: ceil4(chooseThreshold(scored, [3], opts.precision.none)),
  };
  const m = fit(all, opts);
  const K = MODEL_CLASSES.length;
  const vocab: string[] = [];
  const weights: number[] = [];
  m.vocab.forEach((key, i) => {
    const row = Array.from({ length: K }, (_, c) => Math.round(m.w[i * K + c]! * SCALE));
    if (row.every((v) => v === 0)) return;
    vocab.push(key);
    weights.push(...row);
  });
  const counts = Object.fromEntries(MODEL_CLASSES.map((c, i) => [c, y.filter((v) => v === i).length]));
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    featureSet: FEATURE_SET,
    id,
    classes: [...MODEL_CLASSES],
    scale: SCALE,
    temperature,
    thresholds,
    bias: Array.from(m.bias, (b) => Math.round(b * SCALE)),
    vocab,
    weights,
    training: {
      rows: corpus.length,
      seedQuotes: seeds.length,
      classes: counts,
      period: periodOf(rows),
      outlets: new Set(rows.map((r) => r.outlet)).size,
      lexicon: `${lexicon.id}@${lexicon.version}`,
      options: {
        l2: opts.l2,
        epochs: opts.epochs,
        rate: opts.rate,
        seed: opts.seed,
        minCount: opts.minCount,
        folds: opts.folds,
        seedWeight: opts.seedWeight,
        precision: opts.precision,
      },
      heldOut: { method: `${opts.folds}-fold out-of-fold by outlet`, reliability: reliability(scored) },
    },
  };
}

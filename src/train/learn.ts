/**
 * The learner behind `npm run train`: a multinomial logistic regression with L2,
 * fitted by AdaGrad over seeded shuffles (same rows, same seed → same weights), its
 * temperature fitted on held-out probabilities, its thresholds chosen on them.
 */
import type { Feature } from '../engine/model/features.ts';
import { MODEL_CLASSES, softmax, type ModelClass } from '../engine/model/classifier.ts';

export interface Example {
  features: Feature[];
  y: number;
  weight: number;
  /** the group it belongs to (its outlet): no group is on both sides of a split */
  group: string;
}

export interface LearnOptions {
  l2: number;
  epochs: number;
  rate: number;
  seed: number;
  minCount: number;
}

export const DEFAULTS: LearnOptions = { l2: 1e-4, epochs: 30, rate: 0.2, seed: 1, minCount: 2 };

export interface Weights {
  vocab: string[];
  index: Map<string, number>;
  /** vocab.length × K, row-major */
  w: Float64Array;
  bias: Float64Array;
}

const K = MODEL_CLASSES.length;

export function classIndex(c: ModelClass): number {
  return MODEL_CLASSES.indexOf(c);
}

/** A small seeded generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Features seen in at least `minCount` examples, in sorted order. */
export function vocabulary(examples: Example[], minCount: number): string[] {
  const df = new Map<string, number>();
  for (const ex of examples) for (const f of ex.features) df.set(f.key, (df.get(f.key) ?? 0) + 1);
  return [...df]
    .filter(([, n]) => n >= minCount)
    .map(([k]) => k)
    .sort();
}

export function fit(examples: Example[], opts: LearnOptions = DEFAULTS): Weights {
  const vocab = vocabulary(examples, opts.minCount);
  const index = new Map(vocab.map((k, i) => [k, i]));
  const w = new Float64Array(vocab.length * K);
  const g2 = new Float64Array(vocab.length * K).fill(1e-8);
  const bias = new Float64Array(K);
  const bg2 = new Float64Array(K).fill(1e-8);
  const rows = examples.map((ex) => ({
    ids: ex.features
      .map((f) => index.get(f.key))
      .map((i, j) => [i, ex.features[j]!.value] as const)
      .filter((p): p is readonly [number, number] => p[0] !== undefined),
    y: ex.y,
    weight: ex.weight,
  }));
  const order = rows.map((_, i) => i);
  const random = rng(opts.seed);
  const s = new Float64Array(K);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const r of order) {
      const row = rows[r]!;
      s.set(bias);
      for (const [f, v] of row.ids) for (let c = 0; c < K; c++) s[c]! += v * w[f * K + c]!;
      const p = softmax(s);
      for (let c = 0; c < K; c++) {
        const err = row.weight * (p[c]! - (c === row.y ? 1 : 0));
        bg2[c]! += err * err;
        bias[c]! -= (opts.rate * err) / Math.sqrt(bg2[c]!);
        for (const [f, v] of row.ids) {
          const at = f * K + c;
          const grad = err * v + opts.l2 * w[at]!;
          g2[at]! += grad * grad;
          w[at]! -= (opts.rate * grad) / Math.sqrt(g2[at]!);
        }
      }
    }
  }
  return { vocab, index, w, bias };
}

export function scores(m: Weights, features: Feature[]): Float64Array {
  const s = Float64Array.from(m.bias);
  for (const f of features) {
    const i = m.index.get(f.key);
    if (i === undefined) continue;
    for (let c = 0; c < K; c++) s[c]! += f.value * m.w[i * K + c]!;
  }
  return s;
}

/** Deterministic fold of a group (FNV-1a of its name). */
export function foldOf(group: string, folds: number, salt = 0): number {
  let h = 0x811c9dc5 ^ salt;
  for (let i = 0; i < group.length; i++) h = Math.imul(h ^ group.charCodeAt(i), 0x01000193);
  return (h >>> 0) % folds;
}

/** Out-of-fold scores: each example scored by a model that saw none of its group. */
export function outOfFold(examples: Example[], folds: number, opts: LearnOptions, heldOut?: (ex: Example) => boolean): Float64Array[] {
  const out: Float64Array[] = new Array(examples.length);
  for (let k = 0; k < folds; k++) {
    const trainSet = examples.filter((ex) => foldOf(ex.group, folds) !== k && !(heldOut?.(ex) ?? false));
    const m = fit(trainSet, opts);
    examples.forEach((ex, i) => {
      if (foldOf(ex.group, folds) === k) out[i] = scores(m, ex.features);
    });
  }
  return out;
}

/** The temperature that minimises the negative log-likelihood of held-out scores. */
export function fitTemperature(s: Float64Array[], y: number[]): number {
  let best = 1;
  let bestLoss = Infinity;
  for (let t = 0.3; t <= 4.0001; t += 0.05) {
    let loss = 0;
    s.forEach((si, i) => {
      loss -= Math.log(Math.max(1e-12, softmax(si, t)[y[i]!]!));
    });
    if (loss < bestLoss) {
      bestLoss = loss;
      best = Math.round(t * 100) / 100;
    }
  }
  return best;
}

export interface Scored {
  top: number;
  p: number;
  y: number;
}

/**
 * The least threshold at which the labels of `classes` keep `precision` on held-out
 * rows: the most they can say while being right that often. 1 when no threshold does.
 */
export function chooseThreshold(scored: Scored[], classes: number[], precision: number, minimum = 0.34): number {
  const cand = scored.filter((r) => classes.includes(r.top)).sort((a, b) => b.p - a.p);
  let right = 0;
  let best = 1;
  cand.forEach((r, i) => {
    if (r.top === r.y) right++;
    // ties: only where the next row's probability is lower can a threshold stop here
    if (right / (i + 1) >= precision && (i === cand.length - 1 || cand[i + 1]!.p < r.p)) best = r.p;
  });
  return Math.max(minimum, best);
}

/**
 * The stance model: a multinomial logistic regression over the features of
 * ./features.ts, its probabilities calibrated by a temperature, abstaining below
 * thresholds chosen on held-out data (src/train/, run by `npm run train`, writes all of it).
 *
 * Pure TypeScript: the CLI, the tests and the extension run this same code on the
 * same model file (src/lexicon/stance.model.json). A file that does not fit this code
 * is refused with a message, never half-read.
 */
import { foldString } from '../../text/normalize.ts';
import { isObject, LABELLED_STANCES } from '../../vocab/vocab.ts';
import type { LabelledStance } from '../../vocab/vocab.ts';
import { STOPWORDS } from '../../text/wordlists.ts';
import { FEATURE_SET, featuresOf, type CueHit, type Feature } from './features.ts';

/** What the model tells apart; `none` is "not about the war" (no stance on Ukraine). */
export const MODEL_CLASSES = [...LABELLED_STANCES, 'none'] as const;
export type ModelClass = (typeof MODEL_CLASSES)[number];

export const MODEL_FORMAT = 'stance-lens-model';
export const MODEL_VERSION = 1;

/** The model file, as written by `npm run train`. */
export interface ModelFile {
  format: typeof MODEL_FORMAT;
  version: number;
  featureSet: string;
  id: string;
  classes: ModelClass[];
  /** weights are stored as integers: weight = value / scale */
  scale: number;
  /** probabilities = softmax(scores / temperature) */
  temperature: number;
  /** least calibrated probability for each label; below it the model abstains */
  thresholds: { polar: number; neutral: number; none: number };
  bias: number[];
  /** feature keys; their weights are `weights[i * classes.length + c]` */
  vocab: string[];
  weights: number[];
  /** how it was made: shown by the model card and the options page */
  training: Record<string, unknown>;
}

export interface Term {
  /** the words behind the feature */
  text: string;
  start: number;
  end: number;
  /** the side these words push towards */
  toward: ModelClass;
  /** how much they push (difference of scores, after temperature) */
  weight: number;
}

export interface Prediction {
  /** most probable class */
  top: ModelClass;
  probability: number;
  /** the runner-up class and its probability */
  second: ModelClass;
  secondProbability: number;
  /** the label given: `null` when the model abstains */
  label: LabelledStance | 'none' | null;
  /** the threshold the top class had to reach (rounded up to two places, as the probability is rounded to two) */
  threshold: number;
  probabilities: Record<ModelClass, number>;
  /**
   * words that decided it, most weight first (at most five), then words that pushed the
   * other way (at most two); words that are all stop words ("of the") are not shown
   */
  terms: Term[];
}

export class ModelError extends Error {}

/** A model ready to use: weights by feature key. */
export class StanceModel {
  readonly id: string;
  readonly file: ModelFile;
  private readonly w = new Map<string, Float64Array>();
  private readonly bias: Float64Array;

  constructor(file: unknown) {
    const m = checkModel(file);
    this.file = m;
    this.id = m.id;
    const k = m.classes.length;
    this.bias = Float64Array.from(m.bias, (b) => b / m.scale);
    m.vocab.forEach((key, i) => {
      const row = new Float64Array(k);
      for (let c = 0; c < k; c++) row[c] = m.weights[i * k + c]! / m.scale;
      this.w.set(key, row);
    });
  }

  /** Class scores of a feature list (before temperature). */
  private scores(features: readonly Feature[]): Float64Array {
    const s = Float64Array.from(this.bias);
    for (const f of features) {
      const row = this.w.get(f.key);
      if (!row) continue;
      for (let c = 0; c < s.length; c++) s[c]! += f.value * row[c]!;
    }
    return s;
  }

  predictFeatures(features: readonly Feature[], text: string): Prediction {
    const m = this.file;
    const s = this.scores(features);
    const p = softmax(s, m.temperature);
    let top = 0;
    for (let c = 1; c < p.length; c++) if (p[c]! > p[top]!) top = c;
    let second = top === 0 ? 1 : 0;
    for (let c = 0; c < p.length; c++) if (c !== top && p[c]! > p[second]!) second = c;
    const topClass = m.classes[top]!;
    const exact = topClass === 'neutral' ? m.thresholds.neutral : topClass === 'none' ? m.thresholds.none : m.thresholds.polar;
    // decided on the figures a reader sees: the probability to two places, the threshold
    // rounded up to two places, so "0.77, needs 0.77" is never left unknown
    const threshold = Math.ceil(exact * 100 - 1e-9) / 100;
    const probability = round(p[top]!, 2);
    const probabilities = Object.fromEntries(m.classes.map((c, i) => [c, round(p[i]!, 4)])) as Record<ModelClass, number>;
    return {
      top: topClass,
      probability,
      second: m.classes[second]!,
      secondProbability: round(p[second]!, 4),
      label: probability >= threshold ? topClass : null,
      threshold,
      probabilities,
      terms: this.explain(features, text, top, second),
    };
  }

  predict(text: string, cues: readonly CueHit[] = []): Prediction {
    return this.predictFeatures(featuresOf(text, cues), text);
  }

  /**
   * The words behind the decision between the top class and the runner-up: each
   * feature's share of the score difference, summed over features of the same words.
   */
  private explain(features: readonly Feature[], text: string, top: number, second: number): Term[] {
    const m = this.file;
    const bySpan = new Map<string, { start: number; end: number; weight: number }>();
    for (const f of features) {
      const row = this.w.get(f.key);
      if (!row || f.end <= f.start) continue;
      const d = (f.value * (row[top]! - row[second]!)) / m.temperature;
      const key = `${f.start}:${f.end}`;
      const t = bySpan.get(key);
      if (t) t.weight += d;
      else bySpan.set(key, { start: f.start, end: f.end, weight: d });
    }
    const spans = [...bySpan.values()].filter((t) => Math.abs(t.weight) >= 0.05);
    const pro = spans.filter((t) => t.weight > 0).sort(byWeight);
    const con = spans.filter((t) => t.weight < 0).sort(byWeight);
    const terms: Term[] = [];
    // a word already shown inside a longer shown phrase is not shown again
    const shown: Array<[number, number]> = [];
    const take = (list: typeof spans, n: number, toward: ModelClass) => {
      let k = 0;
      for (const t of list) {
        if (k >= n) break;
        // "of", "the", "we": real weight, but nothing a reader can check; content words are shown
        if (onlyStopwords(text.slice(t.start, t.end))) continue;
        if (shown.some(([a, b]) => t.start < b && t.end > a)) continue;
        shown.push([t.start, t.end]);
        terms.push({ text: text.slice(t.start, t.end), start: t.start, end: t.end, toward, weight: round(Math.abs(t.weight), 2) });
        k++;
      }
    };
    take(pro, 5, m.classes[top]!);
    take(con, 2, m.classes[second]!);
    return terms;
  }
}

function onlyStopwords(words: string): boolean {
  return foldString(words)
    .split(/[^\p{L}\p{N}']+/u)
    .every((w) => w === '' || STOPWORDS.has(w));
}

function byWeight(a: { weight: number; start: number }, b: { weight: number; start: number }): number {
  return Math.abs(b.weight) - Math.abs(a.weight) || a.start - b.start;
}

export function softmax(s: ArrayLike<number>, temperature = 1): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < s.length; i++) max = Math.max(max, s[i]! / temperature);
  const e = new Float64Array(s.length);
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    e[i] = Math.exp(s[i]! / temperature - max);
    sum += e[i]!;
  }
  for (let i = 0; i < e.length; i++) e[i]! /= sum;
  return e;
}

/** x to `digits` decimal places (the figures reports carry). */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

const isProbability = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1;

/**
 * Checks a model file against this code: its format, version, feature set, classes
 * and the size of its tables. Throws a ModelError that says what is wrong and what to do.
 */
export function checkModel(file: unknown): ModelFile {
  const fail = (what: string): never => {
    throw new ModelError(`stance model: ${what} — train it again with this version (\`stance-lens train\`, or \`npm run train\` for the bundled model)`);
  };
  if (!isObject(file)) return fail('not a model file (expected a JSON object)');
  if (file.format !== MODEL_FORMAT) return fail(`format is ${JSON.stringify(file.format)}, expected "${MODEL_FORMAT}"`);
  if (file.version !== MODEL_VERSION) return fail(`version ${JSON.stringify(file.version)}, this code reads version ${MODEL_VERSION}`);
  if (file.featureSet !== FEATURE_SET) return fail(`made for the features "${String(file.featureSet)}", this code computes "${FEATURE_SET}"`);
  if (typeof file.id !== 'string' || !file.id) return fail('no id');
  const classes = file.classes;
  if (!Array.isArray(classes) || classes.length !== MODEL_CLASSES.length || classes.some((c, i) => c !== MODEL_CLASSES[i])) {
    return fail(`classes ${JSON.stringify(classes)}, expected ${JSON.stringify(MODEL_CLASSES)}`);
  }
  const k = classes.length;
  const known = new Set(['format', 'version', 'featureSet', 'id', 'classes', 'scale', 'temperature', 'thresholds', 'bias', 'vocab', 'weights', 'training']);
  const unknown = Object.keys(file).filter((key) => !known.has(key));
  if (unknown.length > 0) return fail(`unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => JSON.stringify(u)).join(', ')}`);
  if (typeof file.scale !== 'number' || !Number.isFinite(file.scale) || file.scale < 1) return fail('scale must be a finite number ≥ 1');
  if (typeof file.temperature !== 'number' || !Number.isFinite(file.temperature) || file.temperature < 0.05 || file.temperature > 100) {
    return fail('temperature must be a number between 0.05 and 100');
  }
  const th = file.thresholds;
  if (!isObject(th) || !isProbability(th.polar) || !isProbability(th.neutral) || !isProbability(th.none)) {
    return fail('thresholds must be probabilities {polar, neutral, none}');
  }
  // weights beyond ±1000 (after scale) are no trained model: they would overflow the scores
  const limit = 1000 * file.scale;
  const ints = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => Number.isInteger(x) && Math.abs(x as number) <= limit);
  if (!ints(file.bias) || file.bias.length !== k) return fail(`bias must hold ${k} integers within ±${limit}`);
  if (!Array.isArray(file.vocab) || file.vocab.some((x) => typeof x !== 'string')) return fail('vocab must be a list of feature keys');
  if (new Set(file.vocab).size !== file.vocab.length) return fail('vocab repeats a feature key');
  if (!ints(file.weights)) return fail(`weights must be integers within ±${limit}`);
  if (file.weights.length !== file.vocab.length * k) {
    return fail(`${file.weights.length} weights for ${file.vocab.length} features × ${k} classes (expected ${file.vocab.length * k})`);
  }
  if (!isObject(file.training)) return fail('training record missing');
  return file as unknown as ModelFile;
}

/** A model file read: the model, or why it was refused (the engine then judges without it). */
export type LoadedModel = { model: StanceModel; error?: undefined } | { model: null; error: string };

export function loadModel(file: unknown): LoadedModel {
  try {
    return { model: new StanceModel(file) };
  } catch (e) {
    if (e instanceof ModelError) return { model: null, error: e.message };
    throw e;
  }
}

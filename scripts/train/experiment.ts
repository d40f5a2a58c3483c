/**
 * `npx tsx scripts/train/experiment.ts ['{"l2":1e-3}']` (env DROP=b:,x: to leave feature groups out)
 * Compare settings: out-of-fold by outlet, a later period (trained before 2024-07), the devset (measured only). */
import { MODEL_CLASSES } from '../../src/engine/model/classifier.ts';
import { StanceJudge } from '../../src/engine/stance.ts';
import { bundledLexicon } from '../../src/lexicon/bundled.ts';
import { readCorpus, readRows } from './corpus.ts';
import { examplesOf, seedExamples } from '../../src/train/examples.ts';
import { chooseThreshold, fit, fitTemperature, outOfFold, scores } from '../../src/train/learn.ts';
import { TRAIN_DEFAULTS, scoredOf } from '../../src/train/model.ts';

const judge = new StanceJudge(bundledLexicon);
const rows = readCorpus('../shared/stance-corpus');
const dev = readRows('../shared/devset/cases.jsonl');
const o = { ...TRAIN_DEFAULTS, ...JSON.parse(process.argv[2] ?? '{}') };

function report(name: string, s: Float64Array[], y: number[], T: number, tPolar: number, tNeutral: number) {
  const sc = scoredOf(s, y, T);
  let tp = 0,
    pred = 0,
    flips = 0,
    nRight = 0,
    nPred = 0;
  const gold = y.filter((v) => v <= 1).length,
    nGold = y.filter((v) => v === 2).length;
  const conf = MODEL_CLASSES.map(() => MODEL_CLASSES.map(() => 0));
  for (const r of sc) {
    conf[r.y]![r.top]!++;
    if (r.top <= 1 && r.p >= tPolar) {
      pred++;
      if (r.top === r.y) tp++;
      else if (r.y <= 1) flips++;
    }
    if (r.top === 2 && r.p >= tNeutral) {
      nPred++;
      if (r.y === 2) nRight++;
    }
  }
  const f1 = MODEL_CLASSES.map((_, c) => {
    const t = conf[c]![c]!;
    const P =
      t /
      Math.max(
        1,
        conf.reduce((a, r) => a + r[c]!, 0),
      );
    const R =
      t /
      Math.max(
        1,
        conf[c]!.reduce((a, b) => a + b, 0),
      );
    return P + R ? (2 * P * R) / (P + R) : 0;
  });
  // recall at fixed precision 0.8 and 0.85 (ranking quality, threshold-free)
  const polar = sc.filter((r) => r.top <= 1).sort((a, b) => b.p - a.p);
  const at = (P: number) => {
    let right = 0,
      best = 0;
    polar.forEach((r, i) => {
      if (r.top === r.y) right++;
      if (right / (i + 1) >= P) best = right / gold;
    });
    return best.toFixed(3);
  };
  console.log(
    `  ${name.padEnd(7)} macroF1 ${(f1.reduce((a, b) => a + b) / 4).toFixed(3)} | polar P ${(tp / Math.max(1, pred)).toFixed(3)} R ${(tp / gold).toFixed(3)} flips ${flips} | R@P.8 ${at(0.8)} R@P.85 ${at(0.85)} | neutral R ${(nRight / nGold).toFixed(3)} P ${(nRight / Math.max(1, nPred)).toFixed(3)}`,
  );
}

// DROP=b:,n: leaves those feature groups out, to measure what each one earns
const drop = (process.env.DROP ?? '').split(',').filter(Boolean);
const keep = <T extends { features: Array<{ key: string }> }>(e: T): T => ({
  ...e,
  features: e.features.filter((f) => !drop.some((d) => f.key.startsWith(d))),
});
const ex = examplesOf(rows, judge).map(keep);
const all = [...ex, ...seedExamples(bundledLexicon, judge, o.seedWeight).map(keep)];
const oof = outOfFold(all, o.folds, o).slice(0, ex.length);
const y = ex.map((e) => e.y);
const T = fitTemperature(oof, y);
const sc = scoredOf(oof, y, T);
const tP = chooseThreshold(sc, [0, 1], o.precision.polar),
  tN = chooseThreshold(sc, [2], o.precision.neutral);
console.log(`T=${T} tPolar=${tP.toFixed(3)} tNeutral=${tN.toFixed(3)}`);
report('cv', oof, y, T, tP, tN);
const early = all.filter((_, i) => i >= rows.length || rows[i]!.date < '2024-07');
const lateIdx = rows
  .map((r, i) => [r, i] as const)
  .filter(([r]) => r.date >= '2024-07')
  .map(([, i]) => i);
const mE = fit(early, o);
report(
  'later',
  lateIdx.map((i) => scores(mE, ex[i]!.features)),
  lateIdx.map((i) => y[i]!),
  T,
  tP,
  tN,
);
const m = fit(all, o);
const dx = examplesOf(dev, judge).map(keep);
report(
  'devset',
  dx.map((e) => scores(m, e.features)),
  dx.map((e) => e.y),
  T,
  tP,
  tN,
);

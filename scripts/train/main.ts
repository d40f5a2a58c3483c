/**
 * `npm run train [-- <corpus folder or .jsonl>] [--out FILE] [--seed N]`
 *
 * Trains the stance model from the labelled corpus (read in place, default
 * ../shared/stance-corpus/) and the bundled lexicon's curated seed quotes, and writes
 * the model file the engine ships (src/lexicon/stance.model.json). Same data and seed →
 * the same bytes. A missing or unreadable corpus stops with one line saying what to do.
 */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { bundledLexicon } from '../../src/lexicon/bundled.ts';
import { CorpusError, readCorpus } from './corpus.ts';
import { TRAIN_DEFAULTS, trainModel } from '../../src/train/model.ts';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const positional = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const corpus = positional[0] ?? '../shared/stance-corpus';
const out = flag('--out') ?? 'src/lexicon/stance.model.json';
const seed = Number(flag('--seed') ?? TRAIN_DEFAULTS.seed);
if (!Number.isInteger(seed)) {
  console.error('train: --seed takes a whole number');
  process.exit(2);
}

try {
  const started = performance.now();
  const rows = readCorpus(corpus);
  const model = trainModel(rows, bundledLexicon, { ...TRAIN_DEFAULTS, seed });
  const json = `${JSON.stringify(model)}\n`;
  writeFileSync(out, json);
  const gz = gzipSync(json).length;
  console.log(
    `train: ${rows.length} statements → ${out} (${model.vocab.length} features, ${(json.length / 1024).toFixed(0)} KB, ${(gz / 1024).toFixed(0)} KB gzipped) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(
    `train: temperature ${model.temperature}; thresholds pro/contra ${model.thresholds.polar}, neutral ${model.thresholds.neutral}, none ${model.thresholds.none}`,
  );
} catch (e) {
  if (e instanceof CorpusError) {
    console.error(`train: ${e.message}`);
    process.exit(1);
  }
  throw e;
}

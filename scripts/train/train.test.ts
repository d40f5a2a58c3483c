/**
 * Training the stance model: deterministic, refusing bad input with one line, and the
 * shipped model equal to a fresh training on the corpus (when ../shared/stance-corpus/
 * is there: skipped with a message otherwise). Fixtures here are written for the test,
 * never taken from the corpus or the devset.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/engine/model/classifier.ts';
import { bundledLexicon } from '../../src/lexicon/bundled.ts';
import { CorpusError, readCorpus, type LabelledRow } from './corpus.ts';
import { chooseThreshold } from '../../src/train/learn.ts';
import { TRAIN_DEFAULTS, trainModel } from '../../src/train/model.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CORPUS = join(ROOT, '..', 'shared', 'stance-corpus');

const PRO = [
  'We will defend every city',
  'Sanctions on the aggressor must stay',
  'Send more air defence now',
  'The occupiers will be driven out',
  'Our soldiers hold the line',
];
const CONTRA = [
  'The regime in Kyiv must capitulate',
  'Stop the weapons deliveries now',
  'The new regions are ours forever',
  'The West prolongs the war',
  'Aid must be cut at once',
];
const NEUTRAL = [
  'The talks resume on Tuesday',
  'The delegations met for three hours',
  'Both sides exchanged prisoners',
  'The agency counted the refugees',
  'A ceasefire was discussed',
];
const NONE = [
  'The match ended in a draw',
  'Shares rose after the earnings',
  'Rain is expected tomorrow',
  'The striker scored twice',
  'The film opens next week',
];

function fixture(): LabelledRow[] {
  const rows: LabelledRow[] = [];
  const sets: Array<[string[], LabelledRow['stance']]> = [
    [PRO, 'pro-ukraine'],
    [CONTRA, 'contra-ukraine'],
    [NEUTRAL, 'neutral'],
    [NONE, 'none'],
  ];
  for (const [texts, stance] of sets) {
    texts.forEach((quote, i) => {
      for (const copy of [0, 1]) {
        rows.push({
          id: `${stance}-${i}-${copy}`,
          outlet: `Outlet ${(i + copy) % 5}`,
          date: '2023-05-01',
          paragraph: `“${quote},” an official said.`,
          quote,
          speaker: null,
          stance,
          pattern: 'said-after',
          from: 'fixture',
        });
      }
    });
  }
  return rows;
}

function runTrain(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/train/main.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });
}

describe('npm run train', () => {
  it('the same rows and seed give the same model, byte for byte', () => {
    const a = JSON.stringify(trainModel(fixture(), bundledLexicon));
    const b = JSON.stringify(trainModel(fixture(), bundledLexicon));
    expect(a).toBe(b);
    const m = loadModel(JSON.parse(a));
    expect(m.error).toBeUndefined();
    // it learnt from its rows: a training sentence comes back with its side on top
    expect(m.model!.predict('Sanctions on the aggressor must stay').top).toBe('pro-ukraine');
    expect(m.model!.predict('The regime in Kyiv must capitulate').top).toBe('contra-ukraine');
  }, 60_000);

  it('a missing corpus stops with one line naming it and what to do', () => {
    const r = runTrain(join(tmpdir(), 'no-such-corpus'));
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^train: .*no-such-corpus: not found — the training corpus lives in \.\.\/shared\/stance-corpus\//);
  });

  it('a broken line names the file, the line and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
    writeFileSync(
      join(dir, 'shard-1.jsonl'),
      `${JSON.stringify({ id: 'a', paragraph: 'p', quote: 'q', stance: 'neutral' })}\n{"id": "b", "paragraph": "p", "quote": "", "stance": "neutral"}\n`,
    );
    expect(() => readCorpus(dir)).toThrow(CorpusError);
    expect(() => readCorpus(dir)).toThrow(/shard-1\.jsonl:2: field "quote" missing or empty/);
    writeFileSync(join(dir, 'shard-1.jsonl'), '{"id": "a", "paragraph": "p", "quote": "q", "stance": "pro-russia"}\n');
    expect(() => readCorpus(dir)).toThrow(/shard-1\.jsonl:1: stance "pro-russia" is not one of/);
    writeFileSync(join(dir, 'shard-1.jsonl'), '{not json\n');
    const r = runTrain(dir);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(/^train: .*shard-1\.jsonl:1: not valid JSON/);
  });

  it('the threshold is the least probability at which held-out precision holds', () => {
    // ten right at 0.9+, then wrong ones mixed in below 0.7
    const scored = [
      ...Array.from({ length: 10 }, (_, i) => ({ top: 0, p: 0.99 - i * 0.005, y: 0 })),
      { top: 0, p: 0.8, y: 1 },
      ...Array.from({ length: 5 }, (_, i) => ({ top: 1, p: 0.75 - i * 0.01, y: 1 })),
      ...Array.from({ length: 5 }, (_, i) => ({ top: 1, p: 0.6 - i * 0.01, y: 2 })),
    ];
    const t = chooseThreshold(scored, [0, 1], 0.9);
    const above = scored.filter((r) => r.p >= t);
    expect(above.filter((r) => r.top === r.y).length / above.length).toBeGreaterThanOrEqual(0.9);
    expect(t).toBeCloseTo(0.71, 2);
    expect(chooseThreshold([{ top: 0, p: 0.9, y: 1 }], [0], 0.9)).toBe(1);
  });

  it.skipIf(!existsSync(CORPUS))(
    'the shipped model is what npm run train makes from the corpus (skipped without ../shared/stance-corpus/)',
    () => {
      const fresh = `${JSON.stringify(trainModel(readCorpus(CORPUS), bundledLexicon, TRAIN_DEFAULTS))}\n`;
      const shipped = readFileSync(join(ROOT, 'src/lexicon/stance.model.json'), 'utf8');
      expect(
        fresh === shipped,
        'src/lexicon/stance.model.json is stale (a change of the lexicon, the features or the learner needs a new model): run npm run train',
      ).toBe(true);
    },
    90_000,
  );
});

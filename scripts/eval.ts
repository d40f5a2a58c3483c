/**
 * `npm run eval -- [cases.jsonl …] [--corpus DIR] [--no-model] [--model FILE] [--lexicon FILE] [--verbose] [--json] [--attribution]`
 *
 * Runs the whole engine (the speaker sieves, seed quotes, cues and the stance model) on
 * labelled passages and scores it:
 *  - each cases file given (default ../shared/devset/cases.jsonl), with the shipped model;
 *  - a held-out split of the stance corpus by outlet (default ../shared/stance-corpus/):
 *    a model is trained on the outlets of one side, with the same code and settings as
 *    `npm run train`, and the engine is scored on the passages of the others (no outlet
 *    on both sides; the shipped model saw them all, so it is not the one scored there).
 * Per set: quote found, speaker attribution, per-class precision and recall, macro-F1,
 * pro↔contra flips, abstention, what decided each label, and the model's reliability
 * table; then the attribution figures per pattern (scripts/eval/attribution.ts) on each
 * cases file and on the whole stance corpus (`--attribution`: only those). The passages
 * are read in place, never copied.
 */
import { existsSync, readFileSync } from 'node:fs';
import { analyze } from '../src/engine/analyze.ts';
import { loadModel, type StanceModel } from '../src/engine/model/classifier.ts';
import type { Report, Statement } from '../src/engine/types.ts';
import { bundledLexicon } from '../src/lexicon/bundled.ts';
import { bundledModelFile } from '../src/lexicon/bundled-model.ts';
import type { CompiledLexicon } from '../src/lexicon/types.ts';
import { LABELLED_STANCES } from '../src/vocab/vocab.ts';
import { CorpusError, readCorpus, readRows, type LabelledRow } from './train/corpus.ts';
import { foldOf } from '../src/train/learn.ts';
import { TRAIN_DEFAULTS, trainModel } from '../src/train/model.ts';
import { attributionFigures, overlapping, printAttribution } from './eval/attribution.ts';
import { norm, sameName } from './eval/names.ts';

const args = process.argv.slice(2);
const valueOf = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const VALUED = new Set(['--lexicon', '--model', '--corpus']);
const files = args.filter((a, i) => !a.startsWith('--') && !VALUED.has(args[i - 1] ?? ''));
const verbose = args.includes('--verbose');
const asJson = args.includes('--json');
const noModel = args.includes('--no-model');
const onlyAttribution = args.includes('--attribution');
const corpusDir = valueOf('--corpus') ?? '../shared/stance-corpus';
const DEVSET = '../shared/devset/cases.jsonl';
/** the share of outlets held out of training and scored */
const HELD_OUT_FOLD = 0;
const HELD_OUT_FOLDS = 5;

function fail(message: string): never {
  console.error(`eval: ${message}`);
  process.exit(1);
}

const lexiconFile = valueOf('--lexicon');
const lexicon: CompiledLexicon = lexiconFile ? (JSON.parse(readFileSync(lexiconFile, 'utf8')) as CompiledLexicon) : bundledLexicon;
const modelFile = valueOf('--model');
const loaded = loadModel(modelFile ? JSON.parse(readFileSync(modelFile, 'utf8')) : bundledModelFile);
if (!noModel && !loaded.model) fail(loaded.error);
const shipped = noModel ? null : loaded.model;
const nameOf = new Map(lexicon.actors.map((a) => [a.id, a.name]));
const lexiconNames = new Set(lexicon.actors.map((a) => norm(a.name)));

/** Where a statement's label came from. */
type Source = 'seed' | 'cue' | 'model' | 'none';

interface Row {
  id: string;
  pattern: string;
  found: boolean;
  gold: string | null;
  got: string | null;
  okSpeaker: boolean;
  inLexicon: boolean;
  goldStance: string;
  gotStance: string;
  source: Source;
  /** the model's most probable class and its probability, when it judged */
  model: { top: string; p: number } | null;
  note: string;
}

function sourceOf(st: Statement): Source {
  if (st.stance === 'unknown') return 'none';
  if (st.evidence.some((e) => e.kind === 'seed-quote')) return 'seed';
  if (st.evidence.some((e) => e.kind === 'model' && !e.abstained)) return 'model';
  return 'cue';
}

function noteOf(st: Statement): string {
  const ev = st.evidence
    .map((e) =>
      e.kind === 'cue'
        ? `cue "${e.match}"→${e.stance}`
        : e.kind === 'model'
          ? `model ${e.stance} ${e.probability}${e.abstained ? ' (abstained)' : ''} [${e.terms.map((t) => `${t.text}→${t.toward}`).join(', ')}]`
          : `seed ${e.quoteId}`,
    )
    .join(', ');
  return `${st.attribution}: ${st.attributionNote ?? ''}; evidence ${ev}`;
}

function scoreRows(cases: LabelledRow[], model: StanceModel | null, inLexicon: (c: LabelledRow) => boolean): Row[] {
  return cases.map((c) => {
    const report: Report = analyze(c.paragraph, lexicon, { source: c.id, model });
    const best = overlapping(report, c);
    const speakerName = best?.speaker ? (nameOf.get(best.speaker) ?? report.speakers.find((s) => s.id === best!.speaker)?.name ?? best.speaker) : null;
    const ev = best?.evidence.find((e) => e.kind === 'model');
    return {
      id: c.id,
      pattern: c.pattern,
      found: !!best,
      gold: c.speaker,
      got: speakerName,
      okSpeaker: sameName(speakerName, c.speaker),
      inLexicon: inLexicon(c),
      goldStance: c.stance,
      gotStance: best ? best.stance : 'unknown',
      source: best ? sourceOf(best) : 'none',
      model: ev && ev.kind === 'model' ? { top: ev.stance, p: ev.probability } : null,
      note: best ? noteOf(best) : 'no statement found',
    };
  });
}

const LABELS = LABELLED_STANCES;
const POLAR = new Set<string>(['pro-ukraine', 'contra-ukraine']);

interface ClassFigures {
  precision: number | null;
  recall: number | null;
  predicted: number;
  right: number;
  gold: number;
}

function ratio(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

function summarise(rows: Row[]) {
  const perClass = Object.fromEntries(
    LABELS.map((label) => {
      const predicted = rows.filter((r) => r.gotStance === label).length;
      const gold = rows.filter((r) => r.goldStance === label).length;
      const right = rows.filter((r) => r.gotStance === label && r.goldStance === label).length;
      return [label, { precision: ratio(right, predicted), recall: ratio(right, gold), predicted, right, gold } satisfies ClassFigures];
    }),
  ) as Record<(typeof LABELS)[number], ClassFigures>;
  const f1 = (c: ClassFigures) => (c.precision && c.recall ? (2 * c.precision * c.recall) / (c.precision + c.recall) : 0);
  const polarPred = rows.filter((r) => POLAR.has(r.gotStance));
  const polarGold = rows.filter((r) => POLAR.has(r.goldStance));
  const polarRight = polarPred.filter((r) => r.gotStance === r.goldStance).length;
  const flips = rows.filter((r) => POLAR.has(r.goldStance) && POLAR.has(r.gotStance) && r.goldStance !== r.gotStance).length;
  const war = rows.filter((r) => r.found && r.goldStance !== 'none');
  const lexRows = rows.filter((r) => r.inLexicon);
  const named = rows.filter((r) => r.gold !== null);
  const bySource = Object.fromEntries(
    (['seed', 'cue', 'model'] as const).map((s) => {
      const labelled = rows.filter((r) => r.source === s);
      return [s, { labels: labelled.length, right: labelled.filter((r) => r.gotStance === r.goldStance).length }];
    }),
  );
  return {
    cases: rows.length,
    quoteFound: ratio(rows.filter((r) => r.found).length, rows.length),
    attributionLexicon: {
      right: lexRows.filter((r) => r.okSpeaker).length,
      of: lexRows.length,
      wrong: lexRows.filter((r) => r.got !== null && !r.okSpeaker).length,
    },
    attributionAllNamed: {
      right: named.filter((r) => r.okSpeaker).length,
      of: named.length,
      wrong: named.filter((r) => r.got !== null && !r.okSpeaker).length,
    },
    perClass,
    macroF1: LABELS.reduce((a, l) => a + f1(perClass[l]), 0) / LABELS.length,
    polar: {
      precision: ratio(polarRight, polarPred.length),
      recall: ratio(polarRight, polarGold.length),
      labelled: polarPred.length,
      right: polarRight,
      gold: polarGold.length,
    },
    flips,
    flipRate: ratio(flips, polarGold.length),
    abstention: ratio(war.filter((r) => r.gotStance === 'unknown').length, war.length),
    polarOnUnrelated: rows.filter((r) => r.goldStance === 'none' && POLAR.has(r.gotStance)).length,
    bySource,
    reliability: reliabilityOf(rows),
  };
}

/** The model's top class probability, binned, against how often that class was the label. */
function reliabilityOf(rows: Row[]) {
  const edges = [0.25, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001];
  const judged = rows.filter((r) => r.model);
  return edges.slice(0, -1).map((from, i) => {
    const bin = judged.filter((r) => r.model!.p >= from && r.model!.p < edges[i + 1]!);
    const right = bin.filter((r) => r.model!.top === r.goldStance).length;
    return {
      from,
      to: Math.min(1, edges[i + 1]!),
      n: bin.length,
      meanConfidence: ratio(
        bin.reduce((a, r) => a + r.model!.p, 0),
        bin.length,
      ),
      accuracy: ratio(right, bin.length),
    };
  });
}

const pct = (x: number | null) => (x === null ? '  n/a' : `${(100 * x).toFixed(1)}%`.padStart(6));

function print(title: string, rows: Row[], s: ReturnType<typeof summarise>) {
  console.log(`\n## ${title}\n`);
  if (verbose) {
    for (const r of rows) {
      const mark = r.okSpeaker ? 'ok ' : r.got ? 'BAD' : '-- ';
      const sm = r.goldStance === r.gotStance ? '  ' : POLAR.has(r.goldStance) && POLAR.has(r.gotStance) ? 'XX' : '~~';
      console.log(`${r.id} ${mark} ${sm} [${r.pattern}] gold=${r.gold} got=${r.got} | stance gold=${r.goldStance} got=${r.gotStance} | ${r.note}`);
    }
    console.log('');
  }
  console.log(`cases                          ${s.cases}`);
  console.log(`quote found                    ${pct(s.quoteFound)}`);
  console.log(
    `attribution, lexicon speakers  ${pct(ratio(s.attributionLexicon.right, s.attributionLexicon.of))} (${s.attributionLexicon.right}/${s.attributionLexicon.of}; wrong speaker ${s.attributionLexicon.wrong})`,
  );
  console.log(
    `attribution, all named         ${pct(ratio(s.attributionAllNamed.right, s.attributionAllNamed.of))} (${s.attributionAllNamed.right}/${s.attributionAllNamed.of}; wrong speaker ${s.attributionAllNamed.wrong})`,
  );
  console.log('');
  console.log('stance            precision  recall   labels  right   gold');
  for (const l of LABELS) {
    const c = s.perClass[l];
    console.log(
      `${l.padEnd(16)}  ${pct(c.precision)}    ${pct(c.recall)}  ${String(c.predicted).padStart(6)} ${String(c.right).padStart(6)} ${String(c.gold).padStart(6)}`,
    );
  }
  console.log(
    `pro/contra        ${pct(s.polar.precision)}    ${pct(s.polar.recall)}  ${String(s.polar.labelled).padStart(6)} ${String(s.polar.right).padStart(6)} ${String(s.polar.gold).padStart(6)}`,
  );
  console.log(`macro-F1 (pro, contra, neutral)  ${s.macroF1.toFixed(3)}`);
  console.log(`pro↔contra flips               ${s.flips} (${pct(s.flipRate).trim()} of pro/contra statements)`);
  console.log(`abstention (war-related found) ${pct(s.abstention)}`);
  console.log(`pro/contra on unrelated news   ${s.polarOnUnrelated}`);
  console.log(
    `labels by source               ${Object.entries(s.bySource)
      .map(([k, v]) => `${k} ${v.right}/${v.labels}`)
      .join(' · ')} (right/labels)`,
  );
  if (s.reliability.some((b) => b.n > 0)) {
    console.log('\nreliability of the model (its most probable class, all statements it judged)');
    console.log('confidence     n   mean conf.  accuracy');
    for (const b of s.reliability)
      console.log(`${b.from.toFixed(2)}–${b.to.toFixed(2)}  ${String(b.n).padStart(5)}   ${pct(b.meanConfidence)}     ${pct(b.accuracy)}`);
  }
}

const out: Record<string, unknown> = {};
const sets = files.length ? files : [DEVSET];
for (const file of sets) {
  if (!existsSync(file)) {
    console.log(`eval: ${file} not found — skipped (the development set lives in ${DEVSET})`);
    continue;
  }
  let cases: LabelledRow[];
  try {
    cases = readRows(file);
  } catch (e) {
    if (e instanceof CorpusError) fail(e.message);
    throw e;
  }
  const raw = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { in_seed_lexicon?: boolean });
  const flagged = new Map(cases.map((c, i) => [c.id, raw[i]?.in_seed_lexicon]));
  const rows = onlyAttribution ? [] : scoreRows(cases, shipped, (c) => flagged.get(c.id) ?? (c.speaker !== null && lexiconNames.has(norm(c.speaker))));
  const attribution = attributionFigures(cases, lexicon);
  if (onlyAttribution) {
    out[file] = { attribution };
    if (!asJson) printAttribution(file, attribution, verbose);
    continue;
  }
  const s = summarise(rows);
  out[file] = asJson ? { summary: s, rows, attribution } : s;
  if (!asJson) {
    print(`${file} — ${shipped ? `stance model ${shipped.id}` : 'no stance model (seed quotes and cues)'}`, rows, s);
    printAttribution(file, attribution, verbose);
  }
}

if (existsSync(corpusDir)) {
  const rows = readCorpus(corpusDir);
  const attribution = attributionFigures(rows, lexicon);
  out[`${corpusDir} attribution`] = attribution;
  if (!asJson) printAttribution(`${corpusDir}, all ${rows.length} statements`, attribution, verbose);
}

if (existsSync(corpusDir) && !onlyAttribution) {
  const rows = readCorpus(corpusDir);
  const held = rows.filter((r) => foldOf(r.outlet || r.id, HELD_OUT_FOLDS) === HELD_OUT_FOLD);
  const train = rows.filter((r) => foldOf(r.outlet || r.id, HELD_OUT_FOLDS) !== HELD_OUT_FOLD);
  const trained = noModel ? null : loadModel(trainModel(train, lexicon, TRAIN_DEFAULTS, 'held-out-split')).model;
  const outlets = (rs: LabelledRow[]) => new Set(rs.map((r) => r.outlet)).size;
  const scored = scoreRows(held, trained, (c) => c.speaker !== null && lexiconNames.has(norm(c.speaker)));
  const s = summarise(scored);
  out[`${corpusDir} held out by outlet`] = asJson ? { summary: s, rows: scored } : s;
  if (!asJson) {
    print(
      `${corpusDir}, held out by outlet — ${held.length} statements of ${outlets(held)} outlets, scored with ${trained ? `a model trained on the other ${train.length} statements (${outlets(train)} outlets)` : 'no stance model (seed quotes and cues)'}`,
      scored,
      s,
    );
  }
} else if (!asJson && !existsSync(corpusDir)) {
  console.log(`\neval: ${corpusDir} not found — the held-out corpus split and its attribution figures are skipped`);
}
if (asJson) console.log(JSON.stringify(out, null, 2));

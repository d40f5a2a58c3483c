/**
 * The content script's pipeline (extract → analyse in slices → merge → paint), timed
 * step by step, for the benchmark to run in a page's main world (bundled as an IIFE by
 * scripts/bench/phases.ts). It mirrors Controller.scanOnce without the yields.
 */
import { paintItems } from '../../src/content/controller.ts';
import { analyze } from '../../src/engine/analyze.ts';
import { analyzeSlice, mergeReports, slices } from '../../src/engine/merge.ts';
import { bundledLexicon } from '../../src/lexicon/bundled.ts';
import { extractText, mainContentRoot } from '../../src/page/extract.ts';
import { createPainter } from '../../src/page/paint.ts';

export interface PhaseTimes {
  /** cold run only: analyze() of one short sentence first (one-time lexicon and code warm-up) */
  setup?: number;
  root: number;
  extract: number;
  slices: number[];
  merge: number;
  paint: number;
  chars: number;
  segments: number;
  statements: number;
  items: number;
}

function run(setupFirst = false): PhaseTimes {
  const perf = performance;
  let setup: number | undefined;
  if (setupFirst) {
    const a = perf.now();
    analyze('"We are ready," the minister said.', bundledLexicon, { source: location.href });
    setup = perf.now() - a;
  }
  const t0 = perf.now();
  const root = mainContentRoot(document);
  const t1 = perf.now();
  const ext = extractText(root);
  const t2 = perf.now();
  const parts: Parameters<typeof mergeReports>[0] = [];
  const times: number[] = [];
  for (const s of slices(ext.text)) {
    const a = perf.now();
    parts.push({ report: analyzeSlice(ext.text, s, bundledLexicon, location.href), offset: s.start });
    times.push(perf.now() - a);
  }
  const m0 = perf.now();
  const report = mergeReports(parts, location.href);
  const m1 = perf.now();
  const painter = createPainter(document);
  const items = paintItems(report);
  painter.paint(items, ext);
  const p1 = perf.now();
  painter.clear();
  return {
    ...(setup === undefined ? {} : { setup }),
    root: t1 - t0,
    extract: t2 - t1,
    slices: times,
    merge: m1 - m0,
    paint: p1 - m1,
    chars: ext.text.length,
    segments: ext.segments.length,
    statements: report.statements.length,
    items: items.length,
  };
}

(globalThis as unknown as { __stanceLensPhases: (setupFirst?: boolean) => PhaseTimes }).__stanceLensPhases = run;

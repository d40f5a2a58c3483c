/**
 * `npm run bench [-- --limit N] [--only TEXT[,TEXT…]] [--json] [--save FILE] [--no-build] [--phases] [--trace] [--corpus DIR]`
 *
 * --limit N: the first N corpus pages; --only: just the pages whose name contains one of
 * the texts (e.g. --only wikipedia,cnn.com); --json: the figures as JSON on stdout; --save
 * FILE: that JSON written to FILE as well; --no-build: use dist-e2e/chromium as it is;
 * --phases: time the pipeline step by step on every page (default: the slowest);
 * --trace: trace every page that held the main thread over 50 ms (default: the worst).
 *
 * The extension in a real browser (Debian's Chromium through playwright-core), on the
 * saved news pages of ../shared/corpus/ plus the project's fixture and the seed
 * article rendered as a page, all served offline from 127.0.0.1. For each page, in the
 * same browser and tab:
 *
 *   1. the floor: one plain TreeWalker(SHOW_TEXT) pass over the body's text in the
 *      page's main world (median of 5);
 *   2. the trivial reference (probes.ts TRIVIAL_FUNC), a content script injected as the
 *      extension injects its own: one text walk, two names found, painted with
 *      CSS.highlights, timed; and the renderer's main-thread task time it adds (CDP
 *      Performance TaskDuration over its run and 150 ms after, minus the page's own
 *      idle rate measured just before);
 *   3. mark.js 8.11 marking every alias of every actor of the seed lexicon
 *      (separateWordSearch false, acrossElements true), mark() timed, then unmarked;
 *   4. the extension, after a reload: highlights on, wait for the tab to be ready, read
 *      the content script's `stance-lens:scan` and `stance-lens:paint` measures, the
 *      number of statements, and what blocked the page's main thread meanwhile: the
 *      Long Tasks API (an observer installed before navigation) and a main-world
 *      heartbeat (the Long Tasks API does not report the content script's tasks);
 *   5. the extension once more on a fresh copy, with no probe running in the page: the
 *      task time it adds (as for the trivial script) and `stance-lens:analyze`, the
 *      wall time from switch-on to painted.
 *
 * Then the pipeline of the slowest pages (all pages with --phases) is timed step by
 * step in the main world (extract, analyse per slice, merge, paint; cold and warm),
 * the pages that held the main thread longest (all over 50 ms with --trace) run once
 * more under a Chromium trace for their exact tasks, and a summary is printed against
 * the targets: p95 of scan+paint and of the task time added ≤ 1.5× the trivial
 * script's, switch-on to painted p95 ≤ 150 ms, p95 of (scan+paint) ÷ floor < 10,
 * median of mark.js ÷ (scan+paint) ≥ 20, no long task over 50 ms, content script
 * < 40 KB gzipped. It is a benchmark, not a test: it exits 0 after printing whatever
 * the figures say, and 1 only when it cannot set up (build, browser, extension).
 *
 * A page that cannot load offline with its own scripts (one that sends itself to
 * https:// or to the live site, one whose image error handler retries forever) is
 * served once more with `Content-Security-Policy: script-src 'none'`, and says so.
 * Other work on the machine slows every figure: the load average is printed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { errorLine, ROOT, withTimeout } from '../harness/browser.ts';
import { LeftError, LoadTimeout } from '../harness/extension.ts';
import type { BenchPage } from '../harness/pages.ts';
import { AFTER_OFF, EXTENSION_FIGURES, HEARTBEAT_START, NOW, type Figures, type Measure } from '../harness/probes.ts';
import type { CDPSession, Page } from 'playwright-core';
import type { PageServer } from '../harness/server.ts';
import { openRun, parseRunOptions, RUN_DIST, type Cli, type RunOptions } from '../harness/run.ts';
import { BenchTab, LIMITS, type BenchBrowser } from '../harness/session.ts';
import { median, ms, pad, ratio, spread, type Spread } from '../harness/stats.ts';
import { startTrace } from '../harness/trace.ts';
import { bundlePhases, PHASES_RUN, type PhaseTimes } from './phases.ts';
import { FLOOR, markRun, markScript, TRIVIAL_CLEAR, TRIVIAL_FUNC } from './probes.ts';
import { stopTraceTasks, type TraceResult } from './trace.ts';

const CONTENT_SCRIPT = join(RUN_DIST, 'src', 'content', 'content-script.js');
const LEXICON = join(ROOT, 'src', 'lexicon', 'seed.lexicon.json');
const MARK_JS = join(ROOT, 'node_modules', 'mark.js', 'dist', 'mark.min.js');

/** Per-page limits besides the harness's (LIMITS): mark.js and the phase probe may take a while. */
const MARK_TIMEOUT = 60_000;
const PROBE_TIMEOUT = LIMITS.probeMs;

/** Targets. */
const TARGET_FLOOR_RATIO_P95 = 10;
const TARGET_MARK_RATIO_MEDIAN = 20;
const TARGET_LONG_TASK_MS = 50;
const TARGET_BUNDLE_BYTES = 40 * 1024;
/** scan+paint and task time added, p95, against the trivial script's */
const TARGET_TRIVIAL_RATIO = 1.5;
const TARGET_SWITCH_ON_MS = 150;
/** the page's idle task rate is measured over this long before each measured run */
const IDLE_MS = 300;

/** The slowest pages whose pipeline is also timed step by step in the main world. */
const PHASE_PAGES = 6;
/** The pages that held the main thread longest, run once more under a trace. */
const TRACE_PAGES = 6;

const CLI: Cli = {
  tool: 'bench',
  usage: 'Usage: npm run bench [-- --limit N] [--only TEXT[,TEXT…]] [--json] [--save FILE] [--no-build] [--phases] [--trace] [--corpus DIR]',
  usageExit: 1,
};

interface Own {
  /** time the pipeline step by step on every page, not only the slowest */
  phases: boolean;
  /** trace every page that held the main thread over 50 ms, not only the worst */
  trace: boolean;
}

function parseOptions(argv: string[]): RunOptions & Own {
  return parseRunOptions<Own>(argv, CLI, { phases: false, trace: false }, (o, arg) => {
    if (arg === '--phases') o.phases = true;
    else if (arg === '--trace') o.trace = true;
    else return false;
    return true;
  });
}

// ---------------------------------------------------------------------------

/**
 * Where a main-thread block falls relative to the extension's own measures:
 * before the scan (style recalc after insertCSS, script evaluation, the hello round
 * trip), the task that starts the scan (extraction + the first slice), a middle
 * analysis slice, the last slice with merge and paint (no yield after the last
 * slice), everything from extraction to paint in one block, or after the paint
 * (style, highlight rendering, GC, the report message). The content script yields
 * with scheduler.yield(), whose continuations run ahead of the page's own tasks: the
 * heartbeat then sees the whole scan as one block ("whole scan"), the time the page's
 * tasks were held up. The trace pass has the single tasks.
 */
type Phase = 'inject' | 'extract+slice1' | 'analysis' | 'last slice+paint' | 'whole scan' | 'after paint' | 'unknown';

interface Block {
  start: number;
  duration: number;
  phase: Phase;
  /** 'api': a Long Tasks API entry; 'beat': a gap in the main-world heartbeat (±4 ms) */
  source: 'api' | 'beat';
}

interface PageResult {
  index: number;
  name: string;
  source: string;
  kind: BenchPage['kind'];
  status: 'ok' | 'skipped';
  /** why the page was skipped, or a note */
  note?: string;
  textKB: number;
  elements: number;
  floorMs: number;
  floorSamples: number[];
  markMs: number;
  marks: number;
  /** the trivial reference: its scan+paint, ranges painted, and the main-thread task time it added */
  trivialMs: number;
  trivialRanges: number;
  trivialTaskMs: number;
  /** the main-thread task time the extension added, from highlights on to painted and settled */
  taskMs: number;
  /** switch-on to painted (stance-lens:analyze), wall time, page clock */
  switchOnMs: number;
  scanMs: number;
  paintMs: number;
  totalMs: number;
  /** (scan + paint) ÷ floor */
  floorRatio: number;
  /** mark.js ÷ (scan + paint) */
  markRatio: number;
  statements: number;
  attributed: number;
  speakers: number;
  lexiconSpeakers: number;
  /** scans the content script ran (more than 1: the page changed under it) */
  scans: number;
  /** ranges in our highlights after the scan, by highlight name */
  highlights: Record<string, number>;
  /** what stayed in the page after highlights were turned off (should be nothing) */
  leftAfterOff: string | null;
  /** from "highlights on" to scan start, page clock (script injection, lexicon, hello round trip) */
  injectMs: number;
  /** from "highlights on" to the tab reporting ready, as seen by the driver */
  readyMs: number;
  /**
   * the longest time the page's own tasks could not run after "highlights on" (the
   * heartbeat, or a Long Tasks API entry when longer): an upper bound of the longest task
   */
  heldMs: number;
  heldPhase: Phase | null;
  /** the longest entry the Long Tasks API reported (0: none) */
  longestApiTaskMs: number;
  blocksOver50: number;
  blocks: Block[];
  /** wall-clock ms per stage of this page's run */
  stages: Record<string, number>;
  /** the pipeline timed step by step in the main world */
  phases?: { cold: PhaseTimes; warm: PhaseTimes };
  /** the page's main-thread tasks over 50 ms from a trace of another run (trace pass) */
  trace?: TraceResult;
}

interface TabValue {
  status: string;
  url: string | null;
  message?: string;
  report: { statements: Array<{ speaker: string | null }>; speakers: Array<{ inLexicon: boolean }> } | null;
}

const emptyResult = (page: BenchPage, index: number): PageResult => ({
  index,
  name: page.name,
  source: page.source,
  kind: page.kind,
  status: 'skipped',
  textKB: NaN,
  elements: NaN,
  floorMs: NaN,
  floorSamples: [],
  markMs: NaN,
  marks: NaN,
  trivialMs: NaN,
  trivialRanges: NaN,
  trivialTaskMs: NaN,
  taskMs: NaN,
  switchOnMs: NaN,
  scanMs: NaN,
  paintMs: NaN,
  totalMs: NaN,
  floorRatio: NaN,
  markRatio: NaN,
  statements: NaN,
  attributed: NaN,
  speakers: NaN,
  lexiconSpeakers: NaN,
  scans: NaN,
  highlights: {},
  leftAfterOff: null,
  injectMs: NaN,
  readyMs: NaN,
  heldMs: NaN,
  heldPhase: null,
  longestApiTaskMs: NaN,
  blocksOver50: NaN,
  blocks: [],
  stages: {},
});

function classify(start: number, duration: number, scan: Measure, paint: Measure): Phase {
  const end = start + duration;
  const s0 = scan.start;
  const s1 = scan.start + scan.duration;
  const p0 = paint.start;
  const p1 = paint.start + paint.duration;
  const eps = 1;
  if (end <= s0 + eps) return 'inject';
  if (start >= p1 - eps) return 'after paint';
  const coversStart = start <= s0 + eps;
  const reachesPaint = end >= p0 - eps;
  if (coversStart && reachesPaint) return 'whole scan';
  if (coversStart) return 'extract+slice1';
  if (reachesPaint) return 'last slice+paint';
  if (end <= s1 + eps) return 'analysis';
  return 'unknown';
}

// ---------------------------------------------------------------------------

class Runner {
  readonly tab: BenchTab;
  /** pages served without their scripts (they navigate themselves away) */
  scriptless = new Set<number>();

  constructor(
    private browser: BenchBrowser,
    private server: PageServer,
    private urlOf: (i: number) => string,
    private markSource: string,
    private terms: string[],
  ) {
    this.tab = new BenchTab(browser);
  }

  init(): Promise<void> {
    return this.tab.init();
  }

  private eval<T>(expression: string, timeout: number, what: string): Promise<T> {
    return this.tab.eval<T>(expression, what, timeout);
  }

  private load(url: string): Promise<void> {
    return this.tab.load(url);
  }

  private cdp: { page: Page; session: CDPSession } | null = null;

  /** The renderer main thread's task time so far (CDP Performance TaskDuration), ms. */
  private async taskTime(): Promise<number> {
    if (this.cdp?.page !== this.tab.page) {
      const session = await this.browser.context.newCDPSession(this.tab.page);
      await session.send('Performance.enable');
      this.cdp = { page: this.tab.page, session };
    }
    const { metrics } = await withTimeout(this.cdp.session.send('Performance.getMetrics'), PROBE_TIMEOUT, 'metrics');
    return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN) * 1000;
  }

  /** The trivial reference, injected into the tab's isolated world from the extension's page. */
  private async trivial(): Promise<{ ms: number; ranges: number }> {
    const got = (await withTimeout(
      this.browser.popup.evaluate(
        `chrome.scripting.executeScript({ target: { tabId: ${this.tab.tabId} }, world: 'ISOLATED', func: ${TRIVIAL_FUNC} }).then((r) => r[0] && r[0].result)`,
      ),
      PROBE_TIMEOUT,
      'trivial',
    )) as { ms: number; ranges: number } | null;
    if (!got) throw new Error('trivial: no result');
    return got;
  }

  /** The task time `work` adds to the page: its run's task time minus the page's own at its idle rate (measured just before). */
  private async taskTimeOf<T>(work: () => Promise<T>): Promise<{ value: T; addedMs: number }> {
    const a = await this.taskTime();
    const ta = performance.now();
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const b = await this.taskTime();
    const rate = (b - a) / (performance.now() - ta);
    const t0 = performance.now();
    const value = await work();
    const c = await this.taskTime();
    return { value, addedMs: c - b - rate * (performance.now() - t0) };
  }

  /** Runs a script in the page: a script tag, or an evaluation where the page forbids scripts (CSP). */
  private async inject(source: string, what: string, scriptless: boolean): Promise<void> {
    if (scriptless) await this.eval<unknown>(source, PROBE_TIMEOUT, what);
    else await withTimeout(this.tab.page.addScriptTag({ content: source }), PROBE_TIMEOUT, `${what} script tag`);
  }

  async run(page: BenchPage, index: number): Promise<PageResult> {
    const r = emptyResult(page, index);
    const url = this.urlOf(index);
    let stage = 'load';
    let clock = Date.now();
    const lap = (name: string) => {
      const now = Date.now();
      r.stages[name] = now - clock;
      clock = now;
    };
    const notes: string[] = [];
    try {
      // 1. the floor
      try {
        await this.load(url);
      } catch (e) {
        if (!(e instanceof LeftError || e instanceof LoadTimeout)) throw e;
        this.server.withoutScripts(index);
        this.scriptless.add(index);
        notes.push(`served with CSP script-src 'none': with its scripts, ${e instanceof LeftError ? 'it navigates itself away' : e.message}`);
        await this.load(url);
      }
      lap('load');
      stage = 'floor';
      const floor = await this.eval<{ times: number[]; chars: number; isolated: boolean; visibility: string; elements: number }>(FLOOR, PROBE_TIMEOUT, 'floor');
      r.floorSamples = floor.times;
      r.floorMs = median(floor.times);
      r.textKB = floor.chars / 1024;
      r.elements = floor.elements;
      if (!floor.isolated) notes.push('not cross-origin isolated: 100 µs timer');
      if (floor.visibility !== 'visible') notes.push(`page ${floor.visibility}`);
      lap('floor');

      // 2. the trivial reference
      stage = 'trivial';
      const trivial = await this.taskTimeOf(async () => {
        const got = await this.trivial();
        // as long as the extension's figures settle after its paint
        await new Promise((done) => setTimeout(done, 150));
        return got;
      });
      r.trivialMs = trivial.value.ms;
      r.trivialRanges = trivial.value.ranges;
      r.trivialTaskMs = trivial.addedMs;
      await this.eval<void>(TRIVIAL_CLEAR, PROBE_TIMEOUT, 'trivial clear');
      lap('trivial');

      // 3. mark.js
      stage = 'mark.js';
      await this.inject(this.markSource, 'mark.js', this.scriptless.has(index));
      const mark = await this.eval<{ ms: number; marks: number }>(markRun(this.terms), MARK_TIMEOUT, 'mark.js');
      r.markMs = mark.ms;
      r.marks = mark.marks;
      lap('mark.js');

      // 4. the extension, on a fresh copy of the page
      stage = 'reload';
      await this.load(url);
      lap('reload');
      stage = 'extension';
      const tOn = await this.eval<number>(HEARTBEAT_START, PROBE_TIMEOUT, 'heartbeat');
      const t0 = Date.now();
      const state = await this.turnOn();
      r.readyMs = Date.now() - t0;
      if (state.url !== url) notes.push(`tab reports ${state.url}`);
      const figures = await this.eval<Figures>(EXTENSION_FIGURES, PROBE_TIMEOUT, 'measures');
      lap('extension');
      if (figures.url !== url) throw new Error(`the page navigated itself to ${figures.url}`);
      if (!figures.scan || !figures.paint) throw new Error('ready, but no stance-lens:scan / stance-lens:paint measure in the page');
      const scan = figures.scan;
      const paint = figures.paint;
      r.scanMs = scan.duration;
      r.paintMs = paint.duration;
      r.scans = scan.count;
      r.highlights = figures.highlights;
      const ranges = Object.values(figures.highlights).reduce((a, b) => a + b, 0);
      r.totalMs = r.scanMs + r.paintMs;
      r.injectMs = scan.start - tOn;
      const report = state.report;
      r.statements = report?.statements.length ?? 0;
      r.attributed = report?.statements.filter((s) => s.speaker !== null).length ?? 0;
      r.speakers = report?.speakers.length ?? 0;
      r.lexiconSpeakers = report?.speakers.filter((s) => s.inLexicon).length ?? 0;
      if (r.statements > 0 && ranges === 0) notes.push('statements, but no highlight range in the page');
      const block =
        (source: Block['source']) =>
        ([start, duration]: [number, number]): Block => ({ start, duration, source, phase: classify(start, duration, scan, paint) });
      r.blocks = [...figures.longTasks.filter(([start, duration]) => start + duration > tOn).map(block('api')), ...figures.gaps.map(block('beat'))].sort(
        (a, b) => a.start - b.start,
      );
      const api = r.blocks.filter((b) => b.source === 'api');
      const beat = r.blocks.filter((b) => b.source === 'beat');
      r.longestApiTaskMs = Math.max(0, ...api.map((b) => b.duration));
      r.blocksOver50 = Math.max(api.filter((b) => b.duration > TARGET_LONG_TASK_MS).length, beat.filter((b) => b.duration > TARGET_LONG_TASK_MS).length);
      const longest = r.blocks.reduce<Block | null>((a, b) => (!a || b.duration > a.duration ? b : a), null);
      r.heldMs = longest?.duration ?? 0;
      r.heldPhase = longest?.phase ?? null;
      if (!figures.observer) notes.push('long-task observer missing');
      if (r.scans > 1) notes.push(`${r.scans} scans`);
      r.floorRatio = r.totalMs / Math.max(r.floorMs, 0.005);
      r.markRatio = r.markMs / r.totalMs;

      // 5. once more, with nothing of ours running in the page: task time added, switch-on to painted
      stage = 'task time';
      await this.tab.off();
      await this.load(url);
      const clean = await this.taskTimeOf(async () => {
        await this.turnOn();
        // EXTENSION_FIGURES settles 150 ms, as the trivial probe does
        return this.eval<Figures>(EXTENSION_FIGURES, PROBE_TIMEOUT, 'measures');
      });
      r.taskMs = clean.addedMs;
      r.switchOnMs = clean.value.analyze ? clean.value.analyze.duration : NaN;
      lap('task time');
      r.status = 'ok';
    } catch (e) {
      r.status = 'skipped';
      notes.unshift(`${stage}: ${errorLine(e)}`);
    }
    await this.tab.off();
    if (r.status === 'ok') {
      const left = await this.eval<{ highlights: Record<string, number>; marks: number; ui: number }>(AFTER_OFF, PROBE_TIMEOUT, 'after off').catch(() => null);
      if (left) {
        const parts = [
          ...Object.entries(left.highlights).map(([k, v]) => `${k} (${v})`),
          ...(left.marks ? [`${left.marks} <stance-lens-mark>`] : []),
          ...(left.ui ? [`${left.ui} <stance-lens-ui>`] : []),
        ];
        if (parts.length) {
          r.leftAfterOff = parts.join(', ');
          notes.push(`left after off: ${r.leftAfterOff}`);
        }
      }
    }
    if (notes.length) r.note = notes.join('; ');
    if (r.status !== 'ok') await this.tab.recover();
    return r;
  }

  /** Highlights on for the tab; waits until the tab is ready (throws on error or after LIMITS.readyMs). */
  private turnOn(): Promise<TabValue> {
    return this.tab.on<TabValue>();
  }

  /** The extension once more on a fresh copy of the page, under a trace: its main-thread tasks over 50 ms. */
  async traced(index: number): Promise<TraceResult> {
    const browser = this.browser.context.browser();
    if (!browser) throw new Error('no Browser object to trace with');
    let tracing = false;
    try {
      await this.load(this.urlOf(index));
      await startTrace(browser, this.tab.page);
      tracing = true;
      const tOn = await this.eval<number>(NOW, PROBE_TIMEOUT, 'clock');
      await this.turnOn();
      const figures = await this.eval<Figures>(EXTENSION_FIGURES, PROBE_TIMEOUT, 'measures');
      if (!figures.scan || !figures.paint) throw new Error('no stance-lens:scan / stance-lens:paint measure');
      tracing = false;
      return await stopTraceTasks(browser, tOn, figures.scan, figures.paint, TARGET_LONG_TASK_MS);
    } finally {
      if (tracing) await browser.stopTracing().catch(() => undefined);
      await this.tab.off();
    }
  }

  /** The pipeline step by step in the main world, cold (first run in the document) and warm. */
  async phases(index: number, bundle: string): Promise<{ cold: PhaseTimes; warm: PhaseTimes }> {
    try {
      await this.load(this.urlOf(index));
      await this.inject(bundle, 'phase probe', this.scriptless.has(index));
      return await this.eval<{ cold: PhaseTimes; warm: PhaseTimes }>(PHASES_RUN, MARK_TIMEOUT, 'phase probe');
    } catch (e) {
      await this.tab.recover();
      throw e;
    }
  }
}

// ---------------------------------------------------------------------------

const NAME_WIDTH = 34;
const HEADER = `${pad('page', NAME_WIDTH)} ${pad('text KB', 7, true)} ${pad('stmts', 5, true)} ${pad('floor', 6, true)} ${pad('scan', 6, true)} ${pad('paint', 6, true)} ${pad('s+p÷floor', 9, true)} ${pad('mark.js', 7, true)} ${pad('mark÷s+p', 8, true)}  held (phase)`;

function shortName(name: string): string {
  return pad(name.length > NAME_WIDTH ? `${name.slice(0, NAME_WIDTH - 1)}…` : name, NAME_WIDTH);
}

function line(r: PageResult): string {
  if (r.status !== 'ok') return `${shortName(r.name)} SKIPPED — ${r.note ?? ''}`;
  const task = r.heldMs > 0 ? `${ms(r.heldMs)} (${r.heldPhase ?? '?'})` : '—';
  return `${shortName(r.name)} ${pad(r.textKB.toFixed(1), 7, true)} ${pad(String(r.statements), 5, true)} ${pad(ms(r.floorMs), 6, true)} ${pad(ms(r.scanMs), 6, true)} ${pad(ms(r.paintMs), 6, true)} ${pad(ratio(r.floorRatio), 9, true)} ${pad(ms(r.markMs), 7, true)} ${pad(ratio(r.markRatio), 8, true)}  ${task}${r.note ? `  [${r.note}]` : ''}`;
}

function phaseLine(name: string, p: { cold: PhaseTimes; warm: PhaseTimes }): string {
  const step = (t: PhaseTimes) => {
    const analyse = t.slices.reduce((a, b) => a + b, 0);
    return `${t.setup === undefined ? '' : `first analyze() of one sentence ${ms(t.setup)}, then `}root ${ms(t.root)} + extract ${ms(t.extract)} + analyse ${ms(analyse)} (${t.slices.length} slice${t.slices.length === 1 ? '' : 's'}, longest ${ms(Math.max(0, ...t.slices))}) + merge ${ms(t.merge)} + paint ${ms(t.paint)}`;
  };
  return `    ${shortName(name)} ${(p.cold.chars / 1024).toFixed(1)} KB extracted, ${p.cold.segments} text runs, ${p.cold.items} ranges\n      cold: ${step(p.cold)}\n      warm: ${step(p.warm)}`;
}

interface Summary {
  pages: number;
  measured: number;
  skipped: Array<{ name: string; reason: string }>;
  scan: Spread;
  paint: Spread;
  scanPlusPaint: Spread;
  floor: Spread;
  markJs: Spread;
  floorRatio: Spread;
  markRatio: Spread;
  trivial: Spread;
  taskAdded: Spread;
  trivialTaskAdded: Spread;
  switchOn: Spread;
  inject: Spread;
  ready: Spread;
  blocksOver50: { pages: number; worst: { name: string; ms: number; phase: Phase | null } | null; apiPages: number };
  traced: { pages: number; withLongTask: number; longest: { name: string; ms: number; phase: string; inside: string[] } | null };
  longTaskPhases: Record<string, number>;
  noStatement: { pages: number; floorRatio: Spread; scanPlusPaint: Spread };
  noLexiconActor: { pages: number; floorRatio: Spread; scanPlusPaint: Spread };
  withStatements: { pages: number; floorRatio: Spread; scanPlusPaint: Spread };
  slowest: string[];
}

function summarize(results: PageResult[]): Summary {
  const ok = results.filter((r) => r.status === 'ok');
  const pick = (f: (r: PageResult) => number, rs = ok) => spread(rs.map(f));
  const over = ok.filter((r) => r.heldMs > TARGET_LONG_TASK_MS);
  const worstTask = ok.reduce<PageResult | null>((a, r) => (!a || r.heldMs > a.heldMs ? r : a), null);
  const phases: Record<string, number> = {};
  for (const r of ok) for (const b of r.blocks) if (b.source === 'beat' && b.duration > TARGET_LONG_TASK_MS) phases[b.phase] = (phases[b.phase] ?? 0) + 1;
  const group = (rs: PageResult[]) => ({ pages: rs.length, floorRatio: pick((r) => r.floorRatio, rs), scanPlusPaint: pick((r) => r.totalMs, rs) });
  return {
    pages: results.length,
    measured: ok.length,
    skipped: results.filter((r) => r.status !== 'ok').map((r) => ({ name: r.name, reason: r.note ?? '' })),
    scan: pick((r) => r.scanMs),
    paint: pick((r) => r.paintMs),
    scanPlusPaint: pick((r) => r.totalMs),
    floor: pick((r) => r.floorMs),
    markJs: pick((r) => r.markMs),
    floorRatio: pick((r) => r.floorRatio),
    markRatio: pick((r) => r.markRatio),
    trivial: pick((r) => r.trivialMs),
    taskAdded: pick((r) => r.taskMs),
    trivialTaskAdded: pick((r) => r.trivialTaskMs),
    switchOn: pick((r) => r.switchOnMs),
    inject: pick((r) => r.injectMs),
    ready: pick((r) => r.readyMs),
    blocksOver50: {
      pages: over.length,
      worst: worstTask && worstTask.heldMs > 0 ? { name: worstTask.name, ms: worstTask.heldMs, phase: worstTask.heldPhase } : null,
      apiPages: ok.filter((r) => r.longestApiTaskMs > TARGET_LONG_TASK_MS).length,
    },
    longTaskPhases: phases,
    traced: (() => {
      const traced = ok.filter((r) => r.trace);
      const worst = traced.reduce<PageResult | null>((a, r) => (!a || (r.trace!.longest?.duration ?? 0) > (a.trace!.longest?.duration ?? 0) ? r : a), null);
      const l = worst?.trace?.longest;
      return {
        pages: traced.length,
        withLongTask: traced.filter((r) => r.trace!.tasks.length > 0).length,
        longest: l && worst ? { name: worst.name, ms: l.duration, phase: l.phase, inside: l.inside } : null,
      };
    })(),
    noStatement: group(ok.filter((r) => r.statements === 0)),
    noLexiconActor: group(ok.filter((r) => r.lexiconSpeakers === 0)),
    withStatements: group(ok.filter((r) => r.statements > 0)),
    slowest: [...ok].sort((a, b) => b.totalMs - a.totalMs).map((r) => r.name),
  };
}

function spreadLine(label: string, s: Spread, f: (v: number) => string): string {
  return `  ${pad(label, 24)} median ${pad(f(s.median), 8, true)}   p95 ${pad(f(s.p95), 8, true)}   max ${pad(f(s.max), 8, true)}`;
}

function bundleFigures(): { bytes: number; gzipBytes: number; target: number; pass: boolean } | null {
  if (!existsSync(CONTENT_SCRIPT)) return null;
  const raw = readFileSync(CONTENT_SCRIPT);
  const gz = gzipSync(raw).length;
  return { bytes: raw.length, gzipBytes: gz, target: TARGET_BUNDLE_BYTES, pass: gz < TARGET_BUNDLE_BYTES };
}

// ---------------------------------------------------------------------------

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const log = (text = ''): void => {
    if (!options.json) console.log(text);
  };
  /** progress and skip messages: stdout normally, stderr with --json */
  const note = (text: string): void => {
    if (options.json) console.error(text);
    else console.log(text);
  };
  const fail = (text: string): number => {
    console.error(`bench: ${text}`);
    return 1;
  };

  // setup: mark.js, lexicon terms, the phase probe; then the build, pages and browser
  if (!existsSync(MARK_JS)) return fail('mark.js is not installed (npm i -D -E mark.js@8.11.1)');
  const lexicon = JSON.parse(readFileSync(LEXICON, 'utf8')) as { actors: Array<{ aliases: Array<{ text: string }> }> };
  const terms = [...new Set(lexicon.actors.flatMap((a) => a.aliases.map((x) => x.text)))];
  const markSource = markScript(readFileSync(MARK_JS, 'utf8'));
  let phaseBundle: string | null = null;
  try {
    phaseBundle = await bundlePhases();
  } catch (e) {
    note(`bench: no step-by-step timing (the phase probe did not bundle: ${errorLine(e)})`);
  }

  const opened = await openRun(CLI, options, note);
  if (typeof opened === 'string') return fail(opened);
  const { session, pages } = opened;
  const { browser, server } = session;

  const started = Date.now();
  const loadBefore = loadavg()[0]!;
  const results: PageResult[] = [];
  let phaseNames: string[] = [];
  try {
    const runner = new Runner(browser, server, (i) => server.url(i), markSource, terms);
    await runner.init();
    log(`bench: ${browser.version}, extension ${browser.extensionId}, pages on ${server.origin}; mark.js 8.11.1 with ${terms.length} terms`);
    log(
      'bench: ms; floor = one TreeWalker text pass (median of 5); scan, paint = the extension\'s measures; held = longest time the page\'s own tasks waited after "highlights on" (heartbeat)',
    );
    log();
    log(HEADER);
    for (let i = 0; i < pages.length; i++) {
      const r = await runner.run(pages[i]!, i);
      results.push(r);
      log(line(r));
    }

    if (phaseBundle) {
      const ok = results.filter((r) => r.status === 'ok');
      const chosen = options.phases ? ok : [...ok].sort((a, b) => b.totalMs - a.totalMs).slice(0, PHASE_PAGES);
      for (const r of chosen) {
        try {
          r.phases = await runner.phases(r.index, phaseBundle);
        } catch (e) {
          note(`bench: step-by-step timing failed on ${r.name}: ${errorLine(e)}`);
        }
      }
      phaseNames = chosen.filter((r) => r.phases).map((r) => r.name);
    }

    const held = results.filter((r) => r.status === 'ok' && r.heldMs > TARGET_LONG_TASK_MS).sort((a, b) => b.heldMs - a.heldMs);
    for (const r of options.trace ? held : held.slice(0, TRACE_PAGES)) {
      try {
        r.trace = await runner.traced(r.index);
      } catch (e) {
        note(`bench: trace failed on ${r.name}: ${errorLine(e)}`);
      }
    }
  } finally {
    await session.close();
  }
  const elapsed = (Date.now() - started) / 1000;
  const loadAfter = loadavg()[0]!;

  const summary = summarize(results);
  const bundle = bundleFigures();
  const vsTrivial = summary.scanPlusPaint.p95 / summary.trivial.p95;
  const taskVsTrivial = summary.taskAdded.p95 / summary.trivialTaskAdded.p95;
  const targets = {
    scanPaintVsTrivialP95: { value: vsTrivial, target: `≤ ${TARGET_TRIVIAL_RATIO}×`, pass: vsTrivial <= TARGET_TRIVIAL_RATIO },
    taskAddedVsTrivialP95: { value: taskVsTrivial, target: `≤ ${TARGET_TRIVIAL_RATIO}×`, pass: taskVsTrivial <= TARGET_TRIVIAL_RATIO },
    switchOnP95: { value: summary.switchOn.p95, target: `≤ ${TARGET_SWITCH_ON_MS} ms`, pass: summary.switchOn.p95 <= TARGET_SWITCH_ON_MS },
    floorRatioP95: { value: summary.floorRatio.p95, target: `< ${TARGET_FLOOR_RATIO_P95}×`, pass: summary.floorRatio.p95 < TARGET_FLOOR_RATIO_P95 },
    markRatioMedian: { value: summary.markRatio.median, target: `≥ ${TARGET_MARK_RATIO_MEDIAN}×`, pass: summary.markRatio.median >= TARGET_MARK_RATIO_MEDIAN },
    longTasks: { value: summary.blocksOver50.pages, target: `no long task > ${TARGET_LONG_TASK_MS} ms`, pass: summary.blocksOver50.pages === 0 },
    bundle: bundle ? { value: bundle.gzipBytes, target: `< ${TARGET_BUNDLE_BYTES} B gzipped`, pass: bundle.pass } : null,
  };

  const json = JSON.stringify(
    {
      elapsedSeconds: elapsed,
      loadAverage: [loadBefore, loadAfter],
      cpus: cpus().length,
      blockedRequests: browser.blocked,
      navigationsStopped: browser.navigationsStopped,
      notFound: server.notFound,
      navigationsCancelled: server.navigationsCancelled,
      terms: terms.length,
      pages: results,
      summary,
      bundle,
      targets,
    },
    null,
    2,
  );
  if (options.save) writeFileSync(options.save, `${json}\n`);
  if (options.json) {
    console.log(json);
    return 0;
  }

  const s = summary;
  const byName = new Map(results.map((r) => [r.name, r]));
  log();
  log(
    `Summary: ${s.measured} of ${s.pages} pages measured in ${elapsed.toFixed(0)} s; load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)} on ${cpus().length} CPUs (other work on the machine slows every figure)`,
  );
  log(
    `  ${browser.blocked} outbound requests blocked (${browser.navigationsStopped} of them a page leaving for another site), ${server.notFound} sub-resources answered 404, ${server.navigationsCancelled} same-site navigations cancelled (204)`,
  );
  for (const k of s.skipped) log(`  skipped ${k.name}: ${k.reason}`);
  const noted = results.filter((r) => r.status === 'ok' && r.note);
  if (noted.length) {
    log(`  notes on ${noted.length} measured pages:`);
    for (const r of noted) log(`    ${r.name}: ${r.note}`);
  }
  log(spreadLine('scan ms', s.scan, ms));
  log(spreadLine('paint ms', s.paint, ms));
  log(spreadLine('scan+paint ms', s.scanPlusPaint, ms));
  log(spreadLine('trivial scan+paint ms', s.trivial, ms));
  log(spreadLine('task time added ms', s.taskAdded, ms));
  log(spreadLine('  trivial script, ms', s.trivialTaskAdded, ms));
  log(spreadLine('switch-on → painted ms', s.switchOn, ms));
  log(spreadLine('floor ms', s.floor, ms));
  log(spreadLine('mark.js ms', s.markJs, ms));
  log(spreadLine('(scan+paint) ÷ floor', s.floorRatio, ratio));
  log(spreadLine('mark.js ÷ (scan+paint)', s.markRatio, ratio));
  log(spreadLine('inject ms (on → scan)', s.inject, ms));
  log(spreadLine('on → ready ms (driver)', s.ready, ms));
  const worst = s.blocksOver50.worst;
  log(
    `  page held > ${TARGET_LONG_TASK_MS} ms (heartbeat: an upper bound of the longest task): on ${s.blocksOver50.pages} pages; worst ${worst ? `${ms(worst.ms)} ms on ${worst.name} (${worst.phase})` : '—'}`,
  );
  if (Object.keys(s.longTaskPhases).length)
    log(
      `    blocks > ${TARGET_LONG_TASK_MS} ms by phase: ${Object.entries(s.longTaskPhases)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
  log(`  Long Tasks API: an entry > ${TARGET_LONG_TASK_MS} ms on ${s.blocksOver50.apiPages} pages (it does not report the task that starts the scan)`);
  const traced = results.filter((r) => r.trace);
  if (traced.length) {
    log(
      `  traced again (exact tasks > ${TARGET_LONG_TASK_MS} ms; ${options.trace ? 'every page held over 50 ms' : `the ${traced.length} pages held longest`}): a long task on ${s.traced.withLongTask} of ${s.traced.pages}`,
    );
    for (const r of traced) {
      const tasks = r.trace!.tasks;
      const list = tasks.length ? tasks.map((t) => `${ms(t.duration)} ${t.phase}${t.inside.length ? ` [${t.inside.join(', ')}]` : ''}`).join('; ') : 'none';
      log(`    ${shortName(r.name)} ${list}`);
    }
  }
  const groupLine = (label: string, g: Summary['noStatement']) =>
    `  ${label}: ${g.pages}; scan+paint median ${ms(g.scanPlusPaint.median)} ms (max ${ms(g.scanPlusPaint.max)}); ÷ floor median ${ratio(g.floorRatio.median)}, p95 ${ratio(g.floorRatio.p95)}, max ${ratio(g.floorRatio.max)}`;
  log(groupLine('pages with no statement', s.noStatement));
  log(groupLine('pages naming no lexicon actor', s.noLexiconActor));
  log(groupLine('pages with statements', s.withStatements));
  log('  slowest pages (scan+paint):');
  for (const name of s.slowest.slice(0, 8)) {
    const w = byName.get(name)!;
    log(
      `    ${shortName(w.name)} ${pad(w.textKB.toFixed(0), 4, true)} KB text ${pad(String(w.elements), 6, true)} elements ${pad(String(w.statements), 3, true)} stmts  scan ${pad(ms(w.scanMs), 6, true)}  paint ${pad(ms(w.paintMs), 5, true)}  inject ${pad(ms(w.injectMs), 5, true)}  held ${ms(w.heldMs)} (${w.heldPhase ?? '—'})`,
    );
  }
  if (phaseNames.length) {
    log(
      `  step by step in the main world (${options.phases ? 'every page' : `the ${phaseNames.length} slowest`}; cold = first run in the document, as the content script runs; ms):`,
    );
    for (const name of phaseNames) {
      const r = byName.get(name)!;
      if (r.phases) log(phaseLine(name, r.phases));
    }
  }
  log();
  log('Targets:');
  const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');
  log(
    `  ${verdict(targets.scanPaintVsTrivialP95.pass)}  p95 of scan+paint ${ms(s.scanPlusPaint.p95)} ms ÷ the trivial script's ${ms(s.trivial.p95)} ms = ${ratio(targets.scanPaintVsTrivialP95.value)} (target ${targets.scanPaintVsTrivialP95.target})`,
  );
  log(
    `  ${verdict(targets.taskAddedVsTrivialP95.pass)}  p95 of main-thread task time added ${ms(s.taskAdded.p95)} ms ÷ the trivial script's ${ms(s.trivialTaskAdded.p95)} ms = ${ratio(targets.taskAddedVsTrivialP95.value)} (target ${targets.taskAddedVsTrivialP95.target})`,
  );
  log(`  ${verdict(targets.switchOnP95.pass)}  p95 of switch-on → painted = ${ms(s.switchOn.p95)} ms (target ${targets.switchOnP95.target})`);
  log(`  ${verdict(targets.floorRatioP95.pass)}  p95 of (scan+paint) ÷ floor = ${ratio(targets.floorRatioP95.value)} (target ${targets.floorRatioP95.target})`);
  log(
    `  ${verdict(targets.markRatioMedian.pass)}  median of mark.js ÷ (scan+paint) = ${ratio(targets.markRatioMedian.value)} (target ${targets.markRatioMedian.target})`,
  );
  log(
    `  ${verdict(targets.longTasks.pass)}  pages where the main thread was held > ${TARGET_LONG_TASK_MS} ms: ${targets.longTasks.value}${s.traced.pages ? ` (traced: a task > ${TARGET_LONG_TASK_MS} ms on ${s.traced.withLongTask} of ${s.traced.pages}${s.traced.longest ? `, longest ${ms(s.traced.longest.ms)} ms ${s.traced.longest.phase} on ${s.traced.longest.name}` : ''})` : ''} (target: no long task > ${TARGET_LONG_TASK_MS} ms)`,
  );
  if (bundle) {
    log(
      `  ${verdict(bundle.pass)}  content script ${(bundle.bytes / 1024).toFixed(1)} KB, ${(bundle.gzipBytes / 1024).toFixed(1)} KB gzipped = ${bundle.gzipBytes} B (target < 40 KB = ${TARGET_BUNDLE_BYTES} B)`,
    );
  } else log(`  ????  no ${CONTENT_SCRIPT}: content-script size unknown`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`bench: setup failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  },
);

/**
 * Drives the sweep in one Chromium tab (../harness/session.ts: Debian's Chromium, the
 * unpacked extension, everything but the page server blocked).
 *
 * Per page, each pass on a fresh load of the page:
 *
 *   1. highlights (the path Chromium takes): wait for a quiet DOM, snapshot it, GC and
 *      read the JS heap, start a main-world heartbeat, highlights on, wait for ready,
 *      read the content script's scan/paint measures and the heartbeat, hover a
 *      statement (a mousemove where the caret lies in it: the card's host element is
 *      created), highlights off, snapshot again, GC and read the heap;
 *   2. trace, only when the heartbeat or the Long Tasks API saw over 50 ms: the same
 *      on → ready under a Chromium trace, each task of 10 ms or more given to the
 *      extension or the page (attribution.ts); when the extension's longest is over
 *      50 ms, once more, and the smaller of the two figures stands (a busy machine
 *      stretches single tasks now and then);
 *   3. wrap: as 1 without the heap, with `Highlight` deleted from the extension's
 *      isolated world first, so the content script paints with wrapper elements, the
 *      path that really edits the page's DOM (left out where pass 1 painted nothing:
 *      the wrapper painter would have nothing to wrap);
 *   4. a pass whose DOM differs is run once more with the page's scripts off
 *      (`Content-Security-Policy: script-src 'none'`; the content script is not bound
 *      by the page's CSP): with nothing else editing the DOM, that verdict stands.
 *
 * Errors and requests are collected all along by a Watcher: CDP Runtime events of the
 * tab (exceptions and console errors of the extension's isolated world, or whose stack
 * names chrome-extension://), the background's console errors and uncaught exceptions,
 * the popup's exceptions, and
 * every request sent from the service worker, an extension page or with extension
 * script on the initiator's stack.
 */
import type { BrowserContext, CDPSession, Page, Request, Worker } from 'playwright-core';
import { errorLine, sleep, withTimeout } from '../harness/browser.ts';
import { LeftError, LoadTimeout } from '../harness/extension.ts';
import type { BenchPage } from '../harness/pages.ts';
import { AFTER_OFF, EXTENSION_FIGURES, NOW, type Figures } from '../harness/probes.ts';
import type { PageServer } from '../harness/server.ts';
import { BenchTab, type BenchBrowser } from '../harness/session.ts';
import { ms } from '../harness/stats.ts';
import { startTrace, stopTrace } from '../harness/trace.ts';
import { attributeTrace, EXTENSION_SCHEME, isExtensionRequest, longestOfExtension, mentionsExtension, type AttributedTask } from './attribution.ts';
import { domChange, type Leftovers, type NodeIdentity, type Snapshot } from './dom.ts';
import {
  CARD_HOSTS,
  FORCE_WRAP_FUNC,
  HEARTBEAT,
  hoverTarget,
  MARKS,
  mouseMove,
  MUTATIONS,
  SNAPSHOT_AFTER,
  SNAPSHOT_BEFORE,
  SNAPSHOT_RELEASE,
} from './probes.ts';
import { emptyResult, failuresOf, LONG_TASK_MS, type DomOutcome, type Mode, type SweepResult } from './report.ts';

/** What SNAPSHOT_AFTER returns: the two serialisations only when they differ. */
interface SnapshotPair {
  before: Snapshot | null;
  after: Snapshot | null;
  identity: NodeIdentity;
}

/** Per-step limits besides the harness's (LIMITS): probes of a big page's DOM take longer than the bench's. */
const PROBE_TIMEOUT = 15_000;
/** A DOM is quiet after this long without a mutation; waited for at most QUIET_MAX_MS. */
const QUIET_MS = 150;
const QUIET_MAX_MS = 1_000;
const CARD_WAIT_MS = 2_000;
/** The heartbeat records gaps over this: a page where it saw none gets this as its bound. */
const HEARTBEAT_FLOOR_MS = 4;
/** Traced tasks at least this long are kept (the longest of the extension's is reported). */
const TRACE_MIN_MS = 10;
/** A task without script this long after the paint is still the extension's (rendering the highlights). */
const AFTER_PAINT_MS = 250;

/**
 * The extension failed (an error reply or status, not ready in time): a failure of the
 * page. Any other error means the page could not be loaded or probed: it is skipped,
 * not held against the extension.
 */
export class ExtensionTrouble extends Error {}

interface TabValue {
  on: boolean;
  status: string;
  url: string | null;
  message?: string;
  report: { statements: unknown[] } | null;
}

/** Evaluated in the extension's service worker: its uncaught exceptions and rejections become console errors. */
const SW_ERROR_HOOK = `(() => {
  if (self.__sweepHooked) return;
  self.__sweepHooked = true;
  self.addEventListener('error', (e) => console.error('uncaught ' + (e.error && e.error.stack ? e.error.stack : e.message)));
  self.addEventListener('unhandledrejection', (e) => console.error('unhandled rejection ' + (e.reason && e.reason.stack ? e.reason.stack : String(e.reason))));
})()`;

/** What the sweep collects for the page in hand. */
export class Collector {
  errors: string[] = [];
  pageErrors = 0;
  requests: string[] = [];
}

/**
 * Listens for the extension's errors and requests for the whole run and files them
 * under the page in hand (`current`).
 */
export class Watcher {
  current = new Collector();

  constructor(private context: BrowserContext) {}

  /** Background, popup and request listeners; the tab's CDP listeners come with attach(). */
  start(popup: Page): void {
    const watchWorker = (w: Worker) => {
      if (!w.url().startsWith(EXTENSION_SCHEME)) return;
      w.on('console', (m) => {
        if (m.type() === 'error') this.error(`background: ${m.text()}`);
      });
      // uncaught exceptions of the worker reach no console event: report them as console errors
      void w.evaluate(SW_ERROR_HOOK).catch(() => undefined);
    };
    this.context.serviceWorkers().forEach(watchWorker);
    this.context.on('serviceworker', watchWorker);
    // (the popup's console events also carry the worker's: only its exceptions are taken)
    popup.on('pageerror', (e) => this.error(`extension page: ${e.message}`));
    this.context.on('request', (r) => this.request(r));
  }

  private error(text: string): void {
    this.current.errors.push(text.split('\n')[0]!.slice(0, 300));
  }

  private request(r: Request): void {
    let frame: string | null = null;
    try {
      frame = r.frame().url();
    } catch {
      frame = null;
    }
    const worker = r.serviceWorker()?.url() ?? null;
    if (isExtensionRequest({ url: r.url(), worker, frame }))
      this.current.requests.push(`${r.method()} ${r.url().slice(0, 200)} from ${worker ? 'the service worker' : `an extension page (${frame})`}`);
  }

  /** CDP listeners on a tab: exceptions, console errors and requests, attributed. */
  async attach(page: Page): Promise<CDPSession> {
    const cdp = await this.context.newCDPSession(page);
    const origins = new Map<number, string>();
    const ours = (contextId: number | undefined) => contextId !== undefined && (origins.get(contextId) ?? '').startsWith(EXTENSION_SCHEME);
    cdp.on('Runtime.executionContextCreated', ({ context }) => void origins.set(context.id, context.origin));
    cdp.on('Runtime.exceptionThrown', ({ exceptionDetails: d }) => {
      const text = d.exception?.description ?? d.text;
      const urls = [d.url ?? '', ...(d.stackTrace?.callFrames.map((f) => f.url) ?? [])];
      if (ours(d.executionContextId) || mentionsExtension(text) || urls.some(mentionsExtension)) this.error(`content script: ${text}`);
      else this.current.pageErrors++;
    });
    cdp.on('Runtime.consoleAPICalled', (e) => {
      if (e.type !== 'error' && e.type !== 'assert') return;
      const urls = e.stackTrace?.callFrames.map((f) => f.url) ?? [];
      if (!ours(e.executionContextId) && !urls.some(mentionsExtension)) return;
      const text = e.args.map((a) => a.description ?? (a.value === undefined ? a.type : String(a.value))).join(' ');
      this.error(`content script console.${e.type}: ${text}`);
    });
    cdp.on('Network.requestWillBeSent', (e) => {
      const initiator: string[] = e.initiator.url ? [e.initiator.url] : [];
      for (let s = e.initiator.stack; s; s = s.parent) initiator.push(...s.callFrames.map((f) => f.url));
      if (isExtensionRequest({ url: e.request.url, initiator }))
        this.current.requests.push(`${e.request.method} ${e.request.url.slice(0, 200)} from the content script`);
    });
    await cdp.send('Runtime.enable');
    await cdp.send('Network.enable');
    await cdp.send('Performance.enable');
    return cdp;
  }
}

/** One pass's findings. */
interface Pass {
  mode: Mode;
  scriptsOff: boolean;
  statements: number;
  scanMs: number;
  paintMs: number;
  scans: number;
  /** longest heartbeat gap / Long Tasks API entry after "on" (heartbeat passes) */
  heldMs: number;
  /** highlight ranges (highlights) or wrapper elements (wrap) after the paint */
  painted: number;
  card: boolean | null;
  change: string | null;
  pageMutations: number;
  heapBefore: number;
  heapAfter: number;
  traced?: AttributedTask[];
  notes: string[];
  /** wall-clock ms per step of the pass */
  stages: Record<string, number>;
}

interface PassOptions {
  mode: Mode;
  /** snapshot, hover and the DOM verdict */
  dom: boolean;
  heap: boolean;
  trace: boolean;
}

export interface RunnerOptions {
  wrap: boolean;
  trace: boolean;
}

export class SweepRunner {
  private readonly tab: BenchTab;
  private cdp!: CDPSession;
  /** pages served without their scripts */
  private scriptless = new Set<number>();

  constructor(
    private b: BenchBrowser,
    private server: PageServer,
    private watcher: Watcher,
    private options: RunnerOptions,
  ) {
    this.tab = new BenchTab(b, {
      probeTimeoutMs: PROBE_TIMEOUT,
      onPage: async (page) => {
        this.cdp = await this.watcher.attach(page);
      },
    });
  }

  get page(): Page {
    return this.tab.page;
  }

  init(): Promise<void> {
    return this.tab.init();
  }

  private eval<T>(expression: string, what: string, timeout = PROBE_TIMEOUT): Promise<T> {
    return this.tab.eval<T>(expression, what, timeout);
  }

  /** Waits until the page's DOM has not changed for QUIET_MS (at most QUIET_MAX_MS); false when it never settled. */
  private async quiet(): Promise<boolean> {
    const t0 = Date.now();
    for (;;) {
      const m = await this.eval<{ last: number; now: number }>(MUTATIONS, 'mutations');
      if (m.now - m.last >= QUIET_MS) return true;
      if (Date.now() - t0 > QUIET_MAX_MS) return false;
      await sleep(Math.max(20, QUIET_MS - (m.now - m.last)));
    }
  }

  /** JSHeapUsedSize of the tab's renderer after a full GC. */
  private async heap(): Promise<number> {
    try {
      await withTimeout(this.cdp.send('HeapProfiler.collectGarbage'), PROBE_TIMEOUT, 'GC');
      const { metrics } = await withTimeout(this.cdp.send('Performance.getMetrics'), PROBE_TIMEOUT, 'metrics');
      return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
    } catch (e) {
      throw new Error(`heap: ${errorLine(e)}`);
    }
  }

  /** Highlights on; waits until the tab is ready. */
  private turnOn(): Promise<TabValue> {
    return this.tab.on<TabValue>({ fail: (m) => new ExtensionTrouble(m) });
  }

  /** Highlights off; the reply must say off. */
  private async turnOff(): Promise<void> {
    const reply = await this.b
      .send<TabValue>({ type: 'highlights/set', tabId: this.tab.tabId, on: false }, 10_000)
      .catch((e: unknown) => ({ ok: false, error: errorLine(e), value: undefined }));
    if (!reply.ok) throw new ExtensionTrouble(`highlights/set off: ${reply.error}`);
    if (reply.value?.on !== false) throw new ExtensionTrouble(`highlights/set off: the tab still says on (status ${reply.value?.status})`);
  }

  /** Removes Highlight from the extension's isolated world, before the content script arrives. */
  private async forceWrap(): Promise<void> {
    const found = await withTimeout(
      this.b.popup.evaluate(
        `chrome.scripting.executeScript({ target: { tabId: ${this.tab.tabId} }, world: 'ISOLATED', func: ${FORCE_WRAP_FUNC} }).then((r) => r[0] && r[0].result)`,
      ) as Promise<[string, string] | null>,
      PROBE_TIMEOUT,
      'force wrap',
    ).catch((e: unknown) => {
      throw new Error(`force wrap: ${errorLine(e)}`);
    });
    if (!found || found[1] !== 'undefined') throw new Error(`force wrap: Highlight still there (${JSON.stringify(found)})`);
  }

  /**
   * Hovers the first statement on screen; whether the card host appeared (null:
   * nothing to hover). The mouse move is a synthetic event dispatched in the page (the
   * content script listens on the document): a real one waits for the next frame,
   * which on pages that render slowly takes a second or more.
   */
  private async hover(mode: Mode): Promise<boolean | null> {
    const point = await this.eval<{ x: number; y: number } | null>(hoverTarget(mode), 'hover target');
    if (!point) return null;
    await this.eval<void>(mouseMove(point.x, point.y), 'mouse move');
    const t0 = Date.now();
    while (Date.now() - t0 < CARD_WAIT_MS) {
      if ((await this.eval<number>(CARD_HOSTS, 'card')) > 0) return true;
      await sleep(50);
    }
    return false;
  }

  /** One pass on a fresh load of the page (see the file comment). */
  private async pass(url: string, index: number, o: PassOptions): Promise<Pass> {
    const p: Pass = {
      mode: o.mode,
      scriptsOff: this.scriptless.has(index),
      statements: NaN,
      scanMs: NaN,
      paintMs: NaN,
      scans: NaN,
      heldMs: NaN,
      painted: NaN,
      card: null,
      change: null,
      pageMutations: 0,
      heapBefore: NaN,
      heapAfter: NaN,
      notes: [],
      stages: {},
    };
    let clock = Date.now();
    const lap = (name: string) => {
      const now = Date.now();
      p.stages[name] = (p.stages[name] ?? 0) + now - clock;
      clock = now;
    };
    await this.tab.load(url);
    lap('load');
    if (o.mode === 'wrap') await this.forceWrap();
    let before: { nodes: number; chars: number } | null = null;
    let mutations0 = 0;
    if (o.dom) {
      if (!(await this.quiet())) p.notes.push(`${o.mode}: the page's DOM never settled`);
      lap('quiet');
      before = await this.eval<{ nodes: number; chars: number }>(SNAPSHOT_BEFORE, 'snapshot');
      mutations0 = (await this.eval<{ count: number }>(MUTATIONS, 'mutations')).count;
      lap('snapshot');
    }
    if (o.heap) {
      p.heapBefore = await this.heap();
      lap('heap');
    }
    const browser = this.b.context.browser();
    if (o.trace) {
      if (!browser) throw new Error('no Browser object to trace with');
      await startTrace(browser, this.page);
      lap('trace');
    }
    let tracing = o.trace;
    try {
      const tOn = await this.eval<number>(o.trace ? NOW : HEARTBEAT, 'heartbeat');
      const state = await this.turnOn();
      lap('on');
      const figures = await this.eval<Figures>(EXTENSION_FIGURES, 'measures');
      lap('measures');
      if (o.trace) {
        tracing = false;
        const events = await stopTrace(browser!);
        lap('trace');
        if (figures.scan && figures.paint) {
          p.traced = attributeTrace(events, { tOn, scan: figures.scan, paint: figures.paint, minMs: TRACE_MIN_MS, afterPaintMs: AFTER_PAINT_MS });
        }
      }
      if (figures.url !== url) p.notes.push(`the page moved itself to ${figures.url}`);
      if (!figures.scan || !figures.paint) throw new ExtensionTrouble('ready, but no stance-lens:scan / stance-lens:paint measure in the page');
      p.statements = state.report?.statements.length ?? 0;
      p.scanMs = figures.scan.duration;
      p.paintMs = figures.paint.duration;
      p.scans = figures.scan.count;
      const blocks = [...figures.longTasks.filter(([s, d]) => s + d > tOn), ...figures.gaps];
      p.heldMs = Math.max(HEARTBEAT_FLOOR_MS, ...blocks.map(([, d]) => d));
      p.painted = o.mode === 'wrap' ? await this.eval<number>(MARKS, 'marks') : Object.values(figures.highlights).reduce((a, b) => a + b, 0);
      if (p.statements > 0 && p.painted === 0) p.notes.push(`${o.mode}: statements, but nothing painted`);
      if (o.dom) {
        p.card = await this.hover(o.mode);
        lap('hover');
      }
      await this.turnOff();
      lap('off');
    } finally {
      if (tracing) await browser!.stopTracing().catch(() => undefined);
    }
    if (o.dom && before) {
      await sleep(50);
      const pair = await this.eval<SnapshotPair>(SNAPSHOT_AFTER, 'snapshot');
      const left = await this.eval<Leftovers>(AFTER_OFF, 'after off');
      p.pageMutations = (await this.eval<{ count: number }>(MUTATIONS, 'mutations')).count - mutations0;
      // equal serialisations are not sent: compare the kept one with itself
      const same: Snapshot = { text: '', nodes: before.nodes };
      p.change = domChange(pair.before ?? same, pair.after ?? same, pair.identity, left);
      lap('snapshot');
    }
    if (o.heap) p.heapAfter = await this.heap();
    if (o.dom) await this.eval<void>(SNAPSHOT_RELEASE, 'release');
    if (o.heap || o.dom) lap('heap');
    return p;
  }

  /** The first pass; a page that will not load with its scripts is served without them. */
  private async firstPass(url: string, index: number, r: SweepResult): Promise<Pass> {
    const options: PassOptions = { mode: 'highlights', dom: true, heap: true, trace: false };
    try {
      return await this.pass(url, index, options);
    } catch (e) {
      if (!(e instanceof LeftError || e instanceof LoadTimeout)) throw e;
      this.server.withoutScripts(index);
      this.scriptless.add(index);
      r.scriptless = true;
      r.notes.push(`served with CSP script-src 'none': with its scripts, ${e.message}`);
      return await this.pass(url, index, options);
    }
  }

  /** A DOM verdict; a difference seen with the page's scripts on is checked again with them off. */
  private async domOutcome(url: string, index: number, p: Pass, r: SweepResult): Promise<DomOutcome> {
    const outcome: DomOutcome = { mode: p.mode, change: p.change, scriptsOff: p.scriptsOff, card: p.card };
    if (p.mode === 'highlights') outcome.pageMutations = p.pageMutations;
    if (!p.change || p.scriptsOff) return outcome;
    this.server.withoutScripts(index);
    this.scriptless.add(index);
    try {
      const again = await this.pass(url, index, { mode: p.mode, dom: true, heap: false, trace: false });
      return { ...outcome, change: again.change, scriptsOff: true, firstTry: p.change, card: again.card };
    } catch (e) {
      if (e instanceof ExtensionTrouble) throw e;
      r.notes.push(`${p.mode}: the check with page scripts off failed (${errorLine(e)}); the first verdict stands`);
      return outcome;
    }
  }

  /** Runs every pass on one page. */
  async run(page: BenchPage, index: number, url: string): Promise<SweepResult> {
    const r = emptyResult(index, page.name, page.source);
    const collected = new Collector();
    this.watcher.current = collected;
    const blocked0 = this.b.blocked;
    const passes: Pass[] = [];
    let trouble = false;
    const step = async (what: string, fn: () => Promise<void>, skipOnTrouble: boolean) => {
      try {
        await fn();
      } catch (e) {
        trouble = true;
        if (e instanceof ExtensionTrouble) r.errors.push(`${what}: ${e.message}`);
        else if (skipOnTrouble) {
          r.status = 'skipped';
          r.skipped = `${what}: ${errorLine(e)}`;
        } else r.notes.push(`${what} pass: ${errorLine(e)}`);
        await this.tab.off();
        await this.tab.recover();
      }
    };

    await step(
      'highlights',
      async () => {
        const hl = await this.firstPass(url, index, r);
        passes.push(hl);
        r.statements = hl.statements;
        r.scanMs = hl.scanMs;
        r.paintMs = hl.paintMs;
        r.heldMs = hl.heldMs;
        r.heapBefore = hl.heapBefore;
        r.heapAfter = hl.heapAfter;
        r.longestTask = { ms: hl.heldMs, source: 'heartbeat' };
      },
      true,
    );
    if (r.status === 'ok' && passes.length && r.heldMs > LONG_TASK_MS && this.options.trace) {
      await step(
        'trace',
        async () => {
          // a traced run over the limit is confirmed by a second one: the smaller figure stands
          const runs: Array<{ tasks: AttributedTask[]; longest: AttributedTask | null }> = [];
          for (let k = 0; k < 2 && (k === 0 || (runs[0]!.longest?.duration ?? 0) > LONG_TASK_MS); k++) {
            const t = await this.pass(url, index, { mode: 'highlights', dom: false, heap: false, trace: true });
            for (const [name, v] of Object.entries(t.stages)) r.stages[`trace${k + 1}:${name}`] = v;
            if (!t.traced) throw new Error('no trace');
            runs.push({ tasks: t.traced, longest: longestOfExtension(t.traced) });
          }
          const best = runs.reduce((a, b) => ((b.longest?.duration ?? 0) < (a.longest?.duration ?? 0) ? b : a));
          r.traced = best.tasks;
          const confirmed = runs.length > 1 ? ` (smaller of 2 traced runs: ${runs.map((x) => ms(x.longest?.duration ?? 0)).join(', ')} ms)` : '';
          r.longestTask = best.longest
            ? { ms: best.longest.duration, source: 'trace', why: `${[best.longest.why, ...best.longest.inside].join(', ')}${confirmed}` }
            : { ms: 0, source: 'trace', why: `no task of the extension reached ${TRACE_MIN_MS} ms` };
        },
        false,
      );
    }
    const painted = passes[0]?.painted ?? NaN;
    // with nothing painted the wrapper painter has nothing to wrap: no wrap pass
    if (r.status === 'ok' && this.options.wrap && painted !== 0) {
      await step(
        'wrap',
        async () => {
          const w = await this.pass(url, index, { mode: 'wrap', dom: true, heap: false, trace: false });
          passes.push(w);
          r.wrapPaintMs = w.paintMs;
        },
        false,
      );
    }
    for (const p of passes) {
      r.notes.push(...p.notes);
      for (const [k, v] of Object.entries(p.stages)) r.stages[`${p.mode}:${k}`] = v;
      await step(`${p.mode} DOM check`, async () => void r.dom.push(await this.domOutcome(url, index, p, r)), false);
    }
    if (trouble) await this.tab.off();
    r.errors.push(...collected.errors);
    r.requests.push(...collected.requests);
    r.pageErrors = collected.pageErrors;
    r.blocked = this.b.blocked - blocked0;
    r.failures = failuresOf(r);
    return r;
  }
}

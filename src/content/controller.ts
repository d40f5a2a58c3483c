/**
 * The content script's one object: scan (extract → analyse in slices → paint),
 * toggle, jump, hover card, and watching the page for changes. Toggle off is the one
 * teardown path: it aborts the AbortController that every listener was added with.
 */
import { isPrepared, prepareLexicon } from '../engine/analyze.ts';
import { analyzeSliceSteps, mergeReports, sliceKey, slices, type ModelOptions } from '../engine/merge.ts';
import { loadModel, type LoadedModel } from '../engine/model/classifier.ts';
import { mayConcernLexicon } from '../engine/relevance.ts';
import type { ModelUse, Report } from '../engine/types.ts';
import type { CompiledLexicon } from '../lexicon/types.ts';
import { extractTextSteps, mainContentRoot } from '../page/extract.ts';
import { createPainter, MARK_TAG, type PaintItem, type Painted, type Painter } from '../page/paint.ts';
import { ScopedStyles } from '../page/scoped-style.ts';
import { Card } from './card.ts';

/**
 * Work per task on the page's main thread: slices are analysed one after another
 * until this much time has gone, then the page gets the thread back. A fresh page
 * pays for the lexicon tables and the cold JIT in tasks of their own.
 */
const TASK_BUDGET_MS = 12;
/** Reports of slices kept for reuse when the page changes (most pages change at the end). */
const CACHE_SLICES = 120;
const RESCAN_DEBOUNCE = 400;
const OBSERVED: MutationObserverInit = { childList: true, subtree: true, characterData: true };
const RESCAN_MAX_WAIT = 2000;

export interface ControllerHooks {
  report(report: Report, on: boolean): void;
}

/** Gives the page's main thread back between slices (a message, not a throttled timer). */
function yieldToPage(): Promise<void> {
  const sched = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (sched?.yield) return sched.yield();
  return new Promise<void>((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

export class Controller {
  on = false;
  report: Report | null = null;
  private painted: Painted[] = [];
  private painter: Painter;
  private styles = new ScopedStyles();
  private card: Card;
  private abort: AbortController | null = null;
  private observer: MutationObserver | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private firstDirty = 0;
  private scanning: Promise<void> | null = null;
  private again = false;
  private href: string;
  private generation = 0;
  /** the statement shown last by jump(), for next/previous */
  private current = -1;
  /** slice reports by sliceKey(), for the lexicon they were made with */
  private cache = new Map<string, Report>();
  /** iframes whose load we listen to (until toggle off) */
  private watchedFrames = new WeakSet<Element>();
  private cacheFor: CompiledLexicon | null = null;
  private cacheModel: LoadedModel | null = null;
  /** what the paint shows: the text it was made from, with which lexicon and settings */
  private paintedFor: { text: string; lexicon: CompiledLexicon; showMentions: boolean; modelFile: unknown } | null = null;
  /** slices analysed (not taken from the cache) since the start: for tests and the sweep */
  analysedSlices = 0;

  constructor(
    private doc: Document,
    private lexicon: CompiledLexicon,
    private hooks: ControllerHooks,
  ) {
    this.painter = createPainter(doc);
    this.card = new Card(doc);
    this.href = doc.location.href;
  }

  async setOn(on: boolean): Promise<void> {
    if (on === this.on) {
      // asked again (the background lost track, e.g. a restarted service worker): report again
      if (this.report) this.hooks.report(this.report, on);
      return;
    }
    this.on = on;
    if (on) {
      this.listen();
      await this.scan();
    } else {
      this.generation++;
      this.abort?.abort();
      this.abort = null;
      this.observer?.disconnect();
      this.observer = null;
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.painter.clear();
      this.styles.clear();
      this.card.destroy();
      this.painted = [];
      this.paintedFor = null;
      this.watchedFrames = new WeakSet();
      // the slice reports serve rescans of a painted page only (the report stays, for the popup)
      this.cache.clear();
      if (this.report) this.hooks.report(this.report, false);
    }
  }

  private showMentions = true;

  /** The lexicon the page is analysed with. */
  get lexiconInUse(): CompiledLexicon {
    return this.lexicon;
  }

  /**
   * The stance model file to judge with. It is read at the next scan, in a task of its
   * own; a file that cannot be used leaves seed quotes and cues to judge, and the
   * report says why.
   */
  useModel(file: unknown): void {
    this.modelFile = file;
    if (this.on) void this.scan();
  }

  private modelFile: unknown = null;
  /** the model read from `modelFor` (null: not read yet, or no file) */
  private model: LoadedModel | null = null;
  private modelFor: unknown = null;

  /** The lexicon and display settings in use; a change repaints the page. */
  configure(lexicon: CompiledLexicon, showMentions: boolean, css?: string): void {
    if (css !== undefined) this.styles.setCss(css);
    const changed = lexicon !== this.lexicon || showMentions !== this.showMentions;
    this.lexicon = lexicon;
    this.showMentions = showMentions;
    if (changed && this.on) void this.scan();
  }

  /** Scans now, or once more after the running scan when called during one. */
  scan(): Promise<void> {
    if (this.scanning) {
      this.again = true;
      return this.scanning;
    }
    this.scanning = (async () => {
      try {
        do {
          this.again = false;
          await this.scanOnce();
        } while (this.again && this.on);
      } finally {
        // a scan that threw (an odd page) does not stop the next one
        this.scanning = null;
      }
    })();
    return this.scanning;
  }

  private async scanOnce(): Promise<void> {
    const gen = this.generation;
    const perf = this.doc.defaultView!.performance;
    const stale = () => gen !== this.generation || !this.on;
    let task = perf.now();
    /** Runs steps to their end, giving the page its thread back whenever the budget is spent; null when the scan went stale. */
    const drive = async <T>(steps: Generator<void, T>): Promise<T | null> => {
      for (let r = steps.next(); ; r = steps.next()) {
        if (r.done) return r.value;
        if (perf.now() - task > TASK_BUDGET_MS) {
          await yieldToPage();
          if (stale()) return null;
          task = perf.now();
        }
      }
    };
    const t0 = task;
    // the model this scan judges with: a new one given meanwhile makes the next scan
    const modelFile = this.modelFile;
    let ext = await drive(extractTextSteps(mainContentRoot(this.doc)));
    if (!ext) return;
    // nothing changed for the reader (a page re-rendering around the article, or answering
    // our own repaint): the paint stands, and nothing is done that the page could answer
    if (this.unchanged(ext.text)) return;
    // wrappers split the page's text nodes: take them out before reading the text again
    if (this.painter.mode === 'wrap' && this.painted.length > 0) {
      this.withoutObserving(() => this.painter.clear());
      this.painted = [];
      ext = await drive(extractTextSteps(mainContentRoot(this.doc)));
      if (!ext) return;
    }
    const text = ext.text;
    const source = this.doc.location.href;
    const parts: Array<{ report: Report; offset: number }> = [];
    // a page that names nobody in the lexicon and not the war: nothing to analyse
    if (mayConcernLexicon(text, this.lexicon)) {
      const lexicon = this.lexicon;
      // the model's tables, when it changed, in a task of their own too
      if (this.modelFor !== modelFile) {
        await yieldToPage();
        if (stale()) return;
        this.model = modelFile === null ? null : loadModel(modelFile);
        this.modelFor = modelFile;
        await yieldToPage();
        if (stale()) return;
        task = perf.now();
      }
      const loaded = this.model;
      const model: ModelOptions = loaded?.model ? { model: loaded.model } : loaded?.error ? { modelError: loaded.error } : {};
      // the lexicon's tables (and the judge for this model), the first time, in a task of their own
      if (!isPrepared(lexicon, loaded?.model ?? null)) {
        await yieldToPage();
        if (stale()) return;
        prepareLexicon(lexicon, loaded?.model ?? null);
        await yieldToPage();
        if (stale()) return;
        task = perf.now();
      }
      if (this.cacheFor !== lexicon || this.cacheModel !== loaded) {
        this.cache.clear();
        this.cacheFor = lexicon;
        this.cacheModel = loaded;
      }
      const used = new Map<string, Report>();
      for (const s of slices(text)) {
        // only slices whose text (with its context) changed are analysed again, paragraph by paragraph
        const key = sliceKey(text, s);
        let report = used.get(key) ?? this.cache.get(key);
        if (!report) {
          const fresh = await drive(analyzeSliceSteps(text, s, lexicon, source, model));
          if (!fresh) return;
          report = fresh;
          this.analysedSlices++;
        }
        used.set(key, report);
        parts.push({ report, offset: s.start });
      }
      this.remember(used);
    }
    const report = parts.length
      ? mergeReports(parts, source)
      : { source, lexicon: { id: this.lexicon.id, version: this.lexicon.version }, model: modelUseOf(this.model), speakers: [], statements: [] };
    perf.measure('stance-lens:scan', { start: t0, end: perf.now() });

    const p0 = perf.now();
    this.withoutObserving(() => {
      this.painted = this.painter.paint(paintItems(report, this.showMentions), ext);
      this.styles.cover(
        this.painted.map((p) => p.range),
        this.doc,
      );
    });
    // changes inside shadow roots and frames do not reach the page's observer; a frame
    // that loads another document (often after about:blank) is read again
    for (const tree of ext.subtrees) {
      this.observer?.observe(tree, OBSERVED);
      const frame = tree.nodeType === 9 ? (tree as Document).defaultView?.frameElement : null;
      if (frame && !this.watchedFrames.has(frame) && this.abort) {
        this.watchedFrames.add(frame);
        frame.addEventListener('load', () => this.dirty(), { signal: this.abort.signal });
      }
    }
    perf.measure('stance-lens:paint', { start: p0, end: perf.now() });
    this.report = report;
    this.paintedFor = { text: ext.text, lexicon: this.lexicon, showMentions: this.showMentions, modelFile };
    this.href = this.doc.location.href;
    this.hooks.report(report, true);
  }

  /** The painted page still shows the same text, at the same address, with the same settings. */
  private unchanged(text: string): boolean {
    const was = this.paintedFor;
    return (
      this.painted.length > 0 &&
      was !== null &&
      was.text === text &&
      was.lexicon === this.lexicon &&
      was.showMentions === this.showMentions &&
      was.modelFile === this.modelFile &&
      this.doc.location.href === this.href &&
      this.painted.every((p) => p.range.startContainer.isConnected && p.range.endContainer.isConnected)
    );
  }

  /** Keeps the slice reports of this scan, and as many older ones as fit. */
  private remember(used: Map<string, Report>) {
    for (const [key, report] of used) {
      this.cache.delete(key);
      this.cache.set(key, report);
    }
    for (const key of this.cache.keys()) {
      if (this.cache.size <= Math.max(CACHE_SLICES, used.size)) break;
      this.cache.delete(key);
    }
  }

  /** Our own DOM changes (wrappers, the card) never retrigger a scan. */
  private withoutObserving(fn: () => void) {
    fn();
    this.observer?.takeRecords();
  }

  private listen() {
    const abort = new AbortController();
    this.abort = abort;
    const { signal } = abort;
    const win = this.doc.defaultView!;
    this.observer = new MutationObserver((records) => {
      if (records.some((r) => !isOurs(r.target) && !(r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every(isOurs)))) this.dirty();
    });
    this.observer.observe(this.doc.documentElement, OBSERVED);
    win.addEventListener('popstate', () => this.dirty(), { signal });
    win.addEventListener('hashchange', () => this.dirty(), { signal });
    // a page script may clear the shared highlight registry: put ours back
    const verify = win.setInterval(() => {
      if (this.on) this.painter.verify();
    }, 1500);
    signal.addEventListener('abort', () => win.clearInterval(verify));

    let frame = 0;
    this.doc.addEventListener(
      'mousemove',
      (e) => {
        if (frame) return;
        frame = win.requestAnimationFrame(() => {
          frame = 0;
          this.hover(e.clientX, e.clientY);
        });
      },
      { signal, passive: true },
    );
    this.doc.addEventListener('keydown', (e) => e.key === 'Escape' && this.card.hide(), { signal });
    win.addEventListener('scroll', () => this.card.hide(), { signal, passive: true });
  }

  /** Batches changes: one rescan after a quiet moment, at least every RESCAN_MAX_WAIT. */
  private dirty() {
    if (!this.on) return;
    const now = Date.now();
    if (!this.timer) this.firstDirty = now;
    if (this.timer) clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(RESCAN_DEBOUNCE, this.firstDirty + RESCAN_MAX_WAIT - now));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.painter.verify();
      void this.scan();
    }, wait);
  }

  private hover(x: number, y: number) {
    const report = this.report;
    if (!report) return;
    const pos = caretAt(this.doc, x, y);
    if (!pos) return this.card.hide();
    for (const p of this.painted) {
      if (p.item.statement < 0) continue;
      let inside = false;
      try {
        inside = p.range.isPointInRange(pos.node, pos.offset);
      } catch {
        inside = false;
      }
      if (!inside) continue;
      const rect = [...p.range.getClientRects()].find((r) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom);
      if (!rect) continue;
      const st = report.statements[p.item.statement];
      if (st) this.card.show(st, report, rect);
      return;
    }
    this.card.hide();
  }

  /** Scrolls to a statement, flashes it and shows its card. */
  jump(index: number): number {
    const report = this.report;
    if (!report || report.statements.length === 0) return -1;
    const i = ((index % report.statements.length) + report.statements.length) % report.statements.length;
    const p = this.painted.find((x) => x.item.statement === i);
    if (!p) return -1;
    const el = p.range.startContainer.nodeType === 1 ? (p.range.startContainer as Element) : p.range.startContainer.parentElement;
    el?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
    this.withoutObserving(() => this.painter.flash(p.range));
    setTimeout(() => this.withoutObserving(() => this.painter.flash(null)), 1500);
    this.current = i;
    const rect = p.range.getBoundingClientRect();
    const st = report.statements[i];
    if (st) this.withoutObserving(() => this.card.show(st, report, rect));
    return i;
  }

  /** Next (+1) or previous (-1) statement, wrapping around. */
  step(delta: number): number {
    return this.jump(this.current < 0 && delta < 0 ? -1 : this.current + delta);
  }

  /** The location changed under us (history API navigation): rescan. */
  checkNavigation() {
    if (this.on && this.doc.location.href !== this.href) this.dirty();
  }
}

function isOurs(node: Node): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return (
    !!el &&
    (el.hasAttribute('data-stance-lens-ui') || el.localName === 'stance-lens-ui' || !!el.closest?.(`stance-lens-ui, ${MARK_TAG}, [data-stance-lens-ui]`))
  );
}

function caretAt(doc: Document, x: number, y: number): { node: Node; offset: number } | null {
  const d = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  if (d.caretPositionFromPoint) {
    const p = d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  if (d.caretRangeFromPoint) {
    const r = d.caretRangeFromPoint(x, y);
    return r ? { node: r.startContainer, offset: r.startOffset } : null;
  }
  return null;
}

/** Statements by stance, and every mention of a speaker who has a statement. */
export function paintItems(report: Report, showMentions = true): PaintItem[] {
  const items: PaintItem[] = report.statements.map((st, i) => ({ kind: st.stance, start: st.start, end: st.end, statement: i }));
  if (!showMentions) return items;
  const speaking = new Set(report.statements.map((s) => s.speaker).filter((s): s is string => !!s));
  for (const sp of report.speakers) {
    if (!speaking.has(sp.id)) continue;
    for (const m of sp.mentions) items.push({ kind: 'speaker', start: m.start, end: m.end, statement: -1 });
  }
  return items;
}

/** What a report says of the model, for a page that was not analysed (nothing to judge). */
function modelUseOf(loaded: LoadedModel | null): ModelUse {
  if (loaded?.model) return { id: loaded.model.id, status: 'ok' };
  if (loaded?.error) return { id: null, status: 'unavailable', message: loaded.error };
  return { id: null, status: 'off' };
}

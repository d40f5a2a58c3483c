/**
 * The content script's one object: scan (extract → the background analyses → paint),
 * toggle, jump, hover card, and watching the page for changes. It holds no engine, no
 * lexicon and no model: the text goes to the background (an Analyzer) and the report
 * that comes back is painted. Toggle off is the one teardown path: it aborts the
 * AbortController that every listener was added with.
 */
import type { Report } from '../engine/types.ts';
import { extractTextSteps, mainContentRoot } from '../page/extract.ts';
import { createPainter, MARK_TAG, type PaintItem, type Painted, type Painter } from '../page/paint.ts';
import { ScopedStyles } from '../page/scoped-style.ts';
import { Card } from './card.ts';

/**
 * Work per task on the page's main thread: extraction runs until this much time has
 * gone, then the page gets the thread back.
 */
const TASK_BUDGET_MS = 12;
const RESCAN_DEBOUNCE = 400;
const OBSERVED: MutationObserverInit = { childList: true, subtree: true, characterData: true };
const RESCAN_MAX_WAIT = 2000;

/** Analyses a page's text somewhere else (the background): null when the scan was cancelled there; throws when it failed. */
export interface Analyzer {
  analyze(text: string, url: string, seq: number): Promise<{ report: Report; analysed: number } | null>;
}

export interface ControllerHooks {
  /** scan `seq` painted `report` (on), or highlights went off (the report stays, for the popup) */
  report(report: Report, on: boolean, seq: number): void;
}

/** Gives the page's main thread back between steps (a message, not a throttled timer). */
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
  /** scans started, for the background to tell a newer one from an older one */
  private seq = 0;
  /** the statement shown last by jump(), for next/previous */
  private current = -1;
  /** iframes whose load we listen to (until toggle off) */
  private watchedFrames = new WeakSet<Element>();
  /** what the paint shows: the text it was made from, with which analysis and settings */
  private paintedFor: { text: string; key: string; showMentions: boolean } | null = null;
  /** the hover card listens only once something is painted */
  private hovering = false;
  /** when the change this scan answers began (page clock): switch-on, a page change, a settings change */
  private since: number | null = null;
  /** slices the background analysed afresh (not from its slice cache) for this page: for tests and the sweep */
  analysedSlices = 0;
  private showMentions = true;
  /** names the background's lexicon and model: another key, another analysis */
  private key = '';

  constructor(
    private doc: Document,
    private analyzer: Analyzer,
    private hooks: ControllerHooks,
  ) {
    this.painter = createPainter(doc);
    this.card = new Card(doc);
    this.href = doc.location.href;
  }

  private get perf(): Performance {
    return this.doc.defaultView!.performance;
  }

  /** `since`: when the user switched on (epoch ms), when known. */
  async setOn(on: boolean, since?: number): Promise<void> {
    if (on === this.on) {
      // asked again (the background lost track, e.g. a restarted service worker): the report again
      if (this.report) this.hooks.report(this.report, on, this.seq);
      return;
    }
    this.on = on;
    if (on) {
      this.since = since === undefined ? this.perf.now() : Math.min(this.perf.now(), this.perf.now() - (Date.now() - since));
      this.listen();
      await this.scan();
    } else {
      this.generation++;
      this.abort?.abort();
      this.abort = null;
      this.hovering = false;
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
      if (this.report) this.hooks.report(this.report, false, this.seq);
    }
  }

  /** The analysis (its key) and display settings in use; a change repaints the page. */
  configure(key: string, showMentions: boolean, css?: string): void {
    if (css !== undefined) this.styles.setCss(css);
    const changed = key !== this.key || showMentions !== this.showMentions;
    this.key = key;
    this.showMentions = showMentions;
    if (changed && this.on) {
      this.since ??= this.perf.now();
      void this.scan();
    }
  }

  /** The background no longer knows the painted report (it restarted): analyse again. */
  refresh(): void {
    this.paintedFor = null;
    if (this.on) void this.scan();
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
        // a scan that threw (an odd page, a cancelled analysis) does not stop the next one
        this.scanning = null;
      }
    })();
    return this.scanning;
  }

  private async scanOnce(): Promise<void> {
    const gen = this.generation;
    const perf = this.perf;
    const stale = () => gen !== this.generation || !this.on;
    /** the extension's own time on the page's thread in this scan (the gaps it gave back do not count) */
    let busy = 0;
    let task = perf.now();
    /** Runs steps to their end, giving the page its thread back whenever the budget is spent; null when the scan went stale. */
    const drive = async <T>(steps: Generator<void, T>): Promise<T | null> => {
      for (let r = steps.next(); ; r = steps.next()) {
        if (r.done) return r.value;
        if (perf.now() - task > TASK_BUDGET_MS) {
          busy += perf.now() - task;
          await yieldToPage();
          if (stale()) return null;
          task = perf.now();
        }
      }
    };
    const t0 = task;
    let ext = await drive(extractTextSteps(mainContentRoot(this.doc)));
    if (!ext) return;
    // nothing changed for the reader (a page re-rendering around the article, or answering
    // our own repaint): the paint stands, and nothing is done that the page could answer
    if (this.unchanged(ext.text)) {
      this.since = null;
      return;
    }
    // wrappers split the page's text nodes: take them out before reading the text again
    if (this.painter.mode === 'wrap' && this.painted.length > 0) {
      this.withoutObserving(() => this.painter.clear());
      this.painted = [];
      ext = await drive(extractTextSteps(mainContentRoot(this.doc)));
      if (!ext) return;
    }
    busy += perf.now() - task;
    perf.measure('stance-lens:scan', { start: t0, duration: busy });

    const seq = ++this.seq;
    const url = this.doc.location.href;
    const key = this.key;
    const showMentions = this.showMentions;
    const since = this.since ?? t0;
    const got = await this.analyzer.analyze(ext.text, url, seq).catch((e: unknown) => {
      if (stale() || seq !== this.seq) return null;
      throw e;
    });
    // a reply for a page the tab has left, or for an older scan, is dropped
    if (stale() || seq !== this.seq || this.doc.location.href !== url) return;
    // cancelled in the background (it saw the tab navigate, a history navigation): read the page again soon
    if (!got) return this.dirty();
    const { report, analysed } = got;
    this.analysedSlices += analysed;
    const p0 = perf.now();
    this.withoutObserving(() => {
      this.painted = this.painter.paint(paintItems(report, showMentions), ext);
      this.styles.cover(
        this.painted.map((p) => p.range),
        this.doc,
      );
    });
    this.watchTrees(ext.subtrees);
    if (this.painted.length > 0) this.listenHover();
    const end = perf.now();
    perf.measure('stance-lens:paint', { start: p0, end });
    perf.measure('stance-lens:analyze', { start: since, end });
    this.since = null;
    this.report = report;
    this.paintedFor = { text: ext.text, key, showMentions };
    this.href = url;
    this.hooks.report(report, true, seq);
  }

  /**
   * Changes inside shadow roots and frames do not reach the page's observer; a frame
   * that loads another document (often after about:blank) is read again.
   */
  private watchTrees(subtrees: ReadonlyArray<Document | ShadowRoot | Node>) {
    for (const tree of subtrees) {
      this.observer?.observe(tree, OBSERVED);
      const frame = tree.nodeType === 9 ? (tree as Document).defaultView?.frameElement : null;
      if (frame && !this.watchedFrames.has(frame) && this.abort) {
        this.watchedFrames.add(frame);
        frame.addEventListener('load', () => this.dirty(), { signal: this.abort.signal });
      }
    }
  }

  /** The painted page still shows the same text, at the same address, with the same analysis and settings. */
  private unchanged(text: string): boolean {
    const was = this.paintedFor;
    return (
      was !== null &&
      was.text === text &&
      was.key === this.key &&
      was.showMentions === this.showMentions &&
      this.doc.location.href === this.href &&
      this.painted.every((p) => p.range.startContainer.isConnected && p.range.endContainer.isConnected)
    );
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
      if (this.on && this.painted.length > 0) this.painter.verify();
    }, 1500);
    signal.addEventListener('abort', () => win.clearInterval(verify));
  }

  /** The hover card's listeners, once there is something to hover (until toggle off). */
  private listenHover() {
    if (this.hovering || !this.abort) return;
    this.hovering = true;
    const { signal } = this.abort;
    const win = this.doc.defaultView!;
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
    if (!this.timer) {
      this.firstDirty = now;
      this.since ??= this.perf.now();
    }
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

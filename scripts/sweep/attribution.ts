/**
 * Who did it: the extension or the page. Main-thread tasks from a Chromium trace,
 * errors and network requests are each given to one of the two. Pure: the browser
 * side only collects the raw events.
 */

import { biggestWork, eventsInside, mainThreadTasks, NAMED_WORK, type TraceEvent } from '../harness/trace.ts';

export type { TraceEvent };

export const EXTENSION_SCHEME = 'chrome-extension://';

export type Owner = 'extension' | 'page';

export interface AttributedTask {
  /** page clock (performance.now()) */
  start: number;
  duration: number;
  owner: Owner;
  /** why it was given to that owner */
  why: string;
  /** the biggest pieces of work inside: "UpdateLayoutTree 44.6" … */
  inside: string[];
}

export interface TraceWindow {
  /** page clock when highlights were switched on */
  tOn: number;
  /** the content script's last stance-lens:scan and stance-lens:paint measures (page clock) */
  scan: { start: number; duration: number };
  paint: { start: number; duration: number };
  /** the shortest task reported */
  minMs: number;
  /** how long after the paint a task without any script still counts as the extension's (rendering of the highlights, GC) */
  afterPaintMs: number;
}

/** Events that run script; their `args.data.url` says whose. */
const SCRIPT_EVENTS = new Set([
  'EvaluateScript',
  'FunctionCall',
  'v8.compile',
  'v8.compileModule',
  'v8.evaluateModule',
  'TimerFire',
  'EventDispatch',
  'FireAnimationFrame',
  'v8.callFunction',
]);

/** The browser's rendering steps. */
const RENDERING = new Set(['UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Commit', 'Layerize', 'RecalculateStyles']);

/** Work worth naming inside a task. */
const WORK = new Set([...NAMED_WORK, 'Layerize', 'ParseAuthorStyleSheet', 'EventDispatch']);

const ms = (us: number) => us / 1000;

function shortUrl(url: string): string {
  const tail = url.replace(/^[a-z-]+:\/\/[^/]+/, '');
  return tail.length > 60 ? `…${tail.slice(-59)}` : tail || url;
}

/** A script event's owner by its URL; null when it has none (a container: event dispatch, timer, microtasks). */
function scriptOwner(e: TraceEvent): Owner | null {
  if (!SCRIPT_EVENTS.has(e.name)) return null;
  const url = e.args?.data?.url;
  if (typeof url !== 'string' || url === '') return null;
  return url.startsWith(EXTENSION_SCHEME) ? 'extension' : 'page';
}

/**
 * Script time inside a task by owner: each script event with a URL counts its own
 * duration minus that of the script events with a URL nested in it (a page handler
 * that synchronously runs one of our listeners keeps only its own share).
 */
export function scriptTime(children: TraceEvent[]): Record<Owner, number> {
  const owned = children.filter((e) => scriptOwner(e) !== null).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const time: Record<Owner, number> = { extension: 0, page: 0 };
  const stack: Array<{ e: TraceEvent; self: number }> = [];
  const close = (until: number) => {
    while (stack.length && stack[stack.length - 1]!.e.ts + stack[stack.length - 1]!.e.dur! <= until) {
      const top = stack.pop()!;
      time[scriptOwner(top.e)!] += ms(top.self);
    }
  };
  for (const e of owned) {
    close(e.ts);
    const parent = stack[stack.length - 1];
    if (parent) parent.self -= e.dur!;
    stack.push({ e, self: e.dur! });
  }
  close(Infinity);
  return time;
}

/**
 * Gives one task to the extension or the page, in this order:
 *   1. script with a URL ran in it: the owner with more script time (chrome-extension://
 *      is ours, anything else the page's; see scriptTime), ours on a tie;
 *   2. the page parsing HTML;
 *   3. it overlaps the content script's scan…paint window: a continuation of the scan
 *      after scheduler.yield (it shows as RunMicrotasks without a script URL), or the
 *      browser rendering between two slices (style recalculated for our stylesheet);
 *   4. no script at all, between "highlights on" and shortly after the paint: style,
 *      layout and paint after our stylesheet and highlights, or GC of our garbage;
 *   5. anything else is the page's.
 */
export function ownerOf(start: number, end: number, children: TraceEvent[], w: TraceWindow): { owner: Owner; why: string } {
  const time = scriptTime(children);
  const firstUrl = (owner: Owner) => children.find((e) => scriptOwner(e) === owner)?.args?.data?.url ?? '';
  if (time.extension > 0 || time.page > 0) {
    const split = `script ${time.extension.toFixed(1)} ms ours, ${time.page.toFixed(1)} ms the page's`;
    if (time.extension >= time.page) return { owner: 'extension', why: `content script code (${shortUrl(firstUrl('extension'))}; ${split})` };
    return { owner: 'page', why: `page script (${shortUrl(firstUrl('page'))}; ${split})` };
  }
  if (children.some((e) => e.name === 'ParseHTML')) return { owner: 'page', why: 'page parsing HTML' };
  const scanStart = w.scan.start;
  const paintEnd = w.paint.start + w.paint.duration;
  if (start < paintEnd && end > scanStart) {
    const rendering = children.some((e) => RENDERING.has(e.name)) && !children.some((e) => e.name === 'RunMicrotasks');
    return {
      owner: 'extension',
      why: rendering ? 'rendering between the scan’s slices (style after our stylesheet)' : 'inside the scan (a continuation after scheduler.yield)',
    };
  }
  if (end > w.tOn && start <= paintEnd + w.afterPaintMs) {
    return {
      owner: 'extension',
      why: start < scanStart ? 'rendering after our stylesheet was inserted, before the scan' : 'rendering of the highlights / GC right after the paint',
    };
  }
  return { owner: 'page', why: 'outside the extension’s window, no script of ours' };
}

/**
 * The renderer main thread's tasks of at least `minMs` that end after "highlights
 * on", each given to its owner. The thread and the clock offset come from the trace
 * event of the content script's stance-lens:scan measure.
 */
export function attributeTrace(events: TraceEvent[], w: TraceWindow): AttributedTask[] {
  const begins = events.filter((e) => e.name === 'stance-lens:scan' && e.ph === 'b');
  const begin = begins[begins.length - 1];
  if (!begin) throw new Error('no stance-lens:scan in the trace');
  const { tasks, thread, toPage } = mainThreadTasks(events, begin, w.scan.start, w.minMs, w.tOn);
  return tasks.map((t) => {
    const children = eventsInside(thread, t);
    const start = toPage(t.ts);
    const end = toPage(t.ts + t.dur!);
    return { start, duration: ms(t.dur!), ...ownerOf(start, end, children, w), inside: biggestWork(children, ms(t.dur!), WORK, 2) };
  });
}

/** The longest task given to the extension; null when none reached minMs. */
export function longestOfExtension(tasks: AttributedTask[]): AttributedTask | null {
  return tasks.filter((t) => t.owner === 'extension').reduce<AttributedTask | null>((a, t) => (!a || t.duration > a.duration ? t : a), null);
}

/** Does an error's text or stack point at the extension? */
export function mentionsExtension(text: string | null | undefined): boolean {
  return !!text && text.includes(EXTENSION_SCHEME);
}

export interface RequestFacts {
  url: string;
  /** the service worker that sent it, if any */
  worker?: string | null;
  /** the frame it was sent from, if known */
  frame?: string | null;
  /** script URLs on the initiator's stack (CDP Network.requestWillBeSent) */
  initiator?: string[];
}

/**
 * A network request sent by the extension: from its service worker, from one of its
 * pages, or from script of its own on the page's stack (the content script). Loading
 * its own files (chrome-extension://, data:, blob:) is not a request anywhere.
 */
export function isExtensionRequest(r: RequestFacts): boolean {
  if (/^(chrome-extension|data|blob):/.test(r.url)) return false;
  return [r.worker, r.frame, ...(r.initiator ?? [])].some((u) => !!u && u.startsWith(EXTENSION_SCHEME));
}

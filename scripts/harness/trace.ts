/**
 * Chromium traces of a tab (devtools timeline categories): every main-thread task,
 * for the pages where the heartbeat saw the page held up. The bench (bench/trace.ts)
 * places the tasks against the scan and paint; the sweep (sweep/attribution.ts) gives
 * each to the extension or the page. Both find the tasks and name the work inside them
 * with the helpers below.
 */
import type { Browser, Page } from 'playwright-core';

export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8', 'v8.execute'];

/** One event of a trace, as far as the bench and the sweep read it. */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  cat?: string;
  args?: { data?: { url?: string; functionName?: string } };
}

export async function startTrace(browser: Browser, page: Page): Promise<void> {
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
}

/** Stops the trace; its events. */
export async function stopTrace(browser: Browser): Promise<TraceEvent[]> {
  const buffer = await browser.stopTracing();
  const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
}

/** Work worth naming inside a task, for both the bench and the sweep (each adds its own). */
export const NAMED_WORK = [
  'UpdateLayoutTree',
  'Layout',
  'Paint',
  'PrePaint',
  'Commit',
  'RecalculateStyles',
  'EvaluateScript',
  'v8.compile',
  'FunctionCall',
  'RunMicrotasks',
  'TimerFire',
  'MajorGC',
  'MinorGC',
  'ParseHTML',
  'HitTest',
];

/**
 * The main-thread tasks (RunTask) of at least `minMs` that end after `afterPage` (page
 * clock), on the renderer thread that recorded `begin` (the trace event of a measure
 * that started at `pageStart` on the page's clock): the tasks, that thread's complete
 * events in order (longer first on a tie), and the page clock of a trace timestamp.
 */
export function mainThreadTasks(
  events: TraceEvent[],
  begin: TraceEvent,
  pageStart: number,
  minMs: number,
  afterPage: number,
): { tasks: TraceEvent[]; thread: TraceEvent[]; toPage: (ts: number) => number } {
  const { pid, tid } = begin;
  const offset = begin.ts / 1000 - pageStart; // trace ms − page ms
  const toPage = (ts: number) => ts / 1000 - offset;
  const thread = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const tasks = thread.filter((e) => e.name === 'RunTask' && e.dur! / 1000 >= minMs && toPage(e.ts + e.dur!) > afterPage);
  return { tasks, thread, toPage };
}

/** The events of the thread inside a task (the task itself left out). */
export function eventsInside(thread: TraceEvent[], task: TraceEvent): TraceEvent[] {
  return thread.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur! <= task.ts + task.dur!);
}

/**
 * The biggest pieces of work inside a task, "UpdateLayoutTree 82.1": per name in
 * `work`, the time covered by its outermost events (nested events of the same name are
 * not added twice); at most 4, each at least `floorMs` and a tenth of the task.
 */
export function biggestWork(children: TraceEvent[], taskMs: number, work: ReadonlySet<string>, floorMs: number): string[] {
  const totals = new Map<string, number>();
  const coveredUntil = new Map<string, number>();
  for (const e of children) {
    if (!work.has(e.name)) continue;
    if (e.ts < (coveredUntil.get(e.name) ?? -Infinity)) continue;
    coveredUntil.set(e.name, e.ts + e.dur!);
    totals.set(e.name, (totals.get(e.name) ?? 0) + e.dur! / 1000);
  }
  return [...totals]
    .filter(([, t]) => t >= Math.max(floorMs, taskMs * 0.1))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([name, t]) => `${name} ${t.toFixed(1)}`);
}

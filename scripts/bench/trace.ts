/**
 * Exact main-thread tasks from a Chromium trace, for the pages the heartbeat flags.
 *
 * Neither the Long Tasks API nor the heartbeat can give the length of each of the
 * content script's tasks: the API does not report the first one (it runs from an
 * extension message), and the content script yields with scheduler.yield(), whose
 * continuations run ahead of the page's own tasks, so the heartbeat sees the whole
 * scan as one block. A trace (devtools timeline categories) has every task
 * (../harness/trace.ts starts and stops it).
 */
import type { Browser } from 'playwright-core';
import { stopTrace, type TraceEvent } from '../harness/trace.ts';

export type TaskPhase = 'inject' | 'extract+slice1' | 'analysis' | 'last slice+paint' | 'whole scan' | 'after paint';

export interface TracedTask {
  /** page clock (performance.now()) */
  start: number;
  duration: number;
  phase: TaskPhase;
  /** the biggest pieces of work inside the task: "UpdateLayoutTree 82.1", "v8.compile 24.0" … */
  inside: string[];
}

export interface TraceResult {
  tasks: TracedTask[];
  longest: TracedTask | null;
}

/** Trace events worth naming inside a task. */
const WORK = new Set([
  'UpdateLayoutTree',
  'Layout',
  'Paint',
  'PrePaint',
  'Commit',
  'RecalculateStyles',
  'EvaluateScript',
  'v8.compile',
  'v8.run',
  'FunctionCall',
  'RunMicrotasks',
  'TimerFire',
  'MajorGC',
  'MinorGC',
  'V8.GC_MARK_COMPACTOR',
  'ParseHTML',
  'ScheduleStyleRecalculation',
  'HitTest',
  'v8.callFunction',
  'V8.GCFinalizeMC',
  'BlinkGC.AtomicPhase',
]);

/**
 * Stops the trace and returns the page's main-thread tasks of at least `minMs` that end
 * after `fromPage` (page clock), placed against the scan and paint measures.
 */
export async function stopTraceTasks(
  browser: Browser,
  fromPage: number,
  scan: { start: number; duration: number },
  paint: { start: number; duration: number },
  minMs = 50,
): Promise<TraceResult> {
  const events = await stopTrace(browser);
  // the renderer main thread that recorded our measures, and its clock against the page's
  const marks = events.filter((e) => e.name === 'stance-lens:scan' && (e.ph === 'b' || e.ph === 'e'));
  const begin = marks.find((e) => e.ph === 'b');
  if (!begin) throw new Error('no stance-lens:scan in the trace');
  const { pid, tid } = begin;
  const offset = begin.ts / 1000 - scan.start; // trace ms − page ms
  const toPage = (ts: number) => ts / 1000 - offset;
  const thread = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const tasks = thread.filter((e) => e.name === 'RunTask' && e.dur! / 1000 >= minMs && toPage(e.ts + e.dur!) > fromPage);
  const s0 = scan.start;
  const s1 = scan.start + scan.duration;
  const p0 = paint.start;
  const p1 = paint.start + paint.duration;
  const phaseOf = (start: number, end: number): TaskPhase => {
    if (end <= s0) return 'inject';
    if (start >= p1) return 'after paint';
    if (start <= s0) return end >= p0 ? 'whole scan' : 'extract+slice1';
    return end >= p0 || end > s1 ? 'last slice+paint' : 'analysis';
  };
  const out: TracedTask[] = tasks.map((t) => {
    const start = toPage(t.ts);
    const end = toPage(t.ts + t.dur!);
    // per name, the time covered by its outermost events (nested ones of the same name are not added twice)
    const totals = new Map<string, number>();
    const coveredUntil = new Map<string, number>();
    for (const e of thread) {
      if (e === t || e.ts < t.ts || e.ts + e.dur! > t.ts + t.dur! || !WORK.has(e.name)) continue;
      if (e.ts < (coveredUntil.get(e.name) ?? -Infinity)) continue;
      coveredUntil.set(e.name, e.ts + e.dur!);
      totals.set(e.name, (totals.get(e.name) ?? 0) + e.dur! / 1000);
    }
    const inside = [...totals]
      .filter(([, ms]) => ms >= Math.max(3, (t.dur! / 1000) * 0.1))
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([name, ms]) => `${name} ${ms.toFixed(1)}`);
    return { start, duration: t.dur! / 1000, phase: phaseOf(start, end), inside };
  });
  const longest = out.reduce<TracedTask | null>((a, t) => (!a || t.duration > a.duration ? t : a), null);
  return { tasks: out, longest };
}

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
import { biggestWork, eventsInside, mainThreadTasks, NAMED_WORK, stopTrace } from '../harness/trace.ts';

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
  ...NAMED_WORK,
  'v8.run',
  'V8.GC_MARK_COMPACTOR',
  'ScheduleStyleRecalculation',
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
  const { tasks, thread, toPage } = mainThreadTasks(events, begin, scan.start, minMs, fromPage);
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
    const inside = biggestWork(eventsInside(thread, t), t.dur! / 1000, WORK, 3);
    return { start, duration: t.dur! / 1000, phase: phaseOf(start, end), inside };
  });
  const longest = out.reduce<TracedTask | null>((a, t) => (!a || t.duration > a.duration ? t : a), null);
  return { tasks: out, longest };
}

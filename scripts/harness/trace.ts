/**
 * Chromium traces of a tab (devtools timeline categories): every main-thread task,
 * for the pages where the heartbeat saw the page held up. The bench (bench/trace.ts)
 * places the tasks against the scan and paint; the sweep (sweep/attribution.ts) gives
 * each to the extension or the page.
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

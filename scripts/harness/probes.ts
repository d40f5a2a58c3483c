/**
 * Code the bench and the sweep evaluate in a page's main world: the clock, a heartbeat,
 * the extension's own measures and what it left behind. Kept as strings: functions
 * transpiled by tsx can carry helper calls (__name) that do not exist in the page.
 */

/** Records the page's long tasks (Long Tasks API) from the start, into window.__benchLongTasks: an init script. */
export const LONG_TASK_OBSERVER = `(() => {
  const store = [];
  Object.defineProperty(window, '__benchLongTasks', { value: store, enumerable: false });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) store.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

/** The page clock. */
export const NOW = 'performance.now()';

/**
 * Starts a main-world heartbeat that records every gap over 20 ms: the page's own
 * tasks could not run that long. A MessageChannel ping-pong (a timer is coarser). The
 * Long Tasks API does not report the task that starts the content script's scan (it
 * runs from an extension message; checked against a trace), the heartbeat does; but
 * the content script yields with scheduler.yield(), whose continuations run ahead of
 * the page's tasks, so a gap can span several of its tasks: an upper bound of the
 * longest task (the trace pass has the exact ones). It spins only while the extension
 * works (EXTENSION_FIGURES stops it) and gives up after 20 s. Returns the page clock.
 */
export const HEARTBEAT_START = heartbeat(20);

/** The heartbeat above, recording every gap over `minGapMs`. */
export function heartbeat(minGapMs: number): string {
  return `(() => {
  const beat = { gaps: [], stop: false };
  Object.defineProperty(window, '__benchBeat', { value: beat, configurable: true, enumerable: false });
  const channel = new MessageChannel();
  const first = performance.now();
  let last = first;
  channel.port1.onmessage = () => {
    const now = performance.now();
    if (now - last > ${minGapMs}) beat.gaps.push([last, now - last]);
    last = now;
    if (!beat.stop && now - first < 20000) channel.port2.postMessage(0);
  };
  channel.port2.postMessage(0);
  return first;
})()`;
}

/** Our highlights in the page's registry (shared with the page): name → number of ranges. */
const OUR_HIGHLIGHTS = `const ourHighlights = () => {
  const out = {};
  if (typeof CSS === 'undefined' || !CSS.highlights) return out;
  for (const [name, h] of CSS.highlights) if (name.startsWith('stance-lens-')) out[name] = h.size;
  return out;
};`;

/** What is left in the page after highlights were turned off. */
export const AFTER_OFF = `(() => { ${OUR_HIGHLIGHTS}
  return { highlights: ourHighlights(), marks: document.getElementsByTagName('stance-lens-mark').length, ui: document.getElementsByTagName('stance-lens-ui').length };
})()`;

/** A performance.measure entry of the content script: the last one's start and duration, and how many there were. */
export interface Measure {
  start: number;
  duration: number;
  count: number;
}

/** What EXTENSION_FIGURES returns. */
export interface Figures {
  scan: Measure | null;
  paint: Measure | null;
  /** switch-on (or a page change) to painted, wall time */
  analyze: Measure | null;
  longTasks: Array<[number, number]>;
  gaps: Array<[number, number]>;
  highlights: Record<string, number>;
  /** whether the page's long-task observer was installed */
  observer: boolean;
  url: string;
}

/** The extension's last scan and paint measures, the long tasks and heartbeat gaps seen so far, our highlights (after a settle). */
export const EXTENSION_FIGURES = `new Promise((resolve) => setTimeout(() => { ${OUR_HIGHLIGHTS}
  const beat = window.__benchBeat;
  if (beat) beat.stop = true;
  const last = (name) => {
    const all = performance.getEntriesByName(name);
    const m = all[all.length - 1];
    return m ? { start: m.startTime, duration: m.duration, count: all.length } : null;
  };
  resolve({
    scan: last('stance-lens:scan'),
    paint: last('stance-lens:paint'),
    analyze: last('stance-lens:analyze'),
    longTasks: (window.__benchLongTasks || []).slice(),
    observer: Array.isArray(window.__benchLongTasks),
    gaps: beat ? beat.gaps.slice() : [],
    highlights: ourHighlights(),
    now: performance.now(),
    url: location.href,
  });
}, 150))`;

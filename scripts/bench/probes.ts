/**
 * Code evaluated in the benchmark page's main world. Kept as strings: functions
 * transpiled by tsx can carry helper calls that do not exist in the page.
 */

/** One plain TreeWalker(SHOW_TEXT) pass concatenating the body's text, timed 5 times. */
export const FLOOR = `(() => {
  const root = document.body || document.documentElement;
  const times = [];
  let chars = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let text = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) text += n.data;
    const t1 = performance.now();
    times.push(t1 - t0);
    chars = text.length;
  }
  return { times, chars, isolated: self.crossOriginIsolated === true, visibility: document.visibilityState, elements: root.getElementsByTagName('*').length };
})()`;

/** mark.js as a script tag: the UMD wrapper would register with a page's AMD/CommonJS shims, so hide them. */
export function markScript(source: string): string {
  return `(function () { var exports, module, define;\n${source}\n;window.__benchMark = this.Mark; }).call(window);`;
}

/** Times mark() only, then unmarks. */
export function markRun(terms: string[]): string {
  return `new Promise((resolve, reject) => {
  try {
    const Mark = window.__benchMark;
    if (typeof Mark !== 'function') throw new Error('mark.js did not load');
    const root = document.body || document.documentElement;
    const instance = new Mark(root);
    const t0 = performance.now();
    instance.mark(${JSON.stringify(terms)}, {
      separateWordSearch: false,
      acrossElements: true,
      done: (marks) => {
        const t1 = performance.now();
        instance.unmark({ done: () => resolve({ ms: t1 - t0, marks }) });
      },
    });
  } catch (e) {
    reject(e);
  }
})`;
}

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
    longTasks: (window.__benchLongTasks || []).slice(),
    observer: Array.isArray(window.__benchLongTasks),
    gaps: beat ? beat.gaps.slice() : [],
    highlights: ourHighlights(),
    now: performance.now(),
    url: location.href,
  });
}, 150))`;

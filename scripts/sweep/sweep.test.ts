/**
 * The pure parts of `npm run sweep` (scripts/sweep/): the DOM serialiser and the
 * before/after verdict on a real DOM (happy-dom), trace attribution, request and error
 * attribution, the failure rules, the summary and the README section. No browser, no
 * corpus.
 */
// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  attributeTrace,
  isExtensionRequest,
  longestOfExtension,
  mentionsExtension,
  ownerOf,
  scriptTime,
  type TraceEvent,
  type TraceWindow,
} from './attribution.ts';
import { domChange, firstDifference, type NodeIdentity, type Snapshot } from './dom.ts';
import { SERIALIZE } from './probes.ts';
import {
  emptyResult,
  failuresOf,
  README_END,
  README_START,
  readmeSection,
  replaceReadmeSection,
  summarize,
  type RunFacts,
  type SweepResult,
} from './report.ts';

/** The page-side serialiser, run here on happy-dom's document. */
const serialize = (0, eval)(SERIALIZE) as (root: Node, keep?: Node[]) => Snapshot;

function page(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

/** Node identity as SNAPSHOT_AFTER computes it. */
function identity(before: Node[], after: Node[]): NodeIdentity {
  let firstOther = -1;
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    if (before[i] !== after[i]) {
      firstOther = i;
      break;
    }
  }
  return { before: before.length, after: after.length, firstOther, beforeNode: '', afterNode: '' };
}

const nothingLeft = { highlights: {}, marks: 0, ui: 0 };

describe('DOM identity after off', () => {
  it('accepts a page put back exactly', () => {
    const body = page('<p id="a">Hello <b>big</b> world</p>');
    const keep: Node[] = [];
    const before = serialize(body, keep);
    const now: Node[] = [];
    const after = serialize(body, now);
    expect(domChange(before, after, identity(keep, now), nothingLeft)).toBeNull();
  });

  it('sees a text node left split, although the markup reads the same', () => {
    const body = page('<p>Hello world</p>');
    const keep: Node[] = [];
    const before = serialize(body, keep);
    (body.firstChild!.firstChild as Text).splitText(5);
    const now: Node[] = [];
    const after = serialize(body, now);
    expect(body.innerHTML).toBe('<p>Hello world</p>');
    const change = domChange(before, after, identity(keep, now), nothingLeft);
    expect(change).toMatch(/markup differs/);
    expect(change).toContain('⟦Hello⟧⟦ world⟧');
  });

  it('sees a split merged back into the original node as the same page, and a replaced node as another', () => {
    const body = page('<p>Hello world</p>');
    const keep: Node[] = [];
    const before = serialize(body, keep);
    const text = body.firstChild!.firstChild as Text;
    const rest = text.splitText(5);
    // wrapped, unwrapped and merged back the way the wrapper painter does it
    const mark = document.createElement('stance-lens-mark');
    rest.parentNode!.insertBefore(mark, rest);
    mark.appendChild(rest);
    mark.parentNode!.insertBefore(rest, mark);
    mark.remove();
    text.appendData(rest.data);
    rest.remove();
    let now: Node[] = [];
    expect(domChange(before, serialize(body, now), identity(keep, now), nothingLeft)).toBeNull();

    // the same characters in a new node object: equal markup, not the same DOM
    body.firstChild!.replaceChild(document.createTextNode('Hello world'), text);
    now = [];
    const change = domChange(before, serialize(body, now), identity(keep, now), nothingLeft);
    expect(change).toMatch(/same markup but node #\d+ is another object/);
  });

  it('sees an element left behind, an attribute changed, and our highlights left in the registry', () => {
    const body = page('<p class="x">Hi</p>');
    const before = serialize(body);
    body.appendChild(document.createElement('stance-lens-ui'));
    expect(domChange(before, serialize(body), null, nothingLeft)).toMatch(/STANCE-LENS-UI/i);
    body.lastChild!.remove();
    (body.firstChild as Element).setAttribute('class', 'y');
    expect(domChange(before, serialize(body), null, nothingLeft)).toMatch(/class="y"/);
    (body.firstChild as Element).setAttribute('class', 'x');
    expect(domChange(before, serialize(body), null, { highlights: { 'stance-lens-neutral': 2 }, marks: 0, ui: 0 })).toBe(
      'left after off: highlight stance-lens-neutral (2 ranges)',
    );
  });

  it('shows the first difference with context', () => {
    expect(firstDifference('abc', 'abc')).toBeNull();
    const d = firstDifference('x'.repeat(100) + 'A' + 'y'.repeat(100), 'x'.repeat(100) + 'B' + 'y'.repeat(100), 5)!;
    expect(d).toEqual({ at: 100, before: 'xxxxxAyyyyy', after: 'xxxxxByyyyy' });
  });
});

// ---------------------------------------------------------------------------

const window_: TraceWindow = { tOn: 1000, scan: { start: 1070, duration: 130 }, paint: { start: 1200, duration: 5 }, minMs: 10, afterPaintMs: 250 };

/** A trace whose clock is the page's + 5,000 ms (µs), with the scan's begin event. */
function trace(tasks: Array<{ at: number; ms: number; children?: Array<{ name: string; url?: string; ms?: number }> }>): TraceEvent[] {
  const ts = (pageMs: number) => (pageMs + 5000) * 1000;
  const events: TraceEvent[] = [{ name: 'stance-lens:scan', ph: 'b', ts: ts(window_.scan.start), pid: 1, tid: 7 }];
  for (const t of tasks) {
    events.push({ name: 'RunTask', ph: 'X', ts: ts(t.at), dur: t.ms * 1000, pid: 1, tid: 7 });
    for (const c of t.children ?? [])
      events.push({ name: c.name, ph: 'X', ts: ts(t.at) + 10, dur: (c.ms ?? 1) * 1000, pid: 1, tid: 7, args: { data: c.url ? { url: c.url } : {} } });
  }
  // another thread's long task is not the page's
  events.push({ name: 'RunTask', ph: 'X', ts: ts(1050), dur: 300_000, pid: 1, tid: 8 });
  return events;
}

describe('long tasks: extension or page', () => {
  it('gives each task of the renderer main thread to its owner', () => {
    const tasks = attributeTrace(
      trace([
        { at: 900, ms: 80, children: [{ name: 'FunctionCall', url: 'http://127.0.0.1:1/p/0/app.js' }] }, // before "on": not reported
        { at: 1001, ms: 55, children: [{ name: 'UpdateLayoutTree', ms: 50 }] }, // style after our stylesheet
        { at: 1070, ms: 120, children: [{ name: 'RunMicrotasks', ms: 119 }] }, // the scan
        { at: 1191, ms: 60, children: [{ name: 'FunctionCall', url: 'http://127.0.0.1:1/p/0/ads.js', ms: 59 }] }, // the page's timer, inside the scan window
        { at: 1255, ms: 30, children: [{ name: 'EvaluateScript', url: 'chrome-extension://abc/assets/content.js' }] },
        { at: 2000, ms: 90, children: [{ name: 'Layout', ms: 80 }] }, // long after the paint
        { at: 1300, ms: 5 }, // too short
      ]),
      window_,
    );
    expect(tasks.map((t) => [Math.round(t.start), t.duration, t.owner])).toEqual([
      [1001, 55, 'extension'],
      [1070, 120, 'extension'],
      [1191, 60, 'page'],
      [1255, 30, 'extension'],
      [2000, 90, 'page'],
    ]);
    expect(tasks[0]!.why).toMatch(/stylesheet/);
    expect(tasks[0]!.inside).toEqual(['UpdateLayoutTree 50.0']);
    expect(tasks[1]!.why).toMatch(/scheduler\.yield/);
    expect(tasks[2]!.why).toMatch(/ads\.js/);
    expect(longestOfExtension(tasks)!.duration).toBe(120);
  });

  it('puts script of ours ahead of the window, and the page parsing HTML to the page', () => {
    expect(
      ownerOf(5000, 5100, [{ name: 'FunctionCall', ph: 'X', ts: 0, dur: 1, pid: 1, tid: 1, args: { data: { url: 'chrome-extension://x/c.js' } } }], window_)
        .owner,
    ).toBe('extension');
    expect(ownerOf(1080, 1100, [{ name: 'ParseHTML', ph: 'X', ts: 0, dur: 1, pid: 1, tid: 1 }], window_).owner).toBe('page');
  });

  it('weighs script time by owner: a page handler that calls one of our listeners stays the page’s', () => {
    const ev = (name: string, at: number, dur: number, url?: string): TraceEvent => ({
      name,
      ph: 'X',
      ts: at * 1000,
      dur: dur * 1000,
      pid: 1,
      tid: 1,
      args: { data: url ? { url } : {} },
    });
    const page = 'http://127.0.0.1:1/p/0/app.js';
    const ours = 'chrome-extension://id/assets/cs.js';
    // a 140 ms page handler with our 2 ms scroll listener nested in it
    const nested = [ev('EventDispatch', 0, 140), ev('FunctionCall', 0, 139, page), ev('FunctionCall', 50, 2, ours)];
    expect(scriptTime(nested)).toEqual({ extension: 2, page: 137 });
    expect(ownerOf(5000, 5140, nested, window_)).toMatchObject({ owner: 'page' });
    // our 60 ms after a 1 ms page callback in the same task
    const ourTask = [ev('FunctionCall', 0, 1, page), ev('FunctionCall', 1, 60, ours), ev('v8.compile', 2, 5, ours)];
    expect(scriptTime(ourTask)).toEqual({ extension: 60, page: 1 });
    expect(ownerOf(5000, 5061, ourTask, window_).why).toMatch(/^content script code \(\/assets\/cs\.js; script 60\.0 ms ours, 1\.0 ms the page's\)/);
  });

  it('needs the scan in the trace', () => {
    expect(() => attributeTrace([], window_)).toThrow(/stance-lens:scan/);
  });
});

describe('requests and errors', () => {
  it('holds against the extension only what it sent', () => {
    expect(isExtensionRequest({ url: 'https://example.com/', worker: 'chrome-extension://id/service-worker-loader.js' })).toBe(true);
    expect(isExtensionRequest({ url: 'http://127.0.0.1:5/x', frame: 'chrome-extension://id/src/popup/index.html' })).toBe(true);
    expect(isExtensionRequest({ url: 'https://cdn.example/a.js', initiator: ['http://127.0.0.1:5/p/1/', 'chrome-extension://id/assets/cs.js'] })).toBe(true);
    expect(isExtensionRequest({ url: 'https://cdn.example/a.js', frame: 'http://127.0.0.1:5/p/1/', initiator: ['http://127.0.0.1:5/p/1/'] })).toBe(false);
    expect(isExtensionRequest({ url: 'chrome-extension://id/assets/x.js', frame: 'chrome-extension://id/src/popup/index.html' })).toBe(false);
    expect(mentionsExtension('TypeError: x\n    at f (chrome-extension://id/assets/cs.js:1:2)')).toBe(true);
    expect(mentionsExtension('TypeError: x\n    at f (http://127.0.0.1/app.js:1:2)')).toBe(false);
  });
});

// ---------------------------------------------------------------------------

function result(name: string, patch: Partial<SweepResult>): SweepResult {
  const r: SweepResult = {
    ...emptyResult(0, name, `${name}.html`),
    statements: 3,
    scanMs: 10,
    paintMs: 1,
    heapBefore: 1000,
    heapAfter: 1000 + 2048,
    longestTask: { ms: 20, source: 'heartbeat' },
    ...patch,
  };
  r.failures = failuresOf(r);
  return r;
}

describe('failure rules and summary', () => {
  it('fails on an error, a DOM change, an extension task over 50 ms or a request; not on a skipped page', () => {
    expect(result('fine', { longestTask: { ms: 50, source: 'trace' } }).failures).toEqual([]);
    expect(result('a', { errors: ['content script: TypeError: boom'] }).failures.map((f) => f.kind)).toEqual(['error']);
    expect(result('b', { dom: [{ mode: 'wrap', change: 'left after off: 1 <stance-lens-mark>', scriptsOff: true, card: true }] }).failures).toEqual([
      { kind: 'dom', detail: 'wrap (page scripts off): left after off: 1 <stance-lens-mark>' },
    ]);
    expect(result('c', { longestTask: { ms: 51, source: 'trace', why: 'inside the scan' } }).failures).toEqual([
      { kind: 'long-task', detail: '51.0 ms (trace: inside the scan)' },
    ]);
    expect(result('d', { requests: ['GET https://x/ from the service worker'] }).failures.map((f) => f.kind)).toEqual(['network']);
    expect(result('e', { status: 'skipped', skipped: 'load: HTTP 500', errors: ['x'] }).failures).toEqual([]);
  });

  it('summarises by kind and renders the README section', () => {
    const results = [
      result('p1', {}),
      result('p2', { longestTask: { ms: 120, source: 'trace' }, scanMs: 110 }),
      result('p3', { status: 'skipped', skipped: 'load: no load event' }),
    ];
    const s = summarize(results);
    expect(s.pages).toBe(3);
    expect(s.measured).toBe(2);
    expect(s.failures['long-task']).toEqual(['p2']);
    expect(s.failed).toEqual(['p2']);
    expect(s.heapGrowthKB.median).toBe(2);
    expect(s.skipped).toEqual([{ name: 'p3', reason: 'load: no load event' }]);
    const run: RunFacts = {
      date: '2026-11-28',
      browser: 'Chromium 156',
      elapsedSeconds: 600,
      loadAverage: [1.5, 2.25],
      cpus: 2,
      corpusPages: 1,
      otherPages: 2,
      wrap: true,
      blocked: 7,
    };
    const section = readmeSection(s, run);
    expect(section.startsWith(README_START) && section.endsWith(README_END)).toBe(true);
    expect(section).toContain('2026-11-28');
    expect(section).toContain('load average 1.5 → 2.3');
    expect(section).toContain('| scan ms | 60.0 | 110 | 110 |');
    expect(section).toMatch(/\| a task of the extension over 50 ms \| 1 \| p2 \|/);
    expect(section).toMatch(/\| the extension threw or failed \| 0 \| — \|/);
  });

  it('replaces the README section between the markers, or appends it under a Reliability heading', () => {
    const section = `${README_START}\nnew\n${README_END}`;
    const withMarkers = `# T\n\n## Reliability\n\n${README_START}\nold\n${README_END}\n\n## After\n`;
    expect(replaceReadmeSection(withMarkers, section)).toBe(`# T\n\n## Reliability\n\n${README_START}\nnew\n${README_END}\n\n## After\n`);
    expect(replaceReadmeSection('# T\n\ntext\n\n', section)).toBe(`# T\n\ntext\n\n## Reliability\n\n${section}\n`);
    // idempotent
    const once = replaceReadmeSection('# T\n', section);
    expect(replaceReadmeSection(once, section)).toBe(once);
  });
});

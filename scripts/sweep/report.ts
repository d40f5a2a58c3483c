/**
 * The sweep's results: one record per page, the failure rules, the summary, the
 * per-page line and the README section. Pure: no browser, no file system.
 */
import type { AttributedTask } from './attribution.ts';
import { ms, pad, spread, type Spread } from '../harness/stats.ts';

/** A task longer than this, run by the extension, fails the page. */
export const LONG_TASK_MS = 50;

export const README_START = '<!-- sweep:start -->';
export const README_END = '<!-- sweep:end -->';
/** The Firefox run's section has markers of its own, after the Chromium one. */
export const README_FIREFOX_START = '<!-- sweep-firefox:start -->';
export const README_FIREFOX_END = '<!-- sweep-firefox:end -->';
export const README_HEADING = '## Reliability';

export type Mode = 'highlights' | 'wrap';

/** The skip reason of pages not started because the run was over its time budget. */
export const BUDGET_REASON = 'not run: over the';
export type FailureKind = 'error' | 'dom' | 'long-task' | 'network';
export const FAILURE_KINDS: readonly FailureKind[] = ['error', 'dom', 'long-task', 'network'];

export const FAILURE_LABELS: Record<FailureKind, string> = {
  error: 'the extension threw or failed',
  dom: 'DOM not exactly as before after off',
  'long-task': `a task of the extension over ${LONG_TASK_MS} ms`,
  network: 'a network request by the extension',
};

export interface Failure {
  kind: FailureKind;
  detail: string;
}

/** Whether "highlights off" restored the page, for one painter. */
export interface DomOutcome {
  mode: Mode;
  /** null: exactly as before; else what differs (from the run the verdict was taken on) */
  change: string | null;
  /** the verdict comes from a copy of the page served without its scripts (see `firstTry`) */
  scriptsOff: boolean;
  /** with the page's scripts on, what differed first, when the verdict was then taken with them off */
  firstTry?: string;
  /** mutations by the page's own scripts between the two snapshots (highlights mode; the extension's card host not counted) */
  pageMutations?: number;
  /** the hover card appeared on hovering a statement; null: no statement with a box on screen */
  card: boolean | null;
}

/**
 * The longest main-thread task put down to the extension. 'heartbeat': the longest
 * gap of a main-world heartbeat between "highlights on" and just after the paint, or
 * a Long Tasks API entry then: an upper bound (the page's own tasks in that window
 * count too, and the heartbeat cannot split the scan's yielded slices). 'trace': the
 * longest task a Chromium trace of another run gives the extension (exact).
 */
export interface LongestTask {
  ms: number;
  source: 'heartbeat' | 'trace';
  why?: string;
}

export interface SweepResult {
  index: number;
  name: string;
  source: string;
  status: 'ok' | 'skipped';
  /** why the page was skipped (it could not be loaded or probed: not the extension's fault) */
  skipped?: string;
  /** served with `Content-Security-Policy: script-src 'none'` from the start (its scripts send it away or never let it load) */
  scriptless: boolean;
  statements: number;
  scanMs: number;
  paintMs: number;
  /** the wrapper fallback's paint (forced; not a failure criterion) */
  wrapPaintMs: number;
  /** longest heartbeat gap / Long Tasks API entry in the extension's window (untraced run) */
  heldMs: number;
  longestTask: LongestTask | null;
  /** the traced run's tasks of 50 ms and more, with their owner */
  traced?: AttributedTask[];
  /** JSHeapUsedSize after a forced GC: before "on", after "off" */
  heapBefore: number;
  heapAfter: number;
  /** extension errors: exceptions and console errors of the content script, the background or its pages; failed replies */
  errors: string[];
  /** uncaught exceptions of the page's own scripts meanwhile (not counted against the extension) */
  pageErrors: number;
  /** network requests sent by the extension */
  requests: string[];
  /** the page's requests to anything but the page server, blocked */
  blocked: number;
  dom: DomOutcome[];
  failures: Failure[];
  notes: string[];
  /** wall-clock ms per pass and step ("highlights:load", "trace:on" …) */
  stages: Record<string, number>;
}

export function emptyResult(index: number, name: string, source: string): SweepResult {
  return {
    index,
    name,
    source,
    status: 'ok',
    scriptless: false,
    statements: NaN,
    scanMs: NaN,
    paintMs: NaN,
    wrapPaintMs: NaN,
    heldMs: NaN,
    longestTask: null,
    heapBefore: NaN,
    heapAfter: NaN,
    errors: [],
    pageErrors: 0,
    requests: [],
    blocked: 0,
    dom: [],
    failures: [],
    notes: [],
    stages: {},
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The failure rules: what of a page's record fails the sweep. A skipped page fails nothing. */
export function failuresOf(r: SweepResult): Failure[] {
  if (r.status !== 'ok') return [];
  const out: Failure[] = [];
  if (r.errors.length) out.push({ kind: 'error', detail: `${plural(r.errors.length, 'error')}: ${r.errors[0]}` });
  for (const d of r.dom) if (d.change) out.push({ kind: 'dom', detail: `${d.mode}${d.scriptsOff ? ' (page scripts off)' : ''}: ${d.change}` });
  const t = r.longestTask;
  if (t && t.ms > LONG_TASK_MS) out.push({ kind: 'long-task', detail: `${ms(t.ms)} ms (${t.source}${t.why ? `: ${t.why}` : ''})` });
  if (r.requests.length) out.push({ kind: 'network', detail: `${plural(r.requests.length, 'request')}: ${r.requests[0]}` });
  return out;
}

/** JS heap growth from before "on" to after "off", bytes (NaN when unknown). */
export const heapGrowth = (r: SweepResult): number => r.heapAfter - r.heapBefore;

export interface Summary {
  pages: number;
  measured: number;
  skipped: Array<{ name: string; reason: string }>;
  withStatements: number;
  statements: Spread;
  scan: Spread;
  paint: Spread;
  longestTask: Spread;
  heapGrowthKB: Spread;
  /** pages traced because the heartbeat saw more than 50 ms */
  traced: number;
  /** page names by failure kind */
  failures: Record<FailureKind, string[]>;
  failed: string[];
  cards: { shown: number; missing: number; nothingToHover: number };
  /** DOM verdicts taken again with page scripts off (their own scripts changed the DOM meanwhile) */
  domRechecked: number;
  /** pages served without their scripts throughout (they would not load offline with them) */
  scriptless: number;
  /** passes of the wrapper fallback run (pages where something was painted) */
  wrapPasses: number;
}

export function summarize(results: SweepResult[]): Summary {
  const ok = results.filter((r) => r.status === 'ok');
  const pick = (f: (r: SweepResult) => number) => spread(ok.map(f));
  const failures = Object.fromEntries(FAILURE_KINDS.map((k) => [k, [] as string[]])) as Record<FailureKind, string[]>;
  for (const r of ok) for (const k of new Set(r.failures.map((f) => f.kind))) failures[k].push(r.name);
  const doms = ok.flatMap((r) => r.dom);
  return {
    pages: results.length,
    measured: ok.length,
    skipped: results.filter((r) => r.status !== 'ok').map((r) => ({ name: r.name, reason: r.skipped ?? '' })),
    withStatements: ok.filter((r) => r.statements > 0).length,
    statements: pick((r) => r.statements),
    scan: pick((r) => r.scanMs),
    paint: pick((r) => r.paintMs),
    longestTask: pick((r) => r.longestTask?.ms ?? NaN),
    heapGrowthKB: pick((r) => heapGrowth(r) / 1024),
    traced: ok.filter((r) => r.traced).length,
    failures,
    failed: ok.filter((r) => r.failures.length > 0).map((r) => r.name),
    cards: {
      shown: doms.filter((d) => d.card === true).length,
      missing: doms.filter((d) => d.card === false).length,
      nothingToHover: doms.filter((d) => d.card === null).length,
    },
    domRechecked: doms.filter((d) => d.firstTry !== undefined).length,
    scriptless: ok.filter((r) => r.scriptless).length,
    wrapPasses: doms.filter((d) => d.mode === 'wrap').length,
  };
}

// ---------------------------------------------------------------------------

export const NAME_WIDTH = 34;

export function shortName(name: string): string {
  return pad(name.length > NAME_WIDTH ? `${name.slice(0, NAME_WIDTH - 1)}…` : name, NAME_WIDTH);
}

export const HEADER = `${pad('page', NAME_WIDTH)} ${pad('stmts', 5, true)} ${pad('scan', 7, true)} ${pad('paint', 6, true)} ${pad('task', 12, true)} ${pad('heap', 9, true)}  dom hl/wrap  card  verdict`;

export function kb(bytes: number): string {
  if (!Number.isFinite(bytes)) return '—';
  const k = bytes / 1024;
  return `${k >= 0 ? '+' : ''}${Math.abs(k) >= 1000 ? `${(k / 1024).toFixed(1)}M` : `${k.toFixed(0)}K`}`;
}

function domMark(d: DomOutcome | undefined): string {
  if (!d) return '—';
  return d.change ? 'CHANGED' : d.scriptsOff ? 'same*' : 'same';
}

function cardMark(d: DomOutcome | undefined): string {
  if (!d) return '-';
  return d.card === null ? '·' : d.card ? '✓' : '✗';
}

/** One line per page while the sweep runs. */
export function line(r: SweepResult): string {
  if (r.status !== 'ok') return `${shortName(r.name)} SKIPPED — ${r.skipped ?? ''}`;
  const t = r.longestTask;
  const task = t ? `${t.source === 'heartbeat' ? '≤' : ''}${ms(t.ms)} ${t.source === 'heartbeat' ? 'beat' : 'trace'}` : '—';
  const hl = r.dom.find((d) => d.mode === 'highlights');
  const wrap = r.dom.find((d) => d.mode === 'wrap');
  const verdict = r.failures.length ? `FAIL ${r.failures.map((f) => `${f.kind}: ${f.detail}`).join(' | ')}` : 'ok';
  const notes = r.notes.length ? `  [${r.notes.join('; ')}]` : '';
  return `${shortName(r.name)} ${pad(Number.isFinite(r.statements) ? String(r.statements) : '—', 5, true)} ${pad(ms(r.scanMs), 7, true)} ${pad(ms(r.paintMs), 6, true)} ${pad(task, 12, true)} ${pad(kb(heapGrowth(r)), 9, true)}  ${pad(`${domMark(hl)}/${domMark(wrap)}`, 11)}  ${cardMark(hl)}/${cardMark(wrap)}   ${verdict}${notes}`;
}

/** "a, b, c and 4 more" */
export function nameList(names: string[], max = 8): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

export interface RunFacts {
  date: string;
  browser: string;
  elapsedSeconds: number;
  loadAverage: [number, number];
  cpus: number;
  /** corpus pages in the run, and other pages (fixture, seed) */
  corpusPages: number;
  otherPages: number;
  wrap: boolean;
  blocked: number;
  /** 'chromium' unless told (older saved runs have none) */
  engine?: 'chromium' | 'firefox';
}

const cell = (s: Spread, f: (v: number) => string) => `${f(s.median)} | ${f(s.p95)} | ${f(s.max)}`;
const count = (v: number) => (Number.isFinite(v) ? String(Math.round(v)) : '—');
const kbCell = (v: number) => (Number.isFinite(v) ? `${v >= 0 ? '+' : ''}${v.toFixed(0)}` : '—');

/** "skipped 2 that could not be loaded or probed (a, b), 5 over the time budget" */
export function skippedText(skipped: Summary['skipped']): string {
  const budget = skipped.filter((x) => x.reason.startsWith(BUDGET_REASON));
  const other = skipped.filter((x) => !x.reason.startsWith(BUDGET_REASON));
  const parts = [
    ...(other.length
      ? [
          `${other.length} that could not be loaded or probed (${nameList(
            other.map((x) => x.name),
            4,
          )})`,
        ]
      : []),
    ...(budget.length ? [`${budget.length} not run, over the time budget`] : []),
  ];
  return `skipped ${parts.join(', ')}`;
}

/** The README section between the markers (markers included): the Chromium run's, or the Firefox run's. */
export function readmeSection(s: Summary, run: RunFacts): string {
  const firefox = run.engine === 'firefox';
  const minutes = (run.elapsedSeconds / 60).toFixed(1);
  const rows = FAILURE_KINDS.map((k) =>
    firefox && k === 'long-task'
      ? `| ${FAILURE_LABELS[k]} | not judged | no trace in Firefox: the heartbeat bound above includes the page's own tasks |`
      : `| ${FAILURE_LABELS[k]} | ${s.failures[k].length} | ${nameList(s.failures[k]) || '—'} |`,
  );
  const skipped = s.skipped.length ? `; ${skippedText(s.skipped)}` : '';
  const how = firefox
    ? `It fails on a page where the extension threw (its content script, pages or background page), sent a request (any its pages or content script reported; the proxy's refusals while on are noted per page), or left the DOM other than exactly as before (markup, text-node boundaries and node objects). Firefox has no Long Tasks API and no trace here: the longest task is a main-world heartbeat's upper bound, the page's own tasks included.`
    : `It fails on a page where the extension threw, sent a request, left the DOM other than exactly as before (markup, text-node boundaries and node objects), or ran a main-thread task over ${LONG_TASK_MS} ms (a main-world heartbeat bounds it; over ${LONG_TASK_MS} ms, two Chromium traces give each task to the extension or the page and the smaller figure counts).`;
  return [
    firefox ? README_FIREFOX_START : README_START,
    `\`npm run sweep${firefox ? ' -- --browser firefox' : ''}\` on ${run.date} (${run.browser}; ${run.corpusPages} corpus pages + ${run.otherPages} fixture pages, ${s.measured} measured${skipped}; ${minutes} min, load average ${run.loadAverage[0].toFixed(1)} → ${run.loadAverage[1].toFixed(1)} on ${run.cpus} CPUs shared with other work, so times are noisy).`,
    `Per page: highlights on, a statement hovered (the card), highlights off${run.wrap ? ', then the same with the wrapper fallback forced' : ''}; pages served from 127.0.0.1, every other address blocked (${run.blocked} page requests).`,
    how,
    '',
    '| per page | median | p95 | max |',
    '|---|--:|--:|--:|',
    `| statements found | ${cell(s.statements, count)} |`,
    `| scan ms | ${cell(s.scan, ms)} |`,
    `| paint ms | ${cell(s.paint, ms)} |`,
    `| longest task of the extension, ms${firefox ? ' (heartbeat bound)' : ''} | ${cell(s.longestTask, ms)} |`,
    ...(firefox ? [] : [`| JS heap growth on → off, KB | ${cell(s.heapGrowthKB, kbCell)} |`]),
    '',
    `| check | pages failing (of ${s.measured}) | pages |`,
    '|---|--:|---|',
    ...rows,
    firefox ? README_FIREFOX_END : README_END,
  ].join('\n');
}

/**
 * The README with the sweep section replaced; when the markers are absent, a
 * "Reliability" section holding them is appended at the end.
 */
export function replaceReadmeSection(readme: string, section: string): string {
  const firefox = section.startsWith(README_FIREFOX_START);
  const [open, close] = firefox ? [README_FIREFOX_START, README_FIREFOX_END] : [README_START, README_END];
  const start = readme.indexOf(open);
  const end = readme.indexOf(close);
  if (start >= 0 && end > start) return readme.slice(0, start) + section + readme.slice(end + close.length);
  // the Firefox section goes right after the Chromium one when there is one
  const chromiumEnd = readme.indexOf(README_END);
  if (firefox && chromiumEnd >= 0) {
    const at = chromiumEnd + README_END.length;
    return `${readme.slice(0, at)}\n\n${section}${readme.slice(at)}`;
  }
  const base = readme.replace(/\s*$/, '\n');
  return `${base}\n${README_HEADING}\n\n${section}\n`;
}

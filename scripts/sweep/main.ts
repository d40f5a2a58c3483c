/**
 * `npm run sweep [-- --limit N] [--only TEXT[,TEXT…]] [--json] [--save FILE] [--no-build] [--corpus DIR] [--no-wrap] [--no-trace] [--write-readme] [--max-minutes M] [--browser chromium|firefox]`
 *
 * `--browser firefox` runs the same per-page checks in Firefox ESR (firefox.ts: no
 * trace and no heap figure there; the long-task figure is the heartbeat's bound).
 *
 * A reliability sweep of the built extension in Chromium (Debian's, through
 * playwright-core) over every saved news page of ../shared/corpus/ plus the project's
 * fixture and the seed article rendered as a page, all served from 127.0.0.1 with
 * every other address blocked (scripts/harness/session.ts). Per page (runner.ts has
 * the steps):
 *
 *   - statements found, and the content script's `stance-lens:scan` and
 *     `stance-lens:paint` measures;
 *   - the longest main-thread task of the extension: a main-world heartbeat and the
 *     Long Tasks API between "highlights on" and just after the paint give an upper
 *     bound (the page's own tasks then count too, and the heartbeat sees the scan's
 *     slices, yielded with scheduler.yield, as one block); when that bound is over
 *     50 ms the page runs once more under a Chromium trace and each task is given to
 *     the extension or the page (scripts/sweep/attribution.ts): the longest of the
 *     extension's is the figure; over 50 ms, a second traced run confirms it and the
 *     smaller of the two stands (a busy machine stretches single tasks now and then);
 *   - JS heap growth: JSHeapUsedSize after a forced GC (CDP), before "on" and after
 *     "off" (the content script stays in the page, so its code and lexicon count);
 *   - errors of the extension: exceptions and console errors in its isolated world or
 *     whose stack names chrome-extension://, its background's and popup's console
 *     errors, error replies and statuses; requests it sends (any, even to 127.0.0.1);
 *   - DOM identity: the document serialised (text-node boundaries included) and every
 *     node object kept, before "on" and after "off", after hovering a statement so the
 *     card's host element is created and must go too; once with the Highlight API (the
 *     path Chromium takes: only the card touches the DOM) and once with the wrapper
 *     fallback forced (Highlight removed from the extension's isolated world). A page
 *     whose own scripts change the DOM meanwhile would blur this, so a difference is
 *     checked again on a copy of the page served without its scripts, and that verdict
 *     stands.
 *
 * It exits 1 when on any page the extension threw, sent a request, left the DOM
 * changed or ran a task over 50 ms; 2 on a usage error or when it cannot set up. A page
 * that cannot load offline is reported as skipped, not held against the extension.
 * Without --limit/--only it rewrites the README's "Reliability" section between
 * `<!-- sweep:start -->` and `<!-- sweep:end -->` (with them: only with --write-readme).
 * Other work on the machine slows every figure: the load average is printed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../harness/browser.ts';
import { choosePages } from '../harness/pages.ts';
import { openRun, parseRunOptions, type Cli, type RunOptions } from '../harness/run.ts';
import { ms } from '../harness/stats.ts';
import { MUTATION_COUNTER } from './probes.ts';
import {
  BUDGET_REASON,
  emptyResult,
  FAILURE_KINDS,
  FAILURE_LABELS,
  HEADER,
  kb,
  line,
  LONG_TASK_MS,
  readmeSection,
  replaceReadmeSection,
  summarize,
  type RunFacts,
  type Summary,
  type SweepResult,
} from './report.ts';
import { sweepFirefox } from './firefox.ts';
import { SweepRunner, Watcher } from './runner.ts';

const README = join(ROOT, 'README.md');

const CLI: Cli = {
  tool: 'sweep',
  usage:
    'Usage: npm run sweep [-- --limit N] [--only TEXT[,TEXT…]] [--json] [--save FILE] [--no-build] [--corpus DIR] [--no-wrap] [--no-trace] [--write-readme] [--max-minutes M] [--browser chromium|firefox]',
  usageExit: 2,
};

interface Own {
  /** also check the DOM with the wrapper fallback forced */
  wrap: boolean;
  /** trace pages whose heartbeat bound is over 50 ms */
  trace: boolean;
  writeReadme: boolean;
  /** pages not started by then are skipped ("time budget") */
  maxMinutes: number;
  browser: 'chromium' | 'firefox';
}

function parseOptions(argv: string[]): RunOptions & Own {
  return parseRunOptions<Own>(argv, CLI, { wrap: true, trace: true, writeReadme: false, maxMinutes: 30, browser: 'chromium' }, (o, arg, next) => {
    if (arg === '--browser') {
      const b = next.value();
      if (b !== 'chromium' && b !== 'firefox') {
        console.error(`sweep: --browser is chromium or firefox, not ${b}\n${CLI.usage}`);
        process.exit(CLI.usageExit);
      }
      o.browser = b;
    } else if (arg === '--no-wrap') o.wrap = false;
    else if (arg === '--no-trace') o.trace = false;
    else if (arg === '--write-readme') o.writeReadme = true;
    else if (arg === '--max-minutes') o.maxMinutes = next.number();
    else return false;
    return true;
  });
}

function summaryLines(s: Summary, run: RunFacts, results: SweepResult[]): string[] {
  const spreadLine = (label: string, x: Summary['scan'], f: (v: number) => string) =>
    `  ${label.padEnd(44)} median ${f(x.median).padStart(8)}   p95 ${f(x.p95).padStart(8)}   max ${f(x.max).padStart(8)}`;
  const kbf = (v: number) => kb(v * 1024);
  const out = [
    `Summary: ${s.measured} of ${s.pages} pages measured (${run.corpusPages} corpus + ${run.otherPages} fixture pages) in ${(run.elapsedSeconds / 60).toFixed(1)} min; ${run.browser}; load average ${run.loadAverage[0].toFixed(1)} → ${run.loadAverage[1].toFixed(1)} on ${run.cpus} CPUs (other work on the machine slows every figure)`,
    `  ${run.blocked} page requests to other addresses blocked; ${s.withStatements} pages with statements`,
  ];
  for (const k of s.skipped) out.push(`  skipped ${k.name}: ${k.reason}`);
  out.push(
    spreadLine('statements', s.statements, (v) => (Number.isFinite(v) ? String(v) : '—')),
    spreadLine('scan ms', s.scan, ms),
    spreadLine('paint ms', s.paint, ms),
    spreadLine('longest task of the extension ms', s.longestTask, ms),
    spreadLine('JS heap growth on → off', s.heapGrowthKB, kbf),
    `  longest task: the heartbeat bound (main-world MessageChannel heartbeat + Long Tasks API from "on" to just after the paint; page tasks included), or, on the ${s.traced} pages where that bound was over ${LONG_TASK_MS} ms, the longest task a trace gives the extension (over ${LONG_TASK_MS} ms: the smaller of two traced runs)`,
    `  hover card (per pass): shown ${s.cards.shown}, not shown ${s.cards.missing}, no statement on screen to hover ${s.cards.nothingToHover}; wrapper-fallback passes: ${s.wrapPasses} (pages where something was painted)`,
    `  DOM verdicts taken again with the page's scripts off, after its own scripts changed the DOM: ${s.domRechecked}; pages served without their scripts throughout (they would not load offline): ${s.scriptless}`,
  );
  const byName = new Map(results.map((r) => [r.name, r]));
  for (const k of FAILURE_KINDS) {
    const names = s.failures[k];
    out.push(`  ${names.length ? 'FAIL' : 'ok  '} ${FAILURE_LABELS[k]}: ${names.length} page${names.length === 1 ? '' : 's'}`);
    for (const name of names) {
      const f = byName.get(name)!.failures.filter((x) => x.kind === k);
      out.push(`         ${name}: ${f.map((x) => x.detail).join(' | ')}`);
    }
  }
  return out;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const log = (text = ''): void => {
    if (options.json) console.error(text);
    else console.log(text);
  };
  const fail = (text: string): number => {
    console.error(`sweep: ${text}`);
    return 2;
  };

  if (options.browser === 'firefox') return firefoxMain(options, log, fail);
  const opened = await openRun(CLI, options, log);
  if (typeof opened === 'string') return fail(opened);
  const { session, pages, fixtures: otherPages, full } = opened;
  const { browser, server } = session;

  const started = Date.now();
  const deadline = started + options.maxMinutes * 60_000;
  const loadBefore = loadavg()[0]!;
  const results: SweepResult[] = [];
  const version = browser.version;
  try {
    await browser.context.addInitScript({ content: MUTATION_COUNTER });
    const watcher = new Watcher(browser.context);
    watcher.start(browser.popup);
    const runner = new SweepRunner(browser, server, watcher, { wrap: options.wrap, trace: options.trace });
    await runner.init();
    log(
      `sweep: ${version}, extension ${browser.extensionId}, ${pages.length} pages on ${server.origin}, every other address blocked; load average ${loadBefore.toFixed(1)} on ${cpus().length} CPUs`,
    );
    log(
      `sweep: ms; task = longest task of the extension (≤ heartbeat bound, or exact from a trace when the bound is over ${LONG_TASK_MS}); heap = JS heap growth on → off after GC; dom = same after off (* = verdict with page scripts off); card ✓ shown ✗ not · nothing to hover`,
    );
    log();
    log(HEADER);
    for (let i = 0; i < pages.length; i++) {
      const page = pages[i]!;
      let r: SweepResult;
      if (Date.now() > deadline) {
        r = { ...emptyResult(i, page.name, page.source), status: 'skipped', skipped: `${BUDGET_REASON} ${options.maxMinutes} min budget` };
      } else r = await runner.run(page, i, server.url(i));
      results.push(r);
      log(line(r));
    }
  } finally {
    await session.close();
  }

  const run: RunFacts = {
    date: new Date().toISOString().slice(0, 10),
    browser: version,
    elapsedSeconds: (Date.now() - started) / 1000,
    loadAverage: [loadBefore, loadavg()[0]!],
    cpus: cpus().length,
    corpusPages: pages.length - otherPages,
    otherPages,
    wrap: options.wrap,
    blocked: browser.blocked,
    engine: 'chromium',
  };
  return finish(options, run, results, full, log);
}

/** The summary, the JSON, the README section; the exit code. */
function finish(options: RunOptions & Own, run: RunFacts, results: SweepResult[], full: boolean, log: (text?: string) => void): number {
  const summary = summarize(results);
  const failed = summary.failed.length > 0;
  const json = JSON.stringify({ run, summary, pages: results }, null, 2);
  if (options.save) writeFileSync(options.save, `${json}\n`);
  if (options.json) console.log(json);
  else {
    log();
    for (const l of summaryLines(summary, run, results)) log(l);
  }
  if (full || options.writeReadme) {
    const readme = readFileSync(README, 'utf8');
    writeFileSync(README, replaceReadmeSection(readme, readmeSection(summary, run)));
    log(`sweep: README.md "Reliability" section rewritten`);
  }
  log(failed ? `sweep: FAILED on ${summary.failed.length} of ${summary.measured} pages` : `sweep: passed on all ${summary.measured} pages`);
  return failed ? 1 : 0;
}

/** `--browser firefox`: the same pages and checks in Firefox ESR (firefox.ts). */
async function firefoxMain(options: RunOptions & Own, log: (text?: string) => void, fail: (text: string) => number): Promise<number> {
  const { pages, fixtures, full } = choosePages(options, CLI.tool, log);
  if (pages.length === 0) return fail('no page to run sweep on');
  const started = Date.now();
  const loadBefore = loadavg()[0]!;
  log(`sweep: Firefox ESR, ${pages.length} pages, every address but loopback refused; load average ${loadBefore.toFixed(1)} on ${cpus().length} CPUs`);
  log();
  log(HEADER);
  const swept = await sweepFirefox(pages, { build: options.build, wrap: options.wrap, deadline: started + options.maxMinutes * 60_000 }, log, (r) =>
    log(line(r)),
  );
  if (typeof swept === 'string') return fail(swept);
  const run: RunFacts = {
    date: new Date().toISOString().slice(0, 10),
    browser: swept.version,
    elapsedSeconds: (Date.now() - started) / 1000,
    loadAverage: [loadBefore, loadavg()[0]!],
    cpus: cpus().length,
    corpusPages: pages.length - fixtures,
    otherPages: fixtures,
    wrap: options.wrap,
    blocked: swept.blocked,
    engine: 'firefox',
  };
  return finish(options, run, swept.results, full, log);
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`sweep: setup failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(2);
  },
);

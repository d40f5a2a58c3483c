/**
 * `npm run sweep -- --browser firefox`: the sweep's per-page checks in Firefox ESR
 * (Debian's, through puppeteer-core over WebDriver BiDi: ../harness/firefox.ts), on
 * the same pages from the same page server, every address but loopback refused by the
 * server acting as the browser's proxy.
 *
 * Per page, on a fresh tab: wait for the page to settle, snapshot the DOM (markup,
 * text-node boundaries and node objects), start a main-world heartbeat, highlights on,
 * wait for ready, read the content script's measures, hover a statement (the card's
 * host element is created), highlights off, snapshot again; then the same with the
 * wrapper fallback forced (Highlight removed from the extension's isolated world).
 *
 * What Firefox can and cannot tell: errors are the content script's and the extension
 * pages' console errors and uncaught exceptions over BiDi, and the background page's
 * from Firefox's own output; requests are every request a page or extension page of
 * the extension reported, and every connection that left loopback while the extension
 * was on for the page (the proxy sees the background page too). There is no Long Tasks
 * API and no trace: the heartbeat's longest gap is reported as an upper bound (page
 * tasks included) and is not a failure criterion here.
 */
import { execFileSync } from 'node:child_process';
import type { Page } from 'puppeteer-core';
import { BINARY, DIST, errorLine, sleep, type ConsoleEntry, type E2EPage, type ExtensionBrowser } from '../harness/browser.ts';
import { buildExtension, checkE2EBuild } from '../harness/build.ts';
import { senderOf, switchOn } from '../harness/extension.ts';
import { firefoxForTests } from '../harness/firefox.ts';
import type { BenchPage } from '../harness/pages.ts';
import { AFTER_OFF, EXTENSION_FIGURES, type Figures } from '../harness/probes.ts';
import { startServer, type PageServer } from '../harness/server.ts';
import { domChange, type Leftovers, type NodeIdentity, type Snapshot } from './dom.ts';
import { CARD_HOSTS, HEARTBEAT, hoverTarget, MARKS, mouseMove, SNAPSHOT_AFTER, SNAPSHOT_BEFORE, SNAPSHOT_RELEASE } from './probes.ts';
import { BUDGET_REASON, emptyResult, failuresOf, type Mode, type SweepResult } from './report.ts';

const SETTLE_MS = 300;
const CARD_WAIT_MS = 2_000;
const READY_MS = 20_000;
const HEARTBEAT_FLOOR_MS = 4;
const EXTENSION_SCHEME = 'moz-extension://';

interface TabValue {
  on: boolean;
  status: string;
  message?: string;
  report: { statements: unknown[] } | null;
}

export interface FirefoxSweep {
  results: SweepResult[];
  version: string;
  /** connections the proxy refused over the run */
  blocked: number;
}

/** The puppeteer page under an E2EPage of the Firefox driver: string probes run there. */
const puppeteerPage = (p: E2EPage): Page => (p as unknown as { page: Page }).page;

const mentionsExtension = (e: ConsoleEntry): boolean => [e.text, e.location, e.url].some((s) => !!s && s.includes(EXTENSION_SCHEME));

export async function sweepFirefox(
  pages: BenchPage[],
  o: { build: boolean; wrap: boolean; deadline: number },
  log: (line: string) => void,
  each: (r: SweepResult) => void,
): Promise<FirefoxSweep | string> {
  if (o.build) {
    log('sweep: building the extension (STANCE_LENS_E2E=1, Firefox → dist-e2e/firefox) …');
    const built = await buildExtension('firefox');
    if (!built.ok) return built.output;
  }
  const problem = checkE2EBuild(DIST.firefox) ?? null;
  if (problem) return problem;
  let version = 'Firefox';
  try {
    version = execFileSync(BINARY.firefox, ['--version'], { encoding: 'utf8' })
      .trim()
      .replace(/^Mozilla /, '');
  } catch {
    return `no ${BINARY.firefox} (apt-get update && apt-get install -y firefox-esr)`;
  }
  const server = await startServer({ pages });
  let ext: ExtensionBrowser;
  try {
    ext = await firefoxForTests({ dist: DIST.firefox, server });
  } catch (e) {
    await server.close();
    return `cannot start Firefox with the extension: ${errorLine(e)}`;
  }
  const results: SweepResult[] = [];
  try {
    for (let i = 0; i < pages.length; i++) {
      const page = pages[i]!;
      let r: SweepResult;
      if (Date.now() > o.deadline) r = { ...emptyResult(i, page.name, page.source), status: 'skipped', skipped: `${BUDGET_REASON} time budget` };
      else r = await sweepPage(ext, server, page, i, o.wrap);
      results.push(r);
      each(r);
    }
  } finally {
    await ext.close();
    await server.close();
  }
  return { results, version, blocked: server.outbound.length };
}

/** One page: the highlights pass, then (where something was painted) the wrapper pass. */
async function sweepPage(ext: ExtensionBrowser, server: PageServer, page: BenchPage, index: number, wrap: boolean): Promise<SweepResult> {
  const r = emptyResult(index, page.name, page.source);
  const errors0 = ext.consoleErrors.length;
  const requests0 = ext.requests.length;
  const path = new URL(server.url(index)).pathname;
  try {
    let first: number;
    try {
      first = await pass(ext, server, path, 'highlights', r);
    } catch (e) {
      if (e instanceof ExtensionFailed) throw e;
      // a page that sends itself away (to https://, to the live site) is served once more without its scripts
      server.withoutScripts(index);
      r.scriptless = true;
      r.notes.push(`served with CSP script-src 'none': with its scripts, ${errorLine(e).slice(0, 120)}`);
      r.dom = [];
      first = await pass(ext, server, path, 'highlights', r);
    }
    if (wrap && first > 0) await pass(ext, server, path, 'wrap', r);
    // the page's own scripts may change the DOM meanwhile (an ad tag added): a difference is checked
    // again on a copy of the page served without its scripts, and that verdict stands
    const changed = r.dom.filter((d) => d.change !== null);
    if (changed.length > 0 && !r.scriptless) {
      server.withoutScripts(index);
      const again = { ...r, dom: [] as SweepResult['dom'], notes: [] as string[] };
      for (const d of changed) {
        await pass(ext, server, path, d.mode, again);
        const verdict = again.dom.at(-1)!;
        Object.assign(d, { change: verdict.change, scriptsOff: true, firstTry: d.change ?? undefined });
      }
    }
  } catch (e) {
    if (e instanceof ExtensionFailed) r.errors.push(e.message);
    else {
      r.status = 'skipped';
      r.skipped = errorLine(e);
    }
  }
  r.errors.push(
    ...ext.consoleErrors
      .slice(errors0)
      .filter(mentionsExtension)
      .map((e) => `${e.kind}: ${e.text.slice(0, 300)}`),
  );
  r.requests.push(
    ...ext.requests
      .slice(requests0)
      .filter((q) => q.source !== 'page' && !/^(moz-extension|data|blob|about):/.test(q.url))
      .map((q) => `${q.source} ${q.url.slice(0, 200)}`),
  );
  // the heartbeat bound includes the page's own tasks and Firefox has no trace to split it: a figure, not a failure
  r.failures = failuresOf(r).filter((f) => f.kind !== 'long-task');
  return r;
}

/** The extension failed on the page (an error reply or status, not ready in time). */
class ExtensionFailed extends Error {}

/** One pass on a fresh tab; returns the number of ranges painted. */
async function pass(ext: ExtensionBrowser, server: PageServer, path: string, mode: Mode, r: SweepResult): Promise<number> {
  const tab = await ext.openPage(path);
  const pp = puppeteerPage(tab);
  const run = <T>(expression: string) => pp.evaluate(expression) as Promise<T>;
  try {
    const tabId = await ext.tabId(tab);
    if (mode === 'wrap') await forceWrap(ext, tabId);
    await sleep(SETTLE_MS);
    // a page that sent itself elsewhere (an error page once the proxy refused it) is not the extension's failure
    const at = await run<string>('location.href');
    if (at !== tab.url) throw new Error(`the page moved itself to ${at.slice(0, 120)}`);
    const before = await run<{ nodes: number; chars: number }>(SNAPSHOT_BEFORE);
    const outbound0 = server.outbound.length;
    const tOn = await run<number>(HEARTBEAT);
    const state = await switchOn<TabValue>(senderOf(ext), tabId, {
      timeoutMs: READY_MS,
      pollMs: 25,
      ready: (s) => s.on && s.status === 'ready' && s.report !== null,
      // "unsupported": the tab no longer shows the page (it navigated itself away): the page's doing
      fail: (m) => (/status unsupported/.test(m) ? new Error(`the page left: ${m}`) : new ExtensionFailed(m)),
    });
    const figures = await run<Figures>(EXTENSION_FIGURES);
    if (!figures.scan || !figures.paint) throw new ExtensionFailed('ready, but no stance-lens:scan / stance-lens:paint measure in the page');
    const painted = mode === 'wrap' ? await run<number>(MARKS) : Object.values(figures.highlights).reduce((a, b) => a + b, 0);
    const held = Math.max(HEARTBEAT_FLOOR_MS, ...figures.gaps.filter(([s]) => s >= tOn).map(([, d]) => d));
    if (mode === 'highlights') {
      r.statements = state.report?.statements.length ?? 0;
      r.scanMs = figures.scan.duration;
      r.paintMs = figures.paint.duration;
      r.heldMs = held;
      r.longestTask = { ms: held, source: 'heartbeat', why: 'heartbeat bound, page tasks included' };
    } else r.wrapPaintMs = figures.paint.duration;
    if (r.statements > 0 && painted === 0) r.notes.push(`${mode}: statements, but nothing painted`);
    const card = await hover(run, mode);
    const off = await ext.send<{ ok: boolean; value?: TabValue; error?: string }>({ type: 'highlights/set', tabId, on: false });
    if (!off.ok || off.value?.on !== false) throw new ExtensionFailed(`highlights/set off: ${off.error ?? `still on (${off.value?.status})`}`);
    await sleep(50);
    const pair = await run<{ before: Snapshot | null; after: Snapshot | null; identity: NodeIdentity }>(SNAPSHOT_AFTER);
    const left = await run<Leftovers>(AFTER_OFF);
    const same: Snapshot = { text: '', nodes: before.nodes };
    r.dom.push({ mode, change: domChange(pair.before ?? same, pair.after ?? same, pair.identity, left), scriptsOff: false, card });
    await run<void>(SNAPSHOT_RELEASE);
    // connections that left loopback while the extension was on: the page's and the browser's own count too, so a note
    const outbound = server.outbound.length - outbound0;
    if (outbound > 0) r.notes.push(`${mode}: ${outbound} connection${outbound === 1 ? '' : 's'} refused by the proxy while on (page or browser)`);
    return painted;
  } finally {
    await tab.close();
  }
}

/** Hovers the first statement on screen; whether the card host appeared (null: nothing to hover). */
async function hover(run: <T>(expression: string) => Promise<T>, mode: Mode): Promise<boolean | null> {
  const point = await run<{ x: number; y: number } | null>(hoverTarget(mode));
  if (!point) return null;
  await run<void>(mouseMove(point.x, point.y));
  const t0 = Date.now();
  while (Date.now() - t0 < CARD_WAIT_MS) {
    if ((await run<number>(CARD_HOSTS)) > 0) return true;
    await sleep(50);
  }
  return false;
}

/**
 * FORCE_WRAP_FUNC for Firefox: its isolated world is a sandbox whose window properties
 * come through Xray wrappers and cannot be deleted there, so an own property that is
 * undefined shadows Highlight instead (the content script, in the same sandbox, sees it).
 */
const FORCE_WRAP_FIREFOX = `() => {
  const had = typeof globalThis.Highlight;
  try { delete globalThis.Highlight; } catch {}
  if (typeof globalThis.Highlight !== 'undefined') {
    try { Object.defineProperty(globalThis, 'Highlight', { value: undefined, configurable: true, writable: true }); } catch {}
  }
  return [had, typeof globalThis.Highlight];
}`;

/** Removes Highlight from the extension's isolated world in the tab, before the content script arrives. */
async function forceWrap(ext: ExtensionBrowser, tabId: number): Promise<void> {
  // as text: a function tsx transpiled can carry helper calls the extension page does not have
  const popup = puppeteerPage(await ext.extensionPage());
  const found = (await popup.evaluate(
    `browser.scripting.executeScript({ target: { tabId: ${tabId} }, world: 'ISOLATED', func: ${FORCE_WRAP_FIREFOX} }).then((r) => r[0] && r[0].result)`,
  )) as [string, string] | null;
  if (!found || found[1] !== 'undefined') throw new Error(`force wrap: Highlight still there (${JSON.stringify(found)})`);
}

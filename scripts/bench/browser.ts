/**
 * One Chromium (Debian's, through playwright-core) with the unpacked extension loaded;
 * the extension's popup page open in a second tab to talk to the background; network
 * requests to anything but 127.0.0.1 blocked.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { BenchPage } from './pages.ts';
import { startPageServer, type PageServer } from './server.ts';

export interface Reply<T> {
  ok: boolean;
  value?: T;
  error?: string;
}

export interface BenchBrowser {
  context: BrowserContext;
  extensionId: string;
  /** outbound requests aborted (not the page server) */
  blocked: number;
  /** of which top-level navigations: a page trying to leave (https upgrade, redirect) */
  navigationsStopped: number;
  /** a message to the background, sent from the extension's popup page */
  send<T>(message: Record<string, unknown>, timeoutMs?: number): Promise<Reply<T>>;
  /** the tab id of the page that shows `url` (a 127.0.0.1 page) */
  tabIdOf(url: string): Promise<number>;
  newBenchPage(): Promise<Page>;
  close(): Promise<void>;
}

export const INIT_SCRIPT = `(() => {
  const store = [];
  Object.defineProperty(window, '__benchLongTasks', { value: store, enumerable: false });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) store.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms / 1000} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export async function launchBenchBrowser(distDir: string, origin: string): Promise<BenchBrowser> {
  const dist = resolve(distDir);
  const profile = mkdtempSync(join(tmpdir(), 'stance-lens-bench-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
        `--disable-extensions-except=${dist}`,
        `--load-extension=${dist}`,
      ],
    });
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  let blocked = 0;
  let navigationsStopped = 0;
  const port = new URL(origin).port;
  try {
    // Everything but the page server is blocked. A page that navigates itself away
    // (http → https upgrade scripts, redirects to the live site) is stopped with
    // ERR_ABORTED, for which Chromium commits no error page: the page stays.
    await context.route(
      (url) => /^(https?|wss?):$/.test(url.protocol) && !(url.protocol === 'http:' && url.hostname === '127.0.0.1' && url.port === port),
      (route) => {
        blocked++;
        const request = route.request();
        let topLevel = false;
        try {
          topLevel = request.isNavigationRequest() && request.frame().parentFrame() === null;
        } catch {
          topLevel = false;
        }
        if (topLevel) navigationsStopped++;
        return route.abort(topLevel ? 'aborted' : 'blockedbyclient');
      },
    );
    // windows a page opens (window.open) are closed: the benchmark uses one tab
    context.on('page', (p) => {
      void p.opener().then((opener) => (opener ? p.close() : undefined)).catch(() => undefined);
    });
    await context.addInitScript({ content: INIT_SCRIPT });
    // listen before looking, so a worker that starts in between is not missed; a loaded machine can take a while
    const started = context.waitForEvent('serviceworker', { timeout: 45_000 });
    started.catch(() => undefined);
    const worker = context.serviceWorkers()[0] ?? (await started.catch((e: unknown) => context.serviceWorkers()[0] ?? Promise.reject(e)));
    if (!worker) throw new Error("the extension's service worker did not start");
    const extensionId = new URL(worker.url()).host;
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/src/popup/index.html`);

    const send = async <T>(message: Record<string, unknown>, timeoutMs = 15_000): Promise<Reply<T>> =>
      withTimeout(
        popup.evaluate((m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(m), message) as Promise<Reply<T>>,
        timeoutMs,
        `message ${String(message.type)}`,
      );

    const tabIdOf = async (url: string): Promise<number> => {
      const ids = (await popup.evaluate(
        (pattern) =>
          (globalThis as unknown as { chrome: { tabs: { query(q: unknown): Promise<Array<{ id?: number }>> } } }).chrome.tabs
            .query({ url: pattern })
            .then((tabs) => tabs.map((t) => t.id ?? -1)),
        `${url}*`,
      )) as number[];
      if (ids.length !== 1 || ids[0]! < 0) throw new Error(`expected one tab at ${url}, found ${ids.length}`);
      return ids[0]!;
    };

    return {
      context,
      extensionId,
      get blocked() {
        return blocked;
      },
      get navigationsStopped() {
        return navigationsStopped;
      },
      send,
      tabIdOf,
      newBenchPage: () => context.newPage(),
      close: async () => {
        await context.close().catch(() => undefined);
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
}

/** The browser with a copy of the build, and the page server: what a bench or sweep run drives. */
export interface BenchSession {
  browser: BenchBrowser;
  server: PageServer;
  /** closes the browser and the server and removes the copy of the build */
  close(): Promise<void>;
}

/**
 * Copies the build (so that a rebuild of dist-e2e/ during the run, by the tests, cannot
 * pull it away), serves the pages and starts Chromium with the copy. Throws a one-line
 * error naming what could not start, after cleaning up.
 */
export async function openBenchSession(dist: string, pages: BenchPage[], name: string): Promise<BenchSession> {
  const copy = mkdtempSync(join(tmpdir(), `stance-lens-${name}-dist-`));
  cpSync(dist, copy, { recursive: true });
  const server = await startPageServer(pages);
  let browser: BenchBrowser;
  try {
    browser = await launchBenchBrowser(copy, server.origin);
  } catch (e) {
    await server.close();
    rmSync(copy, { recursive: true, force: true });
    throw new Error(`cannot start Chromium with the extension: ${e instanceof Error ? e.message : String(e)}`);
  }
  return {
    browser,
    server,
    async close() {
      await browser.close();
      await server.close();
      rmSync(copy, { recursive: true, force: true });
    },
  };
}

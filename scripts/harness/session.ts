/**
 * What a bench or sweep run drives: one Chromium (chromium.ts) with a copy of the
 * build, the page server (server.ts) with the run's pages, the extension's popup page
 * open in a second tab to talk to the background, and network requests to anything
 * but the page server blocked; and BenchTab, the one tab the pages are loaded in.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { errorLine, withTimeout } from './browser.ts';
import { chromiumTab, launchChromium, openPopup, popupSender, tabOf, type Chromium } from './chromium.ts';
import { loadPage, switchOn, type Sender, type SwitchOnOptions, type TabStatus } from './extension.ts';
import { LONG_TASK_OBSERVER } from './probes.ts';
import type { BenchPage } from './pages.ts';
import { startServer, type PageServer } from './server.ts';

export interface BenchBrowser {
  context: BrowserContext;
  extensionId: string;
  /** "Chromium 156.0…" */
  version: string;
  /** the extension's popup page, open in its own tab */
  popup: Page;
  /** outbound requests aborted (not the page server) */
  readonly blocked: number;
  /** of which top-level navigations: a page trying to leave (https upgrade, redirect) */
  readonly navigationsStopped: number;
  /** a message to the background, sent from the popup page */
  send: Sender;
  /** the tab id of the page that shows `url` (a 127.0.0.1 page) */
  tabIdOf(url: string): Promise<number>;
  newBenchPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBenchBrowser(dist: string, origin: string): Promise<BenchBrowser> {
  const c: Chromium = await launchChromium({ dist, viewport: { width: 1280, height: 900 } });
  const { context } = c;
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
      void p
        .opener()
        .then((opener) => (opener ? p.close() : undefined))
        .catch(() => undefined);
    });
    await context.addInitScript({ content: LONG_TASK_OBSERVER });
    const popup = await openPopup(c);
    return {
      context,
      extensionId: c.extensionId,
      version: `Chromium ${context.browser()?.version() ?? '?'}`,
      popup,
      get blocked() {
        return blocked;
      },
      get navigationsStopped() {
        return navigationsStopped;
      },
      send: popupSender(popup),
      tabIdOf: (url) => tabOf(popup, url),
      newBenchPage: () => context.newPage(),
      close: c.close,
    };
  } catch (e) {
    await c.close();
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
  const server = await startServer({ pages });
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

/** A run's limits per page: a load, an evaluation in the page (the sweep allows more), the extension getting ready, and how often that is asked. */
export const LIMITS = { loadMs: 15_000, probeMs: 10_000, readyMs: 15_000, pollMs: 15 };

export interface TabOptions {
  /** per evaluation in the page (default LIMITS.probeMs) */
  probeTimeoutMs?: number;
  /** per page load (default LIMITS.loadMs) */
  loadTimeoutMs?: number;
  /** called with every page the tab starts using (the sweep attaches its listeners) */
  onPage?: (page: Page) => Promise<void>;
}

/** The one tab a run loads its pages in, and the extension switched on and off there. */
export class BenchTab {
  page!: Page;
  /** the tabs API id of `page`, once a page was loaded */
  tabId = -1;

  private readonly probeMs: number;

  constructor(
    readonly browser: BenchBrowser,
    private readonly o: TabOptions = {},
  ) {
    this.probeMs = o.probeTimeoutMs ?? LIMITS.probeMs;
  }

  /** Takes the first tab that is not the popup (or a new one). */
  async init(): Promise<void> {
    this.page =
      this.browser.context.pages().find((p) => p !== this.browser.popup && !p.url().startsWith('chrome-extension:')) ?? (await this.browser.newBenchPage());
    await this.o.onPage?.(this.page);
    this.tabId = -1;
  }

  /** A fresh tab when the current one stopped answering. */
  async replace(): Promise<void> {
    const old = this.page;
    this.page = await this.browser.newBenchPage();
    await this.o.onPage?.(this.page);
    this.tabId = -1;
    await old.close({ runBeforeUnload: false }).catch(() => undefined);
  }

  /** After trouble: a tab that no longer answers (a page stuck in a loop) is replaced. */
  async recover(): Promise<void> {
    const alive = await withTimeout(this.page.evaluate('1'), 5_000, 'tab').then(
      () => true,
      () => false,
    );
    if (!alive) await this.replace();
  }

  /** Evaluates an expression in the page's main world; "`what`: …" when it fails or takes over `timeoutMs`. */
  async eval<T>(expression: string, what: string, timeoutMs = this.probeMs): Promise<T> {
    try {
      return await withTimeout(this.page.evaluate(expression) as Promise<T>, timeoutMs, what);
    } catch (e) {
      throw new Error(`${what}: ${errorLine(e).replace(`${what}: `, '')}`);
    }
  }

  /** Loads `url` (loadPage: throws LeftError, LoadTimeout) and learns the tab's id. */
  async load(url: string): Promise<void> {
    await loadPage(chromiumTab(this.page), url, { timeoutMs: this.o.loadTimeoutMs ?? LIMITS.loadMs, probeTimeoutMs: this.probeMs });
    if (this.tabId < 0) {
      try {
        this.tabId = await this.browser.tabIdOf(url);
      } catch (e) {
        throw new Error(`tab id: ${errorLine(e)}`);
      }
    }
  }

  /** Highlights on; the tab's state once ready (switchOn, within LIMITS.readyMs). */
  on<S extends TabStatus>(o: SwitchOnOptions<S> = {}): Promise<S> {
    return switchOn<S>(this.browser.send, this.tabId, { timeoutMs: LIMITS.readyMs, pollMs: LIMITS.pollMs, ...o });
  }

  /** Best-effort off. */
  async off(): Promise<void> {
    if (this.tabId >= 0) await this.browser.send({ type: 'highlights/set', tabId: this.tabId, on: false }, 5_000).catch(() => undefined);
  }
}

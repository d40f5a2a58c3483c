/**
 * Debian's Chromium with the unpacked build loaded, driven by playwright-core.
 *
 * Requests are recorded two ways: Playwright's context-wide request event, which in
 * Chromium covers pages, extension pages and the extension's service worker
 * (checked: a fetch() from the worker is reported with request.serviceWorker()),
 * and the test server acting as the browser's proxy (anything not loopback ends up
 * in server.outbound, whoever asked; see server.ts). External host names would not
 * resolve anyway (--host-resolver-rules).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import {
  BINARY,
  findTabId,
  jsonCall,
  parseJsonResult,
  pageUrl,
  POPUP_PATH,
  readHighlights,
  HIGHLIGHT_NAMES,
  sendRuntimeMessage,
  type Box,
  type ConsoleEntry,
  type E2EPage,
  type ExtensionBrowser,
  type Highlights,
  type RecordedRequest,
} from './browser.ts';
import type { TestServer } from './server.ts';

export interface ChromiumOptions {
  /** the unpacked extension (absolute, or relative to the working directory) */
  dist: string;
  server: TestServer;
  executablePath?: string;
}

class ChromiumPage implements E2EPage {
  constructor(
    /** harness-internal: tests use the E2EPage methods */
    readonly page: Page,
    readonly url: string,
  ) {}

  async evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T> {
    return parseJsonResult<T>(await this.page.evaluate(jsonCall(fn as (a: never) => unknown, arg)));
  }

  async evaluateScript(source: string): Promise<void> {
    // (a string is evaluated as it is, over CDP, which the page's CSP does not govern)
    await this.page.evaluate(source);
  }

  async mouseMove(x: number, y: number): Promise<void> {
    await this.page.mouse.move(x, y, { steps: 4 });
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  async setInputFiles(selector: string, paths: string[]): Promise<void> {
    await this.page.setInputFiles(selector, paths);
  }

  async setViewport(width: number, height: number): Promise<void> {
    await this.page.setViewportSize({ width, height });
  }

  async colorScheme(scheme: 'light' | 'dark'): Promise<boolean> {
    await this.page.emulateMedia({ colorScheme: scheme });
    return true;
  }

  async screenshot(file: string, opts: { clip?: Box } = {}): Promise<void> {
    mkdirSync(dirname(file), { recursive: true });
    await this.page.screenshot(opts.clip ? { path: file, clip: opts.clip } : { path: file });
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}

export async function launchChromium(opts: ChromiumOptions): Promise<ExtensionBrowser> {
  const dist = resolve(opts.dist);
  const userDataDir = mkdtempSync(join(tmpdir(), 'stance-lens-chromium-'));
  const { server } = opts;
  const requests: RecordedRequest[] = [];
  const consoleErrors: ConsoleEntry[] = [];

  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: opts.executablePath ?? BINARY.chromium,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // fewer calls home from the browser itself (they land in server.outbound)
        '--disable-client-side-phishing-detection',
        '--disable-default-apps',
        '--disable-domain-reliability',
        '--no-pings',
        // (no --disable-features here: a second one would replace Playwright's own list)
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
        // loopback bypasses a proxy by default: everything else lands in server.outbound
        `--proxy-server=http://127.0.0.1:${server.port}`,
        `--disable-extensions-except=${dist}`,
        `--load-extension=${dist}`,
      ],
    });
  } catch (e) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw e;
  }

  context.on('request', (req) => {
    const worker = req.serviceWorker();
    let source = 'page';
    let initiator: string | undefined;
    if (worker) {
      source = 'service-worker';
      initiator = worker.url();
    } else {
      try {
        initiator = req.frame().url();
      } catch {
        // requests without a frame (e.g. from a dedicated worker)
        source = 'other';
      }
      if (initiator?.startsWith('chrome-extension://')) source = 'extension-page';
    }
    requests.push(initiator === undefined ? { url: req.url(), source } : { url: req.url(), source, initiator });
  });

  const watchPage = (page: Page): void => {
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      const loc = m.location();
      consoleErrors.push({ kind: 'console', text: m.text(), url: page.url(), location: loc.url ? `${loc.url}:${loc.lineNumber}:${loc.columnNumber}` : '' });
    });
    page.on('pageerror', (err) => {
      consoleErrors.push({ kind: 'pageerror', text: `${err.name}: ${err.message}`, url: page.url(), location: err.stack ?? '' });
    });
  };
  context.pages().forEach(watchPage);
  context.on('page', watchPage);

  // the extension's id is in its service worker's URL
  const isOurs = (w: Worker): boolean => w.url().startsWith('chrome-extension://');
  let worker = context.serviceWorkers().find(isOurs);
  try {
    worker ??= await context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 15_000 });
  } catch (e) {
    await context.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
    throw new Error(`the extension's service worker did not start (is ${dist} a Chromium build?): ${String(e)}`);
  }
  // (URL.origin is 'null' for non-special schemes)
  const extensionOrigin = /^chrome-extension:\/\/[^/]+/.exec(worker.url())?.[0] ?? '';

  // the background's own errors (a restarted worker is a new Worker object)
  const watchWorker = (w: Worker): void => {
    w.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push({ kind: 'service-worker-console', text: m.text(), url: w.url(), location: m.location().url ?? '' });
    });
  };
  watchWorker(worker);
  context.on('serviceworker', (w) => {
    if (isOurs(w)) watchWorker(w);
  });

  let extPage: ChromiumPage | null = null;
  const extensionPage = async (): Promise<E2EPage> => {
    if (extPage && !extPage.page.isClosed()) return extPage;
    const page = await context.newPage();
    const url = `${extensionOrigin}/${POPUP_PATH}`;
    await page.goto(url, { waitUntil: 'load' });
    extPage = new ChromiumPage(page, url);
    return extPage;
  };

  const browser: ExtensionBrowser = {
    name: 'chromium',
    extensionOrigin,
    server,
    requests,
    consoleErrors,
    async openPage(path) {
      const page = await context.newPage();
      const url = pageUrl(server.origin, path);
      await page.goto(url, { waitUntil: 'load' });
      return new ChromiumPage(page, url);
    },
    extensionPage,
    async send<T>(msg: Record<string, unknown>): Promise<T> {
      return (await extensionPage()).evaluate(sendRuntimeMessage, msg) as Promise<T>;
    },
    async tabId(page) {
      return (await extensionPage()).evaluate(findTabId, page.url);
    },
    async highlights(page): Promise<Highlights> {
      return page.evaluate(readHighlights, HIGHLIGHT_NAMES) as Promise<Highlights>;
    },
    async close() {
      await context.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
  return browser;
}

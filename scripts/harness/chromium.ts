/**
 * Debian's Chromium with the unpacked build loaded, driven by playwright-core: the one
 * launcher of the tests, the bench, the sweep, the screenshot and `npm start`.
 *
 * launchChromium starts it (a fresh profile, the extension loaded, host names other
 * than loopback unresolvable, and with `proxyPort` everything that is not loopback
 * sent to the page server, which records and refuses it) and waits for the
 * extension's service worker, whose URL gives the extension's id.
 *
 * chromiumForTests wraps that in the end-to-end suite's ExtensionBrowser. Requests are
 * recorded two ways there: Playwright's context-wide request event, which in Chromium
 * covers pages, extension pages and the extension's service worker (checked: a
 * fetch() from the worker is reported with request.serviceWorker()), and the server
 * acting as the browser's proxy (anything not loopback ends up in server.outbound,
 * whoever asked).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import {
  BINARY,
  extensionBrowser,
  findTabId,
  jsonCall,
  parseJsonResult,
  POPUP_PATH,
  sendRuntimeMessage,
  withTimeout,
  type Box,
  type ConsoleEntry,
  type E2EPage,
  type ExtensionBrowser,
  type RecordedRequest,
  type Reply,
} from './browser.ts';
import { loadPage, type Loadable, type Sender } from './extension.ts';
import type { PageServer } from './server.ts';

export interface ChromiumOptions {
  /** the unpacked extension (absolute, or relative to the working directory) */
  dist: string;
  /** default true; a window needs a display */
  headless?: boolean;
  /** the pages' viewport (null: the window's size); default Playwright's 1280×720 */
  viewport?: { width: number; height: number } | null;
  /** the page server's port: everything that is not loopback goes to it */
  proxyPort?: number;
  executablePath?: string;
  /** how long to wait for the extension's service worker */
  workerTimeoutMs?: number;
}

export interface Chromium {
  context: BrowserContext;
  /** chrome-extension://ID */
  extensionOrigin: string;
  extensionId: string;
  /** the extension's service worker, as it was at launch */
  worker: Worker;
  /** closes the browser and removes its profile */
  close(): Promise<void>;
}

const isOurs = (w: Worker): boolean => w.url().startsWith('chrome-extension://');

export async function launchChromium(o: ChromiumOptions): Promise<Chromium> {
  const dist = resolve(o.dist);
  const headless = o.headless ?? true;
  const profile = mkdtempSync(join(tmpdir(), 'stance-lens-chromium-'));
  const args = [
    ...(headless ? ['--no-sandbox', '--disable-gpu'] : []),
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
    ...(o.proxyPort === undefined ? [] : [`--proxy-server=http://127.0.0.1:${o.proxyPort}`]),
    `--disable-extensions-except=${dist}`,
    `--load-extension=${dist}`,
  ];
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: o.executablePath ?? BINARY.chromium,
      headless,
      ...(o.viewport === undefined ? {} : { viewport: o.viewport }),
      args,
    });
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
    })());
  // listen before looking, so a worker that starts in between is not missed; a loaded machine can take a while
  const started = context.waitForEvent('serviceworker', { predicate: isOurs, timeout: o.workerTimeoutMs ?? 45_000 });
  started.catch(() => undefined);
  let worker: Worker;
  try {
    worker = context.serviceWorkers().find(isOurs) ?? (await started);
  } catch (e) {
    await close();
    throw new Error(`the extension's service worker did not start (is ${dist} a Chromium build?): ${String(e)}`);
  }
  // (URL.origin is 'null' for non-special schemes)
  const extensionId = new URL(worker.url()).host;
  return { context, extensionOrigin: `chrome-extension://${extensionId}`, extensionId, worker, close };
}

/** A Playwright page as loadPage drives it. */
export function chromiumTab(page: Page): Loadable {
  return {
    navigate: async (url, timeoutMs) => (await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs }))?.status() ?? null,
    evaluate: (expression) => page.evaluate(expression),
  };
}

/** Opens the extension's popup page in a new tab (it talks to the background like the popup does). */
export async function openPopup(c: Chromium): Promise<Page> {
  const page = await c.context.newPage();
  await loadPage(chromiumTab(page), `${c.extensionOrigin}/${POPUP_PATH}`);
  return page;
}

/** runtime.sendMessage from an extension page, given up after `timeoutMs` (default 15 s). */
export function popupSender(popup: Page): Sender {
  return <T>(message: Record<string, unknown>, timeoutMs = 15_000) =>
    withTimeout(
      popup.evaluate(jsonCall(sendRuntimeMessage, message)).then((s) => parseJsonResult<Reply<T>>(s)),
      timeoutMs,
      `message ${String(message.type)}`,
    );
}

/** The tab id of the 127.0.0.1 page at `url` (a prefix: the page may have changed its query or hash), asked from an extension page. */
export async function tabOf(extensionPage: Page, url: string): Promise<number> {
  return parseJsonResult<number>(await extensionPage.evaluate(jsonCall(findTabId, `${url}*`)));
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

/** The end-to-end suite's Chromium: the extension loaded, `server` its proxy, every request and console error recorded. */
export async function chromiumForTests(opts: { dist: string; server: PageServer; executablePath?: string }): Promise<ExtensionBrowser> {
  const { server } = opts;
  const requests: RecordedRequest[] = [];
  const consoleErrors: ConsoleEntry[] = [];
  const c = await launchChromium({ dist: opts.dist, proxyPort: server.port, ...(opts.executablePath ? { executablePath: opts.executablePath } : {}) });
  const { context } = c;

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

  // the background's own errors (a restarted worker is a new Worker object)
  const watchWorker = (w: Worker): void => {
    w.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push({ kind: 'service-worker-console', text: m.text(), url: w.url(), location: m.location().url ?? '' });
    });
  };
  watchWorker(c.worker);
  context.on('serviceworker', (w) => {
    if (isOurs(w)) watchWorker(w);
  });

  return extensionBrowser({
    name: 'chromium',
    extensionOrigin: c.extensionOrigin,
    server,
    requests,
    consoleErrors,
    async open(url) {
      const page = await context.newPage();
      await loadPage(chromiumTab(page), url);
      return new ChromiumPage(page, url);
    },
    isOpen: (page) => !(page as ChromiumPage).page.isClosed(),
    close: c.close,
  });
}

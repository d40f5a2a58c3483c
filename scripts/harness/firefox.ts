/**
 * Debian's Firefox ESR with the unpacked build installed as a temporary add-on, driven
 * by puppeteer-core over Firefox's own WebDriver BiDi (Playwright cannot drive a stock
 * Firefox, and Debian has no geckodriver): the end-to-end suite's ExtensionBrowser.
 *
 * The profile pins the add-on's moz-extension:// UUID (extensions.webextensions.uuids)
 * and turns off most of the browser's own network use; MOZ_DISABLE_NONLOCAL_CONNECTIONS
 * is set. Requests are recorded from every page's request events (web pages; Firefox
 * reports neither moz-extension:// loads nor the background page's requests) and by the
 * page server acting as the proxy for everything that is not loopback (see server.ts),
 * which sees every context, the background included.
 *
 * Firefox sends no load events (and no console entries) over BiDi for an extension
 * page, so pages are loaded as loadPage does it: navigate, then poll the document.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import {
  BINARY,
  errorLine,
  extensionBrowser,
  GECKO_ID,
  jsonCall,
  parseJsonResult,
  sleep,
  type Box,
  type ConsoleEntry,
  type E2EPage,
  type ExtensionBrowser,
  type RecordedRequest,
} from './browser.ts';
import { loadPage, type Loadable } from './extension.ts';
import type { PageServer } from './server.ts';

export interface FirefoxOptions {
  dist: string;
  server: PageServer;
  executablePath?: string;
}

/** Prefs that keep Firefox quiet on the network and let the test know the add-on's UUID. */
function preferences(uuid: string, proxyPort: number): Record<string, string | number | boolean> {
  return {
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
    // anything that is not loopback goes to the test server, which records and refuses it
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.share_proxy_settings': true,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': false,
    'network.proxy.socks_remote_dns': true,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.http.speculative-parallel-limit': 0,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'network.trr.mode': 5,
    'browser.startup.page': 0,
    'browser.startup.homepage': 'about:blank',
    'browser.newtabpage.enabled': false,
    'browser.newtabpage.activity-stream.feeds.topsites': false,
    'browser.newtabpage.activity-stream.feeds.section.topstories': false,
    'browser.newtabpage.activity-stream.default.sites': '',
    'browser.shell.checkDefaultBrowser': false,
    'browser.aboutwelcome.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.downloads.remote.enabled': false,
    'browser.safebrowsing.blockedURIs.enabled': false,
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'browser.safebrowsing.provider.google4.updateURL': '',
    'browser.safebrowsing.provider.google.updateURL': '',
    'browser.search.update': false,
    'browser.search.geoip.url': '',
    'browser.region.network.url': '',
    'browser.region.update.enabled': false,
    'browser.ping-centre.telemetry': false,
    'browser.urlbar.suggest.quicksuggest.sponsored': false,
    'browser.urlbar.suggest.quicksuggest.nonsponsored': false,
    'browser.discovery.enabled': false,
    'browser.contentblocking.report.lockwise.enabled': false,
    'browser.tabs.remote.separatePrivilegedMozillaWebContentProcess': false,
    'app.update.enabled': false,
    'app.update.auto': false,
    'app.update.disabledForTesting': true,
    'app.normandy.enabled': false,
    'app.normandy.api_url': '',
    'app.shield.optoutstudies.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'toolkit.telemetry.archive.enabled': false,
    'toolkit.telemetry.server': '',
    'toolkit.coverage.opt-out': true,
    'extensions.update.enabled': false,
    'extensions.update.autoUpdateDefault': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.blocklist.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'extensions.htmlaboutaddons.recommendations.enabled': false,
    'extensions.recommendations.enabled': false,
    'services.settings.server': 'http://127.0.0.1:9/remote-settings-disabled/v1',
    'services.sync.engine.addons': false,
    'identity.fxaccounts.enabled': false,
    'media.gmp-manager.url': '',
    'media.gmp-manager.updateEnabled': false,
    'media.gmp-provider.enabled': false,
    'media.gmp-widevinecdm.visible': false,
    'media.eme.enabled': false,
    'media.gmp-gmpopenh264.enabled': false,
    'media.gmp-widevinecdm.enabled': false,
    'geo.provider.network.url': '',
    'dom.push.enabled': false,
    'dom.push.connection.enabled': false,
    'messaging-system.rsexperimentloader.enabled': false,
    'nimbus.rollouts.enabled': false,
    'security.OCSP.enabled': 0,
    'security.remote_settings.crlite_filters.enabled': false,
    'security.remote_settings.intermediates.enabled': false,
    'privacy.sanitize.sanitizeOnShutdown': false,
    'devtools.console.stdout.content': true,
  };
}

/** Splits Firefox's output into lines and hands on each error entry (first line plus its indented continuation). */
function outputCollector(onError: (entry: string) => void): { push(chunk: string): void; flush(): void } {
  let partial = '';
  let current: string[] | null = null;
  let idle: NodeJS.Timeout | undefined;
  const end = (): void => {
    if (current) onError(current.join('\n'));
    current = null;
  };
  const line = (l: string): void => {
    if (current && /^\s/.test(l)) current.push(l);
    else {
      end();
      if (/^(JavaScript error|console\.error):/.test(l)) current = [l];
    }
  };
  return {
    push(chunk) {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      lines.forEach(line);
      // an entry ends at the next unindented line, or when the output goes quiet
      clearTimeout(idle);
      idle = setTimeout(end, 200);
      idle.unref();
    },
    flush() {
      clearTimeout(idle);
      if (partial) line(partial);
      partial = '';
      end();
    },
  };
}

/**
 * A puppeteer page as loadPage drives it. A web page's goto resolves at its
 * DOMContentLoaded, with the response; Firefox sends an extension page no load event,
 * so there goto waits for nothing and the new document is there once it answers with
 * its URL.
 */
function firefoxTab(page: Page): Loadable {
  return {
    async navigate(url, timeoutMs) {
      const web = /^https?:/.test(url);
      const response = await page.goto(url, { waitUntil: web ? 'domcontentloaded' : [], timeout: timeoutMs });
      const end = Date.now() + timeoutMs;
      let seen = '';
      for (;;) {
        seen = await page.evaluate('location.href').then(String, (e: unknown) => `(${errorLine(e)})`);
        if (seen === url) return response?.status() ?? null;
        if (Date.now() > end) throw new Error(`navigation to ${url}: still at ${seen} after ${timeoutMs / 1000} s`);
        await sleep(25);
      }
    },
    evaluate: (expression) => page.evaluate(expression),
  };
}

class FirefoxPage implements E2EPage {
  constructor(
    /** harness-internal: tests use the E2EPage methods */
    readonly page: Page,
    readonly url: string,
  ) {}

  async evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T> {
    let result: unknown;
    try {
      result = await this.page.evaluate(jsonCall(fn as (a: never) => unknown, arg));
    } catch (e) {
      throw new Error(`in page ${this.url}: ${e instanceof Error ? e.message : String(e)}`);
    }
    return parseJsonResult<T>(result);
  }

  async evaluateScript(source: string): Promise<void> {
    try {
      // (BiDi's script evaluation is not bound by the page's CSP; the script's own value is not wanted)
      await this.page.evaluate(`${source}\n;void 0`);
    } catch (e) {
      throw new Error(`script failed in ${this.url}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private mouse = { x: 0, y: 0 };

  async mouseMove(x: number, y: number): Promise<void> {
    // over ~50 ms, as a hand moves (a move at once, right after a scroll, can land before the page settles)
    const from = this.mouse;
    for (let i = 1; i <= 4; i++) {
      await this.page.mouse.move(from.x + ((x - from.x) * i) / 4, from.y + ((y - from.y) * i) / 4);
      await sleep(12);
    }
    this.mouse = { x, y };
  }

  async press(key: string): Promise<void> {
    // a named key, or one character (puppeteer throws on any other name)
    await this.page.keyboard.press(key as Parameters<Page['keyboard']['press']>[0]);
  }

  async setInputFiles(selector: string, paths: string[]): Promise<void> {
    const input = await this.page.$(selector);
    if (!input) throw new Error(`setInputFiles: nothing matches ${selector} in ${this.url}`);
    await (input as unknown as { uploadFile(...paths: string[]): Promise<void> }).uploadFile(...paths);
  }

  async setViewport(width: number, height: number): Promise<void> {
    await this.page.setViewport({ width, height });
  }

  async colorScheme(): Promise<boolean> {
    // WebDriver BiDi has no prefers-color-scheme override in Firefox ESR (puppeteer's needs CDP)
    return false;
  }

  async screenshot(file: string, opts: { clip?: Box } = {}): Promise<void> {
    mkdirSync(dirname(file), { recursive: true });
    // a clip is in document coordinates (puppeteer's default captureBeyondViewport)
    await this.page.screenshot({ path: file as `${string}.png`, ...(opts.clip ? { clip: opts.clip } : {}) });
  }

  async close(): Promise<void> {
    await this.page.close().catch(() => {});
  }
}

export async function firefoxForTests(opts: FirefoxOptions): Promise<ExtensionBrowser> {
  const dist = resolve(opts.dist);
  const { server } = opts;
  const uuid = randomUUID();
  const requests: RecordedRequest[] = [];
  const consoleErrors: ConsoleEntry[] = [];
  // BiDi does not see the add-on's background page; its errors reach only Firefox's
  // stdout (console.error via devtools.console.stdout.content, uncaught ones as
  // "JavaScript error: moz-extension://…"). Keep those entries, with their indented tail.
  const output = outputCollector((entry) => consoleErrors.push({ kind: 'firefox-output', text: entry }));

  let browser: Browser | null = null;
  const cleanup = async (): Promise<void> => {
    output.flush();
    if (!browser) return;
    const child = browser.process();
    await Promise.race([browser.close().catch(() => {}), sleep(10_000)]);
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };

  /** the URL each page was sent to (puppeteer does not follow a page into an extension page) */
  const urls = new WeakMap<Page, string>();
  const watched = new WeakSet<Page>();
  const watch = (page: Page): void => {
    if (watched.has(page)) return;
    watched.add(page);
    page.on('request', (req) => {
      const initiator = urls.get(page) ?? req.frame()?.url();
      const source = req.url().startsWith('moz-extension://') || initiator?.startsWith('moz-extension://') ? 'extension-page' : 'page';
      requests.push(initiator === undefined ? { url: req.url(), source } : { url: req.url(), source, initiator });
    });
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      const loc = m.location();
      const entry: ConsoleEntry = { kind: 'log:console', text: m.text() };
      const url = urls.get(page);
      if (url) entry.url = url;
      if (loc.url) entry.location = `${loc.url}:${loc.lineNumber ?? 0}:${loc.columnNumber ?? 0}`;
      consoleErrors.push(entry);
    });
    page.on('pageerror', (err) => {
      const entry: ConsoleEntry = { kind: 'log:javascript', text: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
      const url = urls.get(page);
      if (url) entry.url = url;
      if (err instanceof Error && err.stack) entry.location = err.stack;
      consoleErrors.push(entry);
    });
  };

  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath: opts.executablePath ?? BINARY.firefox,
      headless: true,
      // extension pages may be opened over BiDi only with system access
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: preferences(uuid, server.port),
      env: { ...process.env, MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1', MOZ_CRASHREPORTER_DISABLE: '1' },
      // the window's own size, as a user has it
      defaultViewport: null,
    });
    browser.process()?.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
    browser.on(
      'targetcreated',
      (t) =>
        void t.page().then(
          (p) => p && watch(p),
          () => undefined,
        ),
    );
    for (const p of await browser.pages()) watch(p);
    const installed = await browser.installExtension(dist);
    if (installed !== GECKO_ID) throw new Error(`installed add-on id is ${installed}, expected ${GECKO_ID} (is ${dist} the Firefox build?)`);
  } catch (e) {
    await cleanup().catch(() => {});
    throw e;
  }
  const b = browser;

  return extensionBrowser({
    name: 'firefox',
    extensionOrigin: `moz-extension://${uuid}`,
    server,
    requests,
    consoleErrors,
    async open(url) {
      const page = await b.newPage();
      watch(page);
      urls.set(page, url);
      await loadPage(firefoxTab(page), url);
      return new FirefoxPage(page, url);
    },
    isOpen: (page) => !(page as FirefoxPage).page.isClosed(),
    close: cleanup,
  });
}

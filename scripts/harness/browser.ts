/**
 * The harness's shared vocabulary: where things are, the browsers, and what both
 * browser drivers (chromium.ts: playwright-core; firefox.ts: puppeteer-core over
 * WebDriver BiDi) offer the end-to-end suite, so one suite runs in both alike; plus the
 * small waiting helpers every tool uses.
 *
 * Code that runs in a page is passed as a self-contained function (no imports, no
 * closures): it is sent as source text and its result comes back as JSON.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PageServer } from './server.ts';

export type BrowserName = 'chromium' | 'firefox';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Where screenshots and other test artefacts go (kept by CI). */
export const RESULTS = join(ROOT, 'test-results');
/** The saved news pages (read in place, never copied). */
export const CORPUS = resolve(ROOT, '..', 'shared', 'corpus');
/** The seed article, plain text. */
export const SEED = join(ROOT, 'seeds', '000_9cad41e55c3eddb4.txt');

/** Where the end-to-end builds go (global-setup, bench, sweep, screenshot), relative to ROOT. */
export const DIST: Record<BrowserName, string> = {
  chromium: 'dist-e2e/chromium',
  firefox: 'dist-e2e/firefox',
};

export const BINARY: Record<BrowserName, string> = {
  chromium: process.env.STANCE_LENS_CHROMIUM ?? '/usr/bin/chromium',
  firefox: process.env.STANCE_LENS_FIREFOX ?? '/usr/bin/firefox-esr',
};

export const hasBrowser = (name: BrowserName): boolean => existsSync(BINARY[name]);

/** The gecko id in the Firefox build (vite.config.ts). */
export const GECKO_ID = 'stance-lens@stance-lens.invalid';
/** The popup page, opened as a tab to talk to the background like the popup does. */
export const POPUP_PATH = 'src/popup/index.html';

export const STANCE_HIGHLIGHTS = ['stance-lens-pro-ukraine', 'stance-lens-contra-ukraine', 'stance-lens-neutral', 'stance-lens-unknown'] as const;
export const HIGHLIGHT_NAMES = [...STANCE_HIGHLIGHTS, 'stance-lens-speaker'] as const;
export type HighlightName = (typeof HIGHLIGHT_NAMES)[number];

export interface Highlights {
  /** false when the page had no CSS Custom Highlight API and the fallback marks were read */
  api: boolean;
  /** the text of each range (or mark), per highlight name */
  byName: Record<HighlightName, string[]>;
}

export interface RecordedRequest {
  url: string;
  /** which part of the browser asked: 'page', 'extension-page', 'service-worker', 'background', 'proxy', … */
  source: string;
  /** the document or worker that made it, when known */
  initiator?: string;
}

export interface ConsoleEntry {
  /** 'console' (console.error), 'pageerror' (uncaught), 'log' (BiDi javascript) */
  kind: string;
  text: string;
  /** the document the entry came from */
  url?: string;
  /** script location or stack, when the browser gives one */
  location?: string;
}

/** A box in CSS pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The named keys E2EPage.press accepts (Playwright and puppeteer know them by these names). */
export type NamedKey = 'Tab' | 'Enter' | 'Escape' | 'ArrowLeft' | 'ArrowUp' | 'ArrowRight' | 'ArrowDown';

export interface E2EPage {
  /** the full URL opened (with a nonce so each tab is unique) */
  readonly url: string;
  evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  /**
   * Runs source text as a script in the page's main world, past the page's CSP (which
   * forbids eval and inline scripts in extension pages): for libraries such as axe-core.
   * Throws when the script throws.
   */
  evaluateScript(source: string): Promise<void>;
  /** moves the mouse to viewport coordinates (CSS pixels) */
  mouseMove(x: number, y: number): Promise<void>;
  /** presses and releases one key in the focused element: a named key, or one character */
  press(key: NamedKey | (string & {})): Promise<void>;
  /** chooses files (absolute paths) in the file input that `selector` finds; the page gets its change event */
  setInputFiles(selector: string, paths: string[]): Promise<void>;
  /** resizes the page's viewport (CSS pixels) */
  setViewport(width: number, height: number): Promise<void>;
  /** sets prefers-color-scheme for this page; false when the browser cannot be told (Firefox over BiDi) */
  colorScheme(scheme: 'light' | 'dark'): Promise<boolean>;
  /**
   * Writes a PNG of the viewport, or of `clip` (CSS pixels from the top left of the
   * document; keep it in view), creating the file's folder.
   */
  screenshot(file: string, opts?: { clip?: Box }): Promise<void>;
  close(): Promise<void>;
}

export interface ExtensionBrowser {
  readonly name: BrowserName;
  /** chrome-extension://ID or moz-extension://UUID */
  readonly extensionOrigin: string;
  readonly server: PageServer;
  /** every request any context made, as the browser reported it */
  readonly requests: RecordedRequest[];
  /** console errors and uncaught errors of every page */
  readonly consoleErrors: ConsoleEntry[];
  openPage(path: string): Promise<E2EPage>;
  /** the popup page, opened once in its own tab */
  extensionPage(): Promise<E2EPage>;
  /** runtime.sendMessage from the extension page; resolves to the raw reply */
  send<T = unknown>(msg: Record<string, unknown>): Promise<T>;
  /** the tabs API id of a page opened with openPage */
  tabId(page: E2EPage): Promise<number>;
  highlights(page: E2EPage): Promise<Highlights>;
  close(): Promise<void>;
}

/** What a driver gives extensionBrowser: the browser as it launched it, and a way to open a page. */
export interface DriverParts {
  name: BrowserName;
  extensionOrigin: string;
  server: PageServer;
  requests: RecordedRequest[];
  consoleErrors: ConsoleEntry[];
  /** opens `url` in a new tab and waits for its load event (loadPage) */
  open(url: string): Promise<E2EPage>;
  /** false once a page opened before was closed */
  isOpen(page: E2EPage): boolean;
  close(): Promise<void>;
}

/** The suite's ExtensionBrowser on top of a driver: what is the same in every browser is here. */
export function extensionBrowser(d: DriverParts): ExtensionBrowser {
  let extPage: E2EPage | null = null;
  const extensionPage = async (): Promise<E2EPage> => {
    if (!extPage || !d.isOpen(extPage)) extPage = await d.open(`${d.extensionOrigin}/${POPUP_PATH}`);
    return extPage;
  };
  return {
    name: d.name,
    extensionOrigin: d.extensionOrigin,
    server: d.server,
    requests: d.requests,
    consoleErrors: d.consoleErrors,
    openPage: (path) => d.open(pageUrl(d.server.origin, path)),
    extensionPage,
    send: async <T>(msg: Record<string, unknown>) => (await extensionPage()).evaluate(sendRuntimeMessage, msg) as Promise<T>,
    tabId: async (page) => (await extensionPage()).evaluate(findTabId, page.url),
    highlights: (page) => page.evaluate(readHighlights, HIGHLIGHT_NAMES) as Promise<Highlights>,
    close: d.close,
  };
}

/** Builds the expression that runs `fn(arg)` and yields its JSON (a string) after awaiting it. */
export function jsonCall(fn: (arg: never) => unknown, arg: unknown): string {
  const a = arg === undefined ? 'undefined' : JSON.stringify(arg);
  return `(async () => { const v = await (${fn.toString()})(${a}); return v === undefined ? '__undefined__' : JSON.stringify(v); })()`;
}

export function parseJsonResult<T>(s: unknown): T {
  if (typeof s !== 'string') throw new Error(`page code returned ${typeof s}, expected JSON text`);
  return (s === '__undefined__' ? undefined : JSON.parse(s)) as T;
}

/** Runs in the page's main world. Reads the registry, or the fallback marks. */
export function readHighlights(names: readonly string[]): { api: boolean; byName: Record<string, string[]> } {
  const byName: Record<string, string[]> = {};
  for (const n of names) byName[n] = [];
  const registry = (globalThis as { CSS?: { highlights?: HighlightRegistry } }).CSS?.highlights;
  if (registry) {
    for (const n of names) {
      const h = registry.get(n);
      if (h) byName[n] = [...h].map((r) => r.toString());
    }
  }
  // fallback painting: <stance-lens-mark data-stance="…">; also read when the API exists, to catch a mix
  for (const el of document.querySelectorAll('stance-lens-mark')) {
    const stance = el.getAttribute('data-stance') ?? 'unknown';
    const n = stance.startsWith('stance-lens-') ? stance : `stance-lens-${stance}`;
    (byName[n] ??= []).push(el.textContent ?? '');
  }
  return { api: !!registry, byName };
}

/** A reply of the background: Result<T> of src/messages.ts. */
export interface Reply<T> {
  ok: boolean;
  value?: T;
  error?: string;
}

/** The little of the extension API the harness calls from an extension page. */
interface ExtApi {
  tabs: { query(q: { url?: string }): Promise<Array<{ id?: number; url?: string }>> };
  runtime: { sendMessage(msg: unknown): Promise<unknown> };
}
type ExtGlobal = { browser?: ExtApi; chrome?: ExtApi };

/** Runs in an extension page: finds the tab that shows `url` (a 127.0.0.1 page; a trailing * matches any rest). */
export async function findTabId(url: string): Promise<number> {
  const g = globalThis as unknown as ExtGlobal;
  const api = (g.browser ?? g.chrome) as ExtApi;
  const tabs = await api.tabs.query({ url: 'http://127.0.0.1/*' });
  const hit = tabs.filter((t) => (url.endsWith('*') ? (t.url ?? '').startsWith(url.slice(0, -1)) : t.url === url));
  if (hit.length !== 1 || hit[0]?.id === undefined) {
    throw new Error(`expected one tab at ${url}, found ${hit.length} (tabs with a visible url: ${tabs.map((t) => t.url).join(', ') || 'none'})`);
  }
  return hit[0].id;
}

/** Runs in an extension page. */
export async function sendRuntimeMessage(msg: unknown): Promise<unknown> {
  const g = globalThis as unknown as ExtGlobal;
  const api = (g.browser ?? g.chrome) as ExtApi;
  return api.runtime.sendMessage(msg);
}

let nonce = 0;
/** A unique URL per opened page, so a tab can be told apart by its URL. */
export const pageUrl = (origin: string, path: string): string => {
  const u = new URL(path, origin);
  u.searchParams.set('e2e', String(++nonce));
  return u.href;
};

export interface PollOptions {
  timeout?: number;
  interval?: number;
  message?: string;
}

/**
 * Calls `probe` until `ok(value)` holds; returns that value. On timeout, throws with
 * the last value seen, so a failing assertion says what the page looked like.
 */
export async function pollUntil<T>(probe: () => Promise<T>, ok: (v: T) => boolean, opts: PollOptions = {}): Promise<T> {
  const { timeout = 10_000, interval = 100 } = opts;
  const end = Date.now() + timeout;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await probe();
      lastError = undefined;
      if (ok(last)) return last;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= end) break;
    await new Promise((r) => setTimeout(r, interval));
  }
  const seen = lastError !== undefined ? `error: ${String(lastError)}` : JSON.stringify(last)?.slice(0, 2000);
  throw new Error(`${opts.message ?? 'condition'} not met within ${timeout} ms; last seen ${seen}`);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** The first line of an error's message. */
export const errorLine = (e: unknown): string => (e instanceof Error ? e.message.split('\n')[0]! : String(e));

/** `promise`, or an error "`what`: no answer in N s" after `ms`. */
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

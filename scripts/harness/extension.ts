/**
 * The two routines every tool and test repeats, written once: loading a page (and
 * knowing it has loaded, or why not) and switching the extension on in a tab (and
 * waiting until it is ready). Both are driver-neutral: they get what they need from
 * the browser as functions.
 */
import { errorLine, sleep, withTimeout, type ExtensionBrowser, type Reply } from './browser.ts';

/** The page navigated itself away while loading (see loadPage). */
export class LeftError extends Error {
  constructor() {
    super('the page navigates itself away (its own script: https upgrade or redirect)');
  }
}

/** The page never finished loading (see loadPage). */
export class LoadTimeout extends Error {
  constructor(timeoutMs: number, state: string) {
    super(`no load event in ${timeoutMs / 1000} s (readyState ${state})`);
  }
}

/** What loadPage needs of a tab. */
export interface Loadable {
  /** starts the navigation and resolves once the new document is committed, with its HTTP status (null: none, e.g. an extension page) */
  navigate(url: string, timeoutMs: number): Promise<number | null>;
  /** evaluates an expression in the page's main world */
  evaluate(expression: string): Promise<unknown>;
}

export interface LoadOptions {
  timeoutMs?: number;
  /** per evaluation of the load state */
  probeTimeoutMs?: number;
  /** the HTTP status the page must answer with (null: do not check; default 200 for http(s), else null) */
  status?: number | null;
}

const LOAD_STATE = "[document.readyState, (performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? 0) > 0]";

/**
 * Loads `url` and waits for its load event, polled (an evaluated waitForFunction is
 * what a page's CSP may forbid). A page whose own script navigates it away (an http →
 * https upgrade, a redirect to the live site) is stopped by the driver or the server,
 * but the browser has stopped parsing it by then: the document is "complete" without a
 * load event (and without most of its body): that throws LeftError. A page that never
 * finishes loading (an image error handler retrying forever) throws LoadTimeout.
 */
export async function loadPage(tab: Loadable, url: string, o: LoadOptions = {}): Promise<void> {
  const { timeoutMs = 15_000, probeTimeoutMs = 10_000, status = /^https?:/.test(url) ? 200 : null } = o;
  const got = await tab.navigate(url, timeoutMs);
  if (status !== null && got !== status) throw new Error(`HTTP ${got ?? 'no response'}`);
  const start = Date.now();
  let completeSince = 0;
  for (;;) {
    const [ready, loaded] = (await withTimeout(tab.evaluate(LOAD_STATE), probeTimeoutMs, 'load state')) as [string, boolean];
    if (loaded) return;
    const now = Date.now();
    if (ready === 'complete') {
      completeSince ||= now;
      if (now - completeSince > 300) throw new LeftError();
    }
    if (now - start > timeoutMs) throw new LoadTimeout(timeoutMs, ready);
    await sleep(25);
  }
}

/** A message to the background (from an extension page), answered with its Result. */
export type Sender = <T>(message: Record<string, unknown>, timeoutMs?: number) => Promise<Reply<T>>;

/** The end-to-end suite's browser as a Sender. */
export const senderOf =
  (browser: ExtensionBrowser): Sender =>
  <T>(message: Record<string, unknown>) =>
    browser.send<Reply<T>>(message);

/** The part of a tab state switchOn reads (TabState of src/messages.ts). */
export interface TabStatus {
  on?: boolean;
  status: string;
  message?: string;
}

export interface SwitchOnOptions<S> {
  timeoutMs?: number;
  pollMs?: number;
  /** when the tab counts as ready (default: status 'ready') */
  ready?: (state: S) => boolean;
  /** the error to throw (default: Error) */
  fail?: (message: string) => Error;
}

/** highlights/set on for `tabId`, then tab/get until the tab is ready; the ready state. Throws on an error reply or status, or after the timeout. */
export async function switchOn<S extends TabStatus>(send: Sender, tabId: number, o: SwitchOnOptions<S> = {}): Promise<S> {
  const { timeoutMs = 15_000, pollMs = 15, ready = (s: S) => s.status === 'ready', fail = (m: string) => new Error(m) } = o;
  const ask = (message: Record<string, unknown>): Promise<Reply<S>> => send<S>(message).catch((e: unknown) => ({ ok: false, error: errorLine(e) }));
  const t0 = Date.now();
  const set = await ask({ type: 'highlights/set', tabId, on: true });
  if (!set.ok) throw fail(`highlights/set on: ${set.error}`);
  if (set.value?.status === 'error' || set.value?.status === 'unsupported')
    throw fail(`highlights/set on: status ${set.value.status}: ${set.value.message ?? ''}`);
  for (;;) {
    const got = await ask({ type: 'tab/get', tabId });
    const state = got.value;
    if (got.ok && state && ready(state)) return state;
    if (got.ok && state?.status === 'error') throw fail(`status error: ${state.message ?? ''}`);
    if (Date.now() - t0 > timeoutMs) throw fail(`not ready ${timeoutMs / 1000} s after highlights on (status ${state?.status ?? got.error})`);
    await sleep(pollMs);
  }
}

/**
 * What every end-to-end file shares: the browsers, why one is skipped, its build, and
 * `useExtension(name)`, which gives a describe block one browser with the built
 * extension loaded and one test server, from its beforeAll to its afterAll;
 * `describeInBrowsers` runs a block so in each browser (or skips it, saying why):
 *
 *   describeInBrowsers('popup', 'popup page on the seed article', { timeout: 90_000 }, (ext, name) => {
 *     it('…', async () => { const page = await ext.browser.openPage('/seed.html'); … });
 *   });
 *
 * Hooks a file registers in the block run after the launch (beforeAll) and before the
 * teardown (afterAll), so they can use `ext.browser` in both.
 */
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { BINARY, hasBrowser, type BrowserName, type ExtensionBrowser } from '../../../scripts/harness/browser.ts';
import { chromiumForTests } from '../../../scripts/harness/chromium.ts';
import { firefoxForTests } from '../../../scripts/harness/firefox.ts';
import { startServer, type PageServer } from '../../../scripts/harness/server.ts';
import { buildFlavour, type BuildOutcome } from './global-setup.ts';

export const BROWSERS: BrowserName[] = ['chromium', 'firefox'];

/** The browser's start, the extension's install and its first page; builds too when the run has no globalSetup. */
const LAUNCH_TIMEOUT = 180_000;
const CLOSE_TIMEOUT = 30_000;

/** Why this browser's suites are skipped in this run, or null. */
export function skipReason(name: BrowserName): string | null {
  if (process.env.STANCE_LENS_E2E_SKIP === '1') return 'STANCE_LENS_E2E_SKIP=1';
  if (!hasBrowser(name)) return `${BINARY[name]} is not installed (apt-get install -y ${name === 'chromium' ? 'chromium' : 'firefox-esr'})`;
  return null;
}

function buildOutcome(name: BrowserName): BuildOutcome | undefined {
  try {
    return inject('e2eBuilds')?.[name];
  } catch {
    return undefined;
  }
}

/** The build for this browser: from globalSetup, or built here (once) when the run has none. */
export async function distFor(name: BrowserName): Promise<string> {
  let outcome = buildOutcome(name);
  if (!outcome || outcome.status === 'not-requested') outcome = await buildFlavour(name);
  if (outcome.status === 'failed') throw new Error(`the ${name} build failed, so its end-to-end suite cannot run:\n${outcome.detail ?? ''}`);
  if (outcome.status !== 'built' && outcome.status !== 'reused') throw new Error(`${name}: no build (${outcome.status}: ${outcome.detail ?? ''})`);
  return outcome.dist;
}

export interface ExtensionHandle {
  readonly name: BrowserName;
  /** the browser with the extension loaded; its extension page (the popup) is already open */
  readonly browser: ExtensionBrowser;
  /** the local web server the pages come from (also the browser's proxy) */
  readonly server: PageServer;
  /** ms from the start of the launch to the extension page loaded */
  readonly launchMs: number;
}

/**
 * Registers a beforeAll that builds (if needed), starts the server and the browser and
 * opens the extension page, and an afterAll that closes both. Call it inside a describe.
 */
export function useExtension(name: BrowserName): ExtensionHandle {
  let browser: ExtensionBrowser | undefined;
  let server: PageServer | undefined;
  let launchMs = 0;

  beforeAll(async () => {
    const t0 = Date.now();
    const dist = await distFor(name);
    server = await startServer();
    browser = await (name === 'chromium' ? chromiumForTests : firefoxForTests)({ dist, server });
    await browser.extensionPage();
    launchMs = Date.now() - t0;
  }, LAUNCH_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    browser = undefined;
    server = undefined;
  }, CLOSE_TIMEOUT);

  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined)
      throw new Error(`${what} is not running: use ext.${what} in tests and in hooks registered after useExtension(), and see the launch error above`);
    return value;
  };
  return {
    name,
    get browser() {
      return ready(browser, 'browser');
    },
    get server() {
      return ready(server, 'server');
    },
    get launchMs() {
      return launchMs;
    },
  };
}

/**
 * describe("<what> in <browser>") › describe(title) for each browser: the inner block
 * gets the browser with the extension (useExtension), or is skipped with the reason.
 */
export function describeInBrowsers(what: string, title: string, options: { timeout: number }, body: (ext: ExtensionHandle, name: BrowserName) => void): void {
  describe.each(BROWSERS)(`${what} in %s`, (name) => {
    const skip = skipReason(name);
    if (skip) console.warn(`[e2e] skipping the ${name} ${what} suite: ${skip}`);
    describe.skipIf(!!skip)(title, options, () => body(useExtension(name), name));
  });
}

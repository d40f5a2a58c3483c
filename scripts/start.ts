/**
 * `npm start`: the product in one command. Builds the extension for Chromium (with
 * access to 127.0.0.1 only, so the demo needs no clicks), serves the seed article as a
 * news page on 127.0.0.1, opens Chromium with the extension loaded on it and turns the
 * highlights on. Without a display it says so and points to the command line.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../test/e2e/support/server.ts';

declare const chrome: { tabs: { query(q: object): Promise<Array<{ id?: number }>> }; runtime: { sendMessage(m: unknown): Promise<unknown> } };

const ROOT = new URL('..', import.meta.url).pathname;
const DIST = join(ROOT, 'dist-e2e', 'demo-chromium');
const BROWSER = '/usr/bin/chromium';

if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.log('stance-lens: no display here, so no browser window can open.');
  console.log('  Try the same engine on the command line:  npx stance-lens analyze seeds/000_9cad41e55c3eddb4.txt');
  console.log('  Or load the extension yourself: npm run build, then load dist/chromium (or dist/firefox) unpacked.');
  process.exit(0);
}
if (!existsSync(BROWSER)) {
  console.error(`stance-lens: ${BROWSER} not found — install it with: sudo apt-get install chromium`);
  process.exit(1);
}

console.log('Building the extension…');
execFileSync('npx', ['vite', 'build'], { cwd: ROOT, env: { ...process.env, STANCE_LENS_E2E: '1', STANCE_LENS_OUT: DIST }, stdio: 'ignore' });
const server = await startServer();
const profile = mkdtempSync(join(tmpdir(), 'stance-lens-demo-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: BROWSER,
  headless: false,
  viewport: null,
  args: [
    '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost', `--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`,
  ],
});
const cleanup = async () => {
  await server.close().catch(() => undefined);
  rmSync(profile, { recursive: true, force: true });
};
context.on('close', () => void cleanup().then(() => process.exit(0)));

const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const id = new URL(worker.url()).host;
const page = context.pages()[0] ?? (await context.newPage());
await page.goto(`${server.origin}/seed.html`);
const ext = await context.newPage();
await ext.goto(`chrome-extension://${id}/src/popup/index.html`);
const tabId = await ext.evaluate(async () => (await chrome.tabs.query({ url: 'http://127.0.0.1/*' }))[0]!.id!);
await ext.evaluate(async (tabId) => chrome.runtime.sendMessage({ type: 'highlights/set', tabId, on: true }), tabId);
await ext.close();
await page.bringToFront();
console.log(`Stance Lens is on ${server.origin}/seed.html — hover a highlighted quote; the toolbar button opens the popup.`);
console.log('Close the browser window to stop.');

/**
 * `npm run screenshot`: the README's picture. Builds the extension for Chromium (with
 * host access to 127.0.0.1 only), opens the seed article as a news page, turns
 * highlights on, hovers a statement and saves docs/screenshot.png.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../test/e2e/support/server.ts';

// the extension page's API, inside page.evaluate callbacks
declare const chrome: { tabs: { query(q: object): Promise<Array<{ id?: number }>> }; runtime: { sendMessage(m: unknown): Promise<unknown> } };

const ROOT = new URL('..', import.meta.url).pathname;
const DIST = join(ROOT, 'dist-e2e', 'chromium');
execFileSync('npx', ['vite', 'build'], { cwd: ROOT, env: { ...process.env, STANCE_LENS_E2E: '1', STANCE_LENS_OUT: DIST }, stdio: 'ignore' });

const server = await startServer();
const profile = mkdtempSync(join(tmpdir(), 'stance-lens-shot-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1100, height: 760 },
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost', `--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`,
  ],
});
try {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  const page = await context.newPage();
  await page.goto(`${server.origin}/seed.html`);
  const ext = await context.newPage();
  await ext.goto(`chrome-extension://${id}/src/popup/index.html`);
  const tabId = await ext.evaluate(async () => (await chrome.tabs.query({ url: 'http://127.0.0.1/*' }))[0]!.id!);
  await ext.evaluate(async (tabId) => chrome.runtime.sendMessage({ type: 'highlights/set', tabId, on: true }), tabId);
  for (let i = 0; i < 100; i++) {
    const st = await ext.evaluate(async (tabId) => chrome.runtime.sendMessage({ type: 'tab/get', tabId }), tabId);
    if ((st as { value?: { status?: string } }).value?.status === 'ready') break;
    await page.waitForTimeout(100);
  }
  await ext.close();
  await page.bringToFront();
  const target = page.locator('p', { hasText: 'consequences of rewarding the invader' }).first();
  await target.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 120));
  const box = await page.evaluate(() => {
    const p = [...document.querySelectorAll('p')].find((x) => x.textContent!.includes('rewarding the invader'))!;
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.textContent!.indexOf('rewarding');
      if (i >= 0) {
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + 9);
        const b = r.getBoundingClientRect();
        return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
      }
    }
    return null;
  });
  if (box) await page.mouse.move(box.x, box.y);
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(ROOT, 'docs', 'screenshot.png') });
  console.log('wrote docs/screenshot.png');
} finally {
  await context.close();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}

/**
 * `npm run screenshot`: the README's picture. Builds the extension for Chromium (with
 * host access to 127.0.0.1 only), opens the seed article as a news page, turns
 * highlights on, hovers a statement and saves docs/screenshot.png.
 */
import { join } from 'node:path';
import { DIST, ROOT } from './harness/browser.ts';
import { buildExtension } from './harness/build.ts';
import { chromiumTab, launchChromium, openPopup, popupSender, tabOf } from './harness/chromium.ts';
import { loadPage, switchOn } from './harness/extension.ts';
import { startServer } from './harness/server.ts';

const built = await buildExtension('chromium');
if (!built.ok) throw new Error(built.output);

const server = await startServer();
const chromium = await launchChromium({ dist: join(ROOT, DIST.chromium), viewport: { width: 1100, height: 760 } });
try {
  const { context } = chromium;
  const page = await context.newPage();
  const url = `${server.origin}/seed.html`;
  await loadPage(chromiumTab(page), url);
  const ext = await openPopup(chromium);
  await switchOn(popupSender(ext), await tabOf(ext, url), { timeoutMs: 10_000, pollMs: 100 });
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
  await chromium.close();
  await server.close();
}

/**
 * `npm start`: the product in one command. Builds the extension for Chromium (with
 * access to 127.0.0.1 only, so the demo needs no clicks), serves the seed article as a
 * news page on 127.0.0.1, opens Chromium with the extension loaded on it and turns the
 * highlights on. Without a display it says so and points to the command line.
 */
import { existsSync } from 'node:fs';
import { BINARY } from './harness/browser.ts';
import { buildExtension } from './harness/build.ts';
import { chromiumTab, launchChromium, openPopup, popupSender, tabOf } from './harness/chromium.ts';
import { loadPage, switchOn } from './harness/extension.ts';
import { startServer } from './harness/server.ts';

const BROWSER = BINARY.chromium;

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
const built = await buildExtension('chromium', 'dist-e2e/demo-chromium');
if (!built.ok) throw new Error(built.output);
const server = await startServer();
const chromium = await launchChromium({ dist: built.dist, headless: false, viewport: null });
const { context } = chromium;
context.on(
  'close',
  () =>
    void chromium
      .close()
      .then(() => server.close())
      .then(() => process.exit(0)),
);

const page = context.pages()[0] ?? (await context.newPage());
const url = `${server.origin}/seed.html`;
await loadPage(chromiumTab(page), url);
const ext = await openPopup(chromium);
// (the highlights come on; the demo does not wait for the scan)
await switchOn(popupSender(ext), await tabOf(ext, url), { ready: () => true });
await ext.close();
await page.bringToFront();
console.log(`Stance Lens is on ${url} — hover a highlighted quote; the toolbar button opens the popup.`);
console.log('Close the browser window to stop.');

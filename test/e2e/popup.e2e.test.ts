/**
 * The popup of the built extension in Chromium and Firefox: opened as a tab with
 * `?tabId=N` (a test cannot open the real popup), pointed at the seed page with
 * highlights on. Checks every seed speaker's row and markers, a click on a statement
 * scrolling the page with its card, each export's content, axe-core, and saves a
 * screenshot to test-results/popup-<browser>.png.
 *
 * Same switches as extension.e2e.test.ts (STANCE_LENS_E2E_NO_BUILD=1 reuses dist-e2e/).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Report, Stance } from '../../src/engine/types.ts';
import type { Result, TabState } from '../../src/messages.ts';
import { EXPORT_CSV_HEADER } from '../../src/report/format.ts';
import { BINARY, hasBrowser, pollUntil, POPUP_PATH, ROOT, type BrowserName, type E2EPage, type ExtensionBrowser } from './support/browser.ts';
import { launchChromium } from './support/chromium.ts';
import { launchFirefox, type Bidi } from './support/firefox.ts';
import { buildFlavour, type BuildOutcome } from './support/global-setup.ts';
import { startServer, type TestServer } from './support/server.ts';

const BROWSERS: BrowserName[] = ['chromium', 'firefox'];
/** the seed's speakers with statements (lexicon ids) */
const SEED_SPEAKERS = ['trump', 'hegseth', 'kallas', 'bacon', 'landsbergis', 'wallace', 'berzina', 'graham', 'peskov', 'zelenskiy'];
const STANCES: Stance[] = ['pro-ukraine', 'contra-ukraine', 'neutral', 'unknown'];
const RESULTS = join(ROOT, 'test-results');

function buildOutcome(name: BrowserName): BuildOutcome | undefined {
  try {
    return inject('e2eBuilds')?.[name];
  } catch {
    return undefined;
  }
}

async function distFor(name: BrowserName): Promise<string> {
  let outcome = buildOutcome(name);
  if (!outcome || outcome.status === 'not-requested') outcome = await buildFlavour(name);
  if (outcome.status === 'failed') throw new Error(`the ${name} build failed:\n${outcome.detail ?? ''}`);
  if (outcome.status !== 'built' && outcome.status !== 'reused') throw new Error(`${name}: no build (${outcome.status}: ${outcome.detail ?? ''})`);
  return outcome.dist;
}

const skipReason = (name: BrowserName): string | null => {
  if (process.env.STANCE_LENS_E2E_SKIP === '1') return 'STANCE_LENS_E2E_SKIP=1';
  if (!hasBrowser(name)) return `${BINARY[name]} is not installed`;
  return null;
};

// ---- code that runs in the popup page (self-contained: sent as source text) ---------

interface RowSeen {
  id: string;
  name: string;
  notInLexicon: boolean;
  counts: Record<string, number>;
  overall: string | null;
  glyphs: string;
}

function readRows(): RowSeen[] {
  return [...document.querySelectorAll<HTMLLIElement>('li.speaker')].map((li) => {
    const counts: Record<string, number> = {};
    for (const m of li.querySelectorAll<HTMLElement>('.count')) counts[m.dataset.stance ?? '?'] = Number(m.dataset.count);
    return {
      id: li.dataset.speaker ?? '',
      name: li.querySelector('.name')?.textContent ?? '',
      notInLexicon: !!li.querySelector('.tag'),
      counts,
      overall: li.querySelector<HTMLElement>('.overall')?.dataset.overall ?? null,
      glyphs: [...li.querySelectorAll('.count [aria-hidden="true"]:first-child')].map((g) => g.textContent).join(''),
    };
  });
}

/** expands a speaker's row and clicks its statement `index` */
async function clickStatement(arg: { speaker: string; index: number }): Promise<boolean> {
  const li = document.querySelector<HTMLLIElement>(`li.speaker[data-speaker="${arg.speaker}"]`);
  const toggle = li?.querySelector<HTMLButtonElement>('button.row-button');
  if (!li || !toggle) return false;
  if (toggle.getAttribute('aria-expanded') !== 'true') toggle.click();
  return new Promise<boolean>((done) =>
    setTimeout(() => {
      const btn = li.querySelector<HTMLButtonElement>(`li.statement[data-index="${arg.index}"] button.jump`);
      btn?.focus();
      btn?.click();
      done(!!btn);
    }, 50),
  );
}

/** records what the export buttons write: clipboard text, downloads (read back through their object URL) */
function captureExports(): boolean {
  const w = window as unknown as { __exports: { copied: string[]; downloads: Array<{ name: string; url: string; text?: string }> } };
  w.__exports = { copied: [], downloads: [] };
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: (s: string) => (w.__exports.copied.push(s), Promise.resolve()) },
  });
  // the download goes nowhere: the link's click is recorded instead of saving a file
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    w.__exports.downloads.push({ name: this.download, url: this.href });
  };
  return true;
}

async function runExport(arg: { format: string; action: string }): Promise<{ copied: string[]; downloads: Array<{ name: string; url: string; text?: string }> }> {
  const w = window as unknown as { __exports: { copied: string[]; downloads: Array<{ name: string; url: string; text?: string }> } };
  document.querySelector<HTMLButtonElement>(`button[data-export="${arg.format}"][data-action="${arg.action}"]`)!.click();
  await new Promise((r) => setTimeout(r, 100));
  for (const d of w.__exports.downloads) if (d.text === undefined) d.text = await (await fetch(d.url)).text();
  return w.__exports;
}

interface AxeSummary {
  violations: Array<{ id: string; impact: string | null; help: string; nodes: string[] }>;
  /** rules that passed: proof that axe looked at the page */
  passes: string[];
}

async function runAxe(): Promise<AxeSummary> {
  type Rule = { id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[]; html: string }> };
  const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: Rule[]; passes: Rule[] }> } }).axe;
  const r = await axe.run(document);
  return {
    violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.html.slice(0, 160)}`) })),
    passes: r.passes.map((p) => p.id),
  };
}

/** The page's view after a jump: scrolled, flashed, card shown. */
function pageView(): { scrollY: number; flash: number; card: number } {
  const flash = (globalThis as { CSS?: { highlights?: Map<string, Set<unknown>> } }).CSS?.highlights?.get('stance-lens-flash')?.size ?? document.querySelectorAll('stance-lens-mark[data-flash]').length;
  return { scrollY: window.scrollY, flash, card: document.querySelectorAll('stance-lens-ui').length };
}

// ---- the suite ------------------------------------------------------------------------

describe.each(BROWSERS)('popup in %s', (name) => {
  const skip = skipReason(name);
  if (skip) console.warn(`[e2e] skipping the ${name} popup suite: ${skip}`);

  describe.skipIf(!!skip)('popup page on the seed article', { timeout: 90_000 }, () => {
    let server: TestServer;
    let browser: ExtensionBrowser;
    let page: E2EPage;
    let popup: E2EPage;
    let tabId: number;
    let report: Report;

    beforeAll(async () => {
      const dist = await distFor(name);
      server = await startServer();
      browser = await (name === 'chromium' ? launchChromium : launchFirefox)({ dist, server });
      await browser.extensionPage();
      page = await browser.openPage('/seed.html');
      tabId = await browser.tabId(page);
      const on = await browser.send<Result<TabState>>({ type: 'highlights/set', tabId, on: true });
      expect(on, 'highlights/set on').toMatchObject({ ok: true });
      const state = await pollUntil(
        async () => {
          const r = await browser.send<Result<TabState>>({ type: 'tab/get', tabId });
          if (!r.ok) throw new Error(r.error);
          return r.value;
        },
        (s) => s.on && s.status === 'ready' && !!s.report && s.report.statements.length > 0,
        { timeout: 20_000, message: 'the seed tab ready with a report' },
      );
      report = state.report!;
      // the popup, as a tab, pointed at the seed tab
      popup = await browser.openPage(`${browser.extensionOrigin}/${POPUP_PATH}?tabId=${tabId}`);
    }, 240_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    }, 30_000);

    it('lists every seed speaker with the stance markers of the report', async () => {
      const rows = await pollUntil(() => popup.evaluate(readRows), (r) => r.length > 0, { timeout: 10_000, message: 'speaker rows in the popup' });
      const ids = rows.map((r) => r.id);
      for (const id of SEED_SPEAKERS) expect.soft(ids, `a row for ${id}`).toContain(id);
      const glyph: Record<string, string> = { 'pro-ukraine': '▲', 'contra-ukraine': '▼', neutral: '●', unknown: '?' };
      for (const r of rows.filter((x) => x.id)) {
        const sp = report.speakers.find((s) => s.id === r.id)!;
        expect.soft(r.name, r.id).toBe(sp.name);
        const expected = Object.fromEntries(STANCES.filter((s) => sp.stance[s] > 0).map((s) => [s, sp.stance[s]]));
        expect.soft(r.counts, `${r.id} markers`).toEqual(expected);
        expect.soft(r.glyphs, `${r.id} glyphs`).toBe(STANCES.filter((s) => sp.stance[s] > 0).map((s) => glyph[s]).join(''));
        expect.soft(r.overall, `${r.id} overall`).toBe(sp.overall);
        expect.soft(r.notInLexicon, `${r.id} not in lexicon`).toBe(!sp.inLexicon);
      }
      // most statements first
      const sizes = rows.filter((x) => x.id).map((r) => report.statements.filter((s) => s.speaker === r.id).length);
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
      expect(rows.find((r) => r.id === 'trump')?.overall).toBe('mixed');
    });

    it('a click on a statement scrolls the page to it, flashes it and shows its card', async () => {
      expect(await page.evaluate(pageView)).toMatchObject({ scrollY: 0, card: 0 });
      const index = report.statements.length - 1 - [...report.statements].reverse().findIndex((s) => s.speaker !== null);
      const speaker = report.statements[index]!.speaker!;
      expect(await popup.evaluate(clickStatement, { speaker, index }), `statement ${index} of ${speaker} in the popup`).toBe(true);
      let flashed = false;
      const view = await pollUntil(
        async () => {
          const v = await page.evaluate(pageView);
          flashed ||= v.flash > 0;
          return v;
        },
        (v) => v.scrollY > 0 && v.card === 1 && flashed,
        { timeout: 5_000, interval: 50, message: `statement ${index} scrolled to, flashed, with its card` },
      );
      expect(view.scrollY).toBeGreaterThan(0);
      expect(flashed).toBe(true);
      // and the popup marks it as the current one
      expect(await popup.evaluate((i) => document.querySelector(`li.statement[data-index="${i}"] button.jump`)?.getAttribute('aria-current') ?? null, index)).toBe('true');
    });

    it('j moves to the next statement and jumps', async () => {
      const before = await page.evaluate(pageView);
      const focused = await popup.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        el.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', bubbles: true, cancelable: true }));
        return new Promise<string | null>((done) => setTimeout(() => done((document.activeElement as HTMLElement).closest('li.statement')?.getAttribute('data-index') ?? null), 200));
      });
      expect(focused, 'focus on a statement after k').not.toBeNull();
      const after = await pollUntil(() => page.evaluate(pageView), (v) => v.scrollY !== before.scrollY, { timeout: 5_000, message: 'the page scrolled to the previous statement' });
      expect(after.card).toBe(1);
    });

    it('exports JSON, CSV and Markdown, to the clipboard and as a download', async () => {
      await popup.evaluate(captureExports);
      const t0 = Date.now();
      const schema = JSON.parse(readFileSync(join(ROOT, 'src/engine/report.schema.json'), 'utf8')) as object;
      const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
      const url = page.url;
      const got: Record<string, string> = {};
      for (const format of ['json', 'csv', 'md']) {
        await popup.evaluate(runExport, { format, action: 'copy' });
        const seen = await popup.evaluate(runExport, { format, action: 'download' });
        const copied = seen.copied.at(-1)!;
        const file = seen.downloads.at(-1)!;
        expect(file.name, `${format} file name`).toMatch(new RegExp(`^stance-lens_127\\.0\\.0\\.1-seed\\.html_\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\dZ\\.${format}$`));
        expect(file.url).toMatch(/^blob:/);
        // the download is the copied text (CSV with a BOM for spreadsheets)
        const untimed = (x: string): string => x.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z/g, '<time>');
        expect(untimed(file.text!.replace(/^\uFEFF/, '')), `${format}: the download is what copy writes, apart from the export time`).toBe(untimed(copied));
        got[format] = copied;
      }
      const json = JSON.parse(got.json!) as Report;
      expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
      expect(json).toEqual(report);

      const lines = got.csv!.trimEnd().split('\r\n');
      expect(lines[0]).toBe(EXPORT_CSV_HEADER.join(','));
      expect(lines.length - 1).toBe(report.statements.length);
      expect(lines[1]!.startsWith(`${url},`)).toBe(true);

      expect(got.md).toContain(`- Page: ${url.replace(/([\\`*_[\]{}|#~!])/g, '\\$1')}`);
      const time = /- Exported: (\S+)/.exec(got.md!)?.[1] ?? '';
      expect(Math.abs(Date.parse(time) - t0)).toBeLessThan(60_000);
      expect(got.md).toContain('**Don Bacon** ▲ pro-ukraine');
    });

    it('has no axe-core violations, and a screenshot is saved', async () => {
      // open two rows, so statements, evidence and the seed match are checked too
      await popup.evaluate(() => {
        for (const id of ['trump', 'kallas']) {
          const b = document.querySelector<HTMLButtonElement>(`li.speaker[data-speaker="${id}"] button.row-button`);
          if (b && b.getAttribute('aria-expanded') !== 'true') b.click();
        }
        return true;
      });
      const axeSource = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
      // the extension page's CSP forbids eval and inline scripts, so axe goes in as the evaluated code itself
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      const inject = new Function(`${axeSource}\n;return typeof window.axe === 'object' || typeof window.axe === 'function';`) as () => boolean;
      expect(await popup.evaluate(inject), 'axe-core loaded in the popup').toBe(true);
      const light = await popup.evaluate(runAxe);
      expect(light.violations, JSON.stringify(light.violations, null, 1)).toEqual([]);
      expect(light.passes).toEqual(expect.arrayContaining(['color-contrast', 'button-name', 'aria-allowed-attr', 'label', 'list', 'listitem']));

      // dark mode too, where the browser can be told (Playwright in Chromium)
      const pw = (popup as unknown as { page?: import('playwright-core').Page }).page;
      if (pw) {
        await pw.emulateMedia({ colorScheme: 'dark' });
        try {
          const dark = await popup.evaluate(runAxe);
          expect(dark.violations, `dark: ${JSON.stringify(dark.violations, null, 1)}`).toEqual([]);
          const box = await popup.evaluate(() => ({ width: Math.ceil(document.querySelector('main')!.getBoundingClientRect().width), height: 900 }));
          mkdirSync(RESULTS, { recursive: true });
          await screenshot(popup, join(RESULTS, `popup-${name}-dark.png`), box);
        } finally {
          await pw.emulateMedia({ colorScheme: 'light' });
        }
      }

      mkdirSync(RESULTS, { recursive: true });
      const file = join(RESULTS, `popup-${name}.png`);
      const box = await popup.evaluate(() => {
        window.scrollTo(0, 0);
        const r = document.querySelector('main')!.getBoundingClientRect();
        return { width: Math.ceil(r.width), height: Math.ceil(Math.min(r.height, 1600)) };
      });
      await screenshot(popup, file, box);
      expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
    });
  });
});

/**
 * The harness's E2EPage has no screenshot; each browser's page object carries what it
 * needs (Playwright's Page, or the BiDi connection and context).
 */
async function screenshot(p: E2EPage, file: string, box: { width: number; height: number }): Promise<void> {
  const pw = (p as unknown as { page?: import('playwright-core').Page }).page;
  if (pw) {
    await pw.setViewportSize({ width: Math.max(box.width, 400), height: Math.max(600, box.height) });
    await pw.screenshot({ path: file, clip: { x: 0, y: 0, width: box.width, height: box.height } });
    return;
  }
  const ff = p as unknown as { bidi: Bidi; context: string };
  const shot = await ff.bidi.send<{ data: string }>('browsingContext.captureScreenshot', {
    context: ff.context,
    origin: 'document',
    clip: { type: 'box', x: 0, y: 0, width: box.width, height: box.height },
  });
  writeFileSync(file, Buffer.from(shot.data, 'base64'));
}

/**
 * The popup of the built extension in Chromium and Firefox: opened as a tab with
 * `?tabId=N` (a test cannot open the real popup), pointed at the seed page with
 * highlights on. Checks every seed speaker's row and markers, a click on a statement
 * scrolling the page with its card, each export's content, axe-core, saves a
 * screenshot to test-results/popup-<browser>.png, and that an open popup follows a
 * statement added to the page later without losing the reader's place.
 *
 * Same switches as extension.e2e.test.ts (STANCE_LENS_E2E_NO_BUILD=1 reuses dist-e2e/).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { beforeAll, expect, it } from 'vitest';
import type { Report, Stance } from '../../src/engine/types.ts';
import type { TabState } from '../../src/messages.ts';
import { EXPORT_CSV_HEADER } from '../../src/report/format.ts';
import { pollUntil, POPUP_PATH, RESULTS, ROOT, type E2EPage, type ExtensionBrowser } from '../../scripts/harness/browser.ts';
import { senderOf, switchOn } from '../../scripts/harness/extension.ts';
import { describeInBrowsers } from './support/suite.ts';

/** the seed's speakers with statements (lexicon ids) */
const SEED_SPEAKERS = ['trump', 'hegseth', 'kallas', 'bacon', 'landsbergis', 'wallace', 'berzina', 'graham', 'peskov', 'zelenskiy'];
const STANCES: Stance[] = ['pro-ukraine', 'contra-ukraine', 'neutral', 'unknown'];
/** a statement by someone the seed does not quote, put at the top of the article while the popup is open */
const ADDED_QUOTE = '“Russia is the aggressor,” said Maria Smolenska, a Kyiv resident.';

/** Turns highlights on in a tab and waits for its report. */
async function highlightsOn(browser: ExtensionBrowser, tabId: number): Promise<Report> {
  const ready = (s: TabState) => s.on && s.status === 'ready' && !!s.report && s.report.statements.length > 0;
  const state = await switchOn<TabState>(senderOf(browser), tabId, { timeoutMs: 20_000, pollMs: 100, ready });
  return state.report!;
}

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

async function runExport(arg: {
  format: string;
  action: string;
}): Promise<{ copied: string[]; downloads: Array<{ name: string; url: string; text?: string }> }> {
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
    violations: r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.html.slice(0, 160)}`),
    })),
    passes: r.passes.map((p) => p.id),
  };
}

/** The page's view after a jump: scrolled, flashed, card shown. */
function pageView(): { scrollY: number; flash: number; card: number } {
  const flash =
    (globalThis as { CSS?: { highlights?: Map<string, Set<unknown>> } }).CSS?.highlights?.get('stance-lens-flash')?.size ??
    document.querySelectorAll('stance-lens-mark[data-flash]').length;
  return { scrollY: window.scrollY, flash, card: document.querySelectorAll('stance-lens-ui').length };
}

/** opens a speaker's row, then focuses and clicks its last statement; returns that statement's text */
async function chooseLastStatement(speaker: string): Promise<string | null> {
  const li = document.querySelector<HTMLLIElement>(`li.speaker[data-speaker="${speaker}"]`);
  const toggle = li?.querySelector<HTMLButtonElement>('button.row-button');
  if (!li || !toggle) return null;
  if (toggle.getAttribute('aria-expanded') !== 'true') toggle.click();
  await new Promise((r) => setTimeout(r, 50));
  const btn = [...li.querySelectorAll<HTMLButtonElement>('li.statement button.jump')].at(-1);
  if (!btn) return null;
  btn.focus();
  btn.click();
  return btn.querySelector('q')?.textContent ?? null;
}

/** the open rows, and the text of the focused and of the current statement */
function readingPlace(): { open: string[]; focused: string | null; current: string | null } {
  const focusedLi = (document.activeElement as HTMLElement | null)?.closest('li.statement');
  return {
    open: [...document.querySelectorAll<HTMLButtonElement>('li.speaker button.row-button[aria-expanded="true"]')].map(
      (b) => b.closest<HTMLElement>('li.speaker')!.dataset.speaker ?? '',
    ),
    focused: focusedLi?.querySelector('q')?.textContent ?? null,
    current: document.querySelector('button.jump[aria-current="true"] q')?.textContent ?? null,
  };
}

// ---- the suite ------------------------------------------------------------------------

describeInBrowsers('popup', 'popup page on the seed article', { timeout: 90_000 }, (ext, name) => {
  let page: E2EPage;
  let popup: E2EPage;
  let tabId: number;
  let report: Report;

  beforeAll(async () => {
    page = await ext.browser.openPage('/seed.html');
    tabId = await ext.browser.tabId(page);
    report = await highlightsOn(ext.browser, tabId);
    // the popup, as a tab, pointed at the seed tab
    popup = await ext.browser.openPage(`${ext.browser.extensionOrigin}/${POPUP_PATH}?tabId=${tabId}`);
  }, 60_000);

  it('lists every seed speaker with the stance markers of the report', async () => {
    const rows = await pollUntil(
      () => popup.evaluate(readRows),
      (r) => r.length > 0,
      { timeout: 10_000, message: 'speaker rows in the popup' },
    );
    const ids = rows.map((r) => r.id);
    for (const id of SEED_SPEAKERS) expect.soft(ids, `a row for ${id}`).toContain(id);
    const glyph: Record<string, string> = { 'pro-ukraine': '▲', 'contra-ukraine': '▼', neutral: '●', unknown: '?' };
    for (const r of rows.filter((x) => x.id)) {
      const sp = report.speakers.find((s) => s.id === r.id)!;
      expect.soft(r.name, r.id).toBe(sp.name);
      const expected = Object.fromEntries(STANCES.filter((s) => sp.stance[s] > 0).map((s) => [s, sp.stance[s]]));
      expect.soft(r.counts, `${r.id} markers`).toEqual(expected);
      expect.soft(r.glyphs, `${r.id} glyphs`).toBe(
        STANCES.filter((s) => sp.stance[s] > 0)
          .map((s) => glyph[s])
          .join(''),
      );
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
    expect(
      await popup.evaluate((i) => document.querySelector(`li.statement[data-index="${i}"] button.jump`)?.getAttribute('aria-current') ?? null, index),
    ).toBe('true');
  });

  it('j moves to the next statement and jumps', async () => {
    const before = await page.evaluate(pageView);
    const focused = await popup.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      el.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', bubbles: true, cancelable: true }));
      return new Promise<string | null>((done) =>
        setTimeout(() => done((document.activeElement as HTMLElement).closest('li.statement')?.getAttribute('data-index') ?? null), 200),
      );
    });
    expect(focused, 'focus on a statement after k').not.toBeNull();
    const after = await pollUntil(
      () => page.evaluate(pageView),
      (v) => v.scrollY !== before.scrollY,
      { timeout: 5_000, message: 'the page scrolled to the previous statement' },
    );
    expect(after.card).toBe(1);
  });

  it('exports JSON, CSV and Markdown, to the clipboard and as a download', async () => {
    await popup.evaluate(captureExports);
    const t0 = Date.now();
    const schema = JSON.parse(readFileSync(join(ROOT, 'src/report/report.schema.json'), 'utf8')) as object;
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    const url = page.url;
    const got: Record<string, string> = {};
    for (const format of ['json', 'csv', 'md']) {
      await popup.evaluate(runExport, { format, action: 'copy' });
      const seen = await popup.evaluate(runExport, { format, action: 'download' });
      const copied = seen.copied.at(-1)!;
      const file = seen.downloads.at(-1)!;
      expect(file.name, `${format} file name`).toMatch(
        new RegExp(`^stance-lens_127\\.0\\.0\\.1-seed\\.html_\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\dZ\\.${format}$`),
      );
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
    await popup.evaluateScript(readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
    const axeType = await popup.evaluate(() => typeof (window as { axe?: unknown }).axe);
    expect(axeType === 'object' || axeType === 'function', 'axe-core loaded in the popup').toBe(true);
    const light = await popup.evaluate(runAxe);
    expect(light.violations, JSON.stringify(light.violations, null, 1)).toEqual([]);
    expect(light.passes).toEqual(expect.arrayContaining(['color-contrast', 'button-name', 'aria-allowed-attr', 'label', 'list', 'listitem']));

    // dark mode too, where the browser can be told (Playwright in Chromium)
    if (await popup.colorScheme('dark')) {
      try {
        const dark = await popup.evaluate(runAxe);
        expect(dark.violations, `dark: ${JSON.stringify(dark.violations, null, 1)}`).toEqual([]);
        const box = await popup.evaluate(() => ({ width: Math.ceil(document.querySelector('main')!.getBoundingClientRect().width), height: 900 }));
        await screenshotTop(popup, join(RESULTS, `popup-${name}-dark.png`), box);
      } finally {
        await popup.colorScheme('light');
      }
    }

    const file = join(RESULTS, `popup-${name}.png`);
    const box = await popup.evaluate(() => {
      window.scrollTo(0, 0);
      const r = document.querySelector('main')!.getBoundingClientRect();
      return { width: Math.ceil(r.width), height: Math.ceil(Math.min(r.height, 1600)) };
    });
    await screenshotTop(popup, file, box);
    expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
  });

  it('follows the tab while open: a statement added to the page shows up, the open row and the focus stay', async () => {
    const article = await ext.browser.openPage('/seed.html');
    const articleTab = await ext.browser.tabId(article);
    await highlightsOn(ext.browser, articleTab);
    const live = await ext.browser.openPage(`${ext.browser.extensionOrigin}/${POPUP_PATH}?tabId=${articleTab}`);
    try {
      const before = await pollUntil(
        () => live.evaluate(readRows),
        (r) => r.some((x) => x.id === 'wallace'),
        { timeout: 10_000, message: 'the popup lists Wallace' },
      );
      expect(before.map((r) => r.name)).not.toContain('Maria Smolenska');
      // a reader in the middle of the list: Wallace's row open, his last statement chosen and focused
      const chosen = await live.evaluate(chooseLastStatement, 'wallace');
      expect(chosen, 'a statement of Wallace focused in the popup').not.toBeNull();

      // a live update at the top of the article: every statement after it moves down one place in the report
      await article.evaluate((text) => {
        const p = document.createElement('p');
        p.textContent = text;
        document.querySelector('.story-body')!.prepend(p);
        return true;
      }, ADDED_QUOTE);

      const after = await pollUntil(
        () => live.evaluate(readRows),
        (r) => r.some((x) => x.name === 'Maria Smolenska'),
        {
          timeout: 15_000,
          message: 'the speaker of the added statement in the popup, without reopening it',
        },
      );
      for (const id of SEED_SPEAKERS)
        expect
          .soft(
            after.map((r) => r.id),
            `still a row for ${id}`,
          )
          .toContain(id);
      // the reader's place: the same row open, the same statement focused and current
      expect(await live.evaluate(readingPlace)).toEqual({ open: ['wallace'], focused: chosen, current: chosen });
    } finally {
      await live.close();
      await article.close();
    }
  });
});

/** The popup's top part, `box` wide and high: a viewport that holds it, then a clip. */
async function screenshotTop(p: E2EPage, file: string, box: { width: number; height: number }): Promise<void> {
  await p.setViewport(Math.max(box.width, 400), Math.max(600, box.height));
  await p.screenshot(file, { clip: { x: 0, y: 0, width: box.width, height: box.height } });
}

/**
 * The options page of the built extension in Chromium (playwright-core) and Firefox
 * (WebDriver BiDi): a broken lexicon chosen in the file input is refused with every
 * problem named by entry and field, the lexicon in use stays as it was, axe-core finds
 * no accessibility violation, and a screenshot goes to test-results/options-<browser>.png;
 * a stance model file imported there judges the next page switched on, until reset.
 *
 * Uses the builds of support/global-setup.ts (dist-e2e/<browser>); a browser that is not
 * installed skips its suite. See extension.e2e.test.ts for the environment variables.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compileLexicon } from '../../src/lexicon/compile.ts';
import { bundledLexicon } from '../../src/lexicon/bundled.ts';
import { pollUntil, RESULTS, ROOT } from '../../scripts/harness/browser.ts';
import { describeInBrowsers } from './support/suite.ts';
import { senderOf, switchOn } from '../../scripts/harness/extension.ts';
import type { Report } from '../../src/engine/types.ts';
import type { TabState } from '../../src/messages.ts';
import { testModelFile } from '../support/test-model.ts';

const OPTIONS_PATH = 'src/options/index.html';
const SEED_NAME = '000_9cad41e55c3eddb4.txt';
const SEED_TEXT = readFileSync(join(ROOT, 'seeds', SEED_NAME), 'utf8');
const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** The seed lexicon with three mistakes in it, and what the compiler says about them. */
function brokenLexicon(): { text: string; expected: string[] } {
  const src = JSON.parse(readFileSync(join(ROOT, 'seeds', '000_9cad41e55c3eddb4.lexicon.json'), 'utf8')) as {
    id: string;
    actors: Array<{ aliases: Array<Record<string, unknown>> }>;
    statements: Array<Record<string, unknown>>;
    cues: Array<Record<string, unknown>>;
  };
  src.id = 'broken-lexicon';
  src.actors[1]!.aliases[0]!.kind = 'nickname';
  src.statements[2]!.stance = 'pro';
  src.cues[0]!.weight = 2;
  const r = compileLexicon(src, { [SEED_NAME]: SEED_TEXT }, 'broken.lexicon.json');
  if (r.ok) throw new Error('the broken lexicon compiled');
  return { text: JSON.stringify(src, null, 2), expected: r.problems.map((p) => `${p.entry} ${p.field ?? '—'}`) };
}

/** Runs in the page: the focused element and whether its focus is drawn. */
function focused(): { id: string; outline: string } {
  const el = document.activeElement as HTMLElement | null;
  const style = el ? getComputedStyle(el) : null;
  return { id: el?.id ?? '', outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : '' };
}

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs in the page after axe.min.js was evaluated there. */
async function runAxe(): Promise<Violation[]> {
  const axe = (
    globalThis as unknown as {
      axe: {
        run(
          ctx: Document,
          opts: object,
        ): Promise<{ violations: Array<{ id: string; impact?: string | null; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }> }>;
      };
    }
  ).axe;
  const r = await axe.run(document, { resultTypes: ['violations'] });
  return r.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
  }));
}

interface PageState {
  lexiconId: string | null;
  result: string;
  resultRole: string | null;
  rows: string[][];
}

function readOptions(): PageState {
  const summary = document.querySelector('[data-testid="active-lexicon"]');
  const result = document.querySelector('#import-result');
  return {
    lexiconId: summary?.getAttribute('data-lexicon-id') ?? null,
    result: result?.textContent ?? '',
    resultRole: result?.getAttribute('role') ?? null,
    rows: [...document.querySelectorAll('#import-result tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
  };
}

/** Runs in an extension page: the stored settings. */
async function storedSettings(): Promise<unknown> {
  const g = globalThis as unknown as {
    browser?: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
    chrome?: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
  };
  const api = g.browser ?? g.chrome;
  return (await api!.storage.local.get('settings')).settings ?? null;
}

describeInBrowsers('options page', 'built extension', { timeout: 90_000 }, (ext, name) => {
  let tmp: string;

  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'stance-lens-options-'));
  });

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('refuses a broken lexicon by entry and field, keeps the lexicon in use, and has no axe violations', async () => {
    const page = await ext.browser.openPage(`${ext.browser.extensionOrigin}/${OPTIONS_PATH}`);
    await page.setViewport(1280, 1000);
    const loaded = await pollUntil(
      () => page.evaluate(readOptions),
      (s) => s.lexiconId !== null,
      { message: 'the options page shows the lexicon in use' },
    );
    expect(loaded.lexiconId).toBe(bundledLexicon.id);

    const broken = brokenLexicon();
    const lexiconPath = join(tmp, 'broken.lexicon.json');
    const seedPath = join(tmp, SEED_NAME);
    writeFileSync(lexiconPath, broken.text);
    writeFileSync(seedPath, SEED_TEXT);
    await page.setInputFiles('#import-file', [lexiconPath, seedPath]);

    const refused = await pollUntil(
      () => page.evaluate(readOptions),
      (s) => s.rows.length > 0,
      { message: 'the refusal with its problems' },
    );
    expect(refused.resultRole).toBe('alert');
    expect(refused.result).toContain(`Problems found: ${broken.expected.length}.`);
    expect(refused.result).toContain(`The lexicon in use has not changed: ${bundledLexicon.title} (${bundledLexicon.id} ${bundledLexicon.version}).`);
    expect(refused.rows.map(([entry, field]) => `${entry} ${field}`)).toEqual(broken.expected);
    expect(broken.expected).toEqual(['actors[1] (putin) aliases[0].kind', 'statements[2] (r-trump-1) stance', 'cues[0] (pro-russian-aggression) weight']);

    // the lexicon in use did not change: on the page and in storage
    expect(refused.lexiconId).toBe(bundledLexicon.id);
    const stored = (await page.evaluate(storedSettings)) as { lexicon?: unknown } | null;
    expect(stored?.lexicon ?? null).toBeNull();

    // accessibility of the page as it is now, refusal included
    await page.evaluateScript(AXE_SOURCE);
    const violations = await page.evaluate(runAxe);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    // dark mode too, where the browser can be told (Playwright in Chromium)
    if (await page.colorScheme('dark')) {
      const dark = await page.evaluate(runAxe);
      expect(dark, `dark mode: ${JSON.stringify(dark, null, 2)}`).toEqual([]);
      await page.colorScheme('light');
    }

    await page.evaluate(() => document.querySelector('#lexicon-h')?.scrollIntoView({ block: 'start' }));
    await page.screenshot(join(RESULTS, `options-${name}.png`));

    const pageErrors = ext.browser.consoleErrors.filter((e) => (e.url ?? '').includes('/src/options/'));
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('a stance model imported here judges the pages switched on, until the bundled one is back', async () => {
    const options = await ext.browser.openPage(`${ext.browser.extensionOrigin}/${OPTIONS_PATH}`);
    const modelState = () =>
      options.evaluate(() => ({
        id: document.querySelector('[data-testid="active-model"]')?.getAttribute('data-model-id') ?? null,
        result: document.querySelector('#model-result')?.textContent ?? '',
      }));
    await pollUntil(modelState, (m) => m.id === 'bundled', { message: 'the options page shows the bundled model' });
    const modelPath = join(tmp, 'newsroom.model.json');
    writeFileSync(modelPath, JSON.stringify(testModelFile({ id: 'e2e-newsroom-model' })));
    await options.setInputFiles('#model-file', [modelPath]);
    const imported = await pollUntil(modelState, (m) => m.id === 'e2e-newsroom-model', { message: 'the imported model in use' });
    expect(imported.result).toContain('Imported and now in use: e2e-newsroom-model (newsroom.model.json)');

    const page = await ext.browser.openPage('/seed.html');
    const tabId = await ext.browser.tabId(page);
    const send = senderOf(ext.browser);
    const on = await switchOn<TabState>(send, tabId, { pollMs: 100, ready: (st) => st.on && st.status === 'ready' && st.report !== null });
    expect((on.report as Report).model).toMatchObject({ status: 'ok', id: 'e2e-newsroom-model' });
    await page.close();

    await options.evaluate(() => (document.querySelector('#model-reset') as HTMLButtonElement).click());
    await pollUntil(modelState, (m) => m.id === 'bundled', { message: 'the bundled model back' });
    const stored = (await options.evaluate(storedSettings)) as { model?: unknown } | null;
    expect(stored?.model ?? null).toBeNull();
    await options.close();
  });

  it('is usable with the keyboard alone, with a visible focus', async () => {
    const page = await ext.browser.openPage(`${ext.browser.extensionOrigin}/${OPTIONS_PATH}`);
    await pollUntil(
      () => page.evaluate(readOptions),
      (s) => s.lexiconId !== null,
      { message: 'the options page loaded' },
    );
    const seen: Array<{ id: string; outline: string }> = [];
    for (let i = 0; i < 8; i++) {
      await page.press('Tab');
      seen.push(await page.evaluate(focused));
    }
    const ids = seen.map((f) => f.id);
    // one stop per radio group (its checked radio), then the checkbox, the file input, the buttons
    expect(ids.slice(0, 5)).toEqual(['mode-on-demand', 'show-mentions', 'palette-default', 'import-file', 'export']);
    for (const f of seen.slice(0, 5)) expect(f.outline, `focus of #${f.id}`).toMatch(/^(solid|auto) [1-9]/);
    // arrow keys move within the mode group, and the choice is saved
    await page.evaluate(() => (document.querySelector('#mode-on-demand') as HTMLInputElement).focus());
    await page.press('ArrowDown');
    const stored = await pollUntil(
      () => page.evaluate(storedSettings) as Promise<{ mode?: string } | null>,
      (s) => s?.mode === 'sites',
      { message: 'the mode chosen with the arrow key is saved' },
    );
    expect(stored?.mode).toBe('sites');
    await page.close();
  });
});

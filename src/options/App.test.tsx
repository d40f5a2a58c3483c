// @vitest-environment happy-dom
/**
 * The options page (src/options/App.tsx) on happy-dom, with webextension-polyfill
 * replaced by an in-memory storage.local and an i18n reading the English messages:
 * settings controls, repairs shown once, lexicon import (broken → every problem with
 * entry and field, old lexicon kept; source + seed → switched; compiled → switched),
 * reset, export, the lexicon tables and their filters. Plus the locale files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act } from 'preact/test-utils';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { fake } from '../../test/support/fake-browser.ts';
import { compiledTestLexicon, TEST_SEED, TEST_SEED_NAME, testSource } from '../../test/support/test-lexicon.ts';
import { testModelFile } from '../../test/support/test-model.ts';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../../test/support/fake-browser.ts')).fake.browser }));

import { bundledLexicon } from '../lexicon/bundled.ts';
import { stringifyCompiled } from '../lexicon/stringify.ts';
import type { CompiledLexicon } from '../lexicon/types.ts';
import { App } from './App.tsx';
import { activeLexicon, SETTINGS_KEY, type Settings } from '../settings.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const LOCALES = join(ROOT, 'src/static/_locales');
type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const readMessages = (lang: string): Messages => JSON.parse(readFileSync(join(LOCALES, lang, 'messages.json'), 'utf8')) as Messages;
fake.state.messages = readMessages('en');

let container: HTMLElement;

beforeEach(() => {
  fake.state.store = {};
  fake.state.listeners.clear();
  document.documentElement.removeAttribute('data-palette');
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  render(null, container);
  container.remove();
  vi.restoreAllMocks();
});

async function waitFor<T>(probe: () => T | null | undefined | false, what = 'condition', timeout = 3000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`${what} not met; page text: ${container.textContent?.slice(0, 800)}`);
    await act(async () => {
      await new Promise((r) => setTimeout(r, 10));
    });
  }
}

async function mount(): Promise<void> {
  await act(async () => {
    render(<App />, container);
  });
  await waitFor(() => container.querySelector('[data-testid="active-lexicon"]'), 'the page loaded');
}

const $ = <E extends Element = HTMLElement>(sel: string): E => {
  const el = container.querySelector<E>(sel);
  if (!el) throw new Error(`no ${sel}`);
  return el;
};
const activeId = (): string | null => $('[data-testid="active-lexicon"]').getAttribute('data-lexicon-id');

async function selectFiles(files: File[], into = '#import-file'): Promise<void> {
  const input = $<HTMLInputElement>(into);
  Object.defineProperty(input, 'files', { configurable: true, get: () => files });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
const file = (name: string, text: string): File => new File([text], name, { type: name.endsWith('.json') ? 'application/json' : 'text/plain' });

async function click(el: HTMLElement): Promise<void> {
  await act(async () => {
    el.click();
  });
}

describe('options page: settings', () => {
  it('shows the stored settings and saves each change, keeping the others', async () => {
    fake.state.store[SETTINGS_KEY] = { version: 1, mode: 'sites', showMentions: false, palette: 'default', lexicon: null };
    fake.state.store.sites = { 'https://news.example': 'always-on', 'https://other.example': 'always-off' };
    await mount();
    expect($<HTMLInputElement>('#mode-sites').checked).toBe(true);
    expect($<HTMLInputElement>('#show-mentions').checked).toBe(false);
    expect($('#sites-list').textContent).toContain('https://news.example');
    expect($('#sites-list').textContent).not.toContain('other.example');

    await click($('#mode-automatic'));
    await waitFor(() => (fake.state.store[SETTINGS_KEY] as Settings).mode === 'automatic', 'mode saved');
    await click($('#show-mentions'));
    await waitFor(() => (fake.state.store[SETTINGS_KEY] as Settings).showMentions === true, 'showMentions saved');
    await click($('#palette-high-contrast'));
    await waitFor(() => (fake.state.store[SETTINGS_KEY] as Settings).palette === 'high-contrast', 'palette saved');
    expect(fake.state.store[SETTINGS_KEY]).toEqual({ version: 1, mode: 'automatic', showMentions: true, palette: 'high-contrast', lexicon: null, model: null });
    await waitFor(() => document.documentElement.dataset.palette === 'high-contrast', 'palette applied to the page');
    expect(container.querySelector('[role="status"].saved')?.textContent).toBe('Saved.');
  });

  it('groups the radios with a legend, labels every control, and sets the page language and title', async () => {
    await mount();
    expect([...container.querySelectorAll('legend')].map((l) => l.textContent)).toEqual(expect.arrayContaining(['Default mode', 'Colours']));
    for (const input of container.querySelectorAll('input, select')) {
      const id = input.getAttribute('id');
      expect(id, `${input.tagName} ${input.getAttribute('type') ?? ''} ${input.getAttribute('name') ?? ''}`).toBeTruthy();
      expect(container.querySelector(`label[for="${id}"]`), `label for #${id}`).not.toBeNull();
    }
    expect(document.documentElement.lang).toBe('en');
    expect(document.title).toBe('Stance Lens — options');
  });

  it('reports repaired settings once', async () => {
    fake.state.store[SETTINGS_KEY] = { version: 1, mode: 'sometimes', showMentions: false, palette: 'high-contrast', lexicon: null };
    await mount();
    const alert = $('[role="alert"]');
    expect(alert.textContent).toContain('The setting “Default mode” was damaged and was reset to its default: On demand');
    expect($<HTMLInputElement>('#show-mentions').checked).toBe(false);
    await waitFor(() => !('settingsProblems' in fake.state.store), 'problems acknowledged');
    render(null, container);
    await mount();
    expect(container.querySelector('[role="alert"]')).toBeNull();
  });
});

describe('options page: lexicon', () => {
  it('shows the bundled lexicon in use, with its actors, statements and cues', async () => {
    await mount();
    expect(activeId()).toBe(bundledLexicon.id);
    expect(container.querySelectorAll('[data-testid="lex-actors"] tbody tr')).toHaveLength(bundledLexicon.actors.length);
    expect(container.querySelectorAll('[data-testid="lex-statements"] tbody tr')).toHaveLength(bundledLexicon.statements.length);
    expect(container.querySelectorAll('[data-testid="lex-cues"] tbody tr')).toHaveLength(bundledLexicon.cues.length);
    expect(($('#reset') as HTMLButtonElement).disabled).toBe(true);
  });

  it('filters the tables by text, stance and negation', async () => {
    await mount();
    const rows = (t: string) => container.querySelectorAll(`[data-testid="lex-${t}"] tbody tr`).length;
    const q = $<HTMLInputElement>('#lex-statements-q');
    await act(async () => {
      q.value = 'invader';
      q.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(rows('statements')).toBeGreaterThan(0);
    expect(rows('statements')).toBeLessThan(bundledLexicon.statements.length);
    expect($('[data-testid="lex-statements"] tbody').textContent).toContain('rewarding the invader');

    const stance = $<HTMLSelectElement>('#lex-cues-stance');
    await act(async () => {
      stance.value = 'contra-ukraine';
      stance.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(rows('cues')).toBe(bundledLexicon.cues.filter((c) => c.stance === 'contra-ukraine').length);
    const negation = $<HTMLSelectElement>('#lex-cues-negation');
    await act(async () => {
      negation.value = 'flip';
      negation.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(rows('cues')).toBe(bundledLexicon.cues.filter((c) => c.stance === 'contra-ukraine' && c.negation === 'flip').length);

    const actors = $<HTMLInputElement>('#lex-actors-q');
    await act(async () => {
      actors.value = 'pentagon chief';
      actors.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(rows('actors')).toBe(1);
    expect($('[data-testid="lex-actors"] tbody').textContent).toContain('Pete Hegseth');
  });
});

describe('options page: lexicon import', () => {
  it('importing a valid source + seed pair switches the active lexicon', async () => {
    await mount();
    await selectFiles([file('test.lexicon.json', JSON.stringify(testSource())), file(TEST_SEED_NAME, TEST_SEED)]);
    await waitFor(() => activeId() === 'test-lexicon', 'the imported lexicon in use');
    expect($('#import-result').getAttribute('role')).toBe('status');
    expect($('#import-result').textContent).toContain('Imported and now in use: Test lexicon (test-lexicon 0.1.0)');
    const stored = fake.state.store[SETTINGS_KEY] as Settings;
    expect(stored.lexicon).toMatchObject({ source: 'imported', name: 'test.lexicon.json', compiled: compiledTestLexicon() });
    expect(Number.isNaN(Date.parse(stored.lexicon!.importedAt))).toBe(false);
    expect((await activeLexicon()).id).toBe('test-lexicon');
    expect(container.querySelectorAll('[data-testid="lex-actors"] tbody tr')).toHaveLength(1);
    expect(($('#reset') as HTMLButtonElement).disabled).toBe(false);
    // both lexicons can be browsed
    await click($('#view-bundled'));
    expect(container.querySelectorAll('[data-testid="lex-actors"] tbody tr')).toHaveLength(bundledLexicon.actors.length);
  });

  it('a seed path with folders matches the selected file by its name', async () => {
    await mount();
    const src = { ...testSource(), seeds: [`seeds/${TEST_SEED_NAME}`] };
    await selectFiles([file(TEST_SEED_NAME, TEST_SEED), file('test.lexicon.json', JSON.stringify(src))]);
    await waitFor(() => activeId() === 'test-lexicon', 'the imported lexicon in use');
  });

  it('importing a broken lexicon shows each problem with entry and field, and keeps the old lexicon', async () => {
    await mount();
    await selectFiles([file('test.lexicon.json', JSON.stringify(testSource())), file(TEST_SEED_NAME, TEST_SEED)]);
    await waitFor(() => activeId() === 'test-lexicon', 'the first import');
    const before = structuredClone(fake.state.store[SETTINGS_KEY]);

    const broken = testSource() as unknown as {
      statements: Array<Record<string, unknown>>;
      cues: Array<Record<string, unknown>>;
      actors: Array<Record<string, unknown>>;
    };
    broken.statements[0]!.stance = 'pro';
    broken.cues[0]!.weight = 5;
    broken.actors[0]!.alias = [];
    await selectFiles([file('broken.lexicon.json', JSON.stringify({ ...broken, id: 'broken-lexicon' })), file(TEST_SEED_NAME, TEST_SEED)]);
    const alert = await waitFor(() => container.querySelector('#import-result[role="alert"] table'), 'the refusal');
    const rows = [...alert.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows.map(([entry, field]) => `${entry} ${field}`)).toEqual([
      'actors[0] (doe) alias',
      'statements[0] (q-doe-1) stance',
      'cues[0] (pro-abandon-ukraine) weight',
    ]);
    expect(rows[0]![2]).toContain("did you mean 'aliases'?");
    expect(rows[2]![2]).toContain('weight 5 is out of range');
    expect($('#import-result').textContent).toContain('The lexicon was refused. Problems found: 3.');
    expect($('#import-result').textContent).toContain('The lexicon in use has not changed: Test lexicon (test-lexicon 0.1.0).');
    expect(activeId()).toBe('test-lexicon');
    expect(fake.state.store[SETTINGS_KEY]).toEqual(before);
    expect((await activeLexicon()).id).toBe('test-lexicon');
  });

  it('a source without its seed file is refused, naming the seed', async () => {
    await mount();
    await selectFiles([file('test.lexicon.json', JSON.stringify(testSource()))]);
    const alert = await waitFor(() => container.querySelector('#import-result[role="alert"]'), 'the refusal');
    expect(alert.textContent).toContain('seeds[0]');
    expect(alert.textContent).toContain(`The seed file ${TEST_SEED_NAME} was not selected.`);
    expect(activeId()).toBe(bundledLexicon.id);
    expect(fake.state.store[SETTINGS_KEY]).toBeUndefined();
  });

  it('refuses text that is not JSON, several lexicon files, and no lexicon file', async () => {
    await mount();
    await selectFiles([file('bad.lexicon.json', '{ "id": ')]);
    expect((await waitFor(() => container.querySelector('#import-result[role="alert"]'), 'refusal')).textContent).toContain('The file is not valid JSON');
    await selectFiles([file('a.json', '{}'), file('b.json', '{}')]);
    await waitFor(() => $('#import-result').textContent?.includes('Several .json files were selected'), 'refusal of two files');
    await selectFiles([file(TEST_SEED_NAME, TEST_SEED)]);
    await waitFor(() => $('#import-result').textContent?.includes('No lexicon file was selected'), 'refusal of no lexicon');
    expect(activeId()).toBe(bundledLexicon.id);
  });

  it('imports a compiled lexicon, and refuses a broken one by entry and field', async () => {
    await mount();
    const bad = JSON.parse(stringifyCompiled(compiledTestLexicon())) as Record<string, any>;
    bad.actors[0].aliases[0].kind = 'nickname';
    await selectFiles([file('bad.compiled.json', JSON.stringify(bad))]);
    const alert = await waitFor(() => container.querySelector('#import-result[role="alert"] tbody'), 'refusal');
    expect(alert.textContent).toContain('actors[0] (doe)');
    expect(alert.textContent).toContain('aliases[0].kind');
    expect(activeId()).toBe(bundledLexicon.id);

    await selectFiles([file('test.compiled.json', stringifyCompiled(compiledTestLexicon()))]);
    await waitFor(() => activeId() === 'test-lexicon', 'compiled lexicon in use');
    expect((fake.state.store[SETTINGS_KEY] as Settings).lexicon?.name).toBe('test.compiled.json');
  });
});

describe('options page: the stance model', () => {
  const modelId = (): string | null => $('[data-testid="active-model"]').getAttribute('data-model-id');

  it('imports a model trained with stance-lens train, shows what it was trained on, and goes back to the bundled one', async () => {
    await mount();
    expect(modelId()).toBe('bundled');
    expect(($('#model-reset') as HTMLButtonElement).disabled).toBe(true);
    await selectFiles([file('newsroom.model.json', JSON.stringify(testModelFile()))], '#model-file');
    await waitFor(() => modelId() === 'my-newsroom-model', 'the imported model in use');
    expect($('#model-result').textContent).toContain('Imported and now in use: my-newsroom-model (newsroom.model.json) (2 features)');
    expect($('[data-testid="active-model"]').textContent).toContain('240 labelled statements, 2025-03-01 to 2025-11-30');
    const stored = fake.state.store[SETTINGS_KEY] as Settings;
    expect(stored.model).toMatchObject({ source: 'imported', name: 'newsroom.model.json', file: { id: 'my-newsroom-model' } });
    // the lexicon is untouched: a model works with any lexicon
    expect(stored.lexicon).toBeNull();
    await click($('#model-reset'));
    await waitFor(() => modelId() === 'bundled', 'reset');
    expect((fake.state.store[SETTINGS_KEY] as Settings).model).toBeNull();
    expect($('#model-result').textContent).toContain('The bundled stance model is in use again');
  });

  it('refuses a file that is not a model this version reads, saying why, and keeps the model in use', async () => {
    await mount();
    await selectFiles([file('newsroom.model.json', JSON.stringify(testModelFile()))], '#model-file');
    await waitFor(() => modelId() === 'my-newsroom-model', 'first import');
    const cases: Array<[string, RegExp]> = [
      ['{ not json', /old\.json: The file is not valid JSON/],
      [
        JSON.stringify({ ...testModelFile(), version: 99 }),
        /old\.json: stance model: version 99, this code reads version 1 — train it again with this version \(`stance-lens train`/,
      ],
      [JSON.stringify({ ...testModelFile(), weights: [1, 2] }), /2 weights for 2 features × 4 classes/],
    ];
    for (const [text, message] of cases) {
      await selectFiles([file('old.json', text)], '#model-file');
      const alert = await waitFor(() => {
        const el = container.querySelector('#model-result[role="alert"]');
        return el && message.test(el.textContent ?? '') ? el : null;
      }, `refusal ${message}`);
      expect(alert.textContent).toMatch(message);
      expect(alert.textContent).toContain('The model in use is still my-newsroom-model (newsroom.model.json)');
      expect(modelId()).toBe('my-newsroom-model');
      expect((fake.state.store[SETTINGS_KEY] as Settings).model?.file.id).toBe('my-newsroom-model');
    }
  });

  it('warns when the model kept no threshold and so will leave pro and contra unknown', async () => {
    await mount();
    await selectFiles([file('small.model.json', JSON.stringify(testModelFile({ thresholds: { polar: 1, neutral: 1, none: 1 } })))], '#model-file');
    await waitFor(() => modelId() === 'my-newsroom-model', 'import');
    expect($('#model-result').textContent).toContain('leaves pro and contra unknown: label more statements');
  });
});

describe('options page: lexicon reset, export, text', () => {
  it('reset restores the bundled lexicon', async () => {
    await mount();
    await selectFiles([file('test.lexicon.json', JSON.stringify(testSource())), file(TEST_SEED_NAME, TEST_SEED)]);
    await waitFor(() => activeId() === 'test-lexicon', 'import');
    await click($('#reset'));
    await waitFor(() => activeId() === bundledLexicon.id, 'reset');
    expect((fake.state.store[SETTINGS_KEY] as Settings).lexicon).toBeNull();
    expect(await activeLexicon()).toBe(bundledLexicon);
    expect($('#import-result').textContent).toContain('The bundled lexicon is in use again');
  });

  it('export downloads the active lexicon as JSON', async () => {
    const blobs: Blob[] = [];
    const downloads: string[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return 'blob:test/1';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(`${this.download} ${this.href}`);
    });
    await mount();
    await click($('#export'));
    expect(downloads).toEqual([`${bundledLexicon.id}-${bundledLexicon.version}.compiled.json blob:test/1`]);
    expect(await blobs[0]!.text()).toBe(stringifyCompiled(bundledLexicon));

    await selectFiles([file('test.lexicon.json', JSON.stringify(testSource())), file(TEST_SEED_NAME, TEST_SEED)]);
    await waitFor(() => activeId() === 'test-lexicon', 'import');
    await click($('#export'));
    expect(downloads[1]).toBe('test-lexicon-0.1.0.compiled.json blob:test/1');
    const exported = JSON.parse(await blobs[1]!.text()) as CompiledLexicon;
    expect(exported).toEqual(compiledTestLexicon());
  });

  it('lexicon text is shown as text, never as markup', async () => {
    await mount();
    const src = testSource();
    src.statements[0]!.reason = '<img src=x onerror="alert(1)"> <b>bold</b>';
    await selectFiles([file('test.lexicon.json', JSON.stringify(src)), file(TEST_SEED_NAME, TEST_SEED)]);
    await waitFor(() => activeId() === 'test-lexicon', 'import');
    expect(container.querySelector('img, b')).toBeNull();
    expect($('[data-testid="lex-statements"] tbody').textContent).toContain('<img src=x onerror="alert(1)"> <b>bold</b>');
  });
});

describe('options sources and locales', () => {
  // the page's sources (this folder and below, tests left out)
  const under = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? under(`${dir}/${e.name}`) : /\.test\.tsx?$/.test(e.name) ? [] : [`${dir}/${e.name}`],
    );
  const files = ['src/settings.ts', ...under('src/options')];

  it('no innerHTML or dangerouslySetInnerHTML anywhere', () => {
    for (const f of files) expect(readFileSync(join(ROOT, f), 'utf8'), f).not.toMatch(/innerHTML|dangerouslySetInnerHTML|insertAdjacentHTML|outerHTML\s*=/);
  });

  it('every message key the page uses exists in en and uk, with the same placeholders', () => {
    const en = readMessages('en');
    const uk = readMessages('uk');
    const used = new Set<string>();
    for (const f of files) {
      const text = readFileSync(join(ROOT, f), 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) used.add(m[1]!);
      for (const m of text.matchAll(/'@?((?:opt|settings|import|stance_|neg_|col)[A-Za-z0-9_]*)'/g)) if (m[1]! in en) used.add(m[1]!);
    }
    // keys built at run time
    for (const k of [
      'optMode_on_demand',
      'optMode_automatic',
      'optMode_sites',
      'optPalette_default',
      'optPalette_high_contrast',
      'stance_pro_ukraine',
      'stance_contra_ukraine',
      'stance_neutral',
      'neg_flip',
      'neg_drop',
      'neg_keep',
      'optOn',
      'optOff',
    ])
      used.add(k);
    expect(used.size).toBeGreaterThan(50);
    for (const k of used) {
      expect(en[k], `en: ${k}`).toBeDefined();
      expect(uk[k], `uk: ${k}`).toBeDefined();
      expect(Object.keys(uk[k]!.placeholders ?? {}), k).toEqual(Object.keys(en[k]!.placeholders ?? {}));
      if (/[a-z]{4}/.test(en[k]!.message)) expect(uk[k]!.message, `uk ${k} is translated`).not.toBe(en[k]!.message);
    }
  });
});

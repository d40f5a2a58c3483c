/**
 * src/settings.ts and src/lexicon/validate-compiled.ts: migrations of what is stored
 * (nothing, v0, v1, a newer version, garbage), repairs that replace only the broken
 * parts, problems reported once, the active lexicon, and the compiled-lexicon check.
 * webextension-polyfill is replaced by an in-memory storage.local and an i18n that
 * reads src/static/_locales/en/messages.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { fake } from '../test/support/fake-browser.ts';
import { compiledTestLexicon } from '../test/support/test-lexicon.ts';
import { testModelFile } from '../test/support/test-model.ts';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../test/support/fake-browser.ts')).fake.browser }));

import { bundledLexicon } from './lexicon/bundled.ts';
import type { CompiledLexicon } from './lexicon/types.ts';
import { validateCompiled } from './lexicon/validate-compiled.ts';
import {
  acknowledgeProblems,
  activeLexicon,
  DEFAULT_SETTINGS,
  describeProblem,
  loadSettings,
  migrate,
  onSettingsChanged,
  PROBLEMS_KEY,
  readSettings,
  repairSettings,
  saveSettings,
  SETTINGS_KEY,
  type ImportedLexicon,
  type Settings,
} from './settings.ts';

const ROOT = join(import.meta.dirname, '..');
fake.state.messages = JSON.parse(readFileSync(join(ROOT, 'src/static/_locales/en/messages.json'), 'utf8'));

function imported(compiled: unknown = compiledTestLexicon()): ImportedLexicon {
  return { source: 'imported', name: 'test.lexicon.json', importedAt: '2026-11-28T10:00:00.000Z', compiled: compiled as CompiledLexicon };
}

const stored = (): Record<string, unknown> => fake.state.store[SETTINGS_KEY] as Record<string, unknown>;

beforeEach(() => {
  fake.state.store = {};
  fake.state.listeners.clear();
  fake.state.writes = 0;
});

describe('migrate', () => {
  it('nothing stored (first run): the defaults, with no problem', () => {
    expect(migrate(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(repairSettings(undefined).problems).toEqual([]);
    expect(DEFAULT_SETTINGS).toEqual({ version: 1, mode: 'on-demand', showMentions: true, palette: 'default', lexicon: null, model: null });
  });

  it('v0 (no version field): valid fields are kept, missing ones default silently, the result is v1', () => {
    const r = repairSettings({ mode: 'automatic', palette: 'high-contrast' });
    expect(r.settings).toEqual({ version: 1, mode: 'automatic', showMentions: true, palette: 'high-contrast', lexicon: null, model: null });
    expect(r.problems).toEqual([]);
  });

  it('v0 with a broken field: only that field is reset, and it is reported', () => {
    const r = repairSettings({ mode: 'sites', showMentions: 'yes', lexicon: imported() });
    expect(r.settings.mode).toBe('sites');
    expect(r.settings.showMentions).toBe(true);
    expect(r.settings.lexicon?.compiled.id).toBe('test-lexicon');
    expect(r.problems).toEqual([{ key: 'settingsProblemField', subs: ['@optShowMentions', '@optOn'] }]);
  });

  it('v1 as written: unchanged', () => {
    const s: Settings = { version: 1, mode: 'sites', showMentions: false, palette: 'high-contrast', lexicon: imported(), model: null };
    const r = repairSettings(structuredClone(s));
    expect(r.settings).toEqual(s);
    expect(r.problems).toEqual([]);
  });

  it('v1 with a missing field: the field gets its default and it is reported', () => {
    const r = repairSettings({ version: 1, mode: 'automatic', showMentions: false, lexicon: null });
    expect(r.settings).toEqual({ version: 1, mode: 'automatic', showMentions: false, palette: 'default', lexicon: null, model: null });
    expect(r.problems).toEqual([{ key: 'settingsProblemField', subs: ['@optPaletteLegend', '@optPalette_default'] }]);
  });

  it('a newer version (after a downgrade): the fields this version understands are kept, one problem', () => {
    const r = repairSettings({ version: 3, mode: 'automatic', showMentions: false, palette: 'rainbow', futureThing: { a: 1 }, lexicon: null });
    expect(r.settings).toEqual({ version: 1, mode: 'automatic', showMentions: false, palette: 'default', lexicon: null, model: null });
    expect(r.problems.map((p) => p.key)).toEqual(['settingsProblemNewer', 'settingsProblemField']);
    expect(r.problems[0]!.subs).toEqual(['3']);
  });

  it('an unknown version value: read like v0, reported', () => {
    for (const version of ['1', 0, -2, 1.5, null, {}]) {
      const r = repairSettings({ version, mode: 'automatic' });
      expect(r.settings).toEqual({ ...DEFAULT_SETTINGS, mode: 'automatic' });
      expect(r.problems[0]?.key).toBe('settingsProblemVersion');
    }
  });

  it('garbage: every setting is reset, one problem', () => {
    for (const raw of ['hello', 42, true, null, [1, 2], ['mode', 'automatic']]) {
      const r = repairSettings(raw);
      expect(r.settings).toEqual(DEFAULT_SETTINGS);
      expect(r.problems).toEqual([{ key: 'settingsProblemUnreadable', subs: [] }]);
    }
  });

  it('wrong types in every field: each is reset and reported on its own', () => {
    const r = repairSettings({ version: 1, mode: 7, showMentions: 'no', palette: ['x'], lexicon: 'mine' });
    expect(r.settings).toEqual(DEFAULT_SETTINGS);
    expect(r.problems.map((p) => [p.key, p.subs[0]])).toEqual([
      ['settingsProblemField', '@optModeLegend'],
      ['settingsProblemField', '@optShowMentions'],
      ['settingsProblemField', '@optPaletteLegend'],
      ['settingsProblemLexicon', '?'],
    ]);
  });

  it('a stored lexicon that fails validation: back to the bundled lexicon, the other settings kept', () => {
    const broken = compiledTestLexicon() as unknown as { cues: Array<Record<string, unknown>> };
    broken.cues[0]!.weight = 7;
    const r = repairSettings({ version: 1, mode: 'automatic', showMentions: false, palette: 'high-contrast', lexicon: imported(broken) });
    expect(r.settings).toEqual({ version: 1, mode: 'automatic', showMentions: false, palette: 'high-contrast', lexicon: null, model: null });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.key).toBe('settingsProblemLexicon');
    expect(r.problems[0]!.subs[0]).toBe('test.lexicon.json');
    expect(r.problems[0]!.subs[1]).toContain('cues[0] (pro-abandon-ukraine) weight');
  });

  it('an imported stance model: kept when it is one this version reads; settings from before models could be imported have none, silently', () => {
    const model = { source: 'imported', name: 'newsroom.model.json', importedAt: '2026-11-30T10:00:00.000Z', file: testModelFile() };
    const base = { version: 1, mode: 'automatic', showMentions: false, palette: 'default', lexicon: null };
    const r = repairSettings({ ...base, model });
    expect(r.settings.model).toEqual(model);
    expect(r.problems).toEqual([]);
    const before = repairSettings(base);
    expect(before.settings.model).toBeNull();
    expect(before.problems).toEqual([]);
  });

  it('a stored model that this version cannot read: back to the bundled model, saying which file and why, the rest kept', () => {
    const model = {
      source: 'imported',
      name: 'newsroom.model.json',
      importedAt: '2026-11-30T10:00:00.000Z',
      file: { ...testModelFile(), featureSet: 'old/0' },
    };
    const r = repairSettings({ version: 1, mode: 'automatic', showMentions: false, palette: 'default', lexicon: null, model });
    expect(r.settings).toMatchObject({ mode: 'automatic', showMentions: false, model: null });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      key: 'settingsProblemModel',
      subs: ['newsroom.model.json', expect.stringContaining('made for the features "old/0"')],
    });
    expect(describeProblem(r.problems[0]!)).toMatch(
      /^The imported stance model “newsroom\.model\.json” is damaged \(stance model: made for the features "old\/0".*\)\. The bundled model is used instead; import the model again/,
    );
  });

  it('a stored lexicon wrapper with a bad date or source: refused', () => {
    expect(
      repairSettings({ version: 1, mode: 'on-demand', showMentions: true, palette: 'default', lexicon: { ...imported(), importedAt: 'yesterday' } }).settings
        .lexicon,
    ).toBeNull();
    expect(
      repairSettings({ version: 1, mode: 'on-demand', showMentions: true, palette: 'default', lexicon: { ...imported(), source: 'remote' } }).settings.lexicon,
    ).toBeNull();
  });
});

describe('loadSettings / saveSettings', () => {
  it('first run: defaults, nothing written, no problem', async () => {
    expect(await loadSettings()).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
    expect(fake.state.writes).toBe(0);
  });

  it('repairs storage: replaces only the broken parts and keeps the others', async () => {
    fake.state.store[SETTINGS_KEY] = { version: 1, mode: 'automatic', showMentions: 'maybe', palette: 'high-contrast', lexicon: imported() };
    const { settings, problems } = await loadSettings();
    expect(settings).toEqual({ version: 1, mode: 'automatic', showMentions: true, palette: 'high-contrast', lexicon: imported(), model: null });
    expect(stored()).toEqual(settings);
    expect(problems).toEqual(['The setting “Show plain mentions of speakers” was damaged and was reset to its default: on.']);
  });

  it('each problem is reported once: kept until acknowledged, never duplicated', async () => {
    const broken = compiledTestLexicon() as unknown as Record<string, unknown>;
    delete broken.cues;
    fake.state.store[SETTINGS_KEY] = { version: 1, mode: 'sites', showMentions: false, palette: 'default', lexicon: imported(broken) };
    const first = await loadSettings();
    expect(first.problems).toHaveLength(1);
    expect(first.problems[0]).toContain('The imported lexicon “test.lexicon.json” is damaged');
    expect(first.problems[0]).toContain("missing field 'cues'");
    expect(first.settings).toMatchObject({ mode: 'sites', showMentions: false, lexicon: null });
    // another reader (e.g. the popup) loads before the options page shows it: still pending, once
    expect((await loadSettings()).problems).toEqual(first.problems);
    await acknowledgeProblems();
    expect(fake.state.store[PROBLEMS_KEY]).toBeUndefined();
    expect((await loadSettings()).problems).toEqual([]);
    expect(stored()).toMatchObject({ mode: 'sites', showMentions: false, lexicon: null });
  });

  it('a new problem after an acknowledged one is reported', async () => {
    fake.state.store[SETTINGS_KEY] = 'garbage';
    expect((await loadSettings()).problems).toEqual(['The saved settings could not be read, so every setting was reset to its default.']);
    await acknowledgeProblems();
    fake.state.store[SETTINGS_KEY] = { version: 9, mode: 'automatic' };
    const { problems, settings } = await loadSettings();
    expect(problems).toEqual([
      'The settings were saved by a newer version of Stance Lens (settings version 9). The settings this version understands were kept; the others were reset.',
    ]);
    expect(settings.mode).toBe('automatic');
    expect(stored()).toEqual({ ...DEFAULT_SETTINGS, mode: 'automatic' });
  });

  it('v0 data is written back as v1 without a problem', async () => {
    fake.state.store[SETTINGS_KEY] = { palette: 'high-contrast' };
    expect((await loadSettings()).problems).toEqual([]);
    expect(stored()).toEqual({ ...DEFAULT_SETTINGS, palette: 'high-contrast' });
  });

  it('saveSettings changes the patched fields and keeps the others', async () => {
    await saveSettings({ mode: 'automatic' });
    await saveSettings({ palette: 'high-contrast' });
    await saveSettings({ lexicon: imported() });
    await saveSettings({ showMentions: false });
    expect(stored()).toEqual({ version: 1, mode: 'automatic', showMentions: false, palette: 'high-contrast', lexicon: imported(), model: null });
    expect(await readSettings()).toEqual(stored());
  });

  it('saveSettings refuses a bad value and writes nothing', async () => {
    await saveSettings({ mode: 'automatic' });
    const before = structuredClone(fake.state.store);
    await expect(saveSettings({ mode: 'sometimes' as never })).rejects.toThrow(/mode/);
    await expect(saveSettings({ palette: 'neon' as never })).rejects.toThrow(/palette/);
    const bad = compiledTestLexicon() as unknown as { statements: Array<Record<string, unknown>> };
    bad.statements[0]!.speaker = 'nobody';
    await expect(saveSettings({ lexicon: imported(bad) })).rejects.toThrow(/statements\[0\] \(q-doe-1\) speaker/);
    const model = { source: 'imported' as const, name: 'm.json', importedAt: '2026-11-30T10:00:00.000Z', file: { ...testModelFile(), weights: [1] } };
    await expect(saveSettings({ model })).rejects.toThrow(/model m\.json: stance model: 1 weights for 2 features/);
    expect(fake.state.store).toEqual(before);
  });

  it('readSettings never writes, even when the stored data is broken', async () => {
    fake.state.store[SETTINGS_KEY] = { version: 1, mode: 'x', showMentions: false, palette: 'default', lexicon: null };
    expect(await readSettings()).toEqual({ ...DEFAULT_SETTINGS, showMentions: false });
    expect(fake.state.writes).toBe(0);
  });

  it('settings survive a restart: a fresh read returns what was saved', async () => {
    await saveSettings({ mode: 'sites', showMentions: false });
    // (the module keeps no state: a new page or a restarted browser reads storage again)
    expect((await loadSettings()).settings).toMatchObject({ mode: 'sites', showMentions: false });
  });

  it('onSettingsChanged reports the new settings, repaired', async () => {
    const seen: Settings[] = [];
    const off = onSettingsChanged((s) => seen.push(s));
    await saveSettings({ palette: 'high-contrast' });
    off();
    await saveSettings({ palette: 'default' });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.palette).toBe('high-contrast');
  });
});

describe('activeLexicon', () => {
  it('is the bundled lexicon when none was imported', async () => {
    expect(await activeLexicon()).toBe(bundledLexicon);
  });

  it('is the imported lexicon when it is valid', async () => {
    await saveSettings({ lexicon: imported() });
    expect((await activeLexicon()).id).toBe('test-lexicon');
  });

  it('is the bundled lexicon when the stored one is damaged', async () => {
    const broken = compiledTestLexicon() as unknown as { actors: Array<{ aliases: Array<Record<string, unknown>> }> };
    broken.actors[0]!.aliases[0]!.folded = 'someone else';
    fake.state.store[SETTINGS_KEY] = { ...DEFAULT_SETTINGS, lexicon: imported(broken) };
    expect(await activeLexicon()).toBe(bundledLexicon);
  });

  it('is the bundled lexicon when storage fails', async () => {
    const get = fake.browser.storage.local.get;
    fake.browser.storage.local.get = async () => {
      throw new Error('storage is gone');
    };
    try {
      expect(await activeLexicon()).toBe(bundledLexicon);
    } finally {
      fake.browser.storage.local.get = get;
    }
  });
});

describe('validateCompiled', () => {
  it('accepts the bundled lexicon and a freshly compiled one', () => {
    expect(validateCompiled(bundledLexicon).ok).toBe(true);
    expect(validateCompiled(JSON.parse(JSON.stringify(compiledTestLexicon()))).ok).toBe(true);
  });

  const problemsOf = (mutate: (l: Record<string, any>) => void) => {
    const l = JSON.parse(JSON.stringify(compiledTestLexicon())) as Record<string, any>;
    mutate(l);
    const r = validateCompiled(l, 'x.json');
    if (r.ok) throw new Error('expected problems');
    return r.problems.map((p) => `${p.entry} ${p.field ?? '-'}`);
  };

  it('names the entry and field of each problem', () => {
    expect(problemsOf((l) => (l.format = 2))).toEqual(['lexicon format']);
    expect(problemsOf((l) => (l.id = 'Not An Id'))).toEqual(['lexicon id']);
    expect(problemsOf((l) => delete l.title)).toEqual(['lexicon title']);
    expect(problemsOf((l) => (l.extra = 1))).toEqual(['lexicon extra']);
    expect(problemsOf((l) => (l.actors[0].pronoun = 'xe'))).toEqual(['actors[0] (doe) pronoun']);
    expect(problemsOf((l) => (l.actors[0].aliases[1].kind = 'nickname'))).toEqual(['actors[0] (doe) aliases[1].kind']);
    expect(problemsOf((l) => (l.actors[0].aliases[0].folded = 'x'))).toEqual(['actors[0] (doe) aliases[0].folded']);
    expect(problemsOf((l) => (l.statements[0].stance = 'pro'))).toEqual(['statements[0] (q-doe-1) stance']);
    expect(problemsOf((l) => (l.statements[0].words = ['other']))).toEqual(['statements[0] (q-doe-1) words']);
    expect(problemsOf((l) => (l.statements[0].from = 'curated'))).toEqual(['statements[0] (q-doe-1) from']);
    expect(problemsOf((l) => l.statements.push({ ...l.statements[0] }))).toEqual(['statements[1] (q-doe-1) id']);
    expect(problemsOf((l) => (l.cues[0].weight = 0))).toEqual(['cues[0] (pro-abandon-ukraine) weight']);
    expect(problemsOf((l) => (l.cues[0].negation = 'invert'))).toEqual(['cues[0] (pro-abandon-ukraine) negation']);
    expect(problemsOf((l) => (l.cues[0].slots = [['abandon*']]))).toEqual(['cues[0] (pro-abandon-ukraine) slots']);
    expect(problemsOf((l) => (l.cues = 'none'))).toEqual(['lexicon cues']);
  });

  it('reports every problem, not only the first', () => {
    const all = problemsOf((l) => {
      l.actors[0].kind = 'robot';
      l.statements[0].speaker = 'nobody';
      l.cues[0].stance = 'pro';
    });
    expect(all).toEqual(['actors[0] (doe) kind', 'statements[0] (q-doe-1) speaker', 'cues[0] (pro-abandon-ukraine) stance']);
  });

  it('refuses what is not a lexicon at all', () => {
    for (const v of [null, 'text', [], 3]) expect(validateCompiled(v).ok).toBe(false);
  });
});

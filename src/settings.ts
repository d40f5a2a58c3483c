/**
 * The user's settings, kept in browser.storage.local under `settings` with a version
 * field, so they survive browser restarts and extension updates:
 *
 *   { version: 1, mode, showMentions, palette, lexicon, model }
 *
 * (`model`, a stance model the user imported, came after the first v1 settings: when it is
 * absent the bundled model is in use, and nothing is reported.)
 *
 * Whatever is read back is checked. Data from an older version is migrated; data that
 * is damaged (wrong types, an unknown version, an imported lexicon that no longer
 * validates) is repaired by replacing only the broken parts with their defaults (the
 * bundled lexicon for the lexicon) and keeping the rest. Each repair is recorded once
 * under `settingsProblems` until the options page has shown it (acknowledgeProblems).
 *
 * Who calls what:
 *   - the options page: loadSettings, saveSettings, acknowledgeProblems;
 *   - the background and the popup: readSettings, onSettingsChanged, activeLexicon —
 *     these never write to storage. Content scripts never read settings themselves: the
 *     background hands them the lexicon and display settings (content/hello, content/config).
 */
import browser from 'webextension-polyfill';
import { bundledLexicon } from './lexicon/bundled.ts';
import type { CompiledLexicon } from './lexicon/types.ts';
import { validateCompiled } from './lexicon/validate-compiled.ts';
import { checkModel, ModelError, type ModelFile } from './engine/model/classifier.ts';
import { STORAGE_KEYS } from './storage-keys.ts';
import { t } from './i18n.ts';
import { isObject } from './vocab/vocab.ts';

/** Where highlights start by default: every site, only when asked, or only the sites in the list. */
export type DefaultMode = 'automatic' | 'on-demand' | 'sites';
export type Palette = 'default' | 'high-contrast';

export interface ImportedLexicon {
  source: 'imported';
  /** the file it was imported from, e.g. "my.lexicon.json" */
  name: string;
  /** ISO 8601 date and time of the import */
  importedAt: string;
  compiled: CompiledLexicon;
}

/** A stance model the user trained (`stance-lens train`) and imported in the options page. */
export interface ImportedModel {
  source: 'imported';
  /** the file it was imported from, e.g. "my.model.json" */
  name: string;
  /** ISO 8601 date and time of the import */
  importedAt: string;
  file: ModelFile;
}

export interface Settings {
  version: 1;
  mode: DefaultMode;
  /** show plain mentions of speakers (not only their statements) */
  showMentions: boolean;
  palette: Palette;
  /** null: the bundled lexicon */
  lexicon: ImportedLexicon | null;
  /** null: the bundled stance model */
  model: ImportedModel | null;
}

export type SettingsPatch = Partial<Omit<Settings, 'version'>>;

export const SETTINGS_VERSION = 1;
export const SETTINGS_KEY = STORAGE_KEYS.settings;
export const PROBLEMS_KEY = STORAGE_KEYS.settingsProblems;

export const MODES: readonly DefaultMode[] = ['on-demand', 'sites', 'automatic'];
export const PALETTES: readonly Palette[] = ['default', 'high-contrast'];

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  version: 1,
  mode: 'on-demand',
  showMentions: true,
  palette: 'default',
  lexicon: null,
  model: null,
});

/** A repair, stored until it was shown: an i18n key and its substitutions. */
export interface SettingsProblem {
  key: string;
  subs: string[];
}

type Obj = Record<string, unknown>;

const defaults = (): Settings => ({ ...DEFAULT_SETTINGS });

/** i18n key of each setting's label (problems name the setting the user knows). */
const FIELD_LABEL: Record<'mode' | 'showMentions' | 'palette' | 'lexicon' | 'model', string> = {
  mode: '@optModeLegend',
  showMentions: '@optShowMentions',
  palette: '@optPaletteLegend',
  lexicon: '@optLexiconHeading',
  model: '@optModelHeading',
};

/** The default of a field as the user reads it. */
function defaultLabel(field: 'mode' | 'showMentions' | 'palette'): string {
  switch (field) {
    case 'mode':
      return `@optMode_${DEFAULT_SETTINGS.mode.replace('-', '_')}`;
    case 'showMentions':
      return DEFAULT_SETTINGS.showMentions ? '@optOn' : '@optOff';
    case 'palette':
      return `@optPalette_${DEFAULT_SETTINGS.palette.replace('-', '_')}`;
  }
}

/** A stored imported lexicon, or the problem that makes it unusable. */
type Refused = { ok: false; name: string; detail: string };

/** The stored wrapper of an imported file ({source: "imported", name, importedAt, …}), or what is wrong with it. */
function checkWrapper(value: unknown): { ok: true; name: string; importedAt: string; value: Record<string, unknown> } | Refused {
  const name = isObject(value) && typeof value.name === 'string' && value.name.trim() !== '' ? value.name : '?';
  if (!isObject(value)) return { ok: false, name, detail: 'not an object' };
  if (value.source !== 'imported') return { ok: false, name, detail: `source is ${JSON.stringify(value.source)}, expected "imported"` };
  if (name === '?') return { ok: false, name, detail: 'the file name is missing' };
  if (typeof value.importedAt !== 'string' || Number.isNaN(Date.parse(value.importedAt))) {
    return { ok: false, name, detail: 'the import date is missing or not a date' };
  }
  return { ok: true, name, importedAt: value.importedAt, value };
}

export function checkImportedLexicon(raw: unknown): { ok: true; lexicon: ImportedLexicon } | Refused {
  const w = checkWrapper(raw);
  if (!w.ok) return w;
  const { name, value } = w;
  const checked = validateCompiled(value.compiled, name);
  if (!checked.ok) {
    const first = checked.problems.slice(0, 3).map((p) => `${p.entry}${p.field ? ` ${p.field}` : ''}: ${p.message}`);
    const more = checked.problems.length > 3 ? ` (+${checked.problems.length - 3})` : '';
    return { ok: false, name, detail: `${first.join('; ')}${more}` };
  }
  return { ok: true, lexicon: { source: 'imported', name, importedAt: w.importedAt, compiled: checked.lexicon } };
}

/** A stored imported stance model, or the problem that makes it unusable. */
export function checkImportedModel(raw: unknown): { ok: true; model: ImportedModel } | Refused {
  const w = checkWrapper(raw);
  if (!w.ok) return w;
  const { name, importedAt, value } = w;
  try {
    return { ok: true, model: { source: 'imported', name, importedAt, file: checkModel(value.file) } };
  } catch (e) {
    if (e instanceof ModelError) return { ok: false, name, detail: e.message };
    throw e;
  }
}

/**
 * Turns whatever was stored into valid settings, and says what had to be repaired.
 *
 *   undefined (nothing stored yet)   → defaults, no problem
 *   not an object (garbage)          → defaults, one problem
 *   no version field (v0)            → its valid fields are kept; missing ones default silently
 *   version 1                        → each missing or invalid field is reset, one problem each
 *   a newer version (a downgrade)    → the fields this version understands are kept, one problem
 *   any other version value          → treated like v0, one problem
 */
export function repairSettings(raw: unknown): { settings: Settings; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  const out = defaults();
  if (raw === undefined) return { settings: out, problems };
  if (!isObject(raw)) {
    problems.push({ key: 'settingsProblemUnreadable', subs: [] });
    return { settings: out, problems };
  }
  const v = raw.version;
  // in v1 every field must be there; before (v0) a field could be absent
  let strict = true;
  if (!('version' in raw)) strict = false;
  else if (typeof v === 'number' && Number.isInteger(v) && v > SETTINGS_VERSION) {
    problems.push({ key: 'settingsProblemNewer', subs: [String(v)] });
    strict = false;
  } else if (v !== SETTINGS_VERSION) {
    problems.push({ key: 'settingsProblemVersion', subs: [JSON.stringify(v) ?? String(v)] });
    strict = false;
  }

  const field = <K extends 'mode' | 'showMentions' | 'palette'>(key: K, valid: (x: unknown) => boolean): void => {
    if (!(key in raw)) {
      if (strict) problems.push({ key: 'settingsProblemField', subs: [FIELD_LABEL[key], defaultLabel(key)] });
      return;
    }
    if (valid(raw[key])) (out as unknown as Obj)[key] = raw[key];
    else problems.push({ key: 'settingsProblemField', subs: [FIELD_LABEL[key], defaultLabel(key)] });
  };
  field('mode', (x) => MODES.includes(x as DefaultMode));
  field('showMentions', (x) => typeof x === 'boolean');
  field('palette', (x) => PALETTES.includes(x as Palette));

  if ('lexicon' in raw) {
    if (raw.lexicon !== null) {
      const checked = checkImportedLexicon(raw.lexicon);
      if (checked.ok) out.lexicon = checked.lexicon;
      else problems.push({ key: 'settingsProblemLexicon', subs: [checked.name, checked.detail] });
    }
  } else if (strict) {
    problems.push({ key: 'settingsProblemField', subs: [FIELD_LABEL.lexicon, '@optLexiconBundled'] });
  }
  // absent: settings from before models could be imported, the bundled model (no problem)
  if ('model' in raw && raw.model !== null) {
    const checked = checkImportedModel(raw.model);
    if (checked.ok) out.model = checked.model;
    else problems.push({ key: 'settingsProblemModel', subs: [checked.name, checked.detail] });
  }
  return { settings: out, problems };
}

/** Stored settings of any version (or garbage) as current, valid settings. */
export function migrate(raw: unknown): Settings {
  return repairSettings(raw).settings;
}

/** A problem as the user reads it (substitutions written `@key` are localised too). */
export function describeProblem(p: SettingsProblem): string {
  const subs = p.subs.map((s) => (s.startsWith('@') ? t(s.slice(1)) : s));
  return t(p.key, ...subs);
}

function parsePending(value: unknown): SettingsProblem[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (p): p is SettingsProblem => isObject(p) && typeof p.key === 'string' && Array.isArray(p.subs) && p.subs.every((s) => typeof s === 'string'),
  );
}

const problemId = (p: SettingsProblem): string => JSON.stringify([p.key, p.subs]);

/**
 * Reads the settings, repairs them in storage if needed, and returns them with the
 * repairs not yet shown to the user (cleared by acknowledgeProblems()).
 */
export async function loadSettings(): Promise<{ settings: Settings; problems: string[] }> {
  const got = (await browser.storage.local.get([SETTINGS_KEY, PROBLEMS_KEY])) as Obj;
  const raw = got[SETTINGS_KEY];
  const { settings, problems } = repairSettings(raw);
  let pending = parsePending(got[PROBLEMS_KEY]);
  const needsWrite = raw !== undefined && (problems.length > 0 || !isObject(raw) || raw.version !== SETTINGS_VERSION);
  if (needsWrite) {
    const seen = new Set(pending.map(problemId));
    pending = [...pending, ...problems.filter((p) => !seen.has(problemId(p)))];
    await browser.storage.local.set({ [SETTINGS_KEY]: settings, [PROBLEMS_KEY]: pending });
  }
  return { settings, problems: pending.map(describeProblem) };
}

/** The repairs were shown: forget them, so each is reported once. */
export async function acknowledgeProblems(): Promise<void> {
  await browser.storage.local.remove(PROBLEMS_KEY);
}

/** Checks a patch; throws on a value the settings cannot hold (nothing is written then). */
function checkPatch(patch: SettingsPatch): void {
  if ('mode' in patch && !MODES.includes(patch.mode as DefaultMode)) throw new TypeError(`mode must be one of ${MODES.join(', ')}`);
  if ('showMentions' in patch && typeof patch.showMentions !== 'boolean') throw new TypeError('showMentions must be true or false');
  if ('palette' in patch && !PALETTES.includes(patch.palette as Palette)) throw new TypeError(`palette must be one of ${PALETTES.join(', ')}`);
  if ('lexicon' in patch && patch.lexicon !== null) {
    const checked = checkImportedLexicon(patch.lexicon);
    if (!checked.ok) throw new TypeError(`lexicon ${checked.name}: ${checked.detail}`);
  }
  if ('model' in patch && patch.model !== null) {
    const checked = checkImportedModel(patch.model);
    if (!checked.ok) throw new TypeError(`model ${checked.name}: ${checked.detail}`);
  }
}

/** Changes some settings, keeps the others; resolves to the settings now stored. */
export async function saveSettings(patch: SettingsPatch): Promise<Settings> {
  checkPatch(patch);
  const { settings } = await loadSettings();
  const next: Settings = { ...settings, ...patch, version: SETTINGS_VERSION };
  await browser.storage.local.set({ [SETTINGS_KEY]: next });
  return next;
}

/** The settings as stored, repaired in memory only: for content scripts and other readers. */
export async function readSettings(): Promise<Settings> {
  const got = (await browser.storage.local.get(SETTINGS_KEY)) as Obj;
  return migrate(got[SETTINGS_KEY]);
}

/** The lexicon the engine should use: the imported one when it is valid, else the bundled one. */
export async function activeLexicon(): Promise<CompiledLexicon> {
  try {
    return (await readSettings()).lexicon?.compiled ?? bundledLexicon;
  } catch {
    return bundledLexicon;
  }
}

/** Calls `listener` with the new settings whenever they change; returns the unsubscribe function. */
export function onSettingsChanged(listener: (settings: Settings) => void): () => void {
  const handler = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
    if (area === 'local' && SETTINGS_KEY in changes) listener(migrate(changes[SETTINGS_KEY]!.newValue));
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}

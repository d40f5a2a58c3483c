/**
 * Every key the extension keeps in browser storage, with the parser of what is read
 * back: one place, so the background, the popup and the options page cannot disagree
 * on a name or a shape. Whatever storage holds is checked; a damaged value reads as
 * the empty one, and the rest is kept.
 *
 *   storage.local    settings          the versioned settings (parsed by settings.ts: they need the lexicon's validator)
 *                    settingsProblems  repairs not yet shown in the options page (settings.ts)
 *                    sites             origin → "always-on" | "always-off"
 *   storage.session  tabs              tab id → the tab's state and report, while the browser runs
 *                    pendingAlwaysOn   the origin the popup asked a permission for (it may close meanwhile)
 */
import { SITE_MODES, type SiteMode, type TabState } from './messages.ts';
import { isObject } from './vocab/vocab.ts';

export const STORAGE_KEYS = {
  settings: 'settings',
  settingsProblems: 'settingsProblems',
  sites: 'sites',
  tabs: 'tabs',
  pendingAlwaysOn: 'pendingAlwaysOn',
} as const;

/** The per-site defaults as stored; entries that are not a known mode are left out. */
export function parseSites(raw: unknown): Record<string, SiteMode> {
  const out: Record<string, SiteMode> = {};
  if (!isObject(raw)) return out;
  for (const [origin, mode] of Object.entries(raw)) if (SITE_MODES.includes(mode as SiteMode)) out[origin] = mode as SiteMode;
  return out;
}

/** The origins set to "always on", sorted. */
export function alwaysOnOrigins(sites: Record<string, SiteMode>): string[] {
  return Object.entries(sites)
    .filter(([, mode]) => mode === 'always-on')
    .map(([origin]) => origin)
    .sort();
}

const STATUSES = new Set(['idle', 'scanning', 'ready', 'unsupported', 'error']);

/** One stored tab state, or null when it does not look like one. */
function parseTabState(id: number, v: unknown): TabState | null {
  if (!isObject(v) || typeof v.on !== 'boolean' || !STATUSES.has(v.status as string)) return null;
  const report =
    isObject(v.report) && Array.isArray(v.report.statements) && Array.isArray(v.report.speakers) ? (v.report as unknown as TabState['report']) : null;
  const st: TabState = {
    tabId: id,
    on: v.on,
    status: v.status as TabState['status'],
    url: typeof v.url === 'string' ? v.url : null,
    title: typeof v.title === 'string' ? v.title : null,
    report,
  };
  if (typeof v.message === 'string') st.message = v.message;
  return st;
}

/** The tab states as stored (storage.session): tab id → state; damaged entries are left out. */
export function parseTabStates(raw: unknown): Map<number, TabState> {
  const out = new Map<number, TabState>();
  if (!isObject(raw)) return out;
  for (const [key, v] of Object.entries(raw)) {
    const id = Number(key);
    if (!Number.isInteger(id) || id < 0) continue;
    const st = parseTabState(id, v);
    if (st) out.set(id, st);
  }
  return out;
}

/** The origin a permission was asked for, or null. */
export function parsePendingOrigin(raw: unknown): string | null {
  return typeof raw === 'string' && raw.length < 2048 ? raw : null;
}

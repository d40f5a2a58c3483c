/**
 * What the popup lists, from a report: one group per speaker with statements (most
 * statements first), then the unattributed ones; the filters; the keyboard order.
 * Pure functions, no DOM.
 */
import type { Overall, Report, Speaker, Stance, StanceCounts, Statement } from '../engine/types.ts';
import { STANCES, zeroCounts } from '../vocab/vocab.ts';

export interface Group {
  /** speaker id, or UNATTRIBUTED */
  key: string;
  /** null for the unattributed group */
  speaker: Speaker | null;
  /** indices into report.statements, in document order */
  statements: number[];
  counts: StanceCounts;
  overall: Overall | null;
}

export const UNATTRIBUTED = '\u0000unattributed';

const zero = (): StanceCounts => zeroCounts();

export function groupsOf(report: Report): Group[] {
  const byId = new Map(report.speakers.map((s) => [s.id, s]));
  const groups = new Map<string, Group>();
  const loose: Group = { key: UNATTRIBUTED, speaker: null, statements: [], counts: zero(), overall: null };
  report.statements.forEach((st, i) => {
    if (st.speaker === null) {
      loose.statements.push(i);
      loose.counts[st.stance]++;
      return;
    }
    let g = groups.get(st.speaker);
    if (!g) {
      const sp = byId.get(st.speaker) ?? null;
      // a statement whose speaker is missing from speakers[]: still listed, under its id
      const speaker: Speaker = sp ?? { id: st.speaker, name: st.speaker, inLexicon: false, mentions: [], stance: zero(), overall: 'unknown' };
      g = { key: st.speaker, speaker, statements: [], counts: sp ? { ...sp.stance } : zero(), overall: sp ? sp.overall : null };
      groups.set(st.speaker, g);
    }
    g.statements.push(i);
    if (!byId.has(st.speaker)) g.counts[st.stance]++;
  });
  // most statements first; ties keep the order of first appearance in the page
  const list = [...groups.values()].sort((a, b) => b.statements.length - a.statements.length || a.statements[0]! - b.statements[0]!);
  if (loose.statements.length) list.push(loose);
  return list;
}

/**
 * A name for each statement that survives a new report of the same page (the popup
 * follows the tab while open): speaker, kind and words, numbered when they repeat.
 * Indices into report.statements shift when the page gains a statement before it.
 */
export function statementKeys(report: Report): string[] {
  const seen = new Map<string, number>();
  return report.statements.map((st) => {
    const base = `${st.speaker ?? ''}\u0000${st.kind}\u0000${st.text.replace(/\s+/g, ' ').trim()}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return `${base}\u0000${n}`;
  });
}

export interface Filters {
  stances: Record<Stance, boolean>;
  /** part of the speaker's name; case and accents ignored */
  name: string;
  flaggedOnly: boolean;
}

export const ALL: Filters = { stances: { 'pro-ukraine': true, 'contra-ukraine': true, neutral: true, unknown: true }, name: '', flaggedOnly: false };

export const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

export function isFiltering(f: Filters): boolean {
  return f.flaggedOnly || fold(f.name) !== '' || STANCES.some((s) => !f.stances[s]);
}

export function statementMatches(st: Statement, group: Group, f: Filters): boolean {
  if (!f.stances[st.stance]) return false;
  if (f.flaggedOnly && st.flags.length === 0) return false;
  const q = fold(f.name);
  if (q && !(group.speaker && fold(group.speaker.name).includes(q))) return false;
  return true;
}

export interface VisibleGroup extends Group {
  /** the statements that pass the filters */
  shown: number[];
}

export function visibleGroups(report: Report, groups: readonly Group[], f: Filters): VisibleGroup[] {
  return groups.map((g) => ({ ...g, shown: g.statements.filter((i) => statementMatches(report.statements[i]!, g, f)) })).filter((g) => g.shown.length > 0);
}

/** The order j/k and the arrow keys walk: the list as shown. */
export function navOrder(groups: readonly VisibleGroup[]): number[] {
  return groups.flatMap((g) => g.shown);
}

/** The statement after (delta +1) or before (-1) `current` in `order`; stays at the ends. */
export function step(order: readonly number[], current: number | null, delta: number): number | null {
  if (order.length === 0) return null;
  const at = current === null ? -1 : order.indexOf(current);
  if (at < 0) return delta > 0 ? order[0]! : order[order.length - 1]!;
  return order[Math.min(order.length - 1, Math.max(0, at + delta))]!;
}

/** The web site of a page, for the per-site default and its permission. */
export interface Site {
  origin: string;
  host: string;
  /** match pattern without port (Firefox refuses one) */
  pattern: string;
}

export function siteOf(url: string | null | undefined): Site | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return { origin: u.origin, host: u.host, pattern: `${u.protocol}//${u.hostname}/*` };
  } catch {
    return null;
  }
}

export function hostOf(url: string | null | undefined): string {
  if (!url) return '';
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/** `?tabId=N` targets tab N instead of the active one (the popup opened as a tab, in tests). */
export function tabIdParam(search: string): number | null {
  const raw = new URLSearchParams(search).get('tabId');
  if (raw === null || !/^\d+$/.test(raw)) return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : null;
}

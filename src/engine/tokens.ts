/**
 * Token helpers shared by the attribution sieves: sentence ends, quote marks,
 * mentions at a token, speech verbs.
 */
import type { AttributionKind } from './types.ts';
import type { Mention } from './mentions.ts';
import type { Token } from '../text/paragraphs.ts';
import type { Para, ParaShape, RawStatement, Ref } from './attribution-types.ts';
import { PREPOSITIONS, SPEECH_VERBS, TITLE_WORDS } from '../text/wordlists.ts';

export const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'gen',
  'sen',
  'rep',
  'jr',
  'sr',
  'vs',
  'no',
  'inc',
  'corp',
  'ltd',
  'co',
  'prof',
  'gov',
  'lt',
  'col',
  'sgt',
  'ph',
  'd',
  'u',
  's',
  'e',
  'g',
  'i',
  'etc',
  'approx',
  'fig',
  'jan',
  'feb',
  'mar',
  'apr',
  'aug',
  'sept',
  'sep',
  'oct',
  'nov',
  'dec',
]);

export function isTerminal(t: Token | undefined): boolean {
  return !!t && !t.word && (t.w === '.' || t.w === '!' || t.w === '?');
}

export const isQuoteMark = (t: Token | undefined) => !!t && !t.word && (t.w === '"' || t.w === "'");

export function kindOf(m: Mention): AttributionKind {
  if (m.kind === 'descriptor') return 'title';
  return 'explicit';
}

export function refFromMention(m: Mention, kind: AttributionKind, note: string): Ref {
  return { id: m.ids.length === 1 ? m.ids[0]! : null, kind, start: m.start, end: m.end, note: m.fuzzy ? `${note} (name misspelt on the page)` : note };
}

export function mentionEndingAt(p: Para, t1: number): Mention | null {
  const idx = p.mentionAt[t1 - 1];
  if (idx === undefined || idx < 0) return null;
  const m = p.mentions[idx]!;
  return m.t1 === t1 ? m : null;
}

export function mentionStartingAt(p: Para, t0: number): Mention | null {
  const idx = p.mentionAt[t0];
  if (idx === undefined || idx < 0) return null;
  const m = p.mentions[idx]!;
  return m.t0 === t0 ? m : null;
}

export function isSubjectLike(p: Para, m: Mention): boolean {
  if (m.quoted || m.poss) return false;
  let b = m.t0;
  // "to European Council President Ann Lee": titles between a preposition and the name
  for (let k = m.t0 - 1; k >= 0 && k > m.t0 - 7; k--) {
    const t = p.tokens[k]!;
    if (!t.word || t.q >= 0 || !(TITLE_WORDS.has(t.w) || t.cap)) break;
    if (PREPOSITIONS.has(p.tokens[k - 1]?.w ?? '')) b = k;
  }
  const prev = p.tokens[b - 1];
  if (prev && prev.word && PREPOSITIONS.has(prev.w)) {
    // "statement of the Weimar+ group" speaks for the group
    const pp = p.tokens[b - 2];
    if (!(pp && /^statement/.test(pp.w))) return false;
  }
  return true;
}

const MAKE = new Set(['made', 'makes', 'make', 'making']);

export function isSpeechVerb(toks: Token[], v: number): boolean {
  const t = toks[v];
  if (!t) return false;
  if (!t.word || (t.cap && v > 0 && !isTerminal(toks[v - 1]) && !isQuoteMark(toks[v - 1]))) {
    // capitalised mid-sentence: a name (e.g. "Said" as a surname) unless after a quote
    if (t.cap && v > 0) return false;
  }
  if (!SPEECH_VERBS.has(t.w)) return MAKE.has(t.w) && madeClearEnd(toks, v) > 0;
  const prev = toks[v - 1];
  // "so-called" (a hyphen inside a word), not "…, - stressed X" (a dash)
  if (prev && prev.w === '-' && toks[v - 2] && toks[v - 2]!.end === prev.start && prev.end === t.start) return false;
  if (prev && (prev.w === 'the' || prev.w === 'a' || prev.w === 'an' || prev.w === 'his' || prev.w === 'her')) return false; // "the call", "a statement"
  const next = toks[v + 1];
  if ((t.w === 'point' || t.w === 'pointed' || t.w === 'points') && next?.w !== 'out') return false;
  if ((t.w === 'call' || t.w === 'calls') && next?.w !== 'for' && next?.w !== 'on') return false;
  return true;
}

export function isAccordingTo(toks: Token[], v: number): boolean {
  return toks[v]?.w === 'according' && toks[v + 1]?.w === 'to';
}

export function firstTokenAtOrAfter(toks: Token[], offset: number): number {
  let lo = 0;
  let hi = toks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (toks[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function lastTokenBefore(toks: Token[], offset: number): number {
  return firstTokenAtOrAfter(toks, offset) - 1;
}

export function sentenceStartOf(p: Para, t: number): number {
  let s = 0;
  for (const st of p.sentenceStarts) {
    if (st <= t) s = st;
    else break;
  }
  return s;
}

export function countWords(toks: Token[], a: number, b: number): number {
  let n = 0;
  for (let i = a; i < b; i++) if (toks[i]!.word) n++;
  return n;
}

/** Leading timestamp tokens ("00:12:31", "[00:12]", "(12:04)"): the index after them, 0 when none. */
export function timestampEnd(toks: Token[]): number {
  let k = 0;
  const open = toks[0]?.w === '[' || toks[0]?.w === '(';
  if (open) k++;
  let digits = 0;
  while (k < toks.length && ((toks[k]!.word && /^\d{1,2}$/.test(toks[k]!.w)) || toks[k]!.w === ':' || (toks[k]!.w === '.' && digits > 0))) {
    if (toks[k]!.word) digits++;
    else if (!toks[k + 1] || !/^\d{1,2}$/.test(toks[k + 1]!.w)) break;
    k++;
  }
  if (digits < 2) return 0;
  if (open) {
    if (toks[k]?.w !== ']' && toks[k]?.w !== ')') return 0;
    k++;
  }
  if (toks[k]?.w === '-') k++;
  return k;
}

/**
 * A speaker label opening a paragraph: "[timestamp] NAME [(LANGUAGE)]:" — the name's
 * token range and the colon. The name is 1–5 capitalised words; a language or
 * function in brackets may follow it ("KALLAS (FRENCH):", "Sen. Ann Lee (via video):").
 */
export function labelSpan(toks: Token[]): { a: number; b: number; colon: number; timestamp: boolean } | null {
  let colon = -1;
  for (let k = 1; k < toks.length && k < 18; k++) {
    if (toks[k]!.w === ':') {
      colon = k;
      break;
    }
  }
  if (colon < 0) return null;
  const a = timestampEnd(toks);
  let b = a;
  while (b < toks.length && b - a < 8 && (toks[b]!.word ? toks[b]!.cap || toks[b]!.w.length <= 3 : toks[b]!.w === '.' || toks[b]!.w === '-')) b++;
  if (b === a || !toks[a]!.word || !toks[a]!.cap) return null;
  let c = b;
  if (toks[c]?.w === '(') {
    // "(FRENCH)", "(R-Presidential Candidate)", "(via video)"
    let k = c + 1;
    while (k < toks.length && k < c + 8 && toks[k]!.w !== ')' && toks[k]!.w !== ':' && toks[k]!.q < 0) k++;
    if (toks[k]?.w !== ')') return null;
    c = k + 1;
  }
  if (toks[c]?.w !== ':' || c + 1 > toks.length) return null;
  return { a, b, colon: c, timestamp: a > 0 };
}

/** "made it clear" / "makes clear" at v: the token after the phrase, 0 when there is none. */
export function madeClearEnd(toks: Token[], v: number): number {
  const t = toks[v];
  if (!t || !MAKE.has(t.w)) return 0;
  if (toks[v + 1]?.w === 'clear') return v + 2;
  if (toks[v + 1]?.w === 'it' && toks[v + 2]?.w === 'clear') return v + 3;
  return 0;
}

/** "X was quoted as saying": the token before "was quoted as" (j is the token before the verb). */
export function skipQuotedAs(toks: Token[], j: number): number {
  if (toks[j]?.w !== 'as' || toks[j - 1]?.w !== 'quoted') return j;
  const aux = toks[j - 2]?.w ?? '';
  return /^(was|is|were|are|been)$/.test(aux) ? (toks[j - 3]?.w === 'has' || toks[j - 3]?.w === 'had' ? j - 4 : j - 3) : j - 2;
}

/** After a role in apposition: a comma, the end, a verb, or "for/of/at …" up to a comma ("a spokesperson for the ministry,"). */
export function appositionEnds(toks: Token[], k: number): boolean {
  const nx = toks[k];
  if (!nx || nx.w === ',' || isTerminal(nx) || isSpeechVerb(toks, k)) return true;
  if (!/^(for|of|at|in)$/.test(nx.w)) return false;
  for (let j = k + 1; j < Math.min(toks.length, k + 8); j++) {
    if (toks[j]!.w === ',' || isTerminal(toks[j])) return true;
    if (toks[j]!.q >= 0) return false;
  }
  return false;
}

/**
 * A headline's trailing attribution: "<statement> - Macron", "<statement>: Kremlin",
 * "<statement> — President Ann Lee Declares". A short paragraph of one sentence; the
 * name range [a, b) (titles included, a closing verb not) and the separator's token.
 */
export function headlineTail(toks: Token[]): { sep: number; a: number; b: number } | null {
  if (toks.length < 5 || toks.length > 45) return null;
  let end = toks.length;
  if (isTerminal(toks[end - 1])) end--;
  let sepAt = -1;
  for (let k = end - 2; k >= Math.max(3, end - 7); k--) if (toks[k]!.w === ':' || toks[k]!.w === '-') sepAt = k;
  if (sepAt < 0) return null;
  for (let k = 0; k < end; k++) if (isTerminal(toks[k]) && k > 0 && toks[k - 1]!.word && toks[k - 1]!.w.length > 1) return null;
  for (let sep = end - 2; sep >= Math.max(3, end - 7); sep--) {
    const t = toks[sep]!;
    if (t.q >= 0 || (t.w !== ':' && t.w !== '-')) continue;
    let b = end;
    // "… — President Putin Declares": a speech verb may close the headline
    if (SPEECH_VERBS.has(toks[b - 1]!.w) && b - 1 > sep + 1) b--;
    for (let k = sep + 1; k < b; k++) if (!toks[k]!.word || !(toks[k]!.cap || toks[k]!.w.length <= 3) || toks[k]!.q >= 0) return null;
    return b > sep + 1 ? { sep, a: sep + 1, b } : null;
  }
  return null;
}

/** A token of [a, b) inside a quotation. */
export function hasQuote(toks: Token[], a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (toks[i]!.q >= 0) return true;
  return false;
}

/** What a paragraph holds that the rarer sieves look for, found in one pass (kept in its memo). */
export function shapeOf(p: Para): ParaShape {
  if (p.memo.shape) return p.memo.shape;
  const shape: ParaShape = { according: false, thisWas: false, commaDash: false };
  const toks = p.tokens;
  for (let i = 0; i < toks.length - 1; i++) {
    const w = toks[i]!.w;
    if (w === 'according') shape.according = true;
    else if (w === 'this' && toks[i + 1]!.w === 'was') shape.thisWas = true;
    else if (w === ',' && toks[i + 1]!.w === '-') shape.commaDash = true;
  }
  return (p.memo.shape = shape);
}

/** What a sieve returns when it finds nothing (shared; never pushed to). */
export const NONE: RawStatement[] = [];

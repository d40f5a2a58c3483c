/**
 * Speakers the lexicon does not know but the page names next to a speech verb
 * ("said Marco Rubio, the secretary of state", "Lukashenko said", "VANCE: …").
 * A name next to a role of the role vocabulary is one too ("Ukraine's President Ann
 * Lee", "Ann Lee, the French foreign minister,"), with that role. They become speakers
 * marked as not in the lexicon; later mentions of their surname on the same page
 * refer to them.
 */
import type { Para } from './attribution-types.ts';
import { appositionEnds, headlineTail, isSpeechVerb, isTerminal, labelSpan, skipQuotedAs } from './tokens.ts';
import type { RoleVocabulary } from './roles.ts';
import type { Token } from '../text/paragraphs.ts';
import { ADVERBS, NAME_PARTICLES, NOT_NAMES, TITLE_WORDS } from '../text/wordlists.ts';

export interface PageName {
  id: string;
  name: string;
  words: string[];
  role: string;
  /** a body speaking ("the Russian Defence Ministry said"), not a person */
  body?: boolean;
}

/** Finds names of speakers on the page; `covered(p, t)` tells if a lexicon mention covers token t. */
export function findPageNames(paras: Para[], doc: string, roles?: RoleVocabulary): PageName[] {
  const found = new Map<string, PageName>();
  /** true when [a, b) is taken as a name (or is one already) */
  const add = (p: Para, a: number, b: number): boolean => {
    for (let t = a; t < b; t++) if (p.mentionAt[t] !== undefined && p.mentionAt[t]! >= 0) return true;
    const name = cleanName(p.tokens, a, b, doc);
    if (!name) return false;
    const surname = name.words[name.words.length - 1]!;
    // a surname seen before with a full name is the same person
    for (const pn of found.values()) {
      if (pn.words[pn.words.length - 1] === surname) {
        if (name.words.length > pn.words.length) {
          pn.words = name.words;
          pn.name = name.name;
        }
        if (!pn.role && name.role) pn.role = name.role;
        return true;
      }
    }
    const id = `page:${name.words.join('-')}`;
    found.set(id, { id, name: name.name, words: name.words, role: name.role });
    return true;
  };

  for (const p of paras) {
    const toks = p.tokens;
    // transcript label: "VANCE:" / "Elina Svitolina:" at the start of a paragraph
    const label = labelSpan(toks);
    if (label) {
      // the name is the capitalised run that ends the label: "Member of the European Parliament Ann Lee:"
      let a = label.b;
      while (a - 1 >= label.a && label.b - a < 5 && (isNameToken(toks[a - 1]) || toks[a - 1]!.w === '.')) a--;
      // the longest run that is a name ("European Parliament Ann Lee" is not; "Ann Lee" is)
      // "After the Angelus:" is no label of a person
      const lone = label.b - a === 1 && a > label.a && !toks[a - 1]!.cap;
      while (!lone && a < label.b && !add(p, a, label.b) && label.b - a > 2) a++;
    }
    if (roles && roles.size > 0) rolesNextToNames(p, roles, add);
    // a headline "<Name> on <topic>: …", "<statement> - <Name>", "Russian Foreign Ministry: …"
    const lead = headlineName(toks);
    if (lead) add(p, lead[0], lead[1]);
    const tail = headlineTail(toks);
    if (tail && !(roles && addBody(p, tail.a, tail.b, roles, doc, found))) add(p, tail.a, tail.b);
    if (label && roles) addBody(p, label.a, label.b, roles, doc, found);

    for (let v = 0; v < toks.length; v++) {
      const t = toks[v]!;
      if (t.q >= 0 || !t.word) continue;
      if (t.w === 'according' && toks[v + 1]?.w === 'to') {
        // "according to a State Department statement", "according to the Russian Defence Ministry"
        if (roles && roles.size > 0) bodiesAt(p, v + 1, roles, doc, found);
        const r = nameRunAfter(toks, v + 2);
        if (r) add(p, r[0], r[1]);
        continue;
      }
      if (t.w === 'from' && toks[v - 1]?.w === 'quote') {
        const r = nameRunAfter(toks, v + 1);
        if (r) add(p, r[0], r[1]);
        continue;
      }
      if (!isSpeechVerb(toks, v)) continue;
      if (roles && roles.size > 0) bodiesAt(p, v, roles, doc, found);
      const before = nameRunBefore(toks, v);
      if (before && personBefore(toks, before, v, roles)) add(p, before[0], before[1]);
      const prev = toks[v - 1];
      if (!before && (v === 0 || (prev && !prev.word && (prev.w === ',' || prev.w === '"' || prev.w === "'" || prev.w === '-')))) {
        const after = nameRunAfter(toks, v + 1);
        if (after) add(p, after[0], after[1]);
      }
    }
    // "…" – Name at the end of the paragraph, and "<post>. — Name (@handle)"
    for (let i = 0; i < toks.length - 1; i++) {
      const t = toks[i]!;
      if (t.w !== '-' || t.q >= 0) continue;
      const prev = toks[i - 1];
      if (!prev || (prev.q < 0 && !(prev.w === '"' || prev.w === "'" || (isTerminal(prev) && p.quotes.length === 0)))) continue;
      const r = nameRunAfter(toks, i + 1);
      if (r) add(p, r[0], r[1]);
    }
  }
  return [...found.values()];
}

/** "French Foreign Minister Ann Lee", "Ann Lee, Ukraine's former president," — the name next to a role phrase. */
function rolesNextToNames(p: Para, roles: RoleVocabulary, add: (p: Para, a: number, b: number) => void) {
  const toks = p.tokens;
  for (const r of (p.memo.roles ??= roles.find(toks))) {
    if (r.poss) continue;
    // the role, then a capitalised run (not itself a role, nation or body)
    let b = r.t1;
    while (b < toks.length && b < r.t1 + 4 && isNameToken(toks[b]) && !roles.starts(toks[b]!.w)) {
      b++;
      if (toks[b - 1]!.poss) break;
    }
    if (b > r.t1 && !toks[b - 1]!.poss && (b - r.t1 >= 2 || isSpeechVerb(toks, b) || toks[b]?.w === ',')) add(p, r.t1, b);
    // "Ann Lee, a spokesperson for the ministry," / "Ann Lee, Finland's president,": a full name before the role
    if (toks[r.t0 - 1]?.w === ',' && appositionEnds(toks, r.t1)) {
      let a = r.t0 - 1;
      while (a - 1 >= 0 && a > r.t0 - 6 && isNameToken(toks[a - 1]) && !roles.starts(toks[a - 1]!.w)) a--;
      if (r.t0 - 1 - a >= 2 && (a === 0 || !toks[a - 1]!.word)) add(p, a, r.t0 - 1);
    }
  }
}

/** A body next to the speech verb at v: "the Russian Defence Ministry said", "said the Pentagon". */
function bodiesAt(p: Para, v: number, roles: RoleVocabulary, doc: string, found: Map<string, PageName>) {
  const toks = p.tokens;
  let j = v - 1;
  while (j >= 0 && toks[j]!.word && ADVERBS.has(toks[j]!.w)) j--;
  // the phrase ends at j, with a body's word: try each start a few tokens back
  if (j >= 0 && toks[j]!.word && hasBodyWord(toks, Math.max(0, j - 3), j + 1, roles)) {
    for (let i = Math.max(0, j - 4); i <= j; i++) if (addBody(p, i, j + 1, roles, doc, found)) return;
  }
  if (!hasBodyWord(toks, v + 1, v + 5, roles)) return;
  if (toks[v + 1]) addBody(p, v + 1, null, roles, doc, found) || (toks[v + 1]!.w === 'a' && addBody(p, v + 2, null, roles, doc, found));
}

function hasBodyWord(toks: Token[], a: number, b: number, roles: RoleVocabulary): boolean {
  for (let i = a; i < b && i < toks.length; i++) if (toks[i]!.word && roles.starts(toks[i]!.w, 'body')) return true;
  return false;
}

/** A body phrase at token i (ending at `endsAt` when given) becomes a page-only speaker; true when it did. */
function addBody(p: Para, i: number, endsAt: number | null, roles: RoleVocabulary, doc: string, found: Map<string, PageName>): boolean {
  const toks = p.tokens;
  {
    const b = roles.bodyAt(toks, i);
    if (!b || (endsAt !== null && b.t1 !== endsAt)) return false;
    for (let t = b.a; t < b.t1; t++) if (p.mentionAt[t] !== undefined && p.mentionAt[t]! >= 0) return false;
    const words = toks
      .slice(b.a, b.t1)
      .filter((t) => t.word)
      .map((t) => t.w);
    const id = `page:body-${words.join('-')}`;
    if (!found.has(id)) {
      const name = doc.slice(toks[b.a]!.start, toks[b.t1 - 1]!.end).replace(/\s+/g, ' ');
      found.set(id, { id, name: name.charAt(0).toUpperCase() + name.slice(1), words, role: '', body: true });
    }
    return true;
  }
}

/** "Ann Lee on grain exports: …" in a short paragraph: the name before "on". */
function headlineName(toks: Token[]): [number, number] | null {
  if (toks.length > 60) return null;
  let b = 0;
  while (b < toks.length && b < 6 && (isNameToken(toks[b]) || (toks[b]!.w === '.' && b > 0))) b++;
  if (b < 2 || !/^(on|during|at|in|after|about)$/.test(toks[b]?.w ?? '')) return null;
  for (let c = b + 1; c < Math.min(toks.length, b + 12); c++) {
    if (toks[c]!.q >= 0 || isTerminal(toks[c])) return null;
    if (toks[c]!.w === ':') return [0, b];
  }
  return null;
}

/**
 * A capitalised run before a speech verb that is a person, not a place or a group:
 * not after a preposition of place ("in New York dismissed"), not one word after "the" ("the
 * Alliance has made clear") or before a plural verb ("Commanders say"), not a nation.
 */
function personBefore(toks: Token[], [a, b]: [number, number], v: number, roles?: RoleVocabulary): boolean {
  const prev = toks[a - 1];
  if (prev && prev.word && /^(in|at|from|near|across|inside|outside|of)$/.test(prev.w)) return false;
  if (b - a === 1) {
    const w = toks[a]!.w;
    if (prev?.w === 'the') return false;
    if (roles?.starts(w, 'nation') || roles?.starts(w, 'body')) return false;
    const verb = toks[v]!.w;
    if (/^(say|tell|warn|claim|argue|insist|believe|think|add|note|stress|write|urge|agree|deny|accuse)$/.test(verb)) return false;
  }
  return true;
}

function isNameToken(t: Token | undefined): boolean {
  return !!t && t.word && t.q < 0 && (t.cap || NAME_PARTICLES.has(t.w));
}

/** Capitalised run ending right before the verb (adverbs, an apposition or a parenthesis between). */
function nameRunBefore(toks: Token[], v: number): [number, number] | null {
  let j = skipQuotedAs(toks, v - 1);
  while (j >= 0 && toks[j]!.word && ADVERBS.has(toks[j]!.w)) j--;
  if (j < 0) return null;
  if (toks[j]!.w === ')') {
    while (j >= 0 && toks[j]!.w !== '(') j--;
    j--;
  } else if (toks[j]!.w === ',') {
    // "Andriy Sybiha, Ukraine's Foreign Minister, said"
    let k = j - 1;
    while (k >= 0 && k > j - 30 && toks[k]!.w !== ',' && !isTerminal(toks[k]) && toks[k]!.q < 0) k--;
    if (k < 0 || toks[k]!.w !== ',') return null;
    j = k - 1;
  }
  if (j < 0 || !isNameToken(toks[j])) return null;
  let a = j;
  while (
    a - 1 >= 0 &&
    (isNameToken(toks[a - 1]) ||
      (toks[a - 1]!.w === '-' && isNameToken(toks[a - 2])) ||
      (toks[a - 1]!.w === '.' && toks[a - 2]?.word && toks[a - 2]!.w.length === 1))
  )
    a--;
  if (toks[a - 1]?.poss) return null; // "Putin's top aide" handled by cleanName; a possessive before is not a name start
  return [a, j + 1];
}

/** Titles then a capitalised run right after a verb or "according to". */
function nameRunAfter(toks: Token[], k: number): [number, number] | null {
  let a = k;
  while (a < toks.length && a < k + 8) {
    const t = toks[a]!;
    if (t.q >= 0 || isTerminal(t)) return null;
    if (t.word && t.poss) {
      a++;
      continue;
    }
    if (t.word && (TITLE_WORDS.has(t.w) || (!t.cap && /^(of|for|the|a|an|top|aide|adviser|advisor|spokesman|spokeswoman)$/.test(t.w)))) {
      a++;
      continue;
    }
    if (!t.word && t.w === '.') {
      a++;
      continue;
    }
    break;
  }
  if (!isNameToken(toks[a])) return null;
  let b = a;
  while (b < toks.length && (isNameToken(toks[b]) || (toks[b]!.w === '-' && isNameToken(toks[b + 1])) || (toks[b]!.w === '.' && toks[b - 1]!.w.length === 1))) {
    b++;
    if (toks[b - 1]!.poss) return null;
  }
  return [a, b];
}

const LEADING_FUNCTION_WORDS = new Set([
  'what',
  'when',
  'but',
  'and',
  'so',
  'as',
  'then',
  'now',
  'here',
  'there',
  'while',
  'after',
  'before',
  'meanwhile',
  'however',
  'also',
  'yet',
  'still',
  'even',
  'only',
  'said',
  'says',
]);

/** Strips titles and nationality words; refuses places, bodies and common words. */
function cleanName(toks: Token[], a: number, b: number, doc: string): { name: string; words: string[]; role: string } | null {
  let s = a;
  const role: string[] = [];
  while (s < b && (TITLE_WORDS.has(toks[s]!.w) || LEADING_FUNCTION_WORDS.has(toks[s]!.w) || !toks[s]!.word)) {
    if (toks[s]!.word) role.push(toks[s]!.w);
    s++;
  }
  const ws = toks.slice(s, b).filter((t) => t.word);
  if (ws.length === 0 || ws.length > 4) return null;
  if (ws.some((t) => NOT_NAMES.has(t.w))) return null;
  // "Duma Speaker", "Foreign Minister": a title, not a name
  if (TITLE_WORDS.has(ws[ws.length - 1]!.w)) return null;
  if (ws.length === 1 && ws[0]!.w.length < 3) return null;
  if (!ws[0]!.cap) return null;
  // all-caps transcript labels become title case
  const words = ws.map((t) => t.w);
  const raw = doc
    .slice(toks[s]!.start, toks[b - 1]!.end)
    .replace(/\s+/g, ' ')
    .replace(/['’]s$/, '');
  const text = raw === raw.toUpperCase() ? raw.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_m, d: string, c: string) => d + c.toUpperCase()) : raw;
  return { name: text, words, role: role.join(' ') };
}

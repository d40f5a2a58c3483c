/**
 * Actor mentions: every alias of the lexicon (and every name the page itself
 * introduces as a speaker) found in a paragraph's tokens, longest alias first, with
 * possessives, surname-only references and small misspellings of long names.
 */
import type { AliasKind, CompiledLexicon } from '../lexicon/types.ts';
import { tokenize, type Token } from '../text/paragraphs.ts';
import { editDistance } from '../text/distance.ts';
import { NAME_PARTICLES, TITLE_WORDS } from '../text/wordlists.ts';

export interface Mention {
  /** candidate actor ids: one, or several for a shared alias */
  ids: string[];
  kind: AliasKind;
  /** token range [t0, t1) in the paragraph */
  t0: number;
  t1: number;
  start: number;
  end: number;
  /** the last word carried a possessive ("Hegseth's vision") */
  poss: boolean;
  /** inside a quotation */
  quoted: boolean;
  /** matched through a misspelling */
  fuzzy: boolean;
  /** a page-only name, not from the lexicon */
  page: boolean;
}

interface AliasEntry {
  words: string[];
  /** positions where the alias itself has a possessive ("Zelenskiy's office") */
  poss?: boolean[];
  ids: string[];
  kind: AliasKind;
  page: boolean;
}

/** Lexicon words that must not be reached by a misspelling (other people's names). */
const FUZZY_BLOCK = new Set(['zelenska', 'zelenskaya', 'wallach', 'grahams']);

export class ActorMatcher {
  private byFirst = new Map<string, AliasEntry[]>();
  private fuzzyWords = new Map<string, string[]>();
  private fuzzyCache = new Map<string, string | null>();

  constructor(lexicon: CompiledLexicon) {
    const claims = new Map<string, AliasEntry>();
    for (const actor of lexicon.actors) {
      for (const alias of actor.aliases) {
        const toks = tokenize(alias.text, 0, alias.text.length);
        const words = toks.map((t) => t.w);
        if (words.length === 0) continue;
        const key = words.join(' ');
        const existing = claims.get(key);
        if (existing) {
          if (!existing.ids.includes(actor.id)) existing.ids.push(actor.id);
          continue;
        }
        const entry: AliasEntry = { words, ids: [actor.id], kind: alias.kind, page: false, poss: toks.map((t) => t.poss) };
        claims.set(key, entry);
        this.add(entry);
        if ((alias.kind === 'name' || alias.kind === 'surname') && words.length <= 3) {
          for (const w of words) this.addFuzzy(w);
        }
      }
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  private add(entry: AliasEntry) {
    const first = entry.words[0]!;
    let list = this.byFirst.get(first);
    if (!list) this.byFirst.set(first, (list = []));
    list.push(entry);
  }

  private addFuzzy(w: string) {
    if (w.length < 6 || !/^[a-z]+$/.test(w)) return;
    const k = w[0]!;
    const list = this.fuzzyWords.get(k) ?? [];
    if (!list.includes(w)) list.push(w);
    this.fuzzyWords.set(k, list);
  }

  /**
   * A matcher for one page: this lexicon's aliases plus the names the page itself
   * introduces (full name, and surname alone). The lexicon's tables are shared, only
   * the touched alias lists are copied, so this is cheap per page.
   */
  withPageNames(names: Array<{ id: string; words: string[]; body?: boolean }>): ActorMatcher {
    const m = Object.create(ActorMatcher.prototype) as ActorMatcher;
    m.byFirst = new Map(this.byFirst);
    m.fuzzyWords = this.fuzzyWords;
    m.fuzzyCache = this.fuzzyCache;
    const touched = new Set<string>();
    for (const { id, words: full, body } of names) {
      const entries: string[][] = [full];
      // a person's surname alone refers to them; a body ("Defence Ministry") has no surname
      if (full.length > 1 && !body) entries.push([full[full.length - 1]!]);
      for (const words of entries) {
        if (m.has(words)) continue;
        const first = words[0]!;
        const list = touched.has(first) ? m.byFirst.get(first)! : [...(m.byFirst.get(first) ?? [])];
        touched.add(first);
        list.push({ words, ids: [id], kind: body ? 'office' : words.length > 1 ? 'name' : 'surname', page: true });
        m.byFirst.set(first, list);
      }
    }
    for (const first of touched) m.byFirst.get(first)!.sort((a, b) => b.words.length - a.words.length);
    return m;
  }

  has(words: string[]): boolean {
    return (this.byFirst.get(words[0]!) ?? []).some((e) => e.words.join(' ') === words.join(' '));
  }

  /** The lexicon word a capitalised token is a likely misspelling of, if any. */
  private correct(w: string): string | null {
    if (w.length < 6 || FUZZY_BLOCK.has(w)) return null;
    const cached = this.fuzzyCache.get(w);
    if (cached !== undefined) return cached;
    let best: string | null = null;
    const list = this.fuzzyWords.get(w[0]!);
    if (list && !this.byFirst.has(w)) {
      for (const cand of list) {
        const max = Math.max(cand.length, w.length) >= 8 ? 2 : 1;
        if (Math.abs(cand.length - w.length) > max) continue;
        if (editDistance(w, cand, max) <= max) {
          best = cand;
          break;
        }
      }
    }
    if (this.fuzzyCache.size < 10_000) this.fuzzyCache.set(w, best);
    return best;
  }

  find(tokens: Token[]): Mention[] {
    const out: Mention[] = [];
    const n = tokens.length;
    for (let i = 0; i < n;) {
      const tok = tokens[i]!;
      if (!tok.word) {
        i++;
        continue;
      }
      // the misspelling path only where the first word itself is a likely misspelling
      const m = this.matchAt(tokens, i, false) ?? (tok.cap && this.correct(tok.w) !== null ? this.matchAt(tokens, i, true) : null);
      if (m) {
        out.push(m);
        i = m.t1;
      } else i++;
    }
    return out;
  }

  private wordAt(tokens: Token[], j: number, fuzzy: boolean): string | undefined {
    const t = tokens[j];
    if (!t) return undefined;
    if (fuzzy && t.cap) return this.correct(t.w) ?? t.w;
    return t.w;
  }

  private matchAt(tokens: Token[], i: number, fuzzy: boolean): Mention | null {
    const first = this.wordAt(tokens, i, fuzzy);
    if (first === undefined) return null;
    const list = this.byFirst.get(first);
    if (!list) return null;
    for (const entry of list) {
      const len = entry.words.length;
      let ok = true;
      for (let k = 0; k < len; k++) {
        const t = tokens[i + k];
        if (!t || this.wordAt(tokens, i + k, fuzzy) !== entry.words[k]) {
          ok = false;
          break;
        }
        // a possessive can only end the alias
        if (t.poss && k < len - 1 && !entry.poss?.[k]) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      const last = tokens[i + len - 1]!;
      if (entry.kind === 'name' || entry.kind === 'surname') {
        // names are capitalised; "bacon" the food is not Don Bacon
        if (!tokens[i]!.cap) continue;
        if (entry.kind === 'surname' && !this.surnameStandsAlone(tokens, i, len)) continue;
      }
      let isFuzzy = false;
      if (fuzzy) for (let k = 0; k < len; k++) if (tokens[i + k]!.w !== entry.words[k]) isFuzzy = true;
      return {
        ids: [...entry.ids],
        kind: entry.kind,
        t0: i,
        t1: i + len,
        start: tokens[i]!.start,
        end: last.end,
        poss: last.poss,
        quoted: tokens[i]!.q >= 0,
        fuzzy: isFuzzy,
        page: entry.page,
      };
    }
    return null;
  }

  /** "Graham" alone is Thomas Graham; "Lindsey Graham" or "Graham Platner" is someone else. */
  private surnameStandsAlone(tokens: Token[], i: number, len: number): boolean {
    const prev = tokens[i - 1];
    if (prev && prev.word && prev.cap && !prev.poss && !TITLE_WORDS.has(prev.w) && !isSentenceStart(tokens, i - 1)) return false;
    const next = tokens[i + len];
    if (next && next.word && next.cap && !tokens[i + len - 1]!.poss && !NAME_PARTICLES.has(next.w)) {
      // "Trump Putin call" is rare; "Graham Platner" is a different person
      return false;
    }
    return true;
  }
}

function isSentenceStart(tokens: Token[], i: number): boolean {
  if (i === 0) return true;
  const p = tokens[i - 1]!;
  return !p.word && /[.!?:"'\-(]/.test(p.w);
}

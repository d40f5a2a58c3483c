/**
 * Attribution: which speaker said each quote, and which reported statements a
 * paragraph holds. Ordered sieves, most precise first (after CoreNLP's quote
 * attribution): transcript labels, "…," X said (quote then speaker), X said: "…"
 * (speaker then quote), "according to X", continuation of the previous speaker, and
 * reported speech without quote marks. Pronouns and descriptors resolve to the
 * subject of the paragraph, not simply the last name mentioned. When the evidence
 * is weak the statement stays unattributed: a wrong speaker is worse than none.
 */
import type { AttributionKind } from './types.ts';
import type { Mention } from './mentions.ts';
import type { Token } from '../text/paragraphs.ts';
import type { ActorInfo, Para, RawStatement, Ref, SieveContext } from './attribution-types.ts';
import { holds, RoleVocabulary, roleText, type RoleMention, type RoleSignature } from './roles.ts';
import { QUOTE_SIEVES, REPORTED_SIEVES, WHOLE_SIEVES } from './sieves.ts';
import {
  ABBREVIATIONS,
  appositionEnds,
  countWords,
  firstTokenAtOrAfter,
  isAccordingTo,
  isQuoteMark,
  isSpeechVerb,
  isSubjectLike,
  isTerminal,
  kindOf,
  lastTokenBefore,
  mentionEndingAt,
  mentionStartingAt,
  madeClearEnd,
  refFromMention,
  sentenceStartOf,
  skipQuotedAs,
} from './tokens.ts';
import { ADVERBS, PREPOSITIONS, PRONOUNS, REPORT_VERBS, SPEECH_VERBS, TITLE_WORDS } from '../text/wordlists.ts';

export type { ActorInfo, Para, RawStatement, Ref } from './attribution-types.ts';
export { isSpeechVerb, isTerminal } from './tokens.ts';

/** Head nouns of titles a text uses instead of a name: "the minister said". */
const TITLE_HEADS = new Set([
  'president',
  'secretary',
  'minister',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'chancellor',
  'pm',
  'premier',
  'senator',
  'congressman',
  'congresswoman',
  'lawmaker',
  'envoy',
  'diplomat',
  'chief',
  'representative',
  'commissioner',
  'ambassador',
]);

/** Verb forms that cannot be nouns: past tense, participles, "says". */
const UNAMBIGUOUS_VERB = /^(said|says|told|tells|wrote|writes|written|saying|telling|adds|added|asked|asks)$|ed$|ing$/;

const CLAUSE_STARTERS = new Set(
  `the a an he she it they we i there this that these those his her its their our any no all every some ukraine europe
russia kyiv kiev moscow washington nato us america american european ukrainian russian britain france germany poland
president trump putin zelensky zelenskiy zelenskyy peace talks negotiations a`.split(/\s+/),
);

/** Sentence starts, in token indices; boundaries inside quotes do not count. */
export function sentenceStarts(tokens: Token[]): number[] {
  const out = [0];
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i]!;
    if (!isTerminal(t) || t.q >= 0) continue;
    const prev = tokens[i - 1];
    if (t.w === '.' && prev && prev.word && (ABBREVIATIONS.has(prev.w) || prev.w.length === 1)) continue;
    let j = i + 1;
    while (j < tokens.length && !tokens[j]!.word && (isTerminal(tokens[j]) || isQuoteMark(tokens[j]) || tokens[j]!.w === ')')) {
      if (tokens[j]!.q >= 0 || isQuoteMark(tokens[j])) break;
      j++;
    }
    const next = tokens[j];
    if (next && (next.cap || isQuoteMark(next) || !next.word)) out.push(j);
  }
  return out;
}

export class Attributor {
  /** speaker of the last statement of each paragraph (for pronouns and continuation) */
  private lastSpeaker = new Map<number, string>();
  private lastWasQuote = new Map<number, { open: boolean; id: string }>();

  private signatures: Map<string, RoleSignature[]> | null = null;
  /** where each actor is first named (document offset) */
  private firstNamed = new Map<string, number>();

  constructor(
    readonly paras: Para[],
    readonly info: (id: string) => ActorInfo,
    readonly roles: RoleVocabulary = new RoleVocabulary([]),
  ) {}

  rolesIn(p: Para): RoleMention[] {
    return (p.memo.roles ??= this.roles.size > 0 ? this.roles.find(p.tokens) : []);
  }

  /**
   * Who holds which role on this page: each actor's role text (lexicon, or the title
   * the page gave a page-only name), plus a role phrase right before a name ("French
   * Foreign Minister Ann Lee") or in apposition after it ("Ann Lee, the French foreign
   * minister,"). Only actors the page names are candidates.
   */
  private pageSignatures(): Map<string, RoleSignature[]> {
    if (this.signatures) return this.signatures;
    const out = new Map<string, RoleSignature[]>();
    const add = (id: string, sig: RoleSignature | null) => {
      if (!sig) return;
      const list = out.get(id) ?? [];
      if (!list.some((x) => x.office === sig.office && x.nation === sig.nation && x.body === sig.body && x.former === sig.former)) list.push(sig);
      out.set(id, list);
    };
    for (const p of this.paras) {
      for (const m of p.mentions) {
        if (m.ids.length !== 1 || out.has(m.ids[0]!)) continue;
        out.set(m.ids[0]!, []);
        this.firstNamed.set(m.ids[0]!, m.start);
        const role = this.info(m.ids[0]!).role;
        if (role) add(m.ids[0]!, this.roles.signatureOf(role));
      }
      const roles = this.rolesIn(p);
      for (const r of roles) {
        if (r.poss) continue;
        const sig = { office: r.office, nation: r.nation, body: r.body, former: r.former };
        const after = r.article === 'a' ? null : mentionStartingAt(p, r.t1);
        if (after && after.ids.length === 1 && !after.quoted) add(after.ids[0]!, sig);
        // "Ann Lee, the French foreign minister,"
        if (p.tokens[r.t0 - 1]?.w === ',' && appositionEnds(p.tokens, r.t1)) {
          const before = mentionEndingAt(p, r.t0 - 1);
          if (before && before.ids.length === 1 && !before.quoted && !before.poss) add(before.ids[0]!, sig);
        }
      }
    }
    this.signatures = out;
    return out;
  }

  /** A role phrase standing for a person: the one person on the page who holds it; else an unresolved ref that says why. */
  resolveRole(p: Para, role: RoleMention): Ref {
    const text = roleText(p.tokens, role);
    const found: string[] = [];
    // a title refers back: only people named before it are candidates
    for (const [id, sigs] of this.pageSignatures()) if ((this.firstNamed.get(id) ?? Infinity) < role.start && sigs.some((s) => holds(s, role))) found.push(id);
    const span = { start: role.start, end: role.end };
    if (found.length === 1) return { id: found[0]!, kind: 'title', ...span, note: `"${text}" is the one person with that role named on the page` };
    const why = found.length === 0 ? 'no one with that role is named before it on the page' : `${found.length} people on the page hold that role`;
    return { id: null, kind: 'title', ...span, note: `"${text}": ${why}, so the speaker is left unattributed` };
  }

  /** All statements of a paragraph, direct and reported, attributed: each sieve of sieves.ts in its order. */
  paragraph(pi: number): RawStatement[] {
    const p = this.paras[pi]!;
    // a paragraph that is one statement (a transcript turn, a headline, a signed post)
    for (const sieve of WHOLE_SIEVES) {
      const whole = sieve.statements(this, p);
      if (whole.length === 0) continue;
      for (const st of whole) {
        st.ref.sieve ??= sieve.name;
        this.remember(pi, st, false);
      }
      return whole;
    }
    const out: RawStatement[] = [];
    let prevDirect: RawStatement | null = null;
    for (let qi = 0; qi < p.quotes.length; qi++) {
      const q = p.quotes[qi]!;
      const [t0, t1] = p.quoteTokens[qi]!;
      const wordsInQuote = countWords(p.tokens, t0, t1);
      let ref: Ref | null = null;
      const input = { p, qi, prevDirect };
      for (const sieve of QUOTE_SIEVES) {
        ref = sieve.quote(this, input);
        if (ref) {
          ref.sieve ??= sieve.name;
          break;
        }
      }
      if (isTitleOrScare(p, qi, wordsInQuote, ref)) continue;
      const st: RawStatement = {
        para: pi,
        start: q.start,
        end: q.end,
        kind: 'direct',
        ref: ref ?? { id: null, kind: 'none', note: 'no speaker found next to the quote' },
        t0,
        t1,
        quote: qi,
      };
      out.push(st);
      if (st.ref.id) prevDirect = st;
    }
    for (const sieve of REPORTED_SIEVES) {
      for (const st of sieve.statements(this, p)) {
        if (out.some((o) => o.start < st.end && st.start < o.end)) continue;
        st.ref.sieve ??= sieve.name;
        out.push(st);
      }
    }
    out.sort((a, b) => a.start - b.start);
    // the paragraph's last statement, in reading order, is the one the next paragraph continues
    for (const st of out) this.remember(pi, st, st.quote >= 0 && p.quotes[st.quote]!.open);
    return out;
  }

  private remember(pi: number, st: RawStatement, open: boolean) {
    if (!st.ref.id) {
      // an unresolved speaker ("a spokesperson said") ends the run of the one before
      if (st.ref.kind !== 'none' || st.ref.start !== undefined) {
        this.lastWasQuote.delete(pi);
        this.lastSpeaker.delete(pi);
      }
      return;
    }
    this.lastSpeaker.set(pi, st.ref.id);
    if (st.kind === 'direct' && st.quote >= 0) this.lastWasQuote.set(pi, { open, id: st.ref.id });
    else this.lastWasQuote.delete(pi);
  }

  lastSpeakerOf(pi: number): string | null {
    return this.lastSpeaker.get(pi) ?? null;
  }

  // ---- quote then speaker ------------------------------------------------------

  /**
   * "…," X said / "…," said X / "…" – Name. `tight`: only the immediate pattern
   * (speaker and verb within a few words of the quote), tried before the head sieve.
   */
  tail(p: Para, qi: number, tight: boolean): Ref | null {
    const q = p.quotes[qi]!;
    const toks = p.tokens;
    let k = firstTokenAtOrAfter(toks, q.outerEnd);
    const endsSentence = /[.!?]$/.test(quoteTextEnd(toks, p.quoteTokens[qi]!));
    // skip the punctuation that closes the quote
    let dash = false;
    while (k < toks.length && !toks[k]!.word && toks[k]!.q < 0 && /[,:\-)]/.test(toks[k]!.w)) {
      if (toks[k]!.w === '-') dash = true;
      k++;
    }
    if (k >= toks.length) return null;
    if (toks[k]!.q >= 0) return null; // another quote follows directly
    // "…" and Bacon warned …: a new clause with its own subject
    if (/^(and|but|or|while|whereas|although|though|because|so)$/.test(toks[k]!.w)) return null;
    // "…" – Unai Emery  (at the end of the paragraph)
    if (dash) {
      const m = mentionStartingAt(p, k);
      if (m && !m.quoted) return refFromMention(m, 'explicit', 'name after a dash closing the quote');
    }
    const limit = Math.min(toks.length, k + (tight ? 7 : 18));
    for (let v = k; v < limit; v++) {
      const t = toks[v]!;
      if (t.q >= 0) return null;
      if (isTerminal(t) && !(t.w === '.' && v > 0 && toks[v - 1]!.word && (ABBREVIATIONS.has(toks[v - 1]!.w) || toks[v - 1]!.w.length === 1))) return null;
      if (!t.word) continue;
      if (isAccordingTo(toks, v)) return this.accordingTo(p, v);
      if (!isSpeechVerb(toks, v)) continue;
      // quote first, then "X said": the subject between the quote and the verb
      if (v > k) {
        const subj = this.subjectOfVerb(p, v, k) ?? (tight ? unnamedSubject(toks, k, v) : null);
        if (!subj) return null;
        // “… call.” He said their teams …: a new sentence, not an attribution
        if (endsSentence && (v - k > 4 || !attributionEndsAt(toks, v + 1))) return null;
        return subj;
      }
      // "said X"
      const obj = this.objectOfVerb(p, v);
      return obj;
    }
    return null;
  }

  // ---- speaker then quote --------------------------------------------------

  head(p: Para, qi: number): Ref | null {
    const q = p.quotes[qi]!;
    const toks = p.tokens;
    const open = lastTokenBefore(toks, q.outerStart);
    if (open < 0) return null;
    // the quote opens a new sentence: nothing before it belongs to it
    if (isTerminal(toks[open])) return null;
    const sentenceStart = sentenceStartOf(p, open);
    let passed = 0;
    let verbWithoutSubject = false;
    for (let v = open; v >= sentenceStart && passed < 40; v--) {
      const t = toks[v]!;
      passed++;
      if (t.q >= 0) {
        // skip over a short earlier quote in the same sentence (partial quotes)
        const qq = t.q;
        const [a, b] = p.quoteTokens[qq]!;
        if (countWords(toks, a, b) > 6) return null;
        v = a;
        continue;
      }
      if (!t.word) continue;
      if (isAccordingTo(toks, v)) return this.accordingTo(p, v);
      if (t.w === 'from' && toks[v - 1]?.w === 'quote') {
        const m = this.nextMention(p, v + 1, 4);
        return m ? refFromMention(m, 'explicit', '"Quote from" before the words') : null;
      }
      // past a verb without a subject only "according to" may still name the source
      if (verbWithoutSubject || !isSpeechVerb(toks, v)) continue;
      const subj = this.subjectOfVerb(p, v, sentenceStart);
      if (subj) return subj;
      const prev = toks[v - 1];
      if (v === sentenceStart || (prev && !prev.word && (prev.w === ',' || prev.w === '"'))) {
        const obj = this.objectOfVerb(p, v);
        if (obj) return obj;
      }
      if (t.w.endsWith('ing')) {
        const s = this.sentenceSubject(p, sentenceStart, v);
        if (s) return s;
      }
      // "a social media post", "his remarks": a noun, not the verb; keep looking
      if (!UNAMBIGUOUS_VERB.test(t.w)) continue;
      verbWithoutSubject = true;
    }
    return null;
  }

  accordingTo(p: Para, v: number): Ref | null {
    const toks = p.tokens;
    const after = toks[v]!.w === 'according' ? v + 2 : v + 1;
    // "according to him"
    const t = toks[after];
    if (t && PRONOUNS[t.w === 'him' ? 'he' : t.w === 'her' ? 'she' : t.w === 'them' ? 'they' : '']) {
      const pr = t.w === 'him' ? 'he' : t.w === 'her' ? 'she' : 'they';
      return this.resolvePronoun(p, after, pr, 'according-to');
    }
    const m = this.nextMention(p, after, 6, true);
    return m ? refFromMention(m, 'according-to', '"according to" names the source') : null;
  }

  // ---- continuation --------------------------------------------------------

  continuation(p: Para, qi: number, prevDirect: RawStatement | null): Ref | null {
    const q = p.quotes[qi]!;
    if (prevDirect && prevDirect.ref.id) {
      if (!this.otherSubjectBetween(p, prevDirect.t1, p.quoteTokens[qi]![0], prevDirect.ref.id)) {
        return { id: prevDirect.ref.id, kind: 'continuation', weak: true, note: 'continues the quote before it in the paragraph' };
      }
      return null;
    }
    // a paragraph that opens with a quote continues the previous paragraph's quote
    const first = p.tokens[0];
    if (qi === 0 && first && q.outerStart <= first.start) {
      const prev = this.lastWasQuote.get(p.index - 1);
      if (prev) {
        return {
          id: prev.id,
          kind: 'continuation',
          weak: true,
          note: prev.open ? 'the quote runs on from the paragraph before' : 'continues the quote of the paragraph before',
        };
      }
    }
    return null;
  }

  private otherSubjectBetween(p: Para, a: number, b: number, id: string): boolean {
    for (const m of p.mentions) {
      if (m.t0 < a || m.t1 > b || m.quoted || m.poss) continue;
      const t = p.tokens[m.t0 - 1];
      if (t && t.word && PREPOSITIONS.has(t.w)) continue;
      if (!m.ids.includes(id)) return true;
    }
    return false;
  }

  // ---- subjects ---------------------------------------------------------------

  /**
   * The speaker of the speech verb at v, looking left (not before `floor`): a name
   * right before the verb (adverbs and an appositive allowed), a pronoun, a title.
   */
  subjectOfVerb(p: Para, v: number, floor: number): Ref | null {
    const toks = p.tokens;
    let j = skipQuotedAs(toks, v - 1);
    while (j >= floor && toks[j]!.word && ADVERBS.has(toks[j]!.w)) j--;
    // "… on Wednesday said" is rare; "Trump on Wednesday said" happens
    if (j >= floor + 1 && toks[j]!.cap && /day$/.test(toks[j]!.w) && toks[j - 1]!.w === 'on') j -= 2;
    if (j < floor) return null;
    let t = toks[j]!;
    if (t.q >= 0) return null;
    if (t.w === ')') {
      while (j >= floor && toks[j]!.w !== '(') j--;
      j--;
      if (j < floor) return null;
      t = toks[j]!;
    }
    {
      // skip a list of members: "…, including Germany, France, Poland, and Britain said"
      let k = j;
      while (k > floor && k > j - 14 && (toks[k]!.cap || toks[k]!.w === ',' || toks[k]!.w === 'and') && toks[k]!.q < 0) k--;
      if (k < j && toks[k]!.w === 'including') {
        j = k - 1;
        if (toks[j]?.w === ',') j--;
        if (j < floor) return null;
        t = toks[j]!;
      }
    }
    const verb = toks[v]!.w;
    if (t.w === 'and' || t.w === 'but' || (t.w === ',' && verb.endsWith('ing'))) {
      // "… and later told reporters", "…, telling reporters": the subject of the sentence
      return this.sentenceSubject(p, Math.max(floor, sentenceStartOf(p, v)), j);
    }
    if (t.w === 'who' || t.w === 'which') {
      // "Don Bacon, who warned …"
      let k = j - 1;
      if (toks[k]?.w === ',') k--;
      const m = mentionEndingAt(p, k + 1);
      if (m && !m.quoted && !m.poss) return refFromMention(m, kindOf(m), 'named before "who" and the verb');
      return null;
    }
    if (t.w === ',') {
      // "the EU's foreign policy chief, Kaja Kallas, said" / "Dmitry Peskov, Kremlin spokesman, said"
      const direct = mentionEndingAt(p, j);
      if (direct && isSubjectLike(p, direct)) return refFromMention(direct, kindOf(direct), 'named before the verb');
      for (let k = j - 1; k >= Math.max(floor, j - 30); k--) {
        const tk = toks[k]!;
        if (tk.q >= 0 || isTerminal(tk)) break;
        if (tk.w === ',') {
          const m = mentionEndingAt(p, k);
          if (m && !m.quoted && !m.poss) return refFromMention(m, kindOf(m), 'named before an apposition and the verb');
          const pr = toks[k - 1];
          if (pr && PRONOUNS[pr.w] && (k - 1 === floor || !toks[k - 2]?.word)) return this.resolvePronoun(p, k - 1, PRONOUNS[pr.w]!, 'pronoun');
          break;
        }
      }
      return null;
    }
    if (!t.word) return null;
    const m = mentionEndingAt(p, j + 1);
    if (m) {
      if (m.quoted || m.poss) return null;
      return refFromMention(m, kindOf(m), 'named right before the verb');
    }
    if (/^(statement|communique|declaration)$/.test(t.w) && toks[j - 1]?.w === 'the') return this.recentGroup(p, j);
    // "the Kremlin spokesman said", "a spokesperson said", "Trump's envoy claims"
    const role = this.rolesIn(p).find((r) => r.t1 === j + 1 && r.t0 >= floor);
    if (role) return (role.article === 'the' ? this.byTitle(p, j) : null) ?? this.resolveRole(p, role);
    if (TITLE_HEADS.has(t.w)) return this.byTitle(p, j);
    const pr = PRONOUNS[t.w];
    if (pr && pr !== 'it') return this.resolvePronoun(p, j, pr, 'pronoun');
    return statementOf(p, sentenceStartOf(p, v), v);
  }

  /**
   * "the minister said": the one person named in this or the two paragraphs before
   * whose role has that title. Two candidates (two presidents) leave it unattributed.
   */
  byTitle(p: Para, head: number): Ref | null {
    const toks = p.tokens;
    let a = head;
    while (a > 0 && toks[a - 1]!.word && toks[a - 1]!.w !== 'the' && a > head - 4 && !toks[a - 1]!.cap) a--;
    if (a === 0 || toks[a - 1]!.w !== 'the') return null;
    const words = toks.slice(a, head + 1).map((t) => t.w);
    const former = words.includes('former');
    const found = new Set<string>();
    for (let back = 0; back <= 2; back++) {
      const pp = this.paras[p.index - back];
      if (!pp) break;
      for (const m of pp.mentions) {
        if (m.quoted || m.ids.length !== 1 || (back === 0 && m.t1 > a)) continue;
        const role = this.info(m.ids[0]!).role.toLowerCase();
        const roleHead = role.split(/ of |\(|,/)[0]!;
        if (!roleHead.split(/[\s-]+/).includes(words[words.length - 1]!)) continue;
        if (roleHead.includes('former') !== former) continue;
        if (!words.filter((w) => w !== 'former').every((w) => roleHead.includes(w) || w === words[words.length - 1])) continue;
        found.add(m.ids[0]!);
      }
    }
    if (found.size !== 1) return null;
    return {
      id: [...found][0]!,
      kind: 'title',
      start: toks[a - 1]!.start,
      end: toks[head]!.end,
      note: `"the ${words.join(' ')}" is the one person with that title named just before`,
    };
  }

  /** "the statement says": the group whose statement the text was about, within three paragraphs. */
  private recentGroup(p: Para, before: number): Ref | null {
    for (let back = 0; back <= 3; back++) {
      const pp = this.paras[p.index - back];
      if (!pp) break;
      const ms = pp.mentions.filter((m) => (back > 0 || m.t1 <= before) && m.ids.length === 1 && this.info(m.ids[0]!).kind === 'group');
      const m = ms[ms.length - 1];
      if (m)
        return {
          id: m.ids[0]!,
          kind: 'group',
          weak: true,
          start: p.tokens[before]!.start,
          end: p.tokens[before]!.end,
          note: '"the statement" refers to the group statement named before',
        };
    }
    return null;
  }

  /** "said X" / "said the U.S. secretary of state Pete Hegseth". */
  objectOfVerb(p: Para, v: number): Ref | null {
    const toks = p.tokens;
    for (let k = v + 1; k < Math.min(toks.length, v + 12); k++) {
      const t = toks[k]!;
      if (t.q >= 0) return null;
      if (isTerminal(t) && !(t.w === '.' && toks[k - 1]?.word && (toks[k - 1]!.w.length === 1 || ABBREVIATIONS.has(toks[k - 1]!.w)))) return null;
      // "said the Kremlin spokesman", "emphasized the head of the presidential office", "said French Foreign Minister Ann Lee"
      const role = mentionStartingAt(p, k) ? undefined : this.rolesIn(p).find((r) => r.t0 === k);
      if (role && !role.poss) {
        let n = role.t1;
        if (toks[n]?.w === ',') n++;
        const named = mentionStartingAt(p, n);
        if (named && !named.poss && !named.quoted) return refFromMention(named, kindOf(named), 'named right after the verb and a title');
        return this.resolveRole(p, role);
      }
      const m = mentionStartingAt(p, k);
      if (m) return m.poss ? null : refFromMention(m, kindOf(m), 'named right after the verb');
      if (t.word && !TITLE_WORDS.has(t.w) && (t.w === 'that' || REPORT_VERBS.has(t.w))) return null;
      if (t.word && t.cap && !TITLE_WORDS.has(t.w)) return null;
      if (t.word && !TITLE_WORDS.has(t.w) && !/^(of|for|on|in|at|to|and|from)$/.test(t.w) && !t.cap) {
        // lower-case words other than titles: "said in a statement", "said on Wednesday" keep looking
        if (!/^(in|a|statement|interview|wednesday|thursday|friday|monday|tuesday|saturday|sunday|later|earlier|also|separately)$/.test(t.w)) return null;
      }
    }
    return null;
  }

  nextMention(p: Para, from: number, within: number, skipPossessive = false): Mention | null {
    for (let k = from; k < Math.min(p.tokens.length, from + within); k++) {
      const t = p.tokens[k]!;
      if (t.q >= 0 || isTerminal(t)) return null;
      const m = mentionStartingAt(p, k);
      if (m) {
        if (m.poss && skipPossessive) {
          k = m.t1 - 1;
          continue;
        }
        return m.poss ? null : m;
      }
    }
    return null;
  }

  /** First name in the sentence that is its subject: not after a preposition, not possessive. */
  private sentenceSubject(p: Para, from: number, to: number): Ref | null {
    // a pronoun before every name is the subject: "Arriving, he accompanied President X …"
    let pronounAt = -1;
    for (let k = from; k < to; k++) {
      const t = p.tokens[k]!;
      if (t.q >= 0 || (p.mentionAt[k] ?? -1) >= 0) break;
      if (t.word && PRONOUNS[t.w] && PRONOUNS[t.w] !== 'it') {
        pronounAt = k;
        break;
      }
    }
    if (pronounAt < 0) {
      for (const m of p.mentions) {
        if (m.t0 < from || m.t1 > to) continue;
        if (!isSubjectLike(p, m)) continue;
        // the first name of the sentence is its subject only where a clause starts ("… called President X a puppet" has X as object)
        if (!startsClause(p.tokens, m.t0, from)) return null;
        return refFromMention(m, kindOf(m), 'subject of the sentence');
      }
    }
    const at = pronounAt >= 0 ? pronounAt : from;
    const t = p.tokens[at];
    if (t && PRONOUNS[t.w] && PRONOUNS[t.w] !== 'it') return this.resolvePronoun(p, at, PRONOUNS[t.w]!, 'pronoun');
    // "The minister also said …, adding: …"
    for (let k = from + 1; k < Math.min(to, from + 5); k++) {
      if (TITLE_HEADS.has(p.tokens[k]!.w)) return this.byTitle(p, k);
    }
    return null;
  }

  /**
   * A pronoun's antecedent: the speaker of the statement before it in the paragraph,
   * else the subject of the paragraph (its first name that is not after a
   * preposition, possessive or quoted), else the last speaker or subject of the two
   * paragraphs before. Gender and number must agree.
   */
  resolvePronoun(p: Para, at: number, pronoun: 'he' | 'she' | 'they' | 'it', kind: AttributionKind): Ref | null {
    const agrees = (id: string) => {
      const i = this.info(id);
      if (pronoun === 'they') return i.kind === 'group' || i.kind === 'organisation' || i.pronoun === 'they';
      if (i.pronoun === null) return i.kind !== 'group';
      return i.pronoun === pronoun;
    };
    const pick = (ids: string[]) => ids.filter(agrees);
    // a name that opens a clause, not an object ("… convince President X that …, he said")
    let before = p.mentions.filter((m) => m.t1 <= at && isSubjectLike(p, m) && startsClause(p.tokens, m.t0, sentenceStartOf(p, m.t0)));
    // "According to him, Trump has …": a pronoun ahead of every name points back
    // to an earlier paragraph, so this paragraph's names are not its antecedent
    const firstPronoun = p.tokens.findIndex((t, i) => i < at && t.q < 0 && t.word && samePerson(t.w, pronoun));
    if (firstPronoun >= 0 && before.length > 0 && firstPronoun < before[0]!.t0) before = [];
    for (const m of before) {
      const ids = pick(m.ids);
      if (ids.length === 1) {
        return {
          id: ids[0]!,
          kind,
          weak: true,
          start: p.tokens[at]!.start,
          end: p.tokens[at]!.end,
          note: `"${p.tokens[at]!.w}" refers to the subject of the paragraph`,
        };
      }
    }
    for (let back = 1; back <= 3; back++) {
      const pp = this.paras[p.index - back];
      if (!pp) break;
      const last = this.lastSpeaker.get(pp.index);
      if (last && agrees(last)) {
        return {
          id: last,
          kind,
          weak: true,
          start: p.tokens[at]!.start,
          end: p.tokens[at]!.end,
          note: `"${p.tokens[at]!.w}" refers to the speaker of the paragraph before`,
        };
      }
      // the paragraph before opens with the same pronoun ("According to him, …"): its names are not the antecedent
      const ppPronoun = pp.tokens.findIndex((t) => t.q < 0 && t.word && samePerson(t.w, pronoun));
      const ppFirst = pp.mentions.find((m) => isSubjectLike(pp, m));
      if (ppPronoun >= 0 && (!ppFirst || ppPronoun < ppFirst.t0)) return null;
      const subj = pp.mentions.find((m) => isSubjectLike(pp, m) && pick(m.ids).length === 1);
      if (subj) {
        return {
          id: pick(subj.ids)[0]!,
          kind,
          weak: true,
          start: p.tokens[at]!.start,
          end: p.tokens[at]!.end,
          note: `"${p.tokens[at]!.w}" refers to the subject of the paragraph before`,
        };
      }
      if (pp.mentions.some((m) => !m.quoted)) break; // a paragraph about someone else
    }
    return null;
  }

  // ---- reported speech ---------------------------------------------------------

  /** Statements without quote marks: "X said (that) …", "…, X said in a statement." */
  reportedSpeech(p: Para): RawStatement[] {
    const out: RawStatement[] = [];
    const toks = p.tokens;
    const starts = p.sentenceStarts;
    for (let s = 0; s < starts.length; s++) {
      const a = starts[s]!;
      const b = s + 1 < starts.length ? starts[s + 1]! : toks.length;
      if (b - a < 4) continue;
      const hasQuote = toks.slice(a, b).some((t) => t.q >= 0);
      if (!hasQuote) {
        const r = this.clauseThenSpeaker(p, a, b);
        if (r) {
          out.push(r);
          continue;
        }
      }
      let lastSubj: Ref | null = null;
      for (let v = a; v < b; v++) {
        const t = toks[v]!;
        if (!t.word || t.q >= 0 || !(REPORT_VERBS.has(t.w) || t.w === 'saying' || (t.w.startsWith('ma') && madeClearEnd(toks, v) > 0))) continue;
        if (toks[v - 1] && toks[v - 1]!.w === '-') continue;
        let subj = this.subjectOfVerb(p, v, a);
        const before = prevNonAdverb(toks, v);
        if (!subj && lastSubj && before && (before.w === ',' || before.w === 'and')) subj = lastSubj;
        let c0: number;
        let c1: number;
        if (t.w === 'saying' && v > a && /^(while|after|before|when)$/.test(toks[v - 1]!.w)) {
          // "While saying the US remains committed …, Hegseth challenged …"
          c0 = v + 1;
          c1 = c0;
          while (c1 < b && toks[c1]!.w !== ',' && toks[c1]!.q < 0) c1++;
          const m = p.mentions.find((mm) => mm.t0 > c1 && mm.t0 < b && isSubjectLike(p, mm));
          if (!m || c1 >= b) continue;
          subj = refFromMention(m, kindOf(m), 'subject of the sentence');
        } else {
          // a title that names nobody on the page ("the French president said that …"): the statement, unattributed
          if (!subj || (!subj.id && subj.kind !== 'title')) continue;
          c0 = clauseStart(toks, v, b);
          if (c0 < 0) continue;
          c1 = clauseEnd(toks, c0, b);
        }
        if (!subj || (!subj.id && subj.kind !== 'title')) continue;
        if (subj.id) lastSubj = subj;
        // mixed speech ("the two had a “lengthy … call”"): the quote is the statement
        if (c1 < b && (toks[c1]!.q >= 0 || isQuoteMark(toks[c1]))) continue;
        if (countWords(toks, c0, c1) < 3) continue;
        if (toks.slice(c0, c1).some((x) => x.q >= 0)) continue;
        out.push({
          para: p.index,
          start: toks[c0]!.start,
          end: toks[c1 - 1]!.end,
          kind: 'reported',
          ref: { ...subj, kind: subj.kind === 'explicit' ? 'reported' : subj.kind, note: `${subj.note}; reported speech after "${t.w}"` },
          t0: c0,
          t1: c1,
          quote: -1,
        });
        v = c1 - 1;
      }
    }
    return out;
  }

  private clauseThenSpeaker(p: Para, a: number, b: number): RawStatement | null {
    const toks = p.tokens;
    // the last comma of the sentence followed by speaker + verb or verb + speaker
    for (let c = b - 2; c > a + 3; c--) {
      if (toks[c]!.w !== ',') continue;
      let end = b;
      while (end > c && !toks[end - 1]!.word) end--;
      if (end - c > 28) return null;
      let ref: Ref | null = null;
      const next = toks[c + 1];
      if (next && SPEECH_VERBS.has(next.w)) ref = this.objectOfVerb(p, c + 1);
      else {
        for (let v = c + 2; v < Math.min(end, c + 12); v++) {
          if (toks[v]!.word && SPEECH_VERBS.has(toks[v]!.w)) {
            ref = this.subjectOfVerb(p, v, c + 1);
            break;
          }
        }
      }
      if (!ref || !ref.id) return null;
      if (!onlyTrailingPhrase(toks, c + 1, end)) return null;
      // the speaker's own name may hold commas ("France, Germany, …, the UK, Spain and
      // the EU said"): the statement ends at the comma before the name
      if (ref.start !== undefined && ref.start < toks[c]!.end) {
        let k = c - 1;
        while (k > a && !(toks[k]!.w === ',' && toks[k]!.end <= ref.start)) k--;
        if (k <= a) return null;
        c = k;
      }
      if (countWords(toks, a, c) < 4) return null;
      return {
        para: p.index,
        start: toks[a]!.start,
        end: toks[c - 1]!.end,
        kind: 'reported',
        ref: { ...ref, kind: ref.kind === 'explicit' ? 'reported' : ref.kind, note: `${ref.note}; statement before the attribution` },
        t0: a,
        t1: c,
        quote: -1,
      };
    }
    return null;
  }
}

// ---- helpers ---------------------------------------------------------------------

/** "The [joint] statement of the Weimar+ group … notes": the sentence opens with a text of X, and X speaks. */
function statementOf(p: Para, from: number, v: number): Ref | null {
  const toks = p.tokens;
  let k = from;
  if (toks[k]?.w !== 'the' && toks[k]?.w !== 'a') return null;
  k++;
  if (/^(joint|final|official)$/.test(toks[k]?.w ?? '')) k++;
  if (!/^(statement|declaration|communique|letter|message|readout)$/.test(toks[k]?.w ?? '')) return null;
  k++;
  if (!/^(of|by|from)$/.test(toks[k]?.w ?? '')) return null;
  for (let j = k + 1; j < Math.min(v, k + 4); j++) {
    const m = mentionStartingAt(p, j);
    if (m && !m.quoted && m.t1 <= v) return refFromMention(m, kindOf(m), `"the ${toks[from + 1]!.w} of …" speaks for the one it names`);
  }
  return null;
}

/**
 * The name at t0 stands where a clause starts: at the sentence start (`from`) or after
 * punctuation, a conjunction or a clause word, with only titles, roles, articles and
 * nationalities before it ("Ukrainian President X", "the EU's X").
 */
function startsClause(toks: Token[], t0: number, from: number): boolean {
  let k = t0 - 1;
  while (k >= from && toks[k]!.word && toks[k]!.q < 0 && (TITLE_WORDS.has(toks[k]!.w) || toks[k]!.cap || toks[k]!.poss)) k--;
  if (k < from) return true;
  const t = toks[k]!;
  if (!t.word) return true;
  return /^(and|but|while|as|when|after|before|then|meanwhile|however|also|so|yet|because|although|though|that|who)$/.test(t.w);
}

/**
 * "“…,” officials said." / "“…,” a source told us.": the quote has its own speaker,
 * one the page does not name. An unresolved ref, so that no later sieve (a
 * continuation) gives the quote to the speaker before it.
 */
function unnamedSubject(toks: Token[], k: number, v: number): Ref | null {
  if (v - k > 4 || !attributionEndsAt(toks, v + 1)) return null;
  for (let j = k; j < v; j++) if (!toks[j]!.word || toks[j]!.q >= 0) return null;
  const words = toks
    .slice(k, v + 1)
    .map((t) => t.w)
    .join(' ');
  return { id: null, kind: 'none', start: toks[k]!.start, end: toks[v]!.end, note: `"${words}": the quote has a speaker the page does not name` };
}

function quoteTextEnd(toks: Token[], range: [number, number]): string {
  const last = toks[range[1] - 1];
  return last ? last.w : '';
}

/** Scare quotes, titles in quote marks and lone words nobody is said to have said. */
function isTitleOrScare(p: Para, qi: number, words: number, ref: Ref | null): boolean {
  const [a, b] = p.quoteTokens[qi]!;
  if (words === 0) return true;
  if (ref && ref.id && ref.kind !== 'continuation') {
    // a capitalised title right after "on"/"in": CNN’s “OutFront”
    const prev = p.tokens[lastTokenBefore(p.tokens, p.quotes[qi]!.outerStart)];
    const allCaps = p.tokens
      .slice(a, b)
      .filter((t) => t.word)
      .every((t) => t.cap);
    if (words <= 3 && allCaps && prev && (prev.poss || PREPOSITIONS.has(prev.w))) return true;
    return false;
  }
  return words <= 3;
}

function clauseStart(toks: Token[], v: number, end: number): number {
  // "made it clear that …": the clause after "clear"
  const clear = madeClearEnd(toks, v);
  if (clear > 0) v = clear - 1;
  const verb = toks[v]!.w;
  let k = v + 1;
  if (k >= end) return -1;
  // told reporters (that) …, told NATO allies the US …
  const takesObject = /^(told|tells|urged|urges|urge|called|calls)$/.test(verb);
  if (toks[k]!.w === 'that') return k + 1 < end ? k + 1 : -1;
  if (!takesObject && toks[k]!.word && (CLAUSE_STARTERS.has(toks[k]!.w) || toks[k]!.cap) && !PREPOSITIONS.has(toks[k]!.w) && !/day$/.test(toks[k]!.w)) return k;
  const look = Math.min(end, v + 10);
  for (let j = k; j < look; j++) {
    const t = toks[j]!;
    if (t.q >= 0) return -1;
    if (t.w === 'that' && toks[j + 1] && toks[j + 1]!.word) return j + 1;
    if (isTerminal(t)) return -1;
  }
  if (toks[k]!.w === ':') return k + 1 < end ? k + 1 : -1;
  if (verb === 'called' || verb === 'calls') {
    if (toks[k]!.w === 'for' || toks[k]!.w === 'on') return k + 1;
    return k; // "called eventual NATO membership for Ukraine unrealistic"
  }
  if (takesObject) {
    for (let j = k + 1; j < Math.min(end, k + 6); j++) {
      if (CLAUSE_STARTERS.has(toks[j]!.w) && toks[j]!.word) return j;
    }
    return -1;
  }
  const t = toks[k]!;
  if (!t.word) return -1;
  if (PREPOSITIONS.has(t.w) || ADVERBS.has(t.w)) return -1; // "said in a statement" without "that"
  if (CLAUSE_STARTERS.has(t.w) || t.cap) return k;
  return -1;
}

function clauseEnd(toks: Token[], c0: number, b: number): number {
  for (let j = c0 + 1; j < b; j++) {
    const t = toks[j]!;
    if (t.q >= 0) return j;
    if (isTerminal(t)) return j;
    if (t.w === ';') return j;
    if (t.w === ',' || t.w === 'and') {
      let nj = j + 1;
      while (toks[nj] && toks[nj]!.word && ADVERBS.has(toks[nj]!.w)) nj++;
      const n = toks[nj];
      let n2i = nj + 1;
      while (toks[n2i] && toks[n2i]!.word && ADVERBS.has(toks[n2i]!.w)) n2i++;
      const n2 = toks[n2i];
      if (n && n.word && (REPORT_VERBS.has(n.w) || (t.w === ',' && SPEECH_VERBS.has(n.w) && n.w.endsWith('ing')))) return j;
      if (t.w === ',' && n && (n.w === 'according' || n.w === 'but' || n.w === 'while')) return j;
      if (t.w === ',' && n?.w === 'and' && n2 && REPORT_VERBS.has(n2.w)) return j;
    }
  }
  let e = b;
  while (e > c0 && !toks[e - 1]!.word) e--;
  return e;
}

/** After the verb only "." or a short phrase: "Trump said.", "he said on Wednesday." */
function attributionEndsAt(toks: Token[], k: number): boolean {
  for (let j = k; j < Math.min(toks.length, k + 6); j++) {
    const t = toks[j]!;
    if (isTerminal(t) || t.q >= 0 || isQuoteMark(t)) return true;
    if (t.w === ',') return true;
    if (!t.word) continue;
    if (j === k && !(PREPOSITIONS.has(t.w) || ADVERBS.has(t.w) || /day$/.test(t.w) || t.w === 'reporters')) return false;
  }
  return toks.length <= k + 6;
}

/** "…, X said in a statement." — nothing after the verb but a short phrase. */
function onlyTrailingPhrase(toks: Token[], from: number, end: number): boolean {
  let v = -1;
  for (let j = from; j < end; j++)
    if (toks[j]!.word && SPEECH_VERBS.has(toks[j]!.w)) {
      v = j;
      break;
    }
  if (v < 0) return false;
  // inverted "…, said X, a fellow at …": a name and its apposition
  if (v === from) return true;
  const next = toks[v + 1];
  if (!next || v + 1 >= end) return true;
  return !next.word ? next.w === ',' : PREPOSITIONS.has(next.w) || ADVERBS.has(next.w) || /day$/.test(next.w) || next.w === 'reporters';
}

function samePerson(word: string, pronoun: string): boolean {
  if (pronoun === 'he') return word === 'he' || word === 'him' || word === 'his';
  if (pronoun === 'she') return word === 'she' || word === 'her';
  return word === 'they' || word === 'them' || word === 'their';
}

function prevNonAdverb(toks: Token[], v: number): Token | undefined {
  let j = v - 1;
  while (j >= 0 && toks[j]!.word && ADVERBS.has(toks[j]!.w)) j--;
  return toks[j];
}

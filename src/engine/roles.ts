/**
 * Roles on the page: the lexicon's role vocabulary (offices, nations, bodies) read
 * over a paragraph's tokens. A role phrase is "[the|a] [former] [nation|body]['s]
 * [former] office [of [the] nation|body]" — "Ukraine's President", "French Foreign
 * Minister", "the Kremlin spokesman", "the head of the presidential office". The
 * engine uses it to give a named person the role next to the name, and to resolve a
 * title alone to the one person on the page who holds it.
 */
import type { CompiledRole, RoleKind } from '../lexicon/types.ts';
import { tokenize, type Token } from '../text/paragraphs.ts';

export interface RoleMention {
  /** token range [t0, t1) of the whole phrase, article included */
  t0: number;
  t1: number;
  start: number;
  end: number;
  office: string;
  nation: string | null;
  body: string | null;
  former: boolean;
  /** "a spokesperson", "the minister": the phrase opens with an article (a title alone) */
  article: 'the' | 'a' | null;
  /** the last word carries a possessive ("the president's office") */
  poss: boolean;
}

/** What a person is known to hold: from the lexicon's role text or from the page. */
export interface RoleSignature {
  office: string;
  nation: string | null;
  body: string | null;
  former: boolean;
}

interface Form {
  words: string[];
  role: CompiledRole;
}

const OFFICE: readonly RoleKind[] = ['office'];
const NATION: readonly RoleKind[] = ['nation'];
const BODY: readonly RoleKind[] = ['body'];
const PLACE: readonly RoleKind[] = ['nation', 'body'];

/** Words that join a form's words on the page without being words: "U.S.", "vice-president". */
const JOINERS = new Set(['.', '-']);

export class RoleVocabulary {
  private byFirst = new Map<string, Form[]>();
  private byId = new Map<string, CompiledRole>();
  /** first words of office forms */
  private officeFirst = new Set<string>();
  /** role texts of the lexicon's actors (and page names) read before */
  private signatures = new Map<string, RoleSignature | null>();

  constructor(roles: readonly CompiledRole[]) {
    for (const role of roles) {
      this.byId.set(role.id, role);
      for (const form of role.forms) {
        const words = tokenize(form, 0, form.length)
          .filter((t) => t.word)
          .map((t) => t.w);
        if (words.length === 0) continue;
        if (role.kind === 'office') this.officeFirst.add(words[0]!);
        const list = this.byFirst.get(words[0]!) ?? [];
        list.push({ words, role });
        this.byFirst.set(words[0]!, list);
      }
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  get size(): number {
    return this.byId.size;
  }

  nationOf(body: string): string | null {
    return this.byId.get(body)?.nation ?? null;
  }

  /** True when the word can start a role form of that kind ("president", "french", "kremlin"). */
  starts(word: string, kind?: RoleKind): boolean {
    const list = this.byFirst.get(word);
    if (!list) return false;
    if (!kind) return true;
    for (const f of list) if (f.role.kind === kind) return true;
    return false;
  }

  /** The longest form at token i (of one of `kinds`), and the token after it; joiners inside a form are skipped. */
  formAt(toks: Token[], i: number, kinds: readonly RoleKind[]): { role: CompiledRole; end: number; poss: boolean } | null {
    const t = toks[i];
    if (!t || !t.word || t.q >= 0) return null;
    const list = this.byFirst.get(t.w);
    if (!list) return null;
    for (const f of list) {
      if (!kinds.includes(f.role.kind)) continue;
      let k = i;
      let ok = true;
      for (let w = 0; w < f.words.length; w++) {
        if (w > 0) while (k < toks.length && !toks[k]!.word && JOINERS.has(toks[k]!.w)) k++;
        const tk = toks[k];
        if (!tk || !tk.word || tk.w !== f.words[w] || (tk.poss && w < f.words.length - 1)) {
          ok = false;
          break;
        }
        k++;
      }
      if (!ok) continue;
      // "U.S." ends with its dot
      if (toks[k]?.w === '.' && toks[k - 1]!.w.length === 1) k++;
      return { role: f.role, end: k, poss: toks[k - 1]!.poss };
    }
    return null;
  }

  /** The role phrase starting at token i, if any. */
  phraseAt(toks: Token[], i: number): RoleMention | null {
    let k = i;
    let article: RoleMention['article'] = null;
    const w0 = toks[k]?.w;
    if (w0 === 'the' || w0 === 'a' || w0 === 'an') {
      article = w0 === 'the' ? 'the' : 'a';
      k++;
    }
    let former = false;
    let nation: string | null = null;
    let body: string | null = null;
    for (let guard = 0; guard < 4 && k < toks.length; guard++) {
      const w = toks[k]!.w;
      if (toks[k]!.word && (w === 'former' || w === 'then' || w === 'ex')) {
        former = former || w !== 'then';
        k++;
        if (toks[k]?.w === '-') k++;
        continue;
      }
      const office = this.formAt(toks, k, OFFICE);
      const place = this.formAt(toks, k, PLACE);
      // "Ukraine's President", "French Foreign Minister": a nation or body before the office
      if (place && (!office || place.end > office.end || place.poss)) {
        if (place.role.kind === 'nation') nation ??= place.role.id;
        else {
          body ??= place.role.id;
          nation ??= place.role.nation;
        }
        k = place.end;
        continue;
      }
      if (!office) return null;
      const m: RoleMention = {
        t0: i,
        t1: office.end,
        start: toks[i]!.start,
        end: toks[office.end - 1]!.end,
        office: office.role.id,
        nation,
        body,
        former,
        article,
        poss: office.poss,
      };
      this.extendOf(toks, m);
      return m;
    }
    return null;
  }

  /** "… of Ukraine", "head of the presidential office": the nation or body after the office. */
  private extendOf(toks: Token[], m: RoleMention) {
    if (m.poss) return;
    let k = m.t1;
    if (toks[k]?.w !== 'of') return;
    k++;
    if (toks[k]?.w === 'the') k++;
    const place = this.formAt(toks, k, PLACE);
    if (!place) return;
    if (place.role.kind === 'nation') m.nation ??= place.role.id;
    else {
      m.body ??= place.role.id;
      m.nation ??= place.role.nation;
    }
    m.t1 = place.end;
    m.end = toks[place.end - 1]!.end;
    m.poss = place.poss;
  }

  /** Every role phrase in the tokens, left to right, not overlapping. */
  find(toks: Token[]): RoleMention[] {
    const out: RoleMention[] = [];
    let done = 0;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      if (!t.word || t.q >= 0 || !this.byFirst.has(t.w)) continue;
      if (!this.officeFirst.has(t.w)) {
        // a nation or body ("Russia", "the Kremlin") is a role only before an office: look past it first
        const place = this.formAt(toks, i, PLACE);
        if (place) {
          const after = toks[place.end];
          if (!after || !(this.byFirst.has(after.w) || ARTICLE_OR_MODIFIER.has(after.w))) {
            i = place.end - 1;
            continue;
          }
        }
      }
      // the phrase may open a little earlier: "the former president", "a spokesperson"
      let s = i;
      while (s - 1 >= done && toks[s - 1]!.word && toks[s - 1]!.q < 0 && ARTICLE_OR_MODIFIER.has(toks[s - 1]!.w)) {
        s--;
        if (toks[s]!.w === 'the' || toks[s]!.w === 'a' || toks[s]!.w === 'an') break;
      }
      if (s > done && toks[s - 1]?.w === '-' && toks[s - 2]?.w === 'ex') s -= 2;
      const m = this.phraseAt(toks, s) ?? (s < i ? this.phraseAt(toks, i) : null);
      if (m) {
        out.push(m);
        i = m.t1 - 1;
        done = m.t1;
      }
    }
    return out;
  }

  /**
   * A body speaking: "[the] [nation] <body>" not followed by an office ("the Russian
   * Defence Ministry", "the Pentagon"; not "the Kremlin spokesman").
   */
  bodyAt(toks: Token[], i: number): { t0: number; t1: number; a: number; body: string; nation: string | null } | null {
    let k = i;
    if (toks[k]?.w === 'the') k++;
    const a = k;
    let nation: string | null = null;
    const n = this.formAt(toks, k, NATION);
    if (n && !n.poss) {
      nation = n.role.id;
      k = n.end;
    }
    const b = this.formAt(toks, k, BODY);
    if (!b || b.poss) return null;
    if (this.formAt(toks, b.end, OFFICE)) return null;
    return { t0: i, t1: b.end, a, body: b.role.id, nation: nation ?? b.role.nation };
  }

  /** The role a lexicon actor's role text names ("Kremlin spokesman", "President of Ukraine"), if any. */
  signatureOf(text: string): RoleSignature | null {
    let sig = this.signatures.get(text);
    if (sig !== undefined) return sig;
    const m = this.find(tokenize(text, 0, text.length))[0];
    sig = m ? { office: m.office, nation: m.nation, body: m.body, former: m.former } : null;
    if (this.signatures.size < 5000) this.signatures.set(text, sig);
    return sig;
  }
}

const ARTICLE_OR_MODIFIER = new Set(['the', 'a', 'an', 'former', 'then', 'ex']);

/** The role phrase matches what the person is known to hold. */
export function holds(sig: RoleSignature, m: RoleMention): boolean {
  if (sig.office !== m.office || sig.former !== m.former) return false;
  if (m.nation && sig.nation && m.nation !== sig.nation) return false;
  if (m.body && sig.body && m.body !== sig.body) return false;
  return true;
}

/** How a role phrase reads in a note: "the Kremlin spokesman". */
export function roleText(toks: Token[], m: RoleMention, doc?: string): string {
  if (doc) return doc.slice(m.start, m.end);
  return toks
    .slice(m.t0, m.t1)
    .map((t) => t.w)
    .join(' ');
}

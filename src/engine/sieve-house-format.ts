/**
 * Sieve "house-format": the formats of agencies and official sites.
 *  - "… This was stated [to <agency>] by <speaker> …": the sentence before is theirs;
 *  - "Key statements by <Name>:" (or "Main theses of <Name>'s speech:"): the items
 *    that follow, up to a paragraph that names someone else, are theirs;
 *  - "<words>, - emphasized the head of <body>.": a dash, a verb, then the speaker.
 */
import type { Para, ParagraphSieve, QuoteSieve, RawStatement, Ref, SieveContext } from './attribution-types.ts';
import { hasQuote, isTerminal, mentionStartingAt, refFromMention, shapeOf, NONE } from './tokens.ts';
import { SPEECH_VERBS } from '../text/wordlists.ts';

/** The speaker after "by" (or "to <agency> by"): a name, else a role that resolves; null when neither. */
function speakerAfter(ctx: SieveContext, p: Para, from: number, note: string): Ref | null {
  const toks = p.tokens;
  let k = from;
  // "to Ukrinform by", "to journalists by"
  if (toks[k]?.w === 'to') {
    let j = k + 1;
    while (j < Math.min(toks.length, k + 6) && toks[j]!.w !== 'by' && !isTerminal(toks[j])) j++;
    if (toks[j]?.w !== 'by') return null;
    k = j;
  }
  if (toks[k]?.w !== 'by') return null;
  const roles = ctx.rolesIn(p);
  for (let j = k + 1; j < Math.min(toks.length, k + 16); j++) {
    const t = toks[j]!;
    if (t.q >= 0 || isTerminal(t)) break;
    const m = mentionStartingAt(p, j);
    if (m && !m.quoted) {
      if (m.poss) {
        j = m.t1 - 1;
        continue;
      }
      return refFromMention(m, m.kind === 'descriptor' ? 'title' : 'explicit', note);
    }
  }
  const role = roles.find((r) => r.t0 === k + 1);
  return role ? ctx.resolveRole(p, role) : null;
}

/** "This was stated [to X] by Y" opening sentence s of p: the ref, or null. */
function statedBy(ctx: SieveContext, p: Para, a: number): Ref | null {
  const toks = p.tokens;
  if (toks[a]?.w !== 'this' || toks[a + 1]?.w !== 'was' || !SPEECH_VERBS.has(toks[a + 2]?.w ?? '')) return null;
  return speakerAfter(ctx, p, a + 3, '"This was stated by" names the speaker of the words before');
}

export const statedByReported: ParagraphSieve = {
  name: 'house-format',
  statements(ctx, p) {
    if (!shapeOf(p).thisWas) return NONE;
    const out: RawStatement[] = [];
    const toks = p.tokens;
    const starts = p.sentenceStarts;
    for (let s = 1; s < starts.length; s++) {
      const a = starts[s]!;
      const t0 = starts[s - 1]!;
      if (toks[a]!.w !== 'this' || hasQuote(toks, t0, a)) continue;
      const ref = statedBy(ctx, p, a);
      let t1 = a;
      while (t1 > t0 && !toks[t1 - 1]!.word) t1--;
      // the sentence before must have words: ". This was stated by Trump." has none to give him
      if (!ref || t1 <= t0) continue;
      out.push({ para: p.index, start: toks[t0]!.start, end: toks[t1 - 1]!.end, kind: 'reported', ref, t0, t1, quote: -1 });
    }
    return out;
  },
};

/** A quote whose sentence is followed by "This was stated by X". */
export const statedByQuote: QuoteSieve = {
  name: 'house-format',
  quote(ctx, { p, qi }) {
    const end = p.quoteTokens[qi]![1];
    const next = p.sentenceStarts.find((s) => s >= end);
    if (next === undefined) return null;
    // nothing but punctuation or the quote's own sentence between the quote and "This was"
    for (let k = end; k < next; k++) if (p.tokens[k]!.word) return null;
    return statedBy(ctx, p, next);
  },
};

/** "Key statements by X:", "Main theses of X's speech:" — the ref, and the colon's token. */
export function keyStatementsLead(p: Para): { ref: Ref; colon: number } | null {
  const toks = p.tokens;
  if (toks[0]?.w !== 'key' && toks[0]?.w !== 'main') return null;
  if (!/^(statements?|theses|points|quotes|remarks)$/.test(toks[1]?.w ?? '') || !/^(by|of|from)$/.test(toks[2]?.w ?? '')) return null;
  for (let c = 3; c < Math.min(toks.length, 16); c++) {
    if (toks[c]!.w !== ':') continue;
    for (let k = 3; k < c; k++) {
      const m = mentionStartingAt(p, k);
      if (m && !m.quoted) return { ref: refFromMention(m, 'explicit', `"Key statements by" names the speaker of the items that follow`), colon: c };
    }
    return null;
  }
  return null;
}

/** Items after a "Key statements by X:" lead, up to ten paragraphs on, while none names another speaker. */
export const keyStatements: ParagraphSieve = {
  name: 'house-format',
  statements(ctx, p) {
    if (p.quotes.length > 0) return NONE;
    const own = keyStatementsLead(p);
    if (own) {
      const t0 = own.colon + 1;
      if (t0 >= p.tokens.length) return NONE;
      return [{ para: p.index, start: p.tokens[t0]!.start, end: p.end, kind: 'direct', ref: own.ref, t0, t1: p.tokens.length, quote: -1 }];
    }
    // a lead among the ten paragraphs before, by its first word, before anything costlier
    let any = false;
    for (let back = 1; back <= 10 && !any; back++) {
      const w = ctx.paras[p.index - back]?.tokens[0]?.w;
      if (w === 'key' || w === 'main') any = true;
    }
    if (!any) return NONE;
    for (let back = 1; back <= 10; back++) {
      const pp = ctx.paras[p.index - back];
      if (!pp) return NONE;
      const lead = keyStatementsLead(pp);
      if (lead) {
        if (p.tokens.length === 0 || p.mentions.some((m) => !m.quoted && lead.ref.id !== null && !m.ids.includes(lead.ref.id))) return NONE;
        return [
          {
            para: p.index,
            start: p.tokens[0]!.start,
            end: p.end,
            kind: 'direct',
            ref: { ...lead.ref, note: `${lead.ref.note} (item ${back})` },
            t0: 0,
            t1: p.tokens.length,
            quote: -1,
          },
        ];
      }
      // an item names someone: the list is over
      if (pp.mentions.some((m) => !m.quoted) || pp.quotes.length > 0 || pp.tokens.length > 80) return NONE;
    }
    return NONE;
  },
};

/** "<words>, - emphasized the head of <body>." without quote marks. */
export const dashVerbReported: ParagraphSieve = {
  name: 'house-format',
  statements(ctx, p) {
    if (!shapeOf(p).commaDash) return NONE;
    const out: RawStatement[] = [];
    const toks = p.tokens;
    const starts = p.sentenceStarts;
    for (let s = 0; s < starts.length; s++) {
      const a = starts[s]!;
      const b = s + 1 < starts.length ? starts[s + 1]! : toks.length;
      for (let d = a + 3; d < b - 1; d++) {
        if (toks[d]!.w !== '-' || toks[d]!.q >= 0 || toks[d - 1]?.w !== ',' || !SPEECH_VERBS.has(toks[d + 1]!.w)) continue;
        if (hasQuote(toks, a, d)) break;
        const ref = ctx.objectOfVerb(p, d + 1);
        if (!ref) break;
        out.push({
          para: p.index,
          start: toks[a]!.start,
          end: toks[d - 2]!.end,
          kind: 'reported',
          ref: { ...ref, note: `${ref.note} (a dash and the verb after the words)` },
          t0: a,
          t1: d - 1,
          quote: -1,
        });
        break;
      }
    }
    return out;
  },
};

/**
 * Sieve "signature": a post or quote signed after a dash — "«…» -Ann Lee",
 * "“…” – Ann Lee" — the name right after the dash that closes the quote; and an
 * embedded post without quote marks, "<words>. — Ann Lee (@annlee) May 2, 2026".
 */
import type { ParagraphSieve, QuoteSieve } from './attribution-types.ts';
import { firstTokenAtOrAfter, isTerminal, mentionStartingAt, refFromMention, NONE } from './tokens.ts';

export const signature: QuoteSieve = {
  name: 'signature',
  quote(_ctx, { p, qi }) {
    const toks = p.tokens;
    let k = firstTokenAtOrAfter(toks, p.quotes[qi]!.outerEnd);
    let dash = false;
    while (k < toks.length && !toks[k]!.word && toks[k]!.q < 0 && /[,.\-)]/.test(toks[k]!.w)) {
      if (toks[k]!.w === '-') dash = true;
      k++;
    }
    if (!dash || k >= toks.length) return null;
    const m = mentionStartingAt(p, k);
    if (!m || m.quoted || m.poss) return null;
    // the signature ends the paragraph, or a date or place follows it after a comma
    const after = toks[m.t1];
    if (after && after.w !== ',' && after.w !== '.' && after.w !== '(') return null;
    return refFromMention(m, 'explicit', 'signed after a dash closing the quote');
  },
};

/** "<words>. — Ann Lee (@handle) date" at the end of a paragraph without quote marks: the words before the dash. */
export const signedPost: ParagraphSieve = {
  name: 'signature',
  statements(_ctx, p) {
    const toks = p.tokens;
    if (p.quotes.length > 0) return NONE;
    // the signature is at the very end: a name, a handle and a date
    for (let d = toks.length - 2; d > 2 && d > toks.length - 24; d--) {
      if (toks[d]!.w !== '-' || !isTerminal(toks[d - 1])) continue;
      const m = mentionStartingAt(p, d + 1);
      if (!m || m.poss) return NONE;
      const after = toks[m.t1];
      // only a handle, a second spelling or a date may follow the name
      if (after && !/^[(/,]$/.test(after.w)) return NONE;
      const t1 = d;
      return [
        {
          para: p.index,
          start: toks[0]!.start,
          end: toks[d - 1]!.end,
          kind: 'direct',
          ref: refFromMention(m, 'explicit', 'a post signed after a dash'),
          t0: 0,
          t1,
          quote: -1,
        },
      ];
    }
    return NONE;
  },
};

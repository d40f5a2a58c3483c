/**
 * Sieve "signature": a post or quote signed after a dash — "«…» -Ann Lee",
 * "“…” – Ann Lee" — the name right after the dash that closes the quote.
 */
import type { QuoteSieve } from './attribution-types.ts';
import { firstTokenAtOrAfter, mentionStartingAt, refFromMention } from './tokens.ts';

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

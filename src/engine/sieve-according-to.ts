/**
 * Sieve "according-to" for statements without quote marks: "According to X, <clause>."
 * and "<clause>, according to X." — X a name, a role that resolves to one person, or
 * a pronoun. (Quotes with "according to" are found by the quote sieves.)
 */
import type { Para, ParagraphSieve, RawStatement, Ref, SieveContext } from './attribution-types.ts';
import { countWords, hasQuote, isAccordingTo, mentionStartingAt, refFromMention, shapeOf, NONE } from './tokens.ts';
import { PRONOUNS } from '../text/wordlists.ts';

/** The source named at token k (after "according to"), and the token after it. */
function sourceAt(ctx: SieveContext, p: Para, k: number): { ref: Ref; end: number } | null {
  const toks = p.tokens;
  const t = toks[k];
  if (!t) return null;
  const pr = t.w === 'him' ? 'he' : t.w === 'her' ? 'she' : t.w === 'them' ? 'they' : null;
  if (pr && PRONOUNS[pr]) {
    const ref = ctx.resolvePronoun(p, k, pr, 'according-to');
    return ref ? { ref, end: k + 1 } : null;
  }
  const role = ctx.rolesIn(p).find((r) => r.t0 === k);
  let j = role ? role.t1 : k;
  while (toks[j]?.w === ',') j++;
  const m = mentionStartingAt(p, j) ?? mentionStartingAt(p, k);
  if (m && !m.quoted && !m.poss) return { ref: refFromMention(m, 'according-to', '"according to" names the source'), end: m.t1 };
  if (role && !role.poss) return { ref: { ...ctx.resolveRole(p, role), kind: 'according-to' }, end: role.t1 };
  return null;
}

export const accordingToReported: ParagraphSieve = {
  name: 'according-to',
  statements(ctx, p) {
    if (!shapeOf(p).according) return NONE;
    const out: RawStatement[] = [];
    const toks = p.tokens;
    const starts = p.sentenceStarts;
    for (let s = 0; s < starts.length; s++) {
      const a = starts[s]!;
      let b = s + 1 < starts.length ? starts[s + 1]! : toks.length;
      if (hasQuote(toks, a, b)) continue;
      while (b > a && !toks[b - 1]!.word) b--;
      if (isAccordingTo(toks, a)) {
        // According to X, <clause>.
        const src = sourceAt(ctx, p, a + 2);
        if (!src || toks[src.end]?.w !== ',') continue;
        const c0 = src.end + 1;
        if (countWords(toks, c0, b) < 4) continue;
        out.push({ para: p.index, start: toks[c0]!.start, end: toks[b - 1]!.end, kind: 'reported', ref: src.ref, t0: c0, t1: b, quote: -1 });
        continue;
      }
      // <clause>, according to X.
      for (let v = a + 4; v < b - 2; v++) {
        if (toks[v - 1]!.w !== ',' || !isAccordingTo(toks, v)) continue;
        const src = sourceAt(ctx, p, v + 2);
        if (!src || src.end < b - 3) break;
        if (countWords(toks, a, v - 1) < 4) break;
        out.push({ para: p.index, start: toks[a]!.start, end: toks[v - 2]!.end, kind: 'reported', ref: src.ref, t0: a, t1: v - 1, quote: -1 });
        break;
      }
    }
    return out;
  },
};

/**
 * Sieve "headline": a headline that names the speaker before a colon —
 * "<Name> on <topic>: <statement>", "Sen. <Name>: '<statement>'", "<Role> <Name> on
 * <topic>: “…”" — or after the statement: "<statement> - <Name>", "<statement>:
 * <Body>". Only a short paragraph without a sentence end before the colon.
 */
import type { Para, ParagraphSieve, QuoteSieve, Ref } from './attribution-types.ts';
import { countWords, headlineTail, isTerminal, mentionStartingAt, refFromMention, NONE } from './tokens.ts';

const MAX_WORDS = 40;

/** The speaker and the colon of a headline "<Name> on <topic>:" (the bare "<Name>:" is the transcript sieve's). */
export function headlineLead(p: Para): { ref: Ref; colon: number } | null {
  const memo = p.memo;
  if (memo.lead === undefined) memo.lead = findLead(p);
  return memo.lead;
}

function findLead(p: Para): { ref: Ref; colon: number } | null {
  const toks = p.tokens;
  // a name among the first words, and a short paragraph
  if (p.mentions.length === 0 || p.mentions[0]!.t0 > 6) return null;
  if (toks.length > 2 * MAX_WORDS || countWords(toks, 0, toks.length) > MAX_WORDS) return null;
  // titles, then the name: "Sen. Ann Lee on …", "French Foreign Minister Lee on …"
  let t = 0;
  while (t < Math.min(toks.length, 6) && !mentionStartingAt(p, t) && (!toks[t]!.word || toks[t]!.cap) && toks[t]!.q < 0) t++;
  const m = mentionStartingAt(p, t);
  if (!m || m.poss || m.quoted) return null;
  // "Sen. Ann Lee: …": a title before the name, then the colon
  if (t > 0 && toks[m.t1]?.w === ':' && m.t1 + 1 < toks.length)
    return { ref: refFromMention(m, 'explicit', 'a headline "Title X:" names the speaker before the colon'), colon: m.t1 };
  if (!/^(on|during|at|in|after|about)$/.test(toks[m.t1]?.w ?? '')) return null;
  for (let c = m.t1 + 1; c < Math.min(toks.length, m.t1 + 12); c++) {
    const tk = toks[c]!;
    if (tk.q >= 0 || isTerminal(tk)) return null;
    if (tk.w === ':')
      return c + 1 < toks.length
        ? { ref: refFromMention(m, 'explicit', 'a headline "X on …:" (or "X during …:") names the speaker before the colon'), colon: c }
        : null;
  }
  return null;
}

/** "<statement> - Macron", "<statement>: Kremlin": the speaker after the statement, and the separator. */
export function headlineTailRef(p: Para): { ref: Ref; sep: number } | null {
  const memo = p.memo;
  if (memo.tail === undefined) memo.tail = findTail(p);
  return memo.tail;
}

function findTail(p: Para): { ref: Ref; sep: number } | null {
  const tail = headlineTail(p.tokens);
  if (!tail) return null;
  for (let t = tail.a; t < tail.b; t++) {
    const m = mentionStartingAt(p, t);
    if (!m || m.poss || m.quoted) continue;
    return m.t1 === tail.b ? { ref: refFromMention(m, 'explicit', 'a headline names the speaker after the statement'), sep: tail.sep } : null;
  }
  return null;
}

export const headlineStatement: ParagraphSieve = {
  name: 'headline',
  statements(_ctx, p) {
    if (p.quotes.length > 0) return NONE;
    const tail = headlineTailRef(p);
    if (tail && tail.sep > 0) {
      let t1 = tail.sep;
      while (t1 > 0 && !p.tokens[t1 - 1]!.word) t1--;
      if (t1 > 0) return [{ para: p.index, start: p.tokens[0]!.start, end: p.tokens[t1 - 1]!.end, kind: 'direct', ref: tail.ref, t0: 0, t1, quote: -1 }];
    }
    const lead = headlineLead(p);
    if (!lead) return NONE;
    const t0 = lead.colon + 1;
    return [{ para: p.index, start: p.tokens[t0]!.start, end: p.end, kind: 'direct', ref: lead.ref, t0, t1: p.tokens.length, quote: -1 }];
  },
};

export const headlineQuote: QuoteSieve = {
  name: 'headline',
  quote(_ctx, { p, qi }) {
    const tail = headlineTailRef(p);
    // a dash right after the closing quote mark is a signature (the next sieve's)
    const closes = tail ? p.tokens.slice(p.quoteTokens[qi]![1], tail.sep).every((t) => !t.word) : false;
    if (tail && p.quoteTokens[qi]![1] <= tail.sep && !(closes && p.tokens[tail.sep]!.w === '-')) return tail.ref;
    const lead = headlineLead(p);
    if (!lead || p.quoteTokens[qi]![0] <= lead.colon) return null;
    return lead.ref;
  },
};

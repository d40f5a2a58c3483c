/**
 * Sieve "transcript": speaker labels. "KALLAS: …", "Ann Lee (FRENCH): …", a label on
 * the line before ("Bacon:" then the words), lines that open with a timestamp
 * ("00:12:31 LEE: …", and timestamped lines after a label, which keep its speaker),
 * and an unquoted block after "Said Trump:" or "Trump said:".
 */
import type { Para, ParagraphSieve, QuoteSieve, Ref, SieveContext } from './attribution-types.ts';
import { kindOf, labelSpan, lastTokenBefore, mentionEndingAt, mentionStartingAt, refFromMention, timestampEnd, NONE } from './tokens.ts';
import { SPEECH_VERBS } from '../text/wordlists.ts';

/** The label of a paragraph: a mention (lexicon or page name) right before the colon. */
export function labelAt(p: Para): { ref: Ref; colon: number } | null {
  const memo = p.memo;
  if (memo.label === undefined) memo.label = findLabel(p);
  return memo.label;
}

function findLabel(p: Para): { ref: Ref; colon: number } | null {
  const span = labelSpan(p.tokens);
  if (!span || span.colon > 14) return null;
  // the name is the last mention of the label ("Senator Ann Lee:", "Sen. Lee (R):")
  for (let t = span.a; t < span.b; t++) {
    const m = mentionStartingAt(p, t);
    if (!m || m.poss) continue;
    if (m.t1 !== span.b) return null;
    // only titles before the name
    for (let k = span.a; k < t; k++) if (p.tokens[k]!.word && !/^[a-z.]+$/.test(p.tokens[k]!.w)) return null;
    const note = span.timestamp ? 'transcript label after a timestamp' : 'transcript label';
    return { ref: refFromMention(m, 'transcript', note), colon: span.colon };
  }
  return null;
}

/** "Said Trump:" or "Trump said:" ending a paragraph. */
function invertedLead(p: Para): Ref | null {
  const toks = p.tokens;
  const n = toks.length;
  if (n < 3 || toks[n - 1]!.w !== ':') return null;
  const sStart = p.sentenceStarts[p.sentenceStarts.length - 1]!;
  const v = n - 2;
  const m = p.mentionAt[v] !== undefined && p.mentionAt[v]! >= 0 ? p.mentions[p.mentionAt[v]!]! : null;
  if (m && m.t1 === n - 1 && toks[m.t0 - 1] && SPEECH_VERBS.has(toks[m.t0 - 1]!.w) && m.t0 - 1 >= sStart) {
    return { ...refFromMention(m, 'explicit', 'named before the words ("Said X:")'), kind: 'explicit' };
  }
  const verb = toks[n - 2]!;
  if (verb.word && SPEECH_VERBS.has(verb.w)) {
    const mm = mentionEndingAt(p, n - 2);
    if (mm && !mm.quoted && !mm.poss) return refFromMention(mm, kindOf(mm), 'named before the words ("X said:")');
  }
  return null;
}

/** The label that governs paragraph p: its own, the line before, or the label of a run of timestamped lines. */
export function transcriptLabel(ctx: SieveContext, p: Para): { ref: Ref; bodyToken: number } | null {
  const memo = p.memo;
  if (memo.governing === undefined) memo.governing = findGoverning(ctx, p);
  return memo.governing;
}

function findGoverning(ctx: SieveContext, p: Para): { ref: Ref; bodyToken: number } | null {
  const own = labelAt(p);
  if (own && own.colon + 1 < p.tokens.length) {
    return { ref: { ...own.ref, kind: 'transcript', note: own.ref.note + ' before the words' }, bodyToken: own.colon + 1 };
  }
  const prev = ctx.paras[p.index - 1];
  if (!prev) return null;
  const l = labelAt(prev);
  if (l && l.colon === prev.tokens.length - 1) {
    return { ref: { ...l.ref, kind: 'transcript', note: 'transcript label on the line before' }, bodyToken: 0 };
  }
  // timestamped lines keep the speaker of the last label, up to a line with a label of its own
  const ts = timestampEnd(p.tokens);
  if (ts > 0) {
    for (let back = 1; back <= 6; back++) {
      const pp = ctx.paras[p.index - back];
      if (!pp || timestampEnd(pp.tokens) === 0) break;
      const label = labelAt(pp);
      if (label) return { ref: { ...label.ref, kind: 'transcript', note: 'timestamped line after the label of this speaker' }, bodyToken: ts };
    }
  }
  const inv = invertedLead(prev);
  if (inv && p.quotes.length === 0) return { ref: inv, bodyToken: 0 };
  return null;
}

/** Labels of turns whose speaker the transcript does not name. */
const UNNAMED_TURN = new Set(['question', 'q', 'moderator', 'reporter', 'journalist', 'audience', 'interviewer', 'host', 'participant']);

/** "QUESTION: …", "Moderator: …": a turn of someone the page does not name. */
function unnamedTurn(p: Para): { ref: Ref; bodyToken: number } | null {
  const toks = p.tokens;
  let k = 0;
  if (toks[k]?.w === 'the') k++;
  if (!toks[k] || !UNNAMED_TURN.has(toks[k]!.w) || !toks[k]!.cap || toks[k + 1]?.w !== ':' || k + 2 >= toks.length) return null;
  return {
    ref: { id: null, kind: 'none', start: toks[0]!.start, end: toks[k]!.end, note: `a transcript turn labelled "${toks[k]!.w}": the page names no speaker` },
    bodyToken: k + 2,
  };
}

/** A paragraph without quote marks under a label is one statement: the words after the label. */
export const transcriptTurn: ParagraphSieve = {
  name: 'transcript',
  statements(ctx, p) {
    if (p.quotes.length > 0) return NONE;
    const label = transcriptLabel(ctx, p) ?? unnamedTurn(p);
    if (!label || label.bodyToken >= p.tokens.length) return NONE;
    const t0 = label.bodyToken;
    return [{ para: p.index, start: p.tokens[t0]!.start, end: p.end, kind: 'direct', ref: label.ref, t0, t1: p.tokens.length, quote: -1 }];
  },
};

/** Quotes under a label belong to the label's speaker; "Lee: “…” Doe: “…”" gives each quote the name just before it. */
export const transcriptQuote: QuoteSieve = {
  name: 'transcript',
  quote(ctx, { p, qi }) {
    const open = lastTokenBefore(p.tokens, p.quotes[qi]!.outerStart);
    if (open >= 1 && p.tokens[open]!.w === ':') {
      const m = mentionEndingAt(p, open);
      if (m && !m.quoted && !m.poss && (m.t0 === 0 || !p.tokens[m.t0 - 1]!.word))
        return refFromMention(m, 'transcript', 'named with a colon right before the quote');
    }
    return transcriptLabel(ctx, p)?.ref ?? null;
  },
};

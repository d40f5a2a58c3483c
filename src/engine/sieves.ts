/**
 * The attribution sieves, in the order they run: most precise first, and the first
 * that fires wins (after CoreNLP's quote attribution). Each has its own module and
 * its own test file (sieve-<name>.test.ts); the ones that share the verb and
 * subject machinery are methods of the Attributor (attribution.ts).
 *
 *  WHOLE_SIEVES     a paragraph that is one statement: a headline, a signed post, a
 *                   transcript turn, an item under "Key statements by X:"
 *  QUOTE_SIEVES     the speaker of each quotation
 *  REPORTED_SIEVES  statements without quote marks
 */
import type { ParagraphSieve, QuoteSieve } from './attribution-types.ts';
import { accordingToReported } from './sieve-according-to.ts';
import { headlineQuote, headlineStatement } from './sieve-headline.ts';
import { dashVerbReported, keyStatements, statedByQuote, statedByReported } from './sieve-house-format.ts';
import { signature, signedPost } from './sieve-signature.ts';
import { transcriptQuote, transcriptTurn } from './sieve-transcript.ts';
import type { Attributed } from './attribution-types.ts';

export const WHOLE_SIEVES: readonly ParagraphSieve[] = [headlineStatement, signedPost, transcriptTurn, keyStatements];

export const QUOTE_SIEVES: readonly QuoteSieve[] = [
  headlineQuote,
  signature,
  transcriptQuote,
  statedByQuote,
  // "…," X said / "…," said X / "…" – emphasized the head of <body>: verb and speaker right after the quote
  { name: 'quote-then-speaker', quote: (ctx: Attributed, { p, qi }) => ctx.tail(p, qi, true) },
  // X said: "…" / X was quoted as saying "…" / X condemned …, calling it "…"
  { name: 'speaker-then-quote', quote: (ctx: Attributed, { p, qi }) => ctx.head(p, qi) },
  // the same after the quote, further away
  { name: 'quote-then-speaker-far', quote: (ctx: Attributed, { p, qi }) => ctx.tail(p, qi, false) },
  // a quote with no attribution of its own continues the speaker before it
  { name: 'continuation', quote: (ctx: Attributed, { p, qi, prevDirect }) => ctx.continuation(p, qi, prevDirect) },
];

export const REPORTED_SIEVES: readonly ParagraphSieve[] = [
  statedByReported,
  dashVerbReported,
  accordingToReported,
  // "<words>, X said in a statement." / "X said (that) …" / "He also highlighted …"
  { name: 'reported-speech', statements: (ctx: Attributed, p) => ctx.reportedSpeech(p) },
];

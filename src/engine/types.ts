/**
 * The report contract: one object per analysed document. Used by the CLI, the
 * extension's export and our checks; its JSON Schema is src/report/report.schema.json.
 */

import type { LabelledStance, Overall, Stance, StatementKind } from '../vocab/vocab.ts';

export type { LabelledStance, Overall, Stance, StatementKind } from '../vocab/vocab.ts';

/** How the speaker of a statement was found (which sieve fired). */
export type AttributionKind =
  | 'explicit' // a name next to a speech verb: "…," X said / X said, "…" / said X
  | 'title' // a title or descriptor: "the Pentagon chief said"
  | 'pronoun' // "he said", resolved to the subject of the paragraph
  | 'continuation' // a later quote in the same or the next paragraph, same speaker
  | 'group' // a body or a group of countries speaking: "… said in a statement"
  | 'transcript' // "KALLAS: …" or "Name:\n…"
  | 'according-to' // "according to X"
  | 'reported' // reported speech without quote marks: "X told NATO allies the US wouldn't …"
  | 'seed-quote' // the words are a seed quote and the page's own attribution is weak: the seed's speaker
  | 'none'; // no speaker could be found with enough confidence

export type SeedMatch = 'verbatim' | 'altered' | 'none';

export interface SeedQuoteEvidence {
  kind: 'seed-quote';
  /** id of the lexicon statement that matched */
  quoteId: string;
  /** the seed's wording */
  seedText: string;
  /** speaker id in the seed (null: unattributed in the seed, e.g. a slogan) */
  seedSpeaker: string | null;
  /** the curated reason for the label */
  reason: string;
  /** 0–1, share of the seed quote's words found in this statement */
  similarity: number;
}

export interface CueEvidence {
  kind: 'cue';
  cueId: string;
  /** the words as they appear in the statement */
  match: string;
  /** what the cue points to; after negation handling */
  stance: LabelledStance;
  weight: number;
  /** the cue's reason from the lexicon, plus how negation changed it */
  reason: string;
  negated: boolean;
}

/** A word or phrase that moved the stance model, and where it pushed. */
export interface ModelTerm {
  /** the words as they appear */
  text: string;
  /** the class these words push towards: a stance, or `none` (not about the war) */
  toward: LabelledStance | 'none';
  /** how much (share of the score difference between the two most probable classes) */
  weight: number;
}

export interface ModelEvidence {
  kind: 'model';
  /** id of the model file */
  modelId: string;
  /** the class the model finds most probable; `none`: not about the war */
  stance: LabelledStance | 'none';
  /** its calibrated probability */
  probability: number;
  /** the probability it had to reach to give a label */
  threshold: number;
  /** true when it stayed below the threshold and the statement is left unknown */
  abstained: boolean;
  /** the words that decided it, most weight first, then those that pushed the other way */
  terms: ModelTerm[];
  /** the decision in one line */
  reason: string;
}

export type Evidence = SeedQuoteEvidence | CueEvidence | ModelEvidence;

/** Which stance model judged the document, or why none could. */
export interface ModelUse {
  /** the model file's id; null when no model was used */
  id: string | null;
  /** `ok`: the model judged; `off`: none was given; `unavailable`: the file was refused */
  status: 'ok' | 'off' | 'unavailable';
  /** for `unavailable`: what was wrong, and that seed quotes and cues judged alone */
  message?: string;
}

export type FlagKind = 'altered-quote' | 'misattributed';

export interface WordDiffPart {
  op: 'same' | 'added' | 'removed';
  text: string;
}

export interface Flag {
  kind: FlagKind;
  /**
   * `warning`: a misattribution, or a quotation in quote marks changed from the seed's;
   * `info`: the same statement in other words (a paraphrase, a report, another translation)
   */
  severity?: 'warning' | 'info';
  message: string;
  quoteId: string;
  /** the seed's words for the statement */
  seedText?: string;
  /** the page's own words that attribute the statement ("writes Ann Lee", "the Kremlin spokesman") */
  pageAttribution?: string;
  /** the word-level difference from the seed wording (altered-quote; misattributed when also reworded) */
  diff?: WordDiffPart[];
  /** misattributed: who said it in the seed */
  seedSpeaker?: string | null;
}

export interface Statement {
  /** the quoted or reported words */
  text: string;
  kind: StatementKind;
  /** speaker id (a lexicon actor id, or a page-only id "page:…"), null when unattributed */
  speaker: string | null;
  attribution: AttributionKind;
  stance: Stance;
  confidence: number;
  evidence: Evidence[];
  seedMatch: SeedMatch;
  flags: Flag[];
  /** offsets of the statement's words in the document's extracted text */
  start: number;
  end: number;
  /** offsets of the words that name the speaker for this statement (cue for the reader) */
  speakerStart?: number;
  speakerEnd?: number;
  /** a short human explanation of how the speaker was found */
  attributionNote?: string;
  /** the attribution sieve that found the speaker (src/engine/sieves.ts), e.g. "quote-then-speaker" */
  sieve?: string;
}

export type StanceCounts = Record<Stance, number>;

export interface Speaker {
  id: string;
  name: string;
  inLexicon: boolean;
  role?: string;
  kind?: 'person' | 'organisation' | 'group';
  /** offsets of every mention on the page */
  mentions: Array<{ start: number; end: number }>;
  stance: StanceCounts;
  overall: Overall;
}

export interface Report {
  source: string;
  lexicon: { id: string; version: string };
  model: ModelUse;
  speakers: Speaker[];
  statements: Statement[];
}

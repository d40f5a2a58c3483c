/**
 * The shapes attribution works on: a paragraph with its tokens, quotes and mentions,
 * a reference to a speaker, a raw statement, and the contract of a sieve (see
 * sieves.ts for their order).
 */
import type { AttributionKind } from './types.ts';
import type { Mention } from './mentions.ts';
import type { QuoteSpan } from '../text/quotes.ts';
import type { Token } from '../text/paragraphs.ts';
import type { RoleVocabulary, RoleMention } from './roles.ts';

export interface Para {
  index: number;
  start: number;
  end: number;
  tokens: Token[];
  quotes: QuoteSpan[];
  /** token range of each quote (inner words) */
  quoteTokens: Array<[number, number]>;
  mentions: Mention[];
  /** token index → index in mentions of the mention covering it, -1 */
  mentionAt: Int32Array;
  /** token index of each sentence start */
  sentenceStarts: number[];
  /** what the sieves found out about the paragraph once, for the next quote or paragraph to reuse */
  memo: ParaMemo;
}

/** Per-paragraph findings of the sieves (undefined: not looked for yet; null: none). */
export interface ParaMemo {
  label?: { ref: Ref; colon: number } | null;
  governing?: { ref: Ref; bodyToken: number } | null;
  lead?: { ref: Ref; colon: number } | null;
  tail?: { ref: Ref; sep: number } | null;
  /** the role phrases of the paragraph (page names and attribution share them) */
  roles?: RoleMention[];
  shape?: ParaShape;
}

export interface ParaShape {
  according: boolean;
  /** "This was stated …" */
  thisWas: boolean;
  /** ", -" (a dash attribution after the words) */
  commaDash: boolean;
}

export interface Ref {
  id: string | null;
  kind: AttributionKind;
  start?: number;
  end?: number;
  note: string;
  /** the sieve that found it (sieves.ts) */
  sieve?: string;
  /** found by reference, not by name: a pronoun, a continuation, "the statement" (never grounds for a misattribution flag) */
  weak?: boolean;
}

export interface RawStatement {
  para: number;
  start: number;
  end: number;
  kind: 'direct' | 'reported';
  ref: Ref;
  /** token range in the paragraph */
  t0: number;
  t1: number;
  /** quote index in the paragraph, -1 for reported speech */
  quote: number;
}

export interface ActorInfo {
  pronoun: 'he' | 'she' | 'they' | 'it' | null;
  kind: 'person' | 'organisation' | 'group' | null;
  /** the role or title, for resolving "the minister said" */
  role: string;
}

/** What a sieve may ask of the attributor: the paragraphs, who the actors are, and the shared resolvers. */
export interface SieveContext {
  readonly paras: Para[];
  info(id: string): ActorInfo;
  readonly roles: RoleVocabulary;
  /** the role phrases of a paragraph ("the Kremlin spokesman", "Ukraine's President") */
  rolesIn(p: Para): RoleMention[];
  subjectOfVerb(p: Para, v: number, floor: number): Ref | null;
  objectOfVerb(p: Para, v: number): Ref | null;
  resolvePronoun(p: Para, at: number, pronoun: 'he' | 'she' | 'they' | 'it', kind: AttributionKind): Ref | null;
  /** a role phrase standing for a person: the one person with that role on the page, or an unresolved ref */
  resolveRole(p: Para, role: RoleMention): Ref;
  /** the speaker of the last statement of a paragraph, if any */
  lastSpeakerOf(pi: number): string | null;
}

/** The quote before this one in the paragraph that has a speaker (for continuations). */
export interface QuoteSieveInput {
  p: Para;
  qi: number;
  prevDirect: RawStatement | null;
}

/** A sieve for a quotation: the speaker of quote `qi`, or null to let the next sieve try. */
export interface QuoteSieve {
  name: string;
  quote(ctx: SieveContext, input: QuoteSieveInput): Ref | null;
}

/** A sieve for statements without quote marks: the statements it finds in a paragraph. */
export interface ParagraphSieve {
  name: string;
  statements(ctx: SieveContext, p: Para): RawStatement[];
}

/** The sieves that live in the Attributor, as sieves.ts calls them. */
export interface Attributed extends SieveContext {
  tail(p: Para, qi: number, tight: boolean): Ref | null;
  head(p: Para, qi: number): Ref | null;
  continuation(p: Para, qi: number, prevDirect: RawStatement | null): Ref | null;
  reportedSpeech(p: Para): RawStatement[];
}

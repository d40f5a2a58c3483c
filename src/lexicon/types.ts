/**
 * The lexicon: what a human curates next to a seed article (the source format,
 * validated by src/lexicon/compile.ts and documented by lexicon.schema.json) and
 * what the engine loads (the compiled format).
 */
import type { LabelledStance, SeedStatementKind } from '../vocab/vocab.ts';

export const ACTOR_KINDS = ['person', 'organisation', 'group'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];
export const PRONOUNS = ['he', 'she', 'they', 'it'] as const;
export type Pronoun = (typeof PRONOUNS)[number];

/** How an alias refers to its actor: it changes how the engine may use it. */
export const ALIAS_KINDS = [
  'name', // full name or a distinctive form: "Pete Hegseth", "Zelensky"
  'surname', // the surname alone: "Hegseth"
  'title', // a title with the name: "Defense Secretary Pete Hegseth"
  'descriptor', // a reference without the name: "the Pentagon chief", "the Ukrainian leader"
  'office', // the office speaking for the actor: "the Kremlin", "Zelenskiy's office"
] as const;
export type AliasKind = (typeof ALIAS_KINDS)[number];

/** Where a source entry comes from: a seed article ("seed", its offset is recorded) or a curator. */
export const SOURCES = ['seed', 'curated'] as const;
export type SourceKind = (typeof SOURCES)[number];

export interface AliasSource {
  text: string;
  kind: AliasKind;
  /**
   * Set when the same alias is claimed by another actor too: the engine gives it to
   * the claimant mentioned most recently by an unshared alias, and to nobody when
   * none was. Without this flag, two claims are an error.
   */
  shared?: boolean;
  /** "seed" (must occur in a seed; its offset is recorded) or "curated" */
  source: SourceKind;
}

/** What an actor is, in both formats. */
export interface ActorFields {
  id: string;
  name: string;
  kind: ActorKind;
  role: string;
  affiliation: string;
  /** pronoun the text uses for this actor, for pronoun resolution */
  pronoun: Pronoun;
}

export interface ActorSource extends ActorFields {
  aliases: AliasSource[];
  /** for groups: the member names as the seed lists them */
  members?: string[];
  source: SourceKind;
}

export interface StatementSource {
  id: string;
  /** actor id, or null for a slogan nobody in particular says */
  speaker: string | null;
  kind: SeedStatementKind;
  /** verbatim text from the seed (for kind "reported": the seed's words for the claim) */
  text: string;
  stance: LabelledStance;
  reason: string;
}

export const NEGATIONS = [
  'flip', // "not going to make security guarantees": the opposite stance
  'drop', // "not a dictator": no stance from this cue
  'keep', // "we will not abandon Ukraine": the cue's stance either way
] as const;
export type NegationRule = (typeof NEGATIONS)[number];

export interface CueSource {
  id: string;
  /**
   * Words separated by spaces. A word may end in * (prefix: "abandon*") or list
   * alternatives with | ("ukraine|kyiv"). Matching ignores case, diacritics and
   * typographic punctuation.
   */
  phrase: string;
  stance: LabelledStance;
  /** 0 < weight <= 1: how strongly the phrase points to the stance */
  weight: number;
  negation: NegationRule;
  reason: string;
  source: SourceKind;
}

/**
 * The role vocabulary: what the engine needs to read "Ukraine's President", "the
 * Kremlin spokesman" or "French Foreign Minister" as a role.
 */
export const ROLE_KINDS = [
  'office', // an office a person holds: "foreign minister", "spokesperson", "senator"
  'nation', // a country or union, by its names and adjectives: "France", "French"
  'body', // a body that holds offices and speaks: "the Kremlin", "the State Department"
] as const;
export type RoleKind = (typeof ROLE_KINDS)[number];

export interface RoleFields {
  id: string;
  kind: RoleKind;
  /** the words that name it, e.g. "foreign minister", "minister of foreign affairs" (case and diacritics do not matter) */
  forms: string[];
  /** body: the id of the nation it belongs to ("kremlin" → "russia"), if any */
  nation?: string;
  /**
   * Set when a form of this entry is claimed by another entry too (the rule that
   * allows it: the page's context decides). Without it, two claims are an error.
   */
  shared?: boolean;
}

export interface RoleSource extends RoleFields {
  source: SourceKind;
}

export interface LexiconSource {
  $schema?: string;
  id: string;
  version: string;
  title: string;
  /** seed article files, relative to the lexicon file */
  seeds: string[];
  actors: ActorSource[];
  statements: StatementSource[];
  cues: CueSource[];
  /** the role vocabulary (optional: without it, roles are read from the built-in title words only) */
  roles?: RoleSource[];
}

/** Where an entry comes from: a seed offset, or curated by hand. */
export type Provenance = { seed: string; offset: number } | 'curated';

export interface CompiledAlias {
  text: string;
  /** folded form (see text/normalize.ts fold()) used for matching */
  folded: string;
  kind: AliasKind;
  shared: boolean;
  from: Provenance;
}

export interface CompiledActor extends ActorFields {
  aliases: CompiledAlias[];
  members: string[];
  from: Provenance;
}

export interface CompiledStatement {
  id: string;
  speaker: string | null;
  kind: SeedStatementKind;
  text: string;
  /** folded words of the text, for matching reworded quotes */
  words: string[];
  stance: LabelledStance;
  reason: string;
  from: { seed: string; offset: number };
}

export interface CompiledCue {
  id: string;
  phrase: string;
  /** one entry per word slot: its alternatives, folded; a trailing * means prefix */
  slots: string[][];
  stance: LabelledStance;
  weight: number;
  negation: NegationRule;
  reason: string;
  from: Provenance;
}

export interface CompiledLexicon {
  format: 1;
  id: string;
  version: string;
  title: string;
  actors: CompiledActor[];
  statements: CompiledStatement[];
  cues: CompiledCue[];
  /** the role vocabulary; absent in lexicons compiled before it existed */
  roles?: CompiledRole[];
}

export interface CompiledRole {
  id: string;
  kind: RoleKind;
  forms: string[];
  /** body: its nation's id, or null */
  nation: string | null;
  shared: boolean;
}

/**
 * The shared vocabulary, written once: the stances, the kinds of statement, the
 * glyphs that tell stances apart without colour, and small guards. Every other layer
 * takes its lists and types from here (types derived from the `as const` lists).
 * The bottom of the core: imports nothing.
 */

/** The stances a statement can have, in the order reports list them. */
export const STANCES = ['pro-ukraine', 'contra-ukraine', 'neutral', 'unknown'] as const;
export type Stance = (typeof STANCES)[number];

/** The stances a lexicon can give (a seed quote, a cue): every stance but `unknown`. */
export const LABELLED_STANCES = ['pro-ukraine', 'contra-ukraine', 'neutral'] as const;
export type LabelledStance = (typeof LABELLED_STANCES)[number];

/** A speaker's overall stance: one of the stances, or `mixed`. */
export const OVERALLS = [...STANCES, 'mixed'] as const;
export type Overall = (typeof OVERALLS)[number];

/** What a report's statement is: quoted words, or reported speech. */
export const STATEMENT_KINDS = ['direct', 'reported'] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];

/** What a lexicon's statement is: a report's kinds, or a slogan. */
export const SEED_STATEMENT_KINDS = [...STATEMENT_KINDS, 'slogan'] as const;
export type SeedStatementKind = (typeof SEED_STATEMENT_KINDS)[number];

/** Glyphs that tell the stances apart without colour. */
export const STANCE_GLYPH: Readonly<Record<Overall, string>> = {
  'pro-ukraine': '▲',
  'contra-ukraine': '▼',
  neutral: '●',
  unknown: '?',
  mixed: '◆',
};

/** Statements counted per stance: all zero, keys in the order of STANCES. */
export function zeroCounts(): Record<Stance, number> {
  return Object.fromEntries(STANCES.map((s) => [s, 0])) as Record<Stance, number>;
}

/** All statements counted, whatever their stance. */
export function countTotal(counts: Readonly<Record<Stance, number>>): number {
  return STANCES.reduce((n, s) => n + counts[s], 0);
}

/** A plain object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when `value` is one of the `allowed` strings. */
export function isOneOf<T extends string>(allowed: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

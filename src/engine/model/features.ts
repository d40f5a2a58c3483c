/**
 * What the stance model reads in a statement: the statement's own words, never who
 * said it. Each feature keeps the span of the words it came from, so that a label can
 * show the words that decided it.
 *
 *  - `w:` words (folded, possessive dropped) and `b:` word pairs;
 *  - `e:` what a word is about — Ukraine, Russia, the West — so that "Kyiv regime" and
 *    "Ukrainian regime" share `b:@ua_regime`;
 *  - `n:` a word inside a negation's scope (from the negator to the end of the clause):
 *    "not recognise" is not "recognise";
 *  - `c:` the lexicon's cue phrases that matched, by the side they point to after their
 *    own negation rule.
 * Nothing around the statement is read: the words that say who speaks, and how they are
 * described, stand there.
 * The same function runs when training (src/train/) and at inference.
 */
import { wordsOf } from '../../text/normalize.ts';
import type { LabelledStance } from '../../vocab/vocab.ts';
import { NEGATORS } from '../../text/wordlists.ts';

export interface Feature {
  key: string;
  /** how much of it the statement has (counts; cue weights) */
  value: number;
  /** offsets of the words it came from, in the statement's text */
  start: number;
  end: number;
}

/** A cue phrase found in the statement, as the lexicon's judge reports it. */
export interface CueHit {
  stance: LabelledStance;
  weight: number;
  start: number;
  end: number;
}

/** The feature set's name: a model file is only read by the code that wrote it. */
export const FEATURE_SET = 'words-pairs-about-negation-cues/2';

/** Words that say what a phrase is about; folded forms, prefixes end in '*'. */
const ABOUT: Record<'ua' | 'ru' | 'west', string[]> = {
  ua: ['ukraine', 'ukrainian*', 'kyiv', 'kiev', 'zelensk*', 'zelenskiy', 'zelenskyy', 'kyivan*'],
  ru: ['russia', 'russian*', 'moscow', 'kremlin', 'putin*', 'lavrov', 'peskov', 'shoigu', 'medvedev', 'zakharova'],
  west: ['nato', 'west', 'western', 'europe', 'european*', 'eu', 'washington', 'allies', 'ally', 'allied', 'g7', 'brussels'],
};

const ABOUT_EXACT = new Map<string, string>();
const ABOUT_PREFIX: Array<[string, string]> = [];
for (const [side, list] of Object.entries(ABOUT)) {
  for (const w of list) {
    if (w.endsWith('*')) ABOUT_PREFIX.push([w.slice(0, -1), `@${side}`]);
    else ABOUT_EXACT.set(w, `@${side}`);
  }
}

export function aboutOf(key: string): string | null {
  const exact = ABOUT_EXACT.get(key);
  if (exact) return exact;
  for (const [prefix, side] of ABOUT_PREFIX) if (key.startsWith(prefix)) return side;
  return null;
}

const CLAUSE_END = /[,;.:!?\u2014\u2013()"“”«»]/;

function isNegator(key: string): boolean {
  return NEGATORS.has(key) || key.endsWith("n't") || key === 'without' || key === 'nor';
}

/** Numbers are all one word to the model. */
function shape(key: string): string {
  return /^\d/.test(key) ? '#num' : key;
}

/**
 * The statement's features, in order of first appearance, each present once (with its
 * first span; a cue side with its strongest cue's weight).
 */
export function featuresOf(text: string, cues: readonly CueHit[] = [], words = wordsOf(text)): Feature[] {
  const out = new Map<string, Feature>();
  const add = (key: string, value: number, start: number, end: number) => {
    // present or not: a phrase said twice is not twice the evidence (a repeated
    // sentence must not make the model surer); a cue side keeps its strongest cue
    const f = out.get(key);
    if (!f) out.set(key, { key, value, start, end });
    else f.value = Math.max(f.value, value);
  };
  let negated = false;
  let prev: { norm: string; start: number; boundary: boolean } | null = null;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const start = w.at;
    const end = w.at + w.text.length;
    // a clause ends between two words at punctuation: negation and pairs stop there
    const gap = i > 0 ? text.slice(words[i - 1]!.at + words[i - 1]!.text.length, start) : '';
    const boundary = CLAUSE_END.test(gap);
    if (boundary) negated = false;
    const key = shape(w.key);
    const about = aboutOf(key);
    const norm = about ?? key;
    add(`w:${key}`, 1, start, end);
    if (about) add(`e:${about}`, 1, start, end);
    if (negated) add(`n:${norm}`, 1, start, end);
    if (prev && !boundary) add(`b:${prev.norm}_${norm}`, 1, prev.start, end);
    if (isNegator(key)) negated = true;
    prev = { norm, start, boundary };
  }
  for (const c of cues) add(`c:${c.stance}`, c.weight, c.start, c.end);
  if (words.length === 0) add('len:0', 1, 0, 0);
  return [...out.values()];
}

/**
 * The seed articles as the compiler searches them: their text, folded text and
 * words, and where a text, a folded text or a run of cue words occurs in them.
 */
import { fold, foldedWords, foldString, WORD_CHAR, type Folded } from '../text/normalize.ts';

export interface SeedIndex {
  name: string;
  text: string;
  folded: Folded;
  /** folded words with the offset of their first character in the original text */
  tokens: Array<{ word: string; offset: number }>;
}

/** The seeds of one compile run. */
export interface Seeds {
  index: SeedIndex[];
  /** every listed seed could be read: provenance can be checked */
  complete: boolean;
  /** "seed a.txt" or "any of the seeds (a.txt, b.txt)", for messages */
  inSeeds: string;
}

export function indexSeed(name: string, text: string): SeedIndex {
  const folded = fold(text);
  // the same words as normalize.words(), with their offsets in the original text
  const tokens = foldedWords(folded.text).map(({ word, index }) => ({ word, offset: folded.map[index]! }));
  return { name, text, folded, tokens };
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD_CHAR.test(ch);
}

/** First occurrence of needle in text that does not start or end inside a word. */
export function findWhole(text: string, needle: string): number {
  const startsWord = isWordChar(needle[0]);
  const endsWord = isWordChar(needle[needle.length - 1]);
  let i = text.indexOf(needle);
  while (i >= 0) {
    const okStart = !startsWord || !isWordChar(text[i - 1]);
    const okEnd = !endsWord || !isWordChar(text[i + needle.length]);
    if (okStart && okEnd) return i;
    i = text.indexOf(needle, i + 1);
  }
  return -1;
}

/** The first seed with `text` as whole words, and where. */
export function findInSeeds(seeds: readonly SeedIndex[], text: string): { seed: string; offset: number } | undefined {
  for (const seed of seeds) {
    const at = findWhole(seed.text, text);
    if (at >= 0) return { seed: seed.name, offset: at };
  }
  return undefined;
}

/** Where a folded needle occurs (whole words) in a seed; original offsets and text. */
export function findFolded(seed: SeedIndex, needle: string): { offset: number; original: string } | null {
  const f = foldString(needle);
  if (f === '') return null;
  const at = findWhole(seed.folded.text, f);
  if (at < 0) return null;
  const start = seed.folded.map[at]!;
  const end = seed.folded.map[at + f.length - 1]! + 1;
  return { offset: start, original: seed.text.slice(start, end) };
}

/** The first seed where a folded needle occurs, with where and how the seed writes it. */
export function findFoldedInSeeds(seeds: readonly SeedIndex[], text: string): { s: SeedIndex; f: { offset: number; original: string } } | undefined {
  for (const s of seeds) {
    const f = findFolded(s, text);
    if (f !== null) return { s, f };
  }
  return undefined;
}

/** Tells where a text stops matching the seed: the longest prefix that does occur. */
export function divergence(text: string, seeds: SeedIndex[]): string {
  let best = { length: 0, seed: undefined as SeedIndex | undefined, offset: -1 };
  for (const seed of seeds) {
    let lo = 0;
    let hi = text.length;
    let at = -1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      const i = seed.text.indexOf(text.slice(0, mid));
      if (i >= 0) {
        lo = mid;
        at = i;
      } else hi = mid - 1;
    }
    if (lo > best.length) best = { length: lo, seed, offset: at };
  }
  if (best.seed === undefined || best.length < 12) return '';
  const seedNext = best.seed.text.slice(best.offset + best.length, best.offset + best.length + 24);
  const textNext = text.slice(best.length, best.length + 24);
  return (
    ` The first ${best.length} characters match ${best.seed.name} at offset ${best.offset};` +
    ` then the seed has ${JSON.stringify(seedNext)} where the text has ${JSON.stringify(textNext)}.`
  );
}

/** Offset of the first run of seed words matching the slots, or -1. */
export function matchSlots(seed: SeedIndex, slots: string[][]): number {
  const t = seed.tokens;
  outer: for (let i = 0; i + slots.length <= t.length; i++) {
    for (let j = 0; j < slots.length; j++) {
      const word = t[i + j]!.word;
      const hit = slots[j]!.some((alt) => (alt.endsWith('*') ? word.startsWith(alt.slice(0, -1)) : word === alt));
      if (!hit) continue outer;
    }
    return t[i]!.offset;
  }
  return -1;
}

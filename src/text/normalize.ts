/**
 * Folding for matching, with an offset map back to the original text.
 *
 * fold() lower-cases, strips diacritics, turns every kind of double quote mark
 * into `"`, every single quote mark and apostrophe into `'`, every dash into `-`,
 * and every run of whitespace into one space. `map[i]` is the offset in the
 * original text of folded character i; `map[folded.length]` is the original length,
 * so a folded span [a, b) maps back to [map[a], map[b - 1] + 1).
 */

export interface Folded {
  text: string;
  map: Int32Array;
}

const DOUBLE_QUOTES = '"\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033\u301D\u301E\uFF02';
const SINGLE_QUOTES = "'\u2018\u2019\u201A\u201B\u02BC\u0060\u00B4\u2032\u2039\u203A";
const DASHES = '\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D';

const simple = new Map<number, string>();
for (const ch of DOUBLE_QUOTES) simple.set(ch.charCodeAt(0), '"');
for (const ch of SINGLE_QUOTES) simple.set(ch.charCodeAt(0), "'");
for (const ch of DASHES) simple.set(ch.charCodeAt(0), '-');

const COMBINING = /[\u0300-\u036f]/g;
const foldCache = new Map<string, string>();

/** The folded form of one character (may be empty or several characters). */
function foldChar(ch: string): string {
  const cached = foldCache.get(ch);
  if (cached !== undefined) return cached;
  const code = ch.codePointAt(0)!;
  // strip diacritics from alphabetic scripts only: NFD would split a Hangul syllable into jamo
  let out = code < 0x1100 ? ch.normalize('NFD').replace(COMBINING, '').toLowerCase() : ch.toLowerCase();
  if (ch === '\u0131') out = 'i';
  if (ch === '\u00DF') out = 'ss';
  if (foldCache.size < 4096) foldCache.set(ch, out);
  return out;
}

function isSpace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0xfeff
  );
}

export function fold(text: string): Folded {
  // folded UTF-16 code units and their source offsets, grown when a character expands
  let codes = new Uint16Array(text.length + 16);
  let map = new Int32Array(text.length + 16);
  let n = 0;
  const ensure = (extra: number) => {
    if (n + extra + 1 < map.length) return;
    const size = map.length * 2 + extra;
    const c2 = new Uint16Array(size);
    c2.set(codes);
    codes = c2;
    const m2 = new Int32Array(size);
    m2.set(map);
    map = m2;
  };
  const pushString = (f: string, i: number) => {
    ensure(f.length);
    for (let k = 0; k < f.length; k++) {
      codes[n] = f.charCodeAt(k);
      map[n++] = i;
    }
  };
  let lastSpace = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const ascii = code < 128;
    if (ascii ? code === 32 || (code >= 9 && code <= 13) : isSpace(code)) {
      // a run of whitespace folds to one space
      if (!lastSpace) {
        codes[n] = 32;
        map[n++] = i;
        lastSpace = true;
      }
      continue;
    }
    if (ascii) {
      lastSpace = false;
      codes[n] = code >= 65 && code <= 90 ? code + 32 : code;
      map[n++] = i;
      continue;
    }
    if (code === 0x200b || code === 0x200c || code === 0x200d || code === 0xad) continue; // invisible
    lastSpace = false;
    const s = simple.get(code);
    if (s !== undefined) {
      codes[n] = s.charCodeAt(0);
      map[n++] = i;
      continue;
    }
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // a surrogate pair stays together, both halves mapped to its start (a lone high
      // surrogate, e.g. from an excerpt cut inside an emoji, stays a character of its own)
      pushString(foldChar(text.slice(i, i + 2)), i);
      i++;
      continue;
    }
    pushString(foldChar(text[i]!), i);
  }
  ensure(1);
  map[n] = text.length;
  return { text: decode(codes, n), map: map.subarray(0, n + 1) };
}

const decoder = typeof TextDecoder === 'function' ? new TextDecoder('utf-16le') : null;

function decode(codes: Uint16Array, n: number): string {
  if (decoder) return decoder.decode(codes.subarray(0, n));
  let out = '';
  for (let k = 0; k < n; k += 8192) out += String.fromCharCode(...codes.subarray(k, Math.min(n, k + 8192)));
  return out;
}

/** Folds a short string (alias, cue word) without keeping the map. */
export function foldString(text: string): string {
  return fold(text).text.trim();
}

/** Maps a folded span back to original offsets. */
export function toOriginal(f: Folded, start: number, end: number): { start: number; end: number } {
  if (end <= start) {
    const o = f.map[Math.min(start, f.map.length - 1)]!;
    return { start: o, end: o };
  }
  return { start: f.map[start]!, end: f.map[end - 1]! + 1 };
}

/** A word: letters and digits, with inner apostrophes (aren't, Trump's). */
const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu;
/** One character of a word. */
export const WORD_CHAR = /[\p{L}\p{N}]/u;

/** The words of a folded text, each without its possessive 's, with where it stands in the folded text (with its 's). */
export function foldedWords(folded: string): Array<{ word: string; index: number; length: number }> {
  const out: Array<{ word: string; index: number; length: number }> = [];
  for (const m of folded.matchAll(WORD)) {
    let w = m[0];
    if (w.endsWith("'s")) w = w.slice(0, -2);
    out.push({ word: w, index: m.index, length: m[0].length });
  }
  return out;
}

/** A word of a text: its folded form (`key`, without possessive 's), its original spelling and offset. */
export interface Word {
  key: string;
  text: string;
  /** offset of the word in the text it came from */
  at: number;
}

/** Folded words with their original spelling; the text is folded once, not word by word. */
export function wordsOf(text: string): Word[] {
  const f = fold(text);
  return foldedWords(f.text).map(({ word, index, length }) => {
    const a = f.map[index]!;
    const b = f.map[index + length - 1]! + 1;
    return { key: word, text: text.slice(a, b), at: a };
  });
}

/** Folded words of a text, without possessive 's, for comparing wordings. */
export function words(text: string): string[] {
  return foldedWords(foldString(text)).map((w) => w.word);
}

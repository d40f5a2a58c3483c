/**
 * Paragraphs and tokens. Everything downstream works per paragraph: a quote, an
 * attribution or a pronoun never reaches past the paragraph it is in, except for
 * the explicit carry-over rules (continuation, pronoun antecedent) in attribution.ts.
 */
import { fold } from './normalize.ts';

export interface Token {
  /** folded text, possessive 's removed */
  w: string;
  /** a word (letters or digits) rather than one punctuation character */
  word: boolean;
  /** the word carried a possessive 's ("Trump's") */
  poss: boolean;
  /** the original first character is upper case */
  cap: boolean;
  /** offsets in the original document */
  start: number;
  end: number;
  /** index of the quote span (in Paragraph.quotes) holding this token, -1 outside quotes */
  q: number;
}

export interface Paragraph {
  index: number;
  start: number;
  end: number;
  text: string;
  tokens: Token[];
}

const MAX_PARAGRAPH = 20_000;

/**
 * Splits a document into paragraphs: blank lines always separate; a single line
 * break separates when the line before ends a sentence or the next line opens a
 * quote (news text pasted with one line per paragraph), and is a soft wrap
 * otherwise ("Volodymyr\nZelenskiy" stays one name). Very long runs without
 * breaks are cut at sentence ends so that no rule ever scans a whole page.
 */
export function splitParagraphs(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let start = 0;
  const n = text.length;
  const push = (s: number, e: number) => {
    while (s < e && isWs(text.charCodeAt(s))) s++;
    while (e > s && isWs(text.charCodeAt(e - 1))) e--;
    if (e <= s) return;
    // cut pathological paragraphs at a sentence end (or hard) every MAX_PARAGRAPH chars
    while (e - s > MAX_PARAGRAPH) {
      let cut = s + MAX_PARAGRAPH;
      const dot = text.lastIndexOf('. ', cut);
      if (dot > s + MAX_PARAGRAPH / 2) cut = dot + 1;
      // a hard cut may fall after a space: paragraphs never end in whitespace
      let ce = cut;
      while (ce > s && isWs(text.charCodeAt(ce - 1))) ce--;
      out.push({ start: s, end: ce });
      s = cut;
      while (s < e && isWs(text.charCodeAt(s))) s++;
    }
    if (e > s) out.push({ start: s, end: e });
  };
  let i = text.indexOf('\n', 0);
  while (i !== -1) {
    // find the extent of this line-break run
    let j = i;
    let breaks = 0;
    while (j < n && (text.charCodeAt(j) === 10 || text.charCodeAt(j) === 13 || text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) {
      if (text.charCodeAt(j) === 10) breaks++;
      j++;
    }
    let split = breaks >= 2;
    if (!split) {
      let k = i - 1;
      while (k >= start && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 13 || text.charCodeAt(k) === 9)) k--;
      const prev = k >= start ? text[k]! : '';
      const next = j < n ? text[j]! : '';
      split = /[.!?:;"”’»)\]…|]/.test(prev) || /["“„«‘'—–•\-*>]/.test(next) || (prev !== '' && /\d/.test(prev) && /\p{Lu}/u.test(next));
      // a short line without final punctuation followed by a capitalised line is a heading
      if (!split && i - start < 90 && /\p{Lu}/u.test(next) && !/[,\p{Ll}]$/u.test(text.slice(Math.max(start, k - 1), k + 1))) split = true;
    }
    if (split) {
      push(start, i);
      start = j;
    }
    i = text.indexOf('\n', j);
  }
  push(start, n);
  return out;
}

function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 0xa0;
}

/** Letters and digits of any script (cached per UTF-16 code unit; surrogates count as letters). */
const wordCache = new Int8Array(65536);
function isWordCode(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  let v = wordCache[c]!;
  if (v === 0) {
    v = (c >= 0xd800 && c <= 0xdfff) || /[\p{L}\p{N}\p{M}]/u.test(String.fromCharCode(c)) ? 1 : -1;
    wordCache[c] = v;
  }
  return v === 1;
}

/**
 * Tokenizes one paragraph; offsets are document offsets. A token is a run of
 * letters and digits (with inner apostrophes: aren't, Trump's) or one punctuation
 * character. Hand-written: this runs over every paragraph of every page.
 */
export function tokenize(doc: string, start: number, end: number): Token[] {
  const text = doc.slice(start, end);
  const f = fold(text);
  const ft = f.text;
  const n = ft.length;
  const out: Token[] = [];
  let i = 0;
  while (i < n) {
    const c = ft.charCodeAt(i);
    if (c === 32) {
      i++;
      continue;
    }
    let j = i + 1;
    const word = isWordCode(c);
    if (word) {
      for (;;) {
        while (j < n && isWordCode(ft.charCodeAt(j))) j++;
        // an apostrophe between letters stays inside the word
        if (j + 1 < n && ft.charCodeAt(j) === 39 && isWordCode(ft.charCodeAt(j + 1))) {
          j += 2;
          continue;
        }
        break;
      }
    }
    let w = ft.slice(i, j);
    let poss = false;
    if (word && j - i > 2 && w.endsWith("'s")) {
      poss = true;
      w = w.slice(0, -2);
    }
    const os = f.map[i]!;
    const oe = f.map[j - 1]! + 1;
    const oc = text.charCodeAt(os);
    const cap = word && (oc >= 65 && oc <= 90 ? true : oc < 128 ? false : text[os]! !== text[os]!.toLowerCase());
    out.push({ w, word, poss, cap, start: start + os, end: start + oe, q: -1 });
    i = j;
  }
  return out;
}

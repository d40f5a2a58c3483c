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
      out.push({ start: s, end: cut });
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

const TOKEN = /([\p{L}\p{N}]+(?:'[\p{L}]+)*)|[^\s\p{L}\p{N}]/gu;

/** Tokenizes one paragraph; offsets are document offsets. */
export function tokenize(doc: string, start: number, end: number): Token[] {
  const text = doc.slice(start, end);
  const f = fold(text);
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  for (const m of f.text.matchAll(TOKEN)) {
    const fs = m.index!;
    const fe = fs + m[0].length;
    const os = f.map[fs]!;
    const oe = f.map[fe - 1]! + 1;
    let w = m[0];
    const word = m[1] !== undefined;
    let poss = false;
    if (word && (w.endsWith("'s") || w.endsWith("'"))) {
      poss = w.length > 2;
      if (poss) w = w.endsWith("'s") ? w.slice(0, -2) : w.slice(0, -1);
    }
    const c = text.charCodeAt(os);
    const cap = word && (c >= 65 && c <= 90 ? true : c < 128 ? false : text[os]! !== text[os]!.toLowerCase());
    out.push({ w, word, poss, cap, start: start + os, end: start + oe, q: -1 });
  }
  return out;
}

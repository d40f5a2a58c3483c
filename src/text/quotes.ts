/**
 * Finding quotations in one paragraph, deterministically and without a tokenizer
 * (as CoreNLP's QuoteAnnotator does): “…” "…" ‘…’ '…' «…» „…“ ‹…›, nested quotes
 * inside a quote of the other kind, apostrophes told apart from single quote marks,
 * and an opening mark left open running to the end of its paragraph only (the
 * convention for quotes over several paragraphs) — never a runaway span.
 */

export interface QuoteSpan {
  /** offsets of the quoted words (without the marks) in the document */
  start: number;
  end: number;
  /** offsets including the marks */
  outerStart: number;
  outerEnd: number;
  /** the opening mark had no closing mark in the paragraph */
  open: boolean;
  /** single quote marks (‘…’ or '…') */
  single: boolean;
}

const MAX_QUOTE = 4000;

type MarkRole = 'open' | 'close' | 'either';
interface Mark {
  i: number;
  family: 'double' | 'single' | 'guillemet' | 'angle';
  role: MarkRole;
  ch: string;
}

const isLetterOrDigit = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isSpaceOrStart = (c: string | undefined) => c === undefined || /[\s([{\u2014\u2013\-\/]/.test(c);
const isSpaceOrEnd = (c: string | undefined) => c === undefined || /[\s)\]}.,;:!?\u2014\u2013\-\u2026]/.test(c);

function scanMarks(text: string, from: number, to: number): Mark[] {
  const marks: Mark[] = [];
  for (let i = from; i < to; i++) {
    const ch = text[i]!;
    const prev = i > from ? text[i - 1] : undefined;
    const next = i + 1 < to ? text[i + 1] : undefined;
    switch (ch) {
      case '\u201C': // “ opens in English, closes after „ (German)
        marks.push({ i, family: 'double', role: 'either', ch });
        break;
      case '\u201E': // „
        marks.push({ i, family: 'double', role: 'open', ch });
        break;
      case '\u201D': // ” closes; some sites also open with it
        marks.push({ i, family: 'double', role: isSpaceOrStart(prev) && isLetterOrDigit(next) ? 'either' : 'close', ch });
        break;
      case '"':
      case '\u2033':
      case '\uFF02':
        marks.push({
          i,
          family: 'double',
          role: isSpaceOrStart(prev) && !isSpaceOrEnd(next) ? 'open' : !isSpaceOrStart(prev) && isSpaceOrEnd(next) ? 'close' : 'either',
          ch,
        });
        break;
      case '\u00AB':
        marks.push({ i, family: 'guillemet', role: 'open', ch });
        break;
      case '\u00BB':
        marks.push({ i, family: 'guillemet', role: 'close', ch });
        break;
      case '\u2039':
        marks.push({ i, family: 'angle', role: 'open', ch });
        break;
      case '\u203A':
        marks.push({ i, family: 'angle', role: 'close', ch });
        break;
      case '\u2018':
      case '\u201A':
        if (!(isLetterOrDigit(prev) && isLetterOrDigit(next))) marks.push({ i, family: 'single', role: 'open', ch });
        break;
      case '\u2019':
      case "'": {
        // an apostrophe between letters (Trump’s, aren’t) or before a year ('70s) is not a mark
        if (isLetterOrDigit(prev) && isLetterOrDigit(next)) break;
        if (isSpaceOrStart(prev) && /\d/.test(next ?? '')) break;
        if (isSpaceOrStart(prev) && isLetterOrDigit(next)) marks.push({ i, family: 'single', role: 'open', ch });
        else if (!isSpaceOrStart(prev)) marks.push({ i, family: 'single', role: 'close', ch });
        break;
      }
      default:
        break;
    }
  }
  return marks;
}

/**
 * Finds the top-level quotes of the paragraph [from, to) of `text`. Quotes nested in
 * another quote are part of the outer quote, not spans of their own.
 */
export function findQuotes(text: string, from: number, to: number): QuoteSpan[] {
  const marks = scanMarks(text, from, to);
  const singleClosers = nextSingleClosers(marks);
  const out: QuoteSpan[] = [];
  let k = 0;
  while (k < marks.length) {
    const m = marks[k]!;
    if (m.role === 'close') {
      k++;
      continue;
    }
    // find the matching close of the same family, skipping nested quotes of other families
    const closeIdx = m.family === 'single' ? findSingleClose(marks, k, singleClosers) : findClose(marks, k);
    if (closeIdx === -1) {
      // a single mark left open is most likely an apostrophe (Ukrainians’ …): ignore it
      if (m.family === 'single') {
        k++;
        continue;
      }
      // open to the end of the paragraph (multi-paragraph quote), within bounds
      let end = to;
      if (end - m.i > MAX_QUOTE) {
        k++;
        continue;
      }
      while (end > m.i + 1 && /\s/.test(text[end - 1]!)) end--;
      if (end > m.i + 1) out.push({ start: m.i + 1, end, outerStart: m.i, outerEnd: to, open: true, single: false });
      break;
    }
    const c = marks[closeIdx]!;
    if (c.i - m.i > MAX_QUOTE) {
      k++;
      continue;
    }
    if (c.i > m.i + 1) out.push({ start: m.i + 1, end: c.i, outerStart: m.i, outerEnd: c.i + 1, open: false, single: m.family === 'single' });
    k = closeIdx + 1;
  }
  return trimSpans(text, out);
}

function closes(open: Mark, cand: Mark): boolean {
  if (cand.role === 'open') return false;
  if (open.family !== cand.family) return false;
  if (open.ch === '\u201E') return cand.ch === '\u201C' || cand.ch === '\u201D' || cand.ch === '"';
  return true;
}

/**
 * For each mark index j, the first index >= j of a mark that can close a single quote
 * (family single, not an opening), -1 when there is none.
 */
function nextSingleClosers(marks: Mark[]): Int32Array {
  const next = new Int32Array(marks.length + 1).fill(-1);
  for (let j = marks.length - 1; j >= 0; j--) {
    const m = marks[j]!;
    next[j] = m.family === 'single' && m.role !== 'open' ? j : next[j + 1]!;
  }
  return next;
}

/**
 * findClose() for a single opening mark, in constant time. Nesting cannot change its
 * answer: findClose's stack only holds marks of the other families, which never take a
 * single closing mark, and further single openings do not stop the search. So the close
 * is the first single closing mark after it (not the one right after it), within
 * MAX_QUOTE. (Walking the marks instead cost up to MAX_QUOTE steps per opening mark: a
 * run of ‘‘‘… took seconds per 100,000 characters.)
 */
function findSingleClose(marks: Mark[], k: number, next: Int32Array): number {
  const open = marks[k]!;
  let j = next[k + 1]!;
  if (j !== -1 && marks[j]!.i === open.i + 1) j = next[j + 1]!;
  if (j === -1 || marks[j]!.i - open.i > MAX_QUOTE) return -1;
  return j;
}

function findClose(marks: Mark[], k: number): number {
  const open = marks[k]!;
  const stack: Mark[] = [];
  for (let j = k + 1; j < marks.length; j++) {
    const m = marks[j]!;
    if (m.i - open.i > MAX_QUOTE) return -1;
    if (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (closes(top, m)) {
        stack.pop();
        continue;
      }
    }
    if (closes(open, m)) {
      // a straight or “either” mark right after the opening is not a close of an empty quote
      if (m.i === open.i + 1) continue;
      return j;
    }
    if (m.role !== 'close' && m.family !== open.family && stack.length < 8) stack.push(m);
    else if (m.role === 'open' && m.family === open.family && open.family !== 'single') {
      // a second opening of the same family before any close: the first one was left open
      // (e.g. a typo): treat the first as unmatched
      return -1;
    }
  }
  return -1;
}

function trimSpans(text: string, spans: QuoteSpan[]): QuoteSpan[] {
  for (const s of spans) {
    while (s.start < s.end && /\s/.test(text[s.start]!)) s.start++;
    while (s.end > s.start && /[\s,]/.test(text[s.end - 1]!)) s.end--;
  }
  return spans.filter((s) => s.end > s.start);
}

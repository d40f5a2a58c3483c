/**
 * The text map: the extracted text built run by run, each run remembered as a
 * segment of one text node, so that every character that comes from the page maps
 * back to its node and offset (`locate`). Whitespace collapses as HTML renders it;
 * the characters we add (paragraph breaks, the marks a <q> renders) map to null.
 */

/**
 * A run of `text` that comes from one text node. text[start, end) corresponds to
 * node.data from `nodeStart`; when whitespace was collapsed inside the run,
 * `pieces` holds the linear pieces of the map as flattened pairs
 * [textOffset, nodeOffset, textOffset, nodeOffset, …] (first pair = start, nodeStart).
 */
export interface Segment {
  node: Text;
  start: number;
  end: number;
  /** offset in node.data of text[start] */
  nodeStart: number;
  /** offset in node.data just past the last character of the run */
  nodeEnd: number;
  pieces?: number[];
}

export interface Extraction {
  text: string;
  /** in text order, non-overlapping; characters between segments are ours ("\n", q marks) */
  segments: Segment[];
  /**
   * Trees read besides the root's own: open shadow roots and the documents of
   * same-origin iframes (a MutationObserver on the page does not see into them).
   */
  subtrees: Array<ShadowRoot | Document>;
}

export interface Location {
  node: Text;
  offset: number;
}

/** ASCII whitespace as HTML collapses it (not U+00A0). */
export const COLLAPSIBLE = /[ \t\n\r\f]+/g;
/** Whitespace inside a text that collapsing changes: a run, or a character other than " ". */
const INNER_RUN = /[\t\n\r\f]|  /;
const LONG_RUN = /[ \t\n\r\f]{2,}/g;

function isCollapsible(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12;
}

/** Builds the text and its segments as the walk meets text and elements. */
export class TextWriter {
  readonly segments: Segment[] = [];
  private readonly out: string[] = [];
  private pos = 0;
  /** nothing emitted yet: breaks and spaces are dropped */
  private atStart = true;
  /** newlines owed before the next character (0, 1 or 2) */
  private pendingBreak = 0;
  /** a collapsed space owed, and where it comes from */
  private pendingNode: Text | null = null;
  private pendingOffset = 0;
  /** the last segment (extended while its node continues) */
  private seg: Segment | null = null;

  get text(): string {
    return this.out.join('');
  }

  private append(node: Text, nodeOffset: number, chunk: string): void {
    const seg = this.seg;
    if (seg !== null && seg.node === node && seg.end === this.pos) {
      if (seg.nodeEnd !== nodeOffset) {
        if (seg.pieces === undefined) seg.pieces = [seg.start, seg.nodeStart];
        seg.pieces.push(this.pos, nodeOffset);
      }
      seg.end = this.pos + chunk.length;
      seg.nodeEnd = nodeOffset + chunk.length;
    } else {
      this.seg = { node, start: this.pos, end: this.pos + chunk.length, nodeStart: nodeOffset, nodeEnd: nodeOffset + chunk.length };
      this.segments.push(this.seg);
    }
    this.out.push(chunk);
    this.pos += chunk.length;
  }

  /** Emits what is owed (a paragraph break, or one space) before new content. */
  private flush(): void {
    if (this.atStart) {
      this.atStart = false;
    } else if (this.pendingBreak > 0) {
      const nl = this.pendingBreak === 1 ? '\n' : '\n\n';
      this.out.push(nl);
      this.pos += nl.length;
    } else if (this.pendingNode !== null) {
      this.append(this.pendingNode, this.pendingOffset, ' ');
    }
    this.pendingBreak = 0;
    this.pendingNode = null;
  }

  /** A block element starts or ends: a paragraph break is owed. */
  block(): void {
    if (!this.atStart) this.pendingBreak = 2;
    this.pendingNode = null;
  }

  /** A <br>: one more line break owed (two at most). */
  lineBreak(): void {
    if (!this.atStart) this.pendingBreak = Math.min(2, this.pendingBreak + 1);
    this.pendingNode = null;
  }

  /** Characters of our own (a <q>'s opening mark), mapped to no node. */
  synthetic(chunk: string): void {
    this.flush();
    this.out.push(chunk);
    this.pos += chunk.length;
  }

  /** A <q>'s closing mark: it goes before a collapsed space owed by the quote's last word. */
  closingMark(chunk: string): void {
    const node = this.pendingNode;
    const offset = this.pendingOffset;
    this.pendingNode = null;
    this.synthetic(chunk);
    this.pendingNode = node;
    this.pendingOffset = offset;
  }

  /** A collapsed space is owed after content, unless a break or another space is. */
  private oweSpace(node: Text, offset: number): void {
    if (!this.atStart && this.pendingBreak === 0 && this.pendingNode === null) {
      this.pendingNode = node;
      this.pendingOffset = offset;
    }
  }

  /** A text node's data; `pre`: inside <pre>, whitespace is kept as it is. */
  textNode(node: Text, pre: boolean): void {
    const data = node.data;
    const length = data.length;
    if (length === 0) return;
    if (pre) {
      this.flush();
      this.append(node, 0, data);
      return;
    }
    let first = 0;
    while (first < length && isCollapsible(data.charCodeAt(first))) first++;
    if (first === length) {
      this.oweSpace(node, 0);
      return;
    }
    if (first > 0) this.oweSpace(node, 0);
    let last = length;
    while (isCollapsible(data.charCodeAt(last - 1))) last--;
    this.flush();
    const body = first === 0 && last === length ? data : data.slice(first, last);
    if (!INNER_RUN.test(body)) {
      this.append(node, first, body);
    } else {
      // Collapse inner runs; a run longer than one character starts a new linear piece.
      const base = this.pos;
      const collapsed = body.replace(COLLAPSIBLE, ' ');
      this.append(node, first, collapsed);
      const s = this.seg!;
      let removed = 0;
      LONG_RUN.lastIndex = 0;
      for (let m = LONG_RUN.exec(body); m !== null; m = LONG_RUN.exec(body)) {
        const after = m.index + m[0].length;
        removed += m[0].length - 1;
        if (s.pieces === undefined) s.pieces = [s.start, s.nodeStart];
        s.pieces.push(base + after - removed, first + after);
      }
      s.nodeEnd = last;
    }
    if (last < length) this.oweSpace(node, last);
  }
}

// ---------------------------------------------------------------------------
// Offsets back to the DOM

function segmentAt(segments: Segment[], offset: number): Segment | null {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return null;
}

function nodeOffsetIn(s: Segment, offset: number): number {
  const p = s.pieces;
  if (p === undefined) return s.nodeStart + (offset - s.start);
  let lo = 0;
  let hi = p.length / 2 - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (p[mid * 2]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return p[lo * 2 + 1]! + (offset - p[lo * 2]!);
}

/**
 * Where a text offset is in the DOM.
 *
 * bias "start" (default): the position of the character at textOffset — use it for
 * the start of a range. bias "end": the position just after the character at
 * textOffset - 1 — use it for the (exclusive) end of a range.
 * Null when that character is one we added (a paragraph break, a <q> mark) or the
 * offset is out of range.
 */
export function locate(extraction: Extraction, textOffset: number, bias: 'start' | 'end' = 'start'): Location | null {
  const offset = bias === 'end' ? textOffset - 1 : textOffset;
  if (!Number.isInteger(offset) || offset < 0 || offset >= extraction.text.length) return null;
  const s = segmentAt(extraction.segments, offset);
  if (s === null) return null;
  const nodeOffset = nodeOffsetIn(s, offset);
  return { node: s.node, offset: bias === 'end' ? nodeOffset + 1 : nodeOffset };
}

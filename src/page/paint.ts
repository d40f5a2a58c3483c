/**
 * Painting report offsets onto the page. Preferred: the CSS Custom Highlight API,
 * which leaves the page's DOM untouched. Fallback where it is missing: wrap ranges in
 * <stance-lens-mark> elements and, on clear, restore the DOM exactly (the wrappers
 * removed, and only the text nodes we split merged back).
 *
 * The highlight registry is shared with the page: names carry our prefix, we keep our
 * own list of ranges (Firefox content scripts cannot iterate a Highlight), and
 * `verify()` re-registers anything a page script removed.
 */
import { STANCES } from '../vocab/vocab.ts';
import { locate, type Extraction } from './extract.ts';

export const HIGHLIGHT_PREFIX = 'stance-lens-';
export const PAINT_KINDS = [...STANCES, 'speaker', 'flash'] as const;
export type PaintKind = (typeof PAINT_KINDS)[number];
export const MARK_TAG = 'stance-lens-mark';

export interface PaintItem {
  kind: PaintKind;
  start: number;
  end: number;
  /** index of the statement in the report, -1 for mentions */
  statement: number;
}

export interface Painted {
  item: PaintItem;
  range: Range;
}

/** A DOM range for text offsets; characters we added (breaks) are stepped over. */
export function rangeFor(doc: Document, ext: Extraction, start: number, end: number): Range | null {
  let s = start;
  let e = end;
  let a = locate(ext, s, 'start');
  while (a === null && s < e - 1) a = locate(ext, ++s, 'start');
  let b = locate(ext, e, 'end');
  while (b === null && e > s + 1) b = locate(ext, --e, 'end');
  if (a === null || b === null) return null;
  // a range lives in one tree: a statement running out of a shadow tree or a frame is cut there
  const root = a.node.getRootNode();
  while (b.node.getRootNode() !== root) {
    if (e <= s + 1) return null;
    const c = locate(ext, --e, 'end');
    if (c !== null) b = c;
  }
  const r = (a.node.ownerDocument ?? doc).createRange();
  try {
    // from a's own node, so that setting the boundaries compares them with each other,
    // not with the start of the document (a walk over the whole page in some DOMs)
    r.selectNodeContents(a.node);
    r.setStart(a.node, a.offset);
    r.setEnd(b.node, b.offset);
  } catch {
    return null;
  }
  return r.collapsed ? null : r;
}

export interface Painter {
  readonly mode: 'highlights' | 'wrap';
  paint(items: PaintItem[], ext: Extraction): Painted[];
  /** re-register highlights a page script removed; true when something was missing */
  verify(): boolean;
  /** flash one range (jump to statement) */
  flash(range: Range | null): void;
  clear(): void;
}

interface HighlightRegistry {
  set(name: string, h: unknown): void;
  get(name: string): unknown;
  delete(name: string): boolean;
}

type HighlightCtor = new (...ranges: Range[]) => unknown;

/** The highlight registry of a document (an iframe's has its own) and its Highlight constructor. */
function registryOf(doc: Document | null): { reg: HighlightRegistry; Ctor: HighlightCtor } | null {
  const scope = (doc === null || doc === globalThis.document ? globalThis : doc.defaultView) as {
    CSS?: { highlights?: HighlightRegistry };
    Highlight?: HighlightCtor;
  } | null;
  try {
    const reg = scope?.CSS?.highlights;
    const Ctor = scope?.Highlight;
    return reg && typeof Ctor === 'function' ? { reg, Ctor } : null;
  } catch {
    return null;
  }
}

function registry(): HighlightRegistry | null {
  return registryOf(null)?.reg ?? null;
}

export function createPainter(doc: Document): Painter {
  return registry() ? new HighlightPainter(doc) : new WrapPainter(doc);
}

const priorityOf = (kind: PaintKind): number => (kind === 'speaker' ? 1 : kind === 'flash' ? 3 : 2);

/**
 * One Highlight per stance and document: the page's, and each same-origin iframe's
 * (ranges in open shadow roots belong to their host's document).
 */
class HighlightPainter implements Painter {
  readonly mode = 'highlights' as const;
  private own = new Map<Document, Map<string, { highlight: unknown; ranges: Range[] }>>();

  constructor(private doc: Document) {}

  paint(items: PaintItem[], ext: Extraction): Painted[] {
    const byDoc = new Map<Document, Map<PaintKind, Range[]>>();
    const painted: Painted[] = [];
    const first = firstDocument(ext);
    if (!first) return painted;
    for (const item of items) {
      const range = rangeFor(first, ext, item.start, item.end);
      if (!range) continue;
      const doc = range.startContainer.ownerDocument ?? this.doc;
      if (doc !== this.doc && !registryOf(doc)) continue;
      painted.push({ item, range });
      let kinds = byDoc.get(doc);
      if (!kinds) byDoc.set(doc, (kinds = new Map()));
      let list = kinds.get(item.kind);
      if (!list) kinds.set(item.kind, (list = []));
      list.push(range);
    }
    this.clear();
    for (const [doc, kinds] of byDoc) {
      for (const [kind, ranges] of kinds) this.register(doc, kind, ranges);
    }
    return painted;
  }

  private register(doc: Document, kind: PaintKind, ranges: Range[]): void {
    const r = registryOf(doc);
    if (!r) return;
    const name = HIGHLIGHT_PREFIX + kind;
    const highlight = new r.Ctor(...ranges);
    // statements above mentions when they overlap
    (highlight as { priority: number }).priority = priorityOf(kind);
    r.reg.set(name, highlight);
    let names = this.own.get(doc);
    if (!names) this.own.set(doc, (names = new Map()));
    names.set(name, { highlight, ranges });
  }

  verify(): boolean {
    let missing = false;
    for (const [doc, names] of this.own) {
      const r = registryOf(doc);
      if (!r) continue;
      for (const [name, { highlight }] of names) {
        if (r.reg.get(name) !== highlight) {
          r.reg.set(name, highlight);
          missing = true;
        }
      }
    }
    return missing;
  }

  flash(range: Range | null): void {
    const name = HIGHLIGHT_PREFIX + 'flash';
    for (const [doc, names] of this.own) {
      if (!names.has(name)) continue;
      registryOf(doc)?.reg.delete(name);
      names.delete(name);
    }
    if (range) this.register(range.startContainer.ownerDocument ?? this.doc, 'flash', [range]);
  }

  clear(): void {
    for (const [doc, names] of this.own) {
      const r = registryOf(doc);
      if (r) for (const [name, { highlight }] of names) if (r.reg.get(name) === highlight) r.reg.delete(name);
    }
    this.own.clear();
  }
}

function firstDocument(ext: Extraction): Document | null {
  const s = ext.segments[0];
  return s ? s.node.ownerDocument : null;
}

/**
 * Fallback: wrappers. Each split of a text node is recorded; clear() unwraps and
 * merges exactly the pieces it split, so the page serialises as before.
 */
class WrapPainter implements Painter {
  readonly mode = 'wrap' as const;
  private marks: HTMLElement[] = [];
  /** [original node, the nodes split off it in order] */
  private splits: Array<{ node: Text; parts: Text[] }> = [];
  /** each original node and each piece split off it → its entry in `splits` */
  private splitOf = new Map<Text, { node: Text; parts: Text[] }>();

  constructor(private doc: Document) {}

  paint(items: PaintItem[], ext: Extraction): Painted[] {
    this.clear();
    const painted: Painted[] = [];
    // statements win over mentions: paint them first and skip overlapping mentions
    const sorted = [...items].sort((a, b) => (a.kind === 'speaker' ? 1 : 0) - (b.kind === 'speaker' ? 1 : 0) || a.start - b.start);
    // Items come in order of start, statements before mentions, so an item overlaps one
    // taken before it of its own group exactly when it starts before the furthest end
    // taken so far; a mention is also looked up among the statements taken (disjoint,
    // in order). No pairwise test: pages with thousands of items stay linear.
    const statements: Array<[number, number]> = [];
    let statementsEnd = -Infinity;
    let mentionsEnd = -Infinity;
    const pending: Array<{ item: PaintItem; range: Range }> = [];
    for (const item of sorted) {
      const mention = item.kind === 'speaker';
      if (item.start < (mention ? mentionsEnd : statementsEnd)) continue;
      if (mention && overlapsAny(statements, item.start, item.end)) continue;
      const range = rangeFor(this.doc, ext, item.start, item.end);
      if (!range) continue;
      if (mention) mentionsEnd = Math.max(mentionsEnd, item.end);
      else {
        statements.push([item.start, item.end]);
        statementsEnd = Math.max(statementsEnd, item.end);
      }
      pending.push({ item, range });
    }
    // wrap from the end of the document backwards so earlier ranges stay valid
    pending.sort((x, y) => y.item.start - x.item.start);
    for (const { item, range } of pending) {
      const first = this.wrapRange(range, item);
      if (first) painted.push({ item, range: wrappedRange(this.doc, first) });
    }
    painted.sort((a, b) => a.item.start - b.item.start);
    return painted;
  }

  /** Wraps every text node piece of the range; returns the wrappers in order. */
  private wrapRange(range: Range, item: PaintItem): HTMLElement[] | null {
    const texts: Array<{ node: Text; from: number; to: number }> = [];
    const add = (t: Text) => {
      const from = t === range.startContainer ? range.startOffset : 0;
      const to = t === range.endContainer ? range.endOffset : t.data.length;
      if (to > from && t.data.slice(from, to).trim() !== '') texts.push({ node: t, from, to });
    };
    const first = range.startContainer;
    if (first.nodeType === 3 && first === range.endContainer) {
      add(first as Text);
    } else {
      // Only the text nodes from the range's start to its end. (Walking every text node
      // under the common ancestor for every range made painting a paragraph with n
      // statements cost n times its size.)
      const walker = this.doc.createTreeWalker(range.commonAncestorContainer, 4 /* SHOW_TEXT */);
      walker.currentNode = first;
      let inside = false;
      for (let n: Node | null = first.nodeType === 3 ? first : walker.nextNode(); n; n = walker.nextNode()) {
        if (range.intersectsNode(n)) {
          inside = true;
          add(n as Text);
        } else if (inside) break; // the text nodes of a range are consecutive
        if (n === range.endContainer) break;
      }
    }
    const wrappers: HTMLElement[] = [];
    for (const { node, from, to } of texts) {
      let target = node;
      if (to < target.data.length) this.split(target, to);
      if (from > 0) target = this.split(target, from);
      const mark = this.doc.createElement(MARK_TAG);
      mark.setAttribute('data-stance', item.kind);
      mark.setAttribute('data-stance-lens-ui', '');
      if (item.statement >= 0) mark.setAttribute('data-statement', String(item.statement));
      target.parentNode!.insertBefore(mark, target);
      mark.appendChild(target);
      this.marks.push(mark);
      wrappers.push(mark);
    }
    return wrappers.length ? wrappers : null;
  }

  private split(node: Text, at: number): Text {
    const rest = node.splitText(at);
    // remember which original node the piece came from (the original keeps the head)
    let entry = this.splitOf.get(node);
    if (!entry) {
      this.splits.push((entry = { node, parts: [] }));
      this.splitOf.set(node, entry);
    }
    entry.parts.push(rest);
    this.splitOf.set(rest, entry);
    return rest;
  }

  verify(): boolean {
    return false;
  }

  flash(range: Range | null): void {
    for (const m of this.marks) m.removeAttribute('data-flash');
    if (!range) return;
    for (const m of this.marks) if (range.intersectsNode(m)) m.setAttribute('data-flash', '');
  }

  clear(): void {
    for (const mark of this.marks) {
      const parent = mark.parentNode;
      if (!parent) continue;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      parent.removeChild(mark);
    }
    this.marks = [];
    // merge back only the splits we made, in document order
    for (const { node, parts } of this.splits) {
      const all = inDocumentOrder([node, ...parts].filter((t) => t.parentNode));
      const head = all[0];
      if (!head) continue;
      const merged = all.slice(1).filter((t) => t.parentNode === head.parentNode);
      if (merged.length === 0) continue;
      head.appendData(merged.map((t) => t.data).join(''));
      for (const t of merged) t.parentNode!.removeChild(t);
    }
    this.splits = [];
    this.splitOf.clear();
  }
}

/** Whether [start, end) overlaps one of the disjoint, ordered spans. */
function overlapsAny(spans: Array<[number, number]>, start: number, end: number): boolean {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]![1] <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < spans.length && spans[lo]![0] < end;
}

/**
 * Pieces of one text node in document order: by index when they share a parent (the
 * usual case; one pass over the children), else by comparing positions.
 */
function inDocumentOrder(nodes: Text[]): Text[] {
  if (nodes.length < 2) return nodes;
  const parent = nodes[0]!.parentNode!;
  if (nodes.every((t) => t.parentNode === parent)) {
    const index = new Map<Node, number>();
    parent.childNodes.forEach((c, i) => index.set(c, i));
    return nodes.sort((a, b) => index.get(a)! - index.get(b)!);
  }
  return nodes.sort((a, b) => (a.compareDocumentPosition(b) & 4 /* FOLLOWING */ ? -1 : 1));
}

function wrappedRange(doc: Document, marks: HTMLElement[]): Range {
  const r = doc.createRange();
  // selectNode sets both boundaries at once: nothing to compare with the document start
  r.selectNode(marks[0]!);
  if (marks.length > 1) r.setEndAfter(marks[marks.length - 1]!);
  return r;
}

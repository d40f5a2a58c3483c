/**
 * The walk of text extraction: one TreeWalker pass (no filter callback, no
 * getComputedStyle) over the composed tree as the reader sees it, the skip rules
 * deciding which subtrees to read, the text map writing what is read.
 */
import { frameDocument, INLINE_TAGS, isArticleLike, isStructural, openShadowRoot, skipElement } from './skip.ts';
import { TextWriter, type Extraction } from './text-map.ts';

export interface ExtractOptions {
  /**
   * Extra visibility test, called for elements the built-in rules keep (e.g. a
   * content script may consult a cached stylesheet rule). True skips the subtree.
   */
  isHidden?: (el: Element) => boolean;
  /** Extra exclusion, called after isHidden. True skips the subtree. */
  ignore?: (el: Element) => boolean;
}

const QUOTE_MARKS = /^[\s"'\u00AB\u00BB\u2018-\u201F\u2039\u203A\u300C-\u300F]/;

/** Nodes visited between two stops of extractTextSteps. */
const NODES_PER_STEP = 500;

// Per open element: what to undo on leaving it (bit flags; -1 skipped, -2 inside a skipped one).
const BLOCK = 1,
  PRE = 2,
  ARTICLE = 4,
  Q = 8,
  QMARKS = 16;
// a shadow host or iframe whose rendered content was walked in place of its children
const HOST = 32;

/**
 * extractText, step by step: the generator stops every few hundred nodes, so that a
 * caller on the page's main thread can give the thread back on very large pages.
 * A page that changes meanwhile is read again by the caller (its observer says so).
 */
export function* extractTextSteps(root: Document | Element, options: ExtractOptions = {}): Generator<void, Extraction> {
  const start: Element | null = root.nodeType === 9 ? (root as Document).documentElement : (root as Element);
  if (start === null) return { text: '', segments: [], subtrees: [] };
  const walker = new Walker(options, start);
  yield* walker.walk(start, walker.enter(start, true));
  return { text: walker.writer.text, segments: walker.writer.segments, subtrees: walker.subtrees };
}

/** The state of one extraction: where the walk is (inside <pre>, an article, a <q>) and what it wrote. */
class Walker {
  readonly writer = new TextWriter();
  readonly subtrees: Array<ShadowRoot | Document> = [];
  private preDepth = 0;
  private articleDepth = 0;
  private qDepth = 0;
  private visited = 0;

  constructor(
    private readonly options: ExtractOptions,
    start: Element,
  ) {
    // Below a chosen article root, everything is "inside the article"; from the body, only
    // what is inside an <article>, <main> or articleBody.
    const rootTag = start.localName;
    if (rootTag !== 'html' && rootTag !== 'body') this.articleDepth = 1;
  }

  private text(node: Text): void {
    this.writer.textNode(node, this.preDepth > 0);
  }

  /** Returns the stack flags for an accepted element, or -1 to skip its subtree. */
  enter(el: Element, isRoot: boolean): number {
    const tag = el.localName;
    const articleLike = isArticleLike(el, tag);
    if (!isRoot) {
      if (skipElement(el, tag, this.articleDepth > 0, isStructural(tag, articleLike))) return -1;
      if (this.options.isHidden?.(el) === true || this.options.ignore?.(el) === true) return -1;
    }
    let flags = 0;
    if (tag === 'br') {
      this.writer.lineBreak();
      return 0;
    }
    if (!INLINE_TAGS.has(tag)) {
      flags |= BLOCK;
      this.writer.block();
      if (tag === 'pre' || tag === 'listing' || tag === 'xmp' || tag === 'plaintext') {
        flags |= PRE;
        this.preDepth++;
      }
    } else if (tag === 'q') {
      flags |= Q;
      // Browsers draw the marks; add them unless the page typed its own.
      const content = el.textContent ?? '';
      if (!QUOTE_MARKS.test(content.trimStart().slice(0, 1) || ' ')) {
        flags |= QMARKS;
        this.writer.synthetic(this.qDepth % 2 === 0 ? '\u201C' : '\u2018');
      }
      this.qDepth++;
    }
    if (articleLike) {
      flags |= ARTICLE;
      this.articleDepth++;
    }
    return flags;
  }

  private leave(flags: number): void {
    if (flags & BLOCK) this.writer.block();
    if (flags & PRE) this.preDepth--;
    if (flags & ARTICLE) this.articleDepth--;
    if (flags & Q) {
      this.qDepth--;
      if (flags & QMARKS) this.writer.closingMark(this.qDepth % 2 === 0 ? '\u201D' : '\u2019');
    }
  }

  // NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, no filter callback (a callback
  // makes the walk several times slower). nextNode() visits in document order; an
  // element is left when the next node's parent is not it, which the stack of open
  // elements tells. Inside a skipped element nodes are only counted, not read.
  //
  // The composed tree, as the reader sees it: a shadow host shows its open shadow
  // tree (its own children only where a <slot> takes them), a same-origin iframe
  // shows its document's body. Those are walked where they stand, by a nested walk;
  // the host's own children are then skipped (HOST).
  *walk(top: Node, topFlags: number): Generator<void, void> {
    if (topFlags === -1) return;
    const own = top.nodeType === 1 ? this.composedChildren(top as Element) : null;
    if (own !== null) {
      yield* own();
      this.leave(topFlags);
      return;
    }
    const owner = top.nodeType === 9 ? (top as Document) : (top.ownerDocument as Document);
    const walker = owner.createTreeWalker(top, 0x1 | 0x4);
    const open: Node[] = [top];
    const openFlags: number[] = [topFlags];
    let skipped = 0;
    const close = (): void => {
      open.pop();
      const flags = openFlags.pop()!;
      if (flags === -1) skipped--;
      else if (flags >= 0) {
        if (flags & HOST) skipped--;
        this.leave(flags);
      }
    };
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      if (++this.visited % NODES_PER_STEP === 0) yield;
      const parent = node.parentNode;
      while (open.length > 1 && open[open.length - 1] !== parent) close();
      if (node.nodeType === 3) {
        if (skipped === 0) this.text(node as Text);
        continue;
      }
      open.push(node);
      if (skipped > 0) {
        openFlags.push(-2);
        continue;
      }
      const el = node as Element;
      let flags = this.enter(el, false);
      if (flags !== -1) {
        const inner = this.composedChildren(el);
        if (inner !== null) {
          yield* inner();
          flags |= HOST;
          skipped++;
        }
      }
      openFlags.push(flags);
      if (flags === -1) skipped++;
    }
    while (open.length > 0) close();
  }

  /** For an element whose rendered content is not its children: a function reading it. */
  private composedChildren(el: Element): (() => Generator<void, void>) | null {
    const shadow = openShadowRoot(el);
    if (shadow !== null) {
      this.subtrees.push(shadow);
      return () => this.walk(shadow, 0);
    }
    const tag = el.localName;
    if (tag === 'slot') {
      const assigned = (el as HTMLSlotElement).assignedNodes?.({ flatten: true }) ?? [];
      if (assigned.length === 0) return null; // the slot's fallback content shows: its children
      const self = this;
      return function* () {
        for (const n of assigned) {
          if (n.nodeType === 3) self.text(n as Text);
          else if (n.nodeType === 1) yield* self.walk(n, self.enter(n as Element, false));
        }
      };
    }
    if (tag === 'iframe') {
      const doc = frameDocument(el);
      if (doc === null) return null;
      this.subtrees.push(doc);
      return () => this.walk(doc.body, this.enter(doc.body, false));
    }
    return null;
  }
}

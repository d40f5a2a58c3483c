/**
 * Text extraction from the DOM, shared by the content script and the CLI.
 *
 * One TreeWalker pass (no filter callback, no getComputedStyle) turns the visible
 * article text into one string: block elements are separated by a blank line,
 * inline elements join, so a quote that spans <a> or <em> stays one string, and
 * whitespace runs collapse to one space. Every character of the string that comes
 * from the page maps back to its text node and offset (`locate`); the few
 * characters we add (paragraph breaks, the quote marks a <q> renders) map to null.
 *
 * Standard DOM API only: this file runs in the browser and under happy-dom.
 */
import { runSteps } from '../text/steps.ts';

export interface ExtractOptions {
  /**
   * Extra visibility test, called for elements the built-in rules keep (e.g. a
   * content script may consult a cached stylesheet rule). True skips the subtree.
   */
  isHidden?: (el: Element) => boolean;
  /** Extra exclusion, called after isHidden. True skips the subtree. */
  ignore?: (el: Element) => boolean;
}

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

/**
 * The document of a same-origin iframe, or null (cross-origin, not loaded, sandboxed,
 * or an editor: a rich-text field is the user's, not an article).
 */
export function frameDocument(el: Element): Document | null {
  try {
    const doc = (el as HTMLIFrameElement).contentDocument;
    if (!doc || !doc.body || doc.designMode === 'on' || doc.body.isContentEditable) return null;
    return doc;
  } catch {
    return null;
  }
}

/** An open shadow root (closed ones are not ours to read). */
function openShadowRoot(el: Element): ShadowRoot | null {
  const root = el.shadowRoot;
  return root && root.mode === 'open' ? root : null;
}

export interface Location {
  node: Text;
  offset: number;
}

// ---------------------------------------------------------------------------
// Element classification

/** Never text for the reader. */
const SKIP_TAGS = new Set([
  'head', 'title', 'meta', 'link', 'base',
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'frame', 'frameset',
  'canvas', 'object', 'embed', 'video', 'audio', 'picture', 'source', 'track', 'map',
  'input', 'textarea', 'select', 'button', 'option', 'optgroup', 'datalist', 'output', 'progress', 'meter',
  'nav', 'aside', 'figcaption', 'menu', 'dialog',
]);

/** Elements whose text flows into the surrounding paragraph. Everything else is a block. */
const INLINE_TAGS = new Set([
  'a', 'abbr', 'acronym', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'data', 'del', 'dfn', 'em',
  'font', 'i', 'img', 'ins', 'kbd', 'label', 'mark', 'nobr', 'q', 's', 'samp', 'small', 'span',
  'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr', 'ruby', 'rb', 'rt', 'rp',
  // a shadow tree's <slot> renders as its assigned nodes (display: contents)
  'slot',
  // our own wrapper (painting without the highlight API): a rescan reads the same text
  'stance-lens-mark',
]);

/** Whose header and footer belong to the article (kept), unlike the site's. */
function isArticleLike(el: Element, tag: string): boolean {
  if (tag === 'article' || tag === 'main') return true;
  if (!el.hasAttributes()) return false;
  const role = el.getAttribute('role');
  if (role === 'main') return true;
  const itemprop = el.getAttribute('itemprop');
  return itemprop !== null && /\barticleBody\b/.test(itemprop);
}

/** Words in class names and ids that mark page furniture rather than article text. */
const JUNK_WORDS = new Set([
  'ad', 'ads', 'adv', 'advert', 'adverts', 'advertisement', 'advertisements', 'advertising',
  'adslot', 'adunit', 'adsbygoogle', 'dfp', 'sponsor', 'sponsored',
  'promo', 'promos', 'promoted', 'newsletter', 'newsletters',
  'related', 'share', 'shares', 'sharing', 'sharebar', 'social',
  'comment', 'comments', 'commentlist', 'commentform', 'disqus', 'subscribe', 'subscription', 'outbrain', 'taboola',
  'breadcrumb', 'breadcrumbs', 'cookie', 'cookies', 'gdpr',
]);

/**
 * First words that make a token not about the element's role: taxonomy classes
 * (WordPress post_class: "tag-social-media", "category-advertising") and negations
 * ("non-ad-column", "no-comments").
 */
const TAXONOMY_PREFIX = /^(?:tag|tags|category|categories|topic|section|postid|post|page|has|no|non|not|without|with)$/;

const junkCache = new Map<string, boolean>();

/**
 * Whether a class attribute or id names page furniture: each token is split into
 * words at "-", "_", other punctuation and camelCase humps, so "ad-slot",
 * "relatedLinks" and "c-article__share" match while "shadow-header", "download"
 * and "shared-content" do not.
 */
export function isJunkName(value: string): boolean {
  if (value.length === 0) return false;
  const cached = junkCache.get(value);
  if (cached !== undefined) return cached;
  let junk = false;
  for (const token of value.split(/\s+/)) {
    if (token.length === 0) continue;
    const words = token
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 0);
    if (words.length > 1 && TAXONOMY_PREFIX.test(words[0]!)) continue;
    if (words.some((w) => JUNK_WORDS.has(w))) {
      junk = true;
      break;
    }
  }
  if (junkCache.size < 10_000) junkCache.set(value, junk);
  return junk;
}

const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse))\s*(?:!\s*important\s*)?(?:;|$)/i;

/**
 * Built-in skip rules for one element. `insideArticle`: the element is within the
 * article (its header and footer are kept). `structural`: never skipped for its class.
 */
function skipElement(el: Element, tag: string, insideArticle: boolean, structural: boolean): boolean {
  // an open dialog and a readable iframe are read, unless the rules below hide them
  if (SKIP_TAGS.has(tag) && !((tag === 'dialog' && el.hasAttribute('open')) || (tag === 'iframe' && frameDocument(el) !== null))) return true;
  if ((tag === 'header' || tag === 'footer') && !insideArticle) return true;
  if (!el.hasAttributes()) return false;
  if (el.hasAttribute('hidden')) return true;
  // our card's host is skipped; our wrappers (painting without the highlight API) hold page text
  if (el.hasAttribute('data-stance-lens-ui') && tag !== 'stance-lens-mark') return true;
  if (el.getAttribute('aria-hidden') === 'true') return true;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable.toLowerCase() !== 'false') return true;
  const style = el.getAttribute('style');
  if (style !== null && HIDDEN_STYLE.test(style)) return true;
  const role = el.getAttribute('role');
  if (role !== null) {
    if (role === 'navigation' || role === 'complementary' || role === 'search' || role === 'dialog' || role === 'alertdialog') return true;
    if ((role === 'banner' || role === 'contentinfo') && !insideArticle) return true;
  }
  if (structural) return false;
  const cls = el.getAttribute('class');
  const id = el.getAttribute('id');
  if (!((cls !== null && isJunkName(cls)) || (id !== null && isJunkName(id)))) return false;
  // A wrapper named "non-ad-column" or "advertisement-off-canvas--pusher" can hold the
  // whole story: a junk name does not count when the element holds the article's
  // markers. Junk elements are small as a rule, so this look-down stays cheap.
  return el.querySelector(CONTENT_MARKERS) === null;
}

/** What only the article itself holds (comments and teasers are <article>s too, so not that). */
const CONTENT_MARKERS = 'h1, main, [role="main"], [itemprop~="articleBody"]';

// ---------------------------------------------------------------------------
// Extraction

const QUOTE_MARKS = /^[\s"'\u00AB\u00BB\u2018-\u201F\u2039\u203A\u300C-\u300F]/;

/** ASCII whitespace as HTML collapses it (not U+00A0). */
const COLLAPSIBLE = /[ \t\n\r\f]+/g;
/** Whitespace inside a text that collapsing changes: a run, or a character other than " ". */
const INNER_RUN = /[\t\n\r\f]|  /;
const LONG_RUN = /[ \t\n\r\f]{2,}/g;

function isCollapsible(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12;
}

export function extractText(root: Document | Element, options: ExtractOptions = {}): Extraction {
  return runSteps(extractTextSteps(root, options));
}

/** Nodes visited between two stops of extractTextSteps. */
const NODES_PER_STEP = 500;

/**
 * extractText, step by step: the generator stops every few hundred nodes, so that a
 * caller on the page's main thread can give the thread back on very large pages.
 * A page that changes meanwhile is read again by the caller (its observer says so).
 */
export function* extractTextSteps(root: Document | Element, options: ExtractOptions = {}): Generator<void, Extraction> {
  const doc = root.nodeType === 9 ? (root as Document) : (root.ownerDocument as Document);
  const start: Element | null = root.nodeType === 9 ? (root as Document).documentElement : (root as Element);
  const out: string[] = [];
  const segments: Segment[] = [];
  const subtrees: Array<ShadowRoot | Document> = [];
  if (start === null) return { text: '', segments, subtrees };

  let pos = 0;
  let atStart = true; // nothing emitted yet: breaks and spaces are dropped
  let pendingBreak = 0; // newlines owed before the next character (0, 1 or 2)
  let pendingNode: Text | null = null; // a collapsed space owed, and where it comes from
  let pendingOffset = 0;
  let seg: Segment | null = null; // the last segment (extended while its node continues)

  const append = (node: Text, nodeOffset: number, chunk: string): void => {
    if (seg !== null && seg.node === node && seg.end === pos) {
      if (seg.nodeEnd !== nodeOffset) {
        if (seg.pieces === undefined) seg.pieces = [seg.start, seg.nodeStart];
        seg.pieces.push(pos, nodeOffset);
      }
      seg.end = pos + chunk.length;
      seg.nodeEnd = nodeOffset + chunk.length;
    } else {
      seg = { node, start: pos, end: pos + chunk.length, nodeStart: nodeOffset, nodeEnd: nodeOffset + chunk.length };
      segments.push(seg);
    }
    out.push(chunk);
    pos += chunk.length;
  };

  /** Emits what is owed (a paragraph break, or one space) before new content. */
  const flush = (): void => {
    if (atStart) {
      atStart = false;
    } else if (pendingBreak > 0) {
      const nl = pendingBreak === 1 ? '\n' : '\n\n';
      out.push(nl);
      pos += nl.length;
    } else if (pendingNode !== null) {
      append(pendingNode, pendingOffset, ' ');
    }
    pendingBreak = 0;
    pendingNode = null;
  };

  const block = (): void => {
    if (!atStart) pendingBreak = 2;
    pendingNode = null;
  };

  const synthetic = (chunk: string): void => {
    flush();
    out.push(chunk);
    pos += chunk.length;
  };

  let preDepth = 0;
  let articleDepth = 0;
  let qDepth = 0;
  // Below a chosen article root, everything is "inside the article"; from the body, only
  // what is inside an <article>, <main> or articleBody.
  const rootTag = start.localName;
  const rootIsArticle = rootTag !== 'html' && rootTag !== 'body';
  if (rootIsArticle) articleDepth = 1;
  // Per open element: what to undo on leaving it (bit flags; -1 skipped, -2 inside a skipped one).
  const BLOCK = 1, PRE = 2, ARTICLE = 4, Q = 8, QMARKS = 16;

  /** A collapsed space is owed after content, unless a break or another space is. */
  const oweSpace = (node: Text, offset: number): void => {
    if (!atStart && pendingBreak === 0 && pendingNode === null) {
      pendingNode = node;
      pendingOffset = offset;
    }
  };

  const text = (node: Text): void => {
    const data = node.data;
    const length = data.length;
    if (length === 0) return;
    if (preDepth > 0) {
      flush();
      append(node, 0, data);
      return;
    }
    let first = 0;
    while (first < length && isCollapsible(data.charCodeAt(first))) first++;
    if (first === length) {
      oweSpace(node, 0);
      return;
    }
    if (first > 0) oweSpace(node, 0);
    let last = length;
    while (isCollapsible(data.charCodeAt(last - 1))) last--;
    flush();
    const body = first === 0 && last === length ? data : data.slice(first, last);
    if (!INNER_RUN.test(body)) {
      append(node, first, body);
    } else {
      // Collapse inner runs; a run longer than one character starts a new linear piece.
      const base = pos;
      const collapsed = body.replace(COLLAPSIBLE, ' ');
      append(node, first, collapsed);
      const s = seg!;
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
    if (last < length) oweSpace(node, last);
  };

  /** Returns the stack flags for an accepted element, or -1 to skip its subtree. */
  const enter = (el: Element, isRoot: boolean): number => {
    const tag = el.localName;
    const articleLike = isArticleLike(el, tag);
    if (!isRoot) {
      // The page's frame and the marked article body are never furniture, whatever their
      // class; an <article> is checked (comments and teaser cards are <article>s too).
      const structural = tag === 'body' || tag === 'html' || (articleLike && tag !== 'article');
      if (skipElement(el, tag, articleDepth > 0, structural)) return -1;
      if (options.isHidden?.(el) === true || options.ignore?.(el) === true) return -1;
    }
    let flags = 0;
    if (tag === 'br') {
      if (!atStart) pendingBreak = Math.min(2, pendingBreak + 1);
      pendingNode = null;
      return 0;
    }
    if (!INLINE_TAGS.has(tag)) {
      flags |= BLOCK;
      block();
      if (tag === 'pre' || tag === 'listing' || tag === 'xmp' || tag === 'plaintext') {
        flags |= PRE;
        preDepth++;
      }
    } else if (tag === 'q') {
      flags |= Q;
      // Browsers draw the marks; add them unless the page typed its own.
      const content = el.textContent ?? '';
      if (!QUOTE_MARKS.test(content.trimStart().slice(0, 1) || ' ')) {
        flags |= QMARKS;
        synthetic(qDepth % 2 === 0 ? '\u201C' : '\u2018');
      }
      qDepth++;
    }
    if (articleLike) {
      flags |= ARTICLE;
      articleDepth++;
    }
    return flags;
  };

  const leave = (flags: number): void => {
    if (flags & BLOCK) block();
    if (flags & PRE) preDepth--;
    if (flags & ARTICLE) articleDepth--;
    if (flags & Q) {
      qDepth--;
      if (flags & QMARKS) {
        // The closing mark goes before a collapsed space owed by the quote's last word.
        const node = pendingNode;
        const offset = pendingOffset;
        pendingNode = null;
        synthetic(qDepth % 2 === 0 ? '\u201D' : '\u2019');
        pendingNode = node;
        pendingOffset = offset;
      }
    }
  };

  // NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, no filter callback (a callback
  // makes the walk several times slower). nextNode() visits in document order; an
  // element is left when the next node's parent is not it, which the stack of open
  // elements tells. Inside a skipped element nodes are only counted, not read.
  //
  // The composed tree, as the reader sees it: a shadow host shows its open shadow
  // tree (its own children only where a <slot> takes them), a same-origin iframe
  // shows its document's body. Those are walked where they stand, by a nested walk;
  // the host's own children are then skipped (HOST).
  const HOST = 32;
  let visited = 0;
  function* walk(top: Node, topFlags: number): Generator<void, void> {
    if (topFlags === -1) return;
    const own = top.nodeType === 1 ? composedChildren(top as Element) : null;
    if (own !== null) {
      yield* own();
      leave(topFlags);
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
        leave(flags);
      }
    };
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      if (++visited % NODES_PER_STEP === 0) yield;
      const parent = node.parentNode;
      while (open.length > 1 && open[open.length - 1] !== parent) close();
      if (node.nodeType === 3) {
        if (skipped === 0) text(node as Text);
        continue;
      }
      open.push(node);
      if (skipped > 0) {
        openFlags.push(-2);
        continue;
      }
      const el = node as Element;
      let flags = enter(el, false);
      if (flags !== -1) {
        const inner = composedChildren(el);
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
  const composedChildren = (el: Element): (() => Generator<void, void>) | null => {
    const shadow = openShadowRoot(el);
    if (shadow !== null) {
      subtrees.push(shadow);
      return () => walk(shadow, 0);
    }
    const tag = el.localName;
    if (tag === 'slot') {
      const assigned = (el as HTMLSlotElement).assignedNodes?.({ flatten: true }) ?? [];
      if (assigned.length === 0) return null; // the slot's fallback content shows: its children
      return function* () {
        for (const n of assigned) {
          if (n.nodeType === 3) text(n as Text);
          else if (n.nodeType === 1) yield* walk(n, enter(n as Element, false));
        }
      };
    }
    if (tag === 'iframe') {
      const doc = frameDocument(el);
      if (doc === null) return null;
      subtrees.push(doc);
      return () => walk(doc.body, enter(doc.body, false));
    }
    return null;
  };

  yield* walk(start, enter(start, true));
  return { text: out.join(''), segments, subtrees };
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

// ---------------------------------------------------------------------------
// The main article

function visibleLength(el: Element): number {
  const t = el.textContent;
  if (t === null) return 0;
  return t.replace(COLLAPSIBLE, ' ').trim().length;
}

/** A paragraph's text outside links: lists of headlines are links, stories are prose. */
function proseLength(p: Element): number {
  let length = visibleLength(p);
  for (const a of p.querySelectorAll('a')) length -= visibleLength(a);
  return Math.max(0, length);
}

/** Characters a candidate without <p> must hold to count as the article. */
const MIN_BARE_TEXT = 200;

const EXCLUDED = 1;
const IN_ARTICLE = 2;

/**
 * Whether an element or one of its ancestors is skipped by the built-in rules;
 * memoised (bit flags EXCLUDED, IN_ARTICLE) so that asking for every <p> stays linear.
 */
function excludedFrom(memo: Map<Element, number>, el: Element | null): boolean {
  const chain: Element[] = [];
  let state = 0;
  for (let cur = el; cur !== null; cur = cur.parentElement) {
    const known = memo.get(cur);
    if (known !== undefined) {
      state = known;
      break;
    }
    chain.push(cur);
  }
  // Decide from the outermost unknown ancestor inwards.
  for (let i = chain.length - 1; i >= 0; i--) {
    const cur = chain[i]!;
    if (!(state & EXCLUDED)) {
      const tag = cur.localName;
      const articleLike = isArticleLike(cur, tag);
      const structural = tag === 'body' || tag === 'html' || (articleLike && tag !== 'article');
      if (skipElement(cur, tag, (state & IN_ARTICLE) !== 0, structural)) state |= EXCLUDED;
      else if (articleLike) state |= IN_ARTICLE;
    }
    memo.set(cur, state);
  }
  return (state & EXCLUDED) !== 0;
}

/**
 * The element that holds the article: the <article> with the most paragraph text,
 * else [itemprop=articleBody], <main>, [role=main]; a candidate is taken only when
 * it holds at least half as much paragraph text as the best paragraph container
 * (so a teaser card marked <article> does not win over the real story). Else the
 * element whose direct <p> children carry the most text (a grandchild <p> counts
 * half), else <body>. Paragraph text means text outside links, so a column of
 * headlines does not outweigh the story. Paragraphs
 * and candidates inside skipped elements (ads, newsletters, comments, hidden) do
 * not count.
 */
export function mainContentRoot(doc: Document): Element {
  const fallback = (doc.body ?? doc.documentElement) as Element;
  const memo = new Map<Element, number>();
  // One pass over the paragraphs: text carried by each element's direct <p> children,
  // plus half of its grandchildren's (stories that wrap each paragraph in a <div>).
  const direct = new Map<Element, number>();
  const paragraphs: Array<{ p: Element; length: number }> = [];
  let bestContainer: Element | null = null;
  let bestDirect = 0;
  const credit = (el: Element | null, amount: number): void => {
    if (el === null || amount === 0) return;
    const total = (direct.get(el) ?? 0) + amount;
    direct.set(el, total);
    if (total > bestDirect) {
      bestDirect = total;
      bestContainer = el;
    }
  };
  for (const p of doc.querySelectorAll('p')) {
    const parent = p.parentElement;
    if (parent === null || excludedFrom(memo, p)) continue;
    const length = proseLength(p);
    paragraphs.push({ p, length });
    credit(parent, length);
    credit(parent.parentElement, length / 2);
  }
  for (const selector of ['article', '[itemprop~="articleBody"]', 'main', '[role="main"]']) {
    const found = Array.from(doc.querySelectorAll(selector)).filter((el) => !excludedFrom(memo, el));
    if (found.length === 0) continue;
    // Paragraph text of each candidate: a paragraph counts for every candidate containing it.
    const text = new Map<Element, number>(found.map((el) => [el, 0]));
    for (const { p, length } of paragraphs) {
      for (let cur = p.parentElement; cur !== null; cur = cur.parentElement) {
        const sum = text.get(cur);
        if (sum !== undefined) text.set(cur, sum + length);
      }
    }
    let best: Element | null = null;
    let bestText = -1;
    let bestLength = -1;
    for (const el of found) {
      const t = text.get(el)!;
      // Without paragraphs (text in <div>s or <br>s), the longer candidate wins.
      const length = t > 0 ? 0 : visibleLength(el);
      if (t > bestText || (t === bestText && length > bestLength)) {
        best = el;
        bestText = t;
        bestLength = length;
      }
    }
    // A candidate without paragraphs needs some text of its own: <article> often wraps
    // only metadata or a teaser.
    if (best !== null && bestText >= bestDirect / 2 && (bestText > 0 || bestLength >= MIN_BARE_TEXT)) return best;
  }
  if (bestContainer !== null && bestContainer !== doc.documentElement) return bestContainer;
  return fallback;
}

/**
 * The main content: which element of a page holds the article (the text extraction
 * starts there), chosen by where the paragraph text is.
 */
import { isArticleLike, isStructural, skipElement } from './skip.ts';
import { COLLAPSIBLE } from './text-map.ts';

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
      if (skipElement(cur, tag, (state & IN_ARTICLE) !== 0, isStructural(tag, articleLike))) state |= EXCLUDED;
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

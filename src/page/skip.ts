/**
 * The skip rules of text extraction: which elements are never text for the reader
 * (scripts, navigation, hidden, page furniture by class or id), which are inline,
 * which hold the article, and the readable trees inside an element (an open shadow
 * root, a same-origin iframe's document). Standard DOM API only.
 */

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
export function openShadowRoot(el: Element): ShadowRoot | null {
  const root = el.shadowRoot;
  return root && root.mode === 'open' ? root : null;
}

/** Never text for the reader. */
const SKIP_TAGS = new Set([
  'head',
  'title',
  'meta',
  'link',
  'base',
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'frame',
  'frameset',
  'canvas',
  'object',
  'embed',
  'video',
  'audio',
  'picture',
  'source',
  'track',
  'map',
  'input',
  'textarea',
  'select',
  'button',
  'option',
  'optgroup',
  'datalist',
  'output',
  'progress',
  'meter',
  'nav',
  'aside',
  'figcaption',
  'menu',
  'dialog',
]);

/** Elements whose text flows into the surrounding paragraph. Everything else is a block. */
export const INLINE_TAGS = new Set([
  'a',
  'abbr',
  'acronym',
  'b',
  'bdi',
  'bdo',
  'big',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'img',
  'ins',
  'kbd',
  'label',
  'mark',
  'nobr',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
  'ruby',
  'rb',
  'rt',
  'rp',
  // a shadow tree's <slot> renders as its assigned nodes (display: contents)
  'slot',
  // our own wrapper (painting without the highlight API): a rescan reads the same text
  'stance-lens-mark',
]);

/** Whose header and footer belong to the article (kept), unlike the site's. */
export function isArticleLike(el: Element, tag: string): boolean {
  if (tag === 'article' || tag === 'main') return true;
  if (!el.hasAttributes()) return false;
  const role = el.getAttribute('role');
  if (role === 'main') return true;
  const itemprop = el.getAttribute('itemprop');
  return itemprop !== null && /\barticleBody\b/.test(itemprop);
}

/** Words in class names and ids that mark page furniture rather than article text. */
const JUNK_WORDS = new Set([
  'ad',
  'ads',
  'adv',
  'advert',
  'adverts',
  'advertisement',
  'advertisements',
  'advertising',
  'adslot',
  'adunit',
  'adsbygoogle',
  'dfp',
  'sponsor',
  'sponsored',
  'promo',
  'promos',
  'promoted',
  'newsletter',
  'newsletters',
  'related',
  'share',
  'shares',
  'sharing',
  'sharebar',
  'social',
  'comment',
  'comments',
  'commentlist',
  'commentform',
  'disqus',
  'subscribe',
  'subscription',
  'outbrain',
  'taboola',
  'breadcrumb',
  'breadcrumbs',
  'cookie',
  'cookies',
  'gdpr',
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
export function skipElement(el: Element, tag: string, insideArticle: boolean, structural: boolean): boolean {
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

/** The page's frame and the marked article body are never furniture, whatever their class; an <article> is checked (comments and teaser cards are <article>s too). */
export function isStructural(tag: string, articleLike: boolean): boolean {
  return tag === 'body' || tag === 'html' || (articleLike && tag !== 'article');
}

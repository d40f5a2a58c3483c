import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseHtml, type ParsedPage } from '../cli/html.ts';
import { extractText, isJunkName, locate, mainContentRoot, type Extraction } from './extract.ts';
import { expectOffsetMap } from '../../test/support/dom.ts';

const FIXTURE = fileURLToPath(new URL('../../test/fixtures/news-article.html', import.meta.url));

const pages: ParsedPage[] = [];
afterEach(async () => {
  await Promise.all(pages.splice(0).map((p) => p.close()));
});

function load(html: string): Document {
  const page = parseHtml(html);
  pages.push(page);
  return page.document;
}

function body(inner: string): Document {
  return load(`<!DOCTYPE html><html><head><title>t</title></head><body>${inner}</body></html>`);
}

/** The offset map at every offset (test/support/dom.ts), plus: each segment is its node's data. */
function checkMap(ex: Extraction, root: Node): void {
  expectOffsetMap(ex, root);
  // Each segment is its node's data, whitespace collapsed (or kept, in <pre>).
  for (const s of ex.segments) {
    const data = s.node.data.slice(s.nodeStart, s.nodeEnd);
    const inPre = s.node.parentElement?.closest('pre') != null;
    expect(ex.text.slice(s.start, s.end)).toBe(inPre ? data : data.replace(/[ \t\n\r\f]+/g, ' '));
  }
}

function checkShape(text: string): void {
  expect(text).not.toMatch(/^\s|\s$/);
  expect(text).not.toMatch(/\n{3}/);
  expect(text).not.toMatch(/ {2}|\t/);
  expect(text).not.toMatch(/ \n|\n /);
}

describe('extractText', () => {
  it('keeps a quote across <a> and <em> as one string', () => {
    const doc = body('<p>Trump said the two had a “<a href="/x">lengthy and <b>highly</b> productive</a> <em>phone call</em>.” Then he left.</p>');
    const ex = extractText(doc.body);
    expect(ex.text).toBe('Trump said the two had a “lengthy and highly productive phone call.” Then he left.');
    checkMap(ex, doc.body);
  });

  it('separates blocks by a blank line and <br> by a line break, collapsing whitespace', () => {
    const doc = body(`
      <h1>  Title  </h1>
      <div>
        <p>First   paragraph,
           on two lines.</p>
        <ul><li>one</li><li> two </li></ul>
        <blockquote>quoted <span>words</span></blockquote>
        <p>line one<br>line two<br><br>after a blank line</p>
        <p></p><div> </div>
        <table><tr><td>cell a</td><td>cell b</td></tr></table>
        <p>end<br></p>
      </div>`);
    const ex = extractText(doc.body);
    expect(ex.text.split('\n\n')).toEqual([
      'Title',
      'First paragraph, on two lines.',
      'one',
      'two',
      'quoted words',
      'line one\nline two',
      'after a blank line',
      'cell a',
      'cell b',
      'end',
    ]);
    checkShape(ex.text);
    checkMap(ex, doc.body);
  });

  it('skips scripts, styles, navigation, asides, hidden text, form fields, ads, comments and our own UI', () => {
    const doc = body(`
      <nav><a href="/">Home</a> NAVTEXT</nav>
      <article>
        <p>Kept one.</p>
        <script>var SCRIPTTEXT = 1;</script>
        <style>.x { content: "STYLETEXT" }</style>
        <noscript>NOSCRIPTTEXT</noscript>
        <template><p>TEMPLATETEXT</p></template>
        <svg><text>SVGTEXT</text></svg>
        <aside>ASIDETEXT</aside>
        <figure><img alt="x"><figcaption>CAPTIONTEXT</figcaption></figure>
        <p hidden>HIDDENATTR</p>
        <p aria-hidden="true">ARIAHIDDEN</p>
        <p style="color: red; display:none">DISPLAYNONE</p>
        <p style="visibility: hidden !important">VISIBILITYHIDDEN</p>
        <form><label>Kept label</label><input value="INPUTVALUE"><textarea>TEXTAREATEXT</textarea>
          <select><option>OPTIONTEXT</option></select><button>BUTTONTEXT</button></form>
        <div contenteditable="true">EDITABLETEXT</div>
        <div class="ad-slot">ADTEXT</div>
        <div id="relatedLinks">RELATEDTEXT</div>
        <div class="c-article__share">SHARETEXT</div>
        <section class="comments"><p>COMMENTTEXT</p></section>
        <div class="newsletter">NEWSLETTERTEXT</div>
        <div data-stance-lens-ui="card">OURUI</div>
        <p>Kept two.</p>
      </article>
      <footer>FOOTERTEXT</footer>`);
    const ex = extractText(doc);
    expect(ex.text).toBe('Kept one.\n\nKept label\n\nKept two.');
    checkMap(ex, doc.documentElement);
  });

  it('keeps the article’s own header and footer, drops the site’s', () => {
    const doc = body(`
      <header>SITEHEADER</header>
      <article><header><h1>Headline</h1><p>By A. Writer</p></header><p>Story.</p><footer>Article footer.</footer></article>
      <footer>SITEFOOTER</footer>`);
    expect(extractText(doc).text).toBe('Headline\n\nBy A. Writer\n\nStory.\n\nArticle footer.');
  });

  it('matches whole words of class names and ids, not substrings', () => {
    for (const name of [
      'shadow-header',
      'download-box',
      'shared-content',
      'tag-social-media category-advertising',
      'non-ad-column',
      'header',
      'leading',
      'commentary',
    ]) {
      expect(isJunkName(name), name).toBe(false);
    }
    for (const name of [
      'ad',
      'ad-slot',
      'ads',
      'advert',
      'story promo',
      'relatedLinks',
      'c-article__share',
      'social-icons',
      'comments',
      'comment-list',
      'subscribe-box',
      'newsletter',
    ]) {
      expect(isJunkName(name), name).toBe(true);
    }
    const doc = body('<div class="shadow-header"><p>Kept</p></div><div class="site-ads"><p>ADTEXT</p></div>');
    expect(extractText(doc.body).text).toBe('Kept');
  });

  it('does not drop a junk-named wrapper that holds the story', () => {
    const doc = body('<div class="advertisement-off-canvas--pusher"><h1>Headline</h1><p>Story text.</p></div>');
    expect(extractText(doc.body).text).toBe('Headline\n\nStory text.');
  });

  it('adds the marks a <q> renders, which map to no node', () => {
    const doc = body('<p>She said <q>we will <q>never</q> give up</q> and left.</p><p><q>“Typed marks”</q></p>');
    const ex = extractText(doc.body);
    expect(ex.text).toBe('She said “we will ‘never’ give up” and left.\n\n“Typed marks”');
    checkMap(ex, doc.body);
  });

  it('keeps whitespace inside <pre> and no-break spaces', () => {
    const doc = body('<p>a\u00A0\u00A0b</p><pre>  x\n    y</pre>');
    const ex = extractText(doc.body);
    expect(ex.text).toBe('a\u00A0\u00A0b\n\n  x\n    y');
    checkMap(ex, doc.body);
  });

  it('asks the isHidden and ignore callbacks', () => {
    const doc = body('<p class="x">one</p><p class="y">two</p><p>three</p>');
    const ex = extractText(doc.body, {
      isHidden: (el) => el.classList.contains('x'),
      ignore: (el) => el.classList.contains('y'),
    });
    expect(ex.text).toBe('three');
  });

  it('maps every offset of a real page back to its text node', () => {
    const doc = load(readFileSync(FIXTURE, 'utf8'));
    const root = mainContentRoot(doc);
    const ex = extractText(root);
    expect(ex.text.startsWith('Trump Agrees With Putin to Start Talks on Ending War in Ukraine\n\nBy Jane Reporter')).toBe(true);
    expect(ex.text).toContain('saying the two had a “lengthy and highly productive phone call.”');
    expect(ex.text).toContain('“step into the arena”');
    expect(ex.text).toContain('“sounds like abandoning Ukraine.”');
    expect(ex.text).toContain('Ben Wallace said in an interview.\n“It seems Trump');
    for (const absent of [
      'Advertisement',
      'newsletter',
      'Share on',
      'Photo: Example Agency',
      'aside repeats',
      'hidden',
      'Screen-reader',
      'script text',
      'comment',
      'Most read',
      'Related',
      'All rights reserved',
      'Politics',
      'Search',
    ]) {
      expect(ex.text).not.toContain(absent);
    }
    checkShape(ex.text);
    checkMap(ex, root);
    // Every whitespace-collapsing case in the page, seen from the whole document too.
    checkMap(extractText(doc), doc.documentElement);
  });

  it('maps offsets back through odd whitespace between inline elements', () => {
    const doc = body('<p>  <span> lead </span><a>x</a> <em>y </em> <b> z</b>\n\t<i>end</i>  </p><p><span>   </span>b<span>\n</span>c</p>');
    const ex = extractText(doc.body);
    expect(ex.text).toBe('lead x y z end\n\nb c');
    checkMap(ex, doc.body);
  });
});

describe('mainContentRoot', () => {
  const story = (n: number): string =>
    Array.from(
      { length: n },
      (_, i) => `<p>Paragraph ${i + 1} of the story, long enough to carry the article: Ukraine and Europe must be part of negotiations.</p>`,
    ).join('');
  const links = (n: number): string => Array.from({ length: n }, (_, i) => `<p><a href="/story/${i}">Another headline number ${i}</a></p>`).join('');

  it('picks the story over a sidebar with more links', () => {
    const doc = body(`<div id="rail">${links(40)}</div><div id="story"><h2>x</h2>${story(5)}</div>`);
    expect(mainContentRoot(doc).id).toBe('story');
  });

  it('picks the <article> with the most paragraph text', () => {
    const doc = body(
      `<aside><article id="teaser1"><p>Short teaser.</p></article><article id="teaser2"><p>Another teaser.</p></article></aside>` +
        `<article id="story">${story(4)}</article>`,
    );
    expect(mainContentRoot(doc).id).toBe('story');
  });

  it('does not take a teaser card for the story', () => {
    const doc = body(`<div id="story">${story(6)}</div><div class="rail"><article id="teaser"><p>Short teaser text.</p></article></div>`);
    expect(mainContentRoot(doc).id).toBe('story');
  });

  it('falls back to articleBody, main, role=main, then the body', () => {
    expect(mainContentRoot(body(`<div id="a" itemprop="articleBody">${story(3)}</div><main id="m"></main>`)).id).toBe('a');
    expect(mainContentRoot(body(`<main id="m">${story(3)}</main>`)).id).toBe('m');
    expect(mainContentRoot(body(`<div id="m" role="main">${story(3)}</div>`)).id).toBe('m');
    expect(mainContentRoot(body('just text')).localName).toBe('body');
  });

  it('ignores paragraphs in newsletters, comments and hidden blocks', () => {
    const doc = body(`<div id="story">${story(2)}</div><div id="comments">${story(5)}</div><div hidden>${story(5)}</div>`);
    expect(mainContentRoot(doc).id).toBe('story');
  });

  it('finds the article of the fixture page', () => {
    const doc = load(readFileSync(FIXTURE, 'utf8'));
    const root = mainContentRoot(doc);
    expect(root.localName).toBe('article');
    expect(root.className).toBe('story');
  });
});

describe('the composed tree: open shadow roots and slots', () => {
  it('reads a shadow host as the reader sees it: its shadow tree, its children where a slot takes them', () => {
    const doc = body('<article><p>Before.</p><news-quote id="host"><span>slotted words</span></news-quote><p>After.</p></article>');
    const host = doc.getElementById('host')!;
    const shadow = host.attachShadow({ mode: 'open' });
    const p = doc.createElement('p');
    p.append(doc.createTextNode('“We will not abandon Ukraine,” '), doc.createElement('slot'), doc.createTextNode(' Kallas said.'));
    shadow.append(p);
    const ext = extractText(doc.querySelector('article')!);
    expect(ext.text).toBe('Before.\n\n“We will not abandon Ukraine,” slotted words Kallas said.\n\nAfter.');
    expect(ext.subtrees).toEqual([shadow]);
    // offsets map into the shadow tree and into the slotted light DOM
    const inShadow = locate(ext, ext.text.indexOf('abandon'))!;
    expect(inShadow.node.getRootNode()).toBe(shadow);
    const slotted = locate(ext, ext.text.indexOf('slotted'))!;
    expect(slotted.node.getRootNode()).toBe(doc);
    expect(slotted.node.data).toBe('slotted words');
  });

  it('shows a slot’s fallback content when nothing is assigned to it', () => {
    const doc = body('<article><x-card id="host"></x-card></article>');
    const shadow = doc.getElementById('host')!.attachShadow({ mode: 'open' });
    const slot = doc.createElement('slot');
    slot.textContent = 'Fallback text.';
    shadow.append(slot);
    expect(extractText(doc.querySelector('article')!).text).toBe('Fallback text.');
  });

  it('does not read closed shadow roots or hidden hosts', () => {
    const doc = body('<article><p>Visible.</p><x-a id="a"></x-a><x-b id="b" hidden></x-b></article>');
    doc.getElementById('a')!.attachShadow({ mode: 'closed' }).append(doc.createTextNode('Closed.'));
    doc.getElementById('b')!.attachShadow({ mode: 'open' }).append(doc.createTextNode('Hidden.'));
    expect(extractText(doc.querySelector('article')!).text).toBe('Visible.');
  });
});

describe('same-origin iframes', () => {
  function withFrame(attrs: string, frameBody: string, designMode = false) {
    const doc = body(`<article><p>Before.</p><iframe ${attrs}></iframe><p>After.</p></article>`);
    const inner = doc.implementation.createHTMLDocument('frame');
    inner.body.innerHTML = frameBody;
    if (designMode) inner.designMode = 'on';
    Object.defineProperty(doc.querySelector('iframe')!, 'contentDocument', { value: inner });
    return { doc, inner };
  }

  it('reads a readable frame’s body where the frame stands', () => {
    const { doc, inner } = withFrame('title="quote"', '<p>“We will not abandon Ukraine,” Kallas said.</p>');
    const ext = extractText(doc.querySelector('article')!);
    expect(ext.text).toBe('Before.\n\n“We will not abandon Ukraine,” Kallas said.\n\nAfter.');
    expect(ext.subtrees).toEqual([inner]);
    expect(locate(ext, ext.text.indexOf('Kallas'))!.node.ownerDocument).toBe(inner);
  });

  it.each([
    ['hidden', 'hidden'],
    ['an ad', 'class="ad-slot"'],
    ['display:none', 'style="display:none"'],
    ['aria-hidden', 'aria-hidden="true"'],
  ])('skips a frame that is %s', (_name, attrs) => {
    const { doc } = withFrame(attrs, '<p>Frame text.</p>');
    const ext = extractText(doc.querySelector('article')!);
    expect(ext.text).toBe('Before.\n\nAfter.');
    expect(ext.subtrees).toEqual([]);
  });

  it('does not read an editor (designMode) frame', () => {
    const { doc } = withFrame('', '<p>Draft text.</p>', true);
    expect(extractText(doc.querySelector('article')!).text).toBe('Before.\n\nAfter.');
  });
});

describe('extraction in steps', () => {
  it('stops every few hundred nodes and ends with the same extraction as at once', async () => {
    const { extractTextSteps } = await import('./extract.ts');
    const doc = body(
      `<article>${Array.from({ length: 600 }, (_, i) => `<p>Paragraph <em>${i}</em> says “we will see,” a <a href="#">source</a> said.</p>`).join('')}</article>`,
    );
    const root = doc.querySelector('article')!;
    const steps = extractTextSteps(root);
    let stops = 0;
    let r = steps.next();
    while (!r.done) {
      stops++;
      r = steps.next();
    }
    expect(stops).toBeGreaterThan(3);
    const whole = extractText(root);
    expect(r.value.text).toBe(whole.text);
    expect(r.value.segments.map((s) => [s.start, s.end, s.nodeStart])).toEqual(whole.segments.map((s) => [s.start, s.end, s.nodeStart]));
  });
});

/**
 * The pages the end-to-end tests browse, generated at runtime: a realistic news page
 * from the seed article (chrome around it, markup inside the quotes, an ad slot, no
 * external resources), the same page with a paragraph added late, and a page with
 * quotes in an open shadow root and a same-origin iframe. server.ts serves them as
 * /seed.html, /dynamic.html and /composed.html.
 */
import { readFileSync } from 'node:fs';
import { SEED } from './browser.ts';

export const LATE_QUOTE = '“Russia is the aggressor,” Kallas said.';
/** ms after load before /dynamic.html appends LATE_QUOTE */
export const LATE_DELAY_MS = 1500;

/** A quote in an open shadow root (the web-component way) and in a same-origin iframe. */
export const SHADOW_QUOTE = 'consequences of rewarding the invader';
export const FRAME_QUOTE = 'poll numbers aren’t particularly great';
export const COMPOSED_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Reactions, in components</title></head>
<body><main><article>
<h1>Reactions to the call</h1>
<p>Lawmakers in Washington reacted on Wednesday to the call between the two presidents.</p>
<news-quote id="shadow-host"></news-quote>
<p>Later, the president spoke to reporters at the White House.</p>
<iframe id="frame" title="Quote" srcdoc="<!doctype html><html><head><meta charset=utf-8></head><body><p>Trump told reporters Zelenskiy’s “${FRAME_QUOTE}”.</p></body></html>"></iframe>
<p>The talks are expected to continue next week in Riyadh, officials said.</p>
</article></main>
<script>
  const root = document.getElementById('shadow-host').attachShadow({ mode: 'open' });
  const p = document.createElement('p');
  p.textContent = 'Nebraska Representative Don Bacon warned of “${SHADOW_QUOTE}.”';
  root.append(p);
</script>
</body></html>`;

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Words inside some quotes get the markup real newsrooms put there, so a statement's
 * range has to cross element boundaries. Applied to the escaped paragraph text.
 */
const DECORATIONS: Array<[phrase: string, open: string, close: string]> = [
  ['highly productive', '<a href="/topics/trump-putin-call" class="inline-link">', '</a>'],
  ['rewarding the invader', '<em>', '</em>'],
  ['central role', '<a href="/topics/european-union">', '</a>'],
  ['abandoning', '<em class="emph">', '</em>'],
  ['particularly great', '<a href="/polls/ukraine">', '</a>'],
  ['step into the arena', '<span class="hl">', '</span>'],
];

function decorate(escaped: string): string {
  let out = escaped;
  for (const [phrase, open, close] of DECORATIONS) out = out.replace(phrase, `${open}${phrase}${close}`);
  return out;
}

interface Seed {
  body: string[];
  /** the syndication tail of the scraped seed ("Read more on …", the outlet's name) */
  tail: string[];
}

function readSeed(): Seed {
  const paras = readFileSync(SEED, 'utf8')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const cut = paras.findIndex((p) => p.startsWith('. Read more'));
  return cut < 0 ? { body: paras, tail: [] } : { body: paras.slice(0, cut), tail: paras.slice(cut) };
}

/** The seed article as a news page: chrome around it, markup in the quotes, no external resources. */
export function articlePage(opts: { late?: boolean } = {}): string {
  const seed = readSeed();
  const paragraphs: string[] = [];
  seed.body.forEach((p, i) => {
    paragraphs.push(`        <p>${decorate(esc(p))}</p>`);
    // an ad slot after the fourth paragraph, as most outlets do
    if (i === 3) {
      paragraphs.push(
        '        <div class="ad-slot" id="ad-inline-1" data-ad-unit="article/inline">',
        '          <span class="ad-label">Advertisement</span>',
        '          <a href="/ads/click?id=42" rel="sponsored">Compare savings accounts today</a>',
        '        </div>',
      );
    }
  });
  const tail = seed.tail.map((p) => `        <p class="syndication">${esc(p)}</p>`).join('\n');
  const lateScript = opts.late
    ? `
  <script>
    // a live-blog style update that arrives after the reader has the page
    window.addEventListener('load', function () {
      setTimeout(function () {
        var p = document.createElement('p');
        p.className = 'update';
        p.textContent = ${JSON.stringify(LATE_QUOTE)};
        document.querySelector('.story-body').appendChild(p);
        performance.mark('e2e:late-paragraph');
      }, ${LATE_DELAY_MS});
    });
  </script>`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Trump Agrees With Putin to Start Talks on Ending War in Ukraine | The Daily Example</title>
  <link rel="icon" href="data:,">
  <style>
    body { font: 17px/1.5 Georgia, serif; margin: 0; color: #222; }
    .site-header, .site-footer { background: #f4f4f4; padding: 8px 16px; }
    .main-nav ul { display: flex; gap: 12px; list-style: none; margin: 0; padding: 0; }
    main { display: grid; grid-template-columns: minmax(0, 42em) 16em; gap: 32px; padding: 16px; }
    .ad-slot { border: 1px dashed #aaa; padding: 8px; margin: 16px 0; font: 13px sans-serif; }
    .related { font: 15px sans-serif; }
    .comments { grid-column: 1; border-top: 1px solid #ddd; }
  </style>
  <script>
    window.dataLayer = window.dataLayer || [];
    window.dataLayer.push({ event: 'article_view', section: 'world', words: 1130 });
  </script>
</head>
<body class="article-page">
  <header class="site-header">
    <a class="logo" href="/">The Daily Example</a>
    <nav class="main-nav" aria-label="Sections">
      <ul>
        <li><a href="/world">World</a></li>
        <li><a href="/politics">Politics</a></li>
        <li><a href="/business">Business</a></li>
        <li><a href="/opinion">Opinion</a></li>
      </ul>
    </nav>
    <form class="search" action="/search" role="search"><input type="search" name="q" placeholder="Search"><button>Search</button></form>
  </header>

  <main id="content">
    <article class="story" itemscope itemtype="https://schema.org/NewsArticle">
      <header class="story-header">
        <p class="kicker"><a href="/world/europe">Europe</a></p>
        <h1 itemprop="headline">Trump Agrees With Putin to Start Talks on Ending War in Ukraine</h1>
        <p class="byline">By <a href="/authors/jane-reporter" rel="author">Jane Reporter</a> and <span class="author">John Writer</span> · <time datetime="2025-02-12T21:04:00Z">February 12, 2025</time></p>
      </header>

      <div class="story-body" itemprop="articleBody">
${paragraphs.join('\n')}
${tail}
      </div>
    </article>

    <aside class="related" aria-labelledby="related-title">
      <h2 id="related-title">Related</h2>
      <ul>
        <li><a href="/world/europe/nato-ministers-meet">NATO defence ministers meet in Brussels</a></li>
        <li><a href="/world/europe/minerals-deal">What a minerals deal with Kyiv would mean</a></li>
        <li><a href="/business/frozen-assets">Europe weighs the use of frozen assets</a></li>
      </ul>
      <div class="ad-slot" id="ad-rail-1" data-ad-unit="rail/top"><span class="ad-label">Advertisement</span> <a href="/ads/click?id=7" rel="sponsored">Winter tyres, 20% off</a></div>
    </aside>

    <section class="comments" id="comments" aria-label="Comments">
      <h2>Comments (2)</h2>
      <ol>
        <li class="comment"><p class="comment-author">river_reader</p><p class="comment-body">Peace talks without the people being invaded at the table? Hard to see how that works.</p></li>
        <li class="comment"><p class="comment-author">m.k.</p><p class="comment-body">Let's wait and see what actually comes out of the meeting.</p></li>
      </ol>
      <form class="comment-form"><textarea name="comment" placeholder="Add a comment"></textarea><button type="button">Post</button></form>
    </section>
  </main>

  <footer class="site-footer">
    <p>© 2025 The Daily Example · <a href="/privacy">Privacy</a> · <a href="/terms">Terms</a></p>
  </footer>
  <script>
    // harmless page script: reading-time estimate, done once at load
    (function () {
      var words = document.querySelector('.story-body').textContent.split(/\\s+/).length;
      document.body.setAttribute('data-reading-minutes', String(Math.max(1, Math.round(words / 230))));
    })();
  </script>${lateScript}
</body>
</html>
`;
}

/**
 * Pathological inputs: a 5 MB text node, 100,000 quotation marks, 10,000-deep nesting,
 * a page that mutates itself continuously, a lexicon of 10,000 actors.
 *
 * No timing assertions (the machine is shared and noisy): each test asserts what came
 * out (it completes, the result is sane, the work done is bounded — counted through the
 * controller's hooks and counters, with fake timers for the page's clock). The vitest
 * timeouts below only guard against a hang.
 */
// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Controller } from '../content/controller.ts';
import { inProcessAnalyzer } from '../../test/support/in-process-analyzer.ts';
import { paintItems } from '../content/controller.ts';
import { analyze } from './analyze.ts';
import { foldString } from '../text/normalize.ts';
import { findQuotes } from '../text/quotes.ts';
import { mayConcernLexicon } from './relevance.ts';
import { splitParagraphs } from '../text/paragraphs.ts';
import type { Report } from './types.ts';
import { bundledLexicon } from '../lexicon/bundled.ts';
import type { CompiledActor, CompiledAlias, CompiledLexicon } from '../lexicon/types.ts';
import { validateCompiled } from '../lexicon/validate-compiled.ts';
import { extractText, locate, mainContentRoot } from '../page/extract.ts';
import { createPainter, MARK_TAG } from '../page/paint.ts';
import { snapshotNodes } from '../../test/support/dom.ts';

/** Hang guard only; never a performance budget. */
const HANG_GUARD = 60_000;
const MAX_QUOTE = 4_000;

class FakeHighlight {
  ranges: Range[];
  priority = 0;
  constructor(...ranges: Range[]) {
    this.ranges = ranges;
  }
}

// dismantling the 10,000-deep page takes seconds on a loaded machine: a hang guard, not a speed test
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  dismantle(document.body);
}, HANG_GUARD);

/** Empties a subtree bottom-up: happy-dom detaches subtrees recursively and a 10,000-deep one overflows its stack. */
function dismantle(root: Element): void {
  for (;;) {
    let deepest: Node | null = root.lastChild;
    if (deepest === null) return;
    while (deepest.lastChild !== null) deepest = deepest.lastChild;
    deepest.parentNode!.removeChild(deepest);
  }
}

function forceWrapPainter(): void {
  vi.stubGlobal('Highlight', undefined);
}

function fakeHighlightRegistry(): Map<string, FakeHighlight> {
  const registry = new Map<string, FakeHighlight>();
  vi.stubGlobal('CSS', { highlights: registry });
  vi.stubGlobal('Highlight', FakeHighlight);
  return registry;
}

/** Offsets inside the text, words equal to the slice, each statement inside one paragraph. */
function expectSane(text: string, report: Report): void {
  const paras = splitParagraphs(text);
  const starts = paras.map((p) => p.start);
  const paragraphAt = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return paras[lo];
  };
  for (const st of report.statements) {
    expect(0 <= st.start && st.start < st.end && st.end <= text.length).toBe(true);
    expect(st.text).toBe(text.slice(st.start, st.end));
    const p = paragraphAt(st.start);
    expect(p !== undefined && p.start <= st.start && st.end <= p.end, `statement at ${st.start} crosses a paragraph`).toBe(true);
  }
  for (const sp of report.speakers) for (const m of sp.mentions) expect(0 <= m.start && m.start < m.end && m.end <= text.length).toBe(true);
}

/** Every node under root, in document order, with its state (iterative: no recursion at any depth). */
function snapshot(root: Node): { nodes: Node[]; state: string[] } {
  return snapshotNodes(root, (node) =>
    node.nodeType === 1
      ? `<${(node as Element).localName} ${(node as Element).attributes.length}> ${node.childNodes.length}`
      : `#${node.nodeType} ${(node as CharacterData).data.length}:${(node as CharacterData).data.slice(0, 40)}`,
  );
}

/** Our wrappers under root, counted without a selector (happy-dom's recurses). */
function countMarks(root: Node): number {
  const walker = document.createTreeWalker(root, 1 /* SHOW_ELEMENT */);
  let n = 0;
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) if ((node as Element).localName === MARK_TAG) n++;
  return n;
}

function expectSameDom(before: ReturnType<typeof snapshot>, root: Node): void {
  const after = snapshot(root);
  expect(after.state).toEqual(before.state);
  expect(after.nodes.every((n, i) => n === before.nodes[i])).toBe(true);
}

// ---------------------------------------------------------------------------

describe('a 5 MB single text node', { timeout: HANG_GUARD }, () => {
  const FILLER = 'The convoy moved slowly along the road near the border town. ';

  /** 5 MB of prose with a quote planted about every 10,000 characters. */
  function sparseText(): { text: string; planted: number } {
    const chunks: string[] = [];
    let planted = 0;
    let length = 0;
    while (length < 5_000_000) {
      const chunk = length % 10_000 < FILLER.length ? `“We will never abandon Ukraine, part ${planted++},” Trump said. ` : FILLER;
      chunks.push(chunk);
      length += chunk.length;
    }
    return { text: chunks.join('').trim(), planted };
  }

  it('is extracted, analysed, painted with wrappers and restored exactly', () => {
    forceWrapPainter();
    const { text, planted } = sparseText();
    expect(text.length).toBeGreaterThanOrEqual(4_999_000);
    const p = document.body.appendChild(document.createElement('p'));
    const node = p.appendChild(document.createTextNode(text));

    const ext = extractText(document.body);
    expect(ext.text).toBe(text);
    expect(ext.segments).toHaveLength(1);
    for (const offset of [0, 1, 2_500_000, text.length - 1]) expect(locate(ext, offset)).toEqual({ node, offset });

    const report = analyze(ext.text, bundledLexicon, { source: '5mb' });
    expectSane(ext.text, report);
    expect(report.statements).toHaveLength(planted);
    expect(report.statements.every((s) => s.speaker === 'trump' && s.kind === 'direct' && /^We will never abandon Ukraine, part \d+$/.test(s.text))).toBe(true);

    const painter = createPainter(document);
    expect(painter.mode).toBe('wrap');
    const painted = painter.paint(paintItems(report), ext);
    expect(painted.length).toBe(2 * planted); // each quote and its speaker
    expect(p.querySelectorAll(MARK_TAG)).toHaveLength(2 * planted);
    expect(p.textContent!.length).toBe(text.length);
    painter.clear();
    expect(p.childNodes).toHaveLength(1);
    expect(p.firstChild).toBe(node);
    expect(node.data === text).toBe(true);
  });

  it('made of quotes only (1 MB, 11,000 quotes here; the 100,000-mark cases below go further): analysed, every statement sane, painted as highlights', () => {
    const registry = fakeHighlightRegistry();
    const sentence = '“We will never abandon Ukraine,” Trump said on Monday, adding that the talks would go on. ';
    const text = sentence.repeat(Math.ceil(1_000_000 / sentence.length)).trim();
    const p = document.body.appendChild(document.createElement('p'));
    p.appendChild(document.createTextNode(text));
    const ext = extractText(document.body);
    const report = analyze(ext.text, bundledLexicon, { source: '5mb-dense' });
    expectSane(ext.text, report);
    const quotes = report.statements.filter((s) => s.kind === 'direct');
    expect(quotes.length).toBe(Math.ceil(1_000_000 / sentence.length));
    expect(quotes.every((s) => s.text === 'We will never abandon Ukraine' && s.speaker === 'trump')).toBe(true);
    const before = p.childNodes.length;
    const painter = createPainter(document);
    expect(painter.mode).toBe('highlights');
    const painted = painter.paint(paintItems(report), ext);
    expect(painted.length).toBeGreaterThanOrEqual(quotes.length);
    expect(registry.get('stance-lens-pro-ukraine')!.ranges.length).toBeGreaterThanOrEqual(quotes.length);
    expect(p.childNodes.length).toBe(before); // the DOM is untouched
    painter.clear();
    expect([...registry.keys()].filter((k) => k.startsWith('stance-lens-'))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------

describe('100,000 quotation marks', { timeout: HANG_GUARD }, () => {
  const N = 100_000;
  // [what, text, statements expected (null: any, but sane)]
  const cases: Array<[string, string, number | null]> = [
    ['straight double', '"'.repeat(N), 0],
    ['opening curly', '“'.repeat(N), 0],
    ['closing curly', '”'.repeat(N), 0],
    ['opening single', '‘'.repeat(N), 0],
    ['closing single', '’'.repeat(N), 0],
    ['apostrophes', "'".repeat(N), 0],
    ['guillemets', '«'.repeat(N / 2) + '»'.repeat(N / 2), 0],
    ['German low-high', '„“'.repeat(N / 2), 0],
    ['angle', '‹'.repeat(N), 0],
    ['alternating double and single', '“‘'.repeat(N / 2), 0],
    ['one open guillemet before 99,999 closing curly', '«' + '”'.repeat(N - 1), 0],
    ['marks between words', 'a ‘'.repeat(N), 0],
    ['empty quotes', '“” '.repeat(N / 2), 0],
    ['scare quotes', '"x" '.repeat(N / 2), 0],
    ['one paragraph per 1,000 marks', ('“'.repeat(1000) + '\n\n').repeat(N / 1000), 0],
    ['mixed families, spaced', '« “ ‘ „ ‹ " \' ’ ” » › '.repeat(N / 11), null],
    ['real quotes', '“We will never abandon Ukraine,” Trump said. '.repeat(N / 2), N / 2],
  ];

  it.each(cases)('%s: analysed, with the expected statements and no span beyond its paragraph', (_what, text, expected) => {
    const report = analyze(text, bundledLexicon, { source: 'marks' });
    expectSane(text, report);
    if (expected !== null) expect(report.statements).toHaveLength(expected);
    for (const st of report.statements) expect(st.end - st.start).toBeLessThanOrEqual(MAX_QUOTE);
    for (const p of splitParagraphs(text)) {
      for (const q of findQuotes(text, p.start, p.end)) {
        expect(p.start <= q.outerStart && q.outerEnd <= p.end && q.outerEnd - q.outerStart <= MAX_QUOTE + 1).toBe(true);
      }
    }
  });

  it('20,000 marks added by 10,000 <q> elements: extracted (mapped to no node), analysed, painted and restored', () => {
    forceWrapPainter();
    const article = document.body.appendChild(document.createElement('article'));
    for (let i = 0; i < 100; i++) {
      const p = article.appendChild(document.createElement('p'));
      for (let j = 0; j < 100; j++) {
        const q = p.appendChild(document.createElement('q'));
        q.appendChild(document.createTextNode(j % 10 === 0 ? 'we will never abandon Ukraine' : 'x'));
        p.appendChild(document.createTextNode(j % 10 === 0 ? ' Trump said. ' : ' '));
      }
    }
    const before = snapshot(article);
    const ext = extractText(article);
    const marks = ext.text.match(/[“”]/g) ?? [];
    expect(marks).toHaveLength(20_000);
    for (let i = 0; i < ext.text.length; i += 97) {
      const loc = locate(ext, i);
      if (/[“”\n]/.test(ext.text[i]!)) expect(loc).toBeNull();
      else expect(loc!.node.data[loc!.offset]).toBe(ext.text[i]);
    }
    const report = analyze(ext.text, bundledLexicon, { source: 'q' });
    expectSane(ext.text, report);
    expect(report.statements.filter((s) => s.text === 'we will never abandon Ukraine' && s.speaker === 'trump')).toHaveLength(1_000);
    const painter = createPainter(document);
    painter.paint(paintItems(report), ext);
    expect(article.querySelectorAll(MARK_TAG).length).toBeGreaterThanOrEqual(1_000);
    painter.clear();
    expectSameDom(before, article);
  });
});

// ---------------------------------------------------------------------------

describe('10,000-deep nesting', { timeout: HANG_GUARD }, () => {
  const DEPTH = 10_000;
  const TAGS = ['span', 'div', 'em', 'blockquote', 'b', 'section', 'a', 'p'];

  /** Built top-down, one element at a time (appending a deep detached subtree recurses in happy-dom). */
  function deepPage(depth: number): { root: Element; leaf: Element } {
    const root = document.body.appendChild(document.createElement('article'));
    let cur: Element = root;
    for (let i = 0; i < depth; i++) {
      const el = cur.appendChild(document.createElement(TAGS[i % TAGS.length]!));
      if (i % 500 === 0) {
        el.appendChild(document.createTextNode(`Level ${i}: `));
        el.appendChild(document.createTextNode(''));
        el.appendChild(document.createComment('c'));
        el.appendChild(document.createTextNode('“Kyiv will not be abandoned,” '));
        el.appendChild(document.createTextNode('Kallas said.'));
      }
      cur = el;
    }
    cur.appendChild(document.createTextNode('“We will never abandon Ukraine,” Trump said.'));
    return { root, leaf: cur };
  }

  it('elements: extracted with a full offset map, analysed, painted with wrappers and restored exactly', () => {
    forceWrapPainter();
    const { root, leaf } = deepPage(DEPTH);
    const before = snapshot(root);
    expect(before.nodes.length).toBeGreaterThan(DEPTH);

    const ext = extractText(root);
    expect(ext.text.endsWith('“We will never abandon Ukraine,” Trump said.')).toBe(true);
    expect(ext.text.split('\n\n').length).toBeGreaterThan(DEPTH / 500);
    for (let i = 0; i < ext.text.length; i++) {
      const loc = locate(ext, i);
      if (loc === null) expect(ext.text[i]).toBe('\n');
      else expect(loc.node.data[loc.offset]).toBe(ext.text[i]);
    }
    const report = analyze(ext.text, bundledLexicon, { source: 'deep' });
    expectSane(ext.text, report);
    expect(report.statements.map((s) => [s.text, s.speaker])).toEqual([
      ...Array.from({ length: DEPTH / 500 }, () => ['Kyiv will not be abandoned', 'kallas']),
      ['We will never abandon Ukraine', 'trump'],
    ]);

    const painter = createPainter(document);
    painter.paint(paintItems(report), ext);
    expect(leaf.querySelector(MARK_TAG)?.textContent).toBe('We will never abandon Ukraine');
    expect(countMarks(root)).toBe(2 * (DEPTH / 500 + 1)); // each quote and its speaker
    painter.clear();
    expectSameDom(before, root);
    expect(root.contains(leaf)).toBe(true);
  });

  it('the main-content search, at the depth happy-dom can hold (its querySelectorAll recurses: not at 10,000)', () => {
    // happy-dom's selector engine (and its textContent/outerHTML) overflow the stack a few
    // thousand levels down; browsers' do not. Our own ancestor walk is iterative.
    const aside = document.body.appendChild(document.createElement('div'));
    for (let i = 0; i < 3; i++) aside.appendChild(document.createElement('p')).textContent = 'A teaser.';
    const root = document.body.appendChild(document.createElement('article'));
    let cur: Element = root;
    for (let i = 0; i < 3_000; i++) cur = cur.appendChild(document.createElement(['div', 'span', 'section'][i % 3]!));
    cur.appendChild(document.createElement('p')).textContent = '“We will never abandon Ukraine,” Trump said. '.repeat(5);
    expect(mainContentRoot(document)).toBe(root);
  });

  it('quote marks nested 10,000 deep in one paragraph', () => {
    const texts = [
      '“‘'.repeat(DEPTH / 2) + 'we will never abandon Ukraine' + '’”'.repeat(DEPTH / 2) + ' Trump said.',
      '«“‘‹„'.repeat(DEPTH / 5) + 'words' + '“›’”»'.repeat(DEPTH / 5),
      '(“'.repeat(DEPTH) + 'words' + '”)'.repeat(DEPTH),
    ];
    for (const text of texts) {
      const report = analyze(text, bundledLexicon, { source: 'nested' });
      expectSane(text, report);
      for (const st of report.statements) expect(st.end - st.start).toBeLessThanOrEqual(MAX_QUOTE);
    }
  });
});

// ---------------------------------------------------------------------------

const PAGE = `<article><h1>Talks on Ukraine</h1>
<p>“We will never abandon Ukraine,” Trump said. <span id="clock">00:00</span></p>
<p>“In any negotiation, Europe must have a central role,” Kallas said.</p>
<p>Nebraska Representative Don Bacon warned of “consequences of rewarding the invader.”</p></article>
<div id="ticker">0</div>`;

const DEBOUNCE = 400; // RESCAN_DEBOUNCE in controller.ts
const MAX_WAIT = 2000; // RESCAN_MAX_WAIT in controller.ts

/** A controller on PAGE with fake timers (the page's clock and ours); scans counted through the report hook. */
async function startController(mode: 'wrap' | 'highlights') {
  if (mode === 'wrap') forceWrapPainter();
  else fakeHighlightRegistry();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  document.body.innerHTML = PAGE;
  const scans: Report[] = [];
  const controller = new Controller(document, inProcessAnalyzer(bundledLexicon), { report: (r, on) => on && scans.push(r) });
  await controller.setOn(true);
  expect(scans).toHaveLength(1);
  expect(scans[0]!.statements.length).toBe(3);
  return { controller, scans };
}

const marks = () => document.querySelectorAll(MARK_TAG).length;

describe.each(['wrap', 'highlights'] as const)('a page that mutates itself continuously (%s painter)', (mode) => {
  it(
    'a ticker outside the article changing every 50 ms: rescans stay bounded, nothing is analysed again, and it goes quiet',
    { timeout: HANG_GUARD },
    async () => {
      const { controller, scans } = await startController(mode);
      const analysed = controller.analysedSlices;
      const ticker = document.getElementById('ticker')!;
      let n = 0;
      const page = setInterval(() => (ticker.textContent = String(++n)), 50);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(n).toBe(1200);
      // 1,200 changes batched: at most one rescan per RESCAN_MAX_WAIT (today exactly that
      // many; a rescan that finds the same text may also be skipped altogether)
      expect(scans.length).toBeLessThanOrEqual(1 + 60_000 / MAX_WAIT + 1);
      // the article's text did not change: every slice came from the cache
      expect(controller.analysedSlices).toBe(analysed);
      expect(scans.every((r) => r.statements.length === 3)).toBe(true);

      clearInterval(page);
      await vi.advanceTimersByTimeAsync(MAX_WAIT + DEBOUNCE);
      const settled = scans.length;
      // our own repaints never retrigger a scan
      await vi.advanceTimersByTimeAsync(60_000);
      expect(scans.length).toBe(settled);
      if (mode === 'wrap') expect(marks()).toBeGreaterThan(0);
      await controller.setOn(false);
      expect(marks()).toBe(0);
      expect(document.getElementById('ticker')!.textContent).toBe('1200');
    },
  );

  it('a clock inside the article changing every 50 ms: rescans and analyses stay bounded; the report stays right', { timeout: HANG_GUARD }, async () => {
    const { controller, scans } = await startController(mode);
    const analysed = controller.analysedSlices;
    const clock = document.getElementById('clock')!.firstChild as Text;
    let n = 0;
    const page = setInterval(() => (clock.data = `00:${String(++n % 60).padStart(2, '0')}`), 50);
    await vi.advanceTimersByTimeAsync(30_000);
    clearInterval(page);
    // the article's text changed: the report follows, batched
    expect(scans.length).toBeGreaterThan(1);
    expect(scans.length).toBeLessThanOrEqual(1 + 30_000 / MAX_WAIT + 1);
    expect(controller.analysedSlices - analysed).toBeLessThanOrEqual(scans.length - 1);
    await vi.advanceTimersByTimeAsync(MAX_WAIT + DEBOUNCE);
    const settled = scans.length;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(scans.length).toBe(settled);
    expect(scans[scans.length - 1]!.statements.map((s) => s.speaker)).toEqual(['trump', 'kallas', 'bacon']);
    await controller.setOn(false);
  });

  it('a quiet page: our paint, the flash and the card of a jump never cause a rescan', { timeout: HANG_GUARD }, async () => {
    const { controller, scans } = await startController(mode);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(controller.jump(0)).toBe(0);
    expect(controller.step(1)).toBe(1);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(scans).toHaveLength(1);
    await controller.setOn(false);
  });
});

describe('a page that reacts to every change of its DOM (a framework re-rendering a widget)', () => {
  /** The page's own observer rewrites a counter outside the article after any change but its own. */
  function reactingPage(): { renders: () => number; stop: () => void } {
    const counter = document.getElementById('ticker')!;
    let renders = 0;
    const mo = new MutationObserver((records) => {
      if (records.every((r) => r.target === counter || counter.contains(r.target))) return;
      counter.textContent = String(++renders);
    });
    mo.observe(document.body, { childList: true, subtree: true, characterData: true });
    return { renders: () => renders, stop: () => mo.disconnect() };
  }

  it('highlights: our painting does not touch the DOM, so the page never reacts and we never rescan', { timeout: HANG_GUARD }, async () => {
    const { controller, scans } = await startController('highlights');
    const page = reactingPage();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(page.renders()).toBe(0);
    expect(scans).toHaveLength(1);
    page.stop();
    await controller.setOn(false);
  });

  it(
    'wrappers: each repaint makes the page re-render, which we rescan — bounded to one scan per debounce, never re-analysed',
    { timeout: HANG_GUARD },
    async () => {
      const { controller, scans } = await startController('wrap');
      const analysed = controller.analysedSlices;
      const page = reactingPage();
      // the page reacts to our first repaint only once something starts the cycle
      document.getElementById('ticker')!.textContent = 'start';
      await vi.advanceTimersByTimeAsync(20_000);
      expect(scans.length).toBeLessThanOrEqual(1 + 20_000 / DEBOUNCE + 1);
      expect(controller.analysedSlices).toBe(analysed);
      page.stop();
      await vi.advanceTimersByTimeAsync(MAX_WAIT + DEBOUNCE);
      const settled = scans.length;
      await vi.advanceTimersByTimeAsync(20_000);
      expect(scans.length).toBe(settled);
      await controller.setOn(false);
    },
  );

  // a rescan that reads the same text keeps the paint: nothing for the page to answer
  it('wrappers: a page that answers our repaint does not keep us rescanning', { timeout: HANG_GUARD }, async () => {
    const { controller, scans } = await startController('wrap');
    const page = reactingPage();
    document.getElementById('ticker')!.textContent = 'start';
    await vi.advanceTimersByTimeAsync(20_000);
    page.stop();
    await controller.setOn(false);
    expect(scans.length).toBeLessThanOrEqual(3);
  });
});

// ---------------------------------------------------------------------------

describe('a lexicon of 10,000 actors', { timeout: HANG_GUARD }, () => {
  const SYL = 'ka lo mi re do ve sa tu ni be zu po la gr fe ho ma qu te vo ya xa br ce du en fi ga hu il'.split(' ');
  const FIRST = ['Anna', 'Boris', 'Clara', 'Dmytro', 'Elena', 'Farid', 'Greta', 'Hugo', 'Irina', 'Jonas', 'Kira', 'Lev', 'Mira', 'Nils', 'Olga', 'Pavel'];
  const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);
  /** Distinct six-letter surnames (three two-letter syllables): long enough for the misspelling matcher too. */
  const surname = (i: number) => cap(SYL[i % 30]! + SYL[Math.floor(i / 30) % 30]! + SYL[Math.floor(i / 900) % 30]!);
  const alias = (text: string, kind: CompiledAlias['kind'], shared = false): CompiledAlias => ({
    text,
    folded: foldString(text),
    kind,
    shared,
    from: 'curated',
  });

  /** The compiled format (src/lexicon/types.ts), as bundled.ts loads it: the seed lexicon plus 10,000 actors. */
  function bigLexicon(): CompiledLexicon {
    const actors: CompiledActor[] = Array.from({ length: 10_000 }, (_, i) => {
      const name = `${FIRST[i % FIRST.length]} ${surname(i)}`;
      return {
        id: `gen-${i}`,
        name,
        kind: 'person',
        role: 'Regional governor',
        affiliation: 'Nowhere',
        pronoun: i % 2 ? 'she' : 'he',
        aliases: [alias(name, 'name'), alias(surname(i), 'surname'), alias(`Governor ${name}`, 'title'), alias('the regional governor', 'descriptor', true)],
        members: [],
        from: 'curated',
      };
    });
    return { ...bundledLexicon, id: 'ten-thousand-actors', version: '1.0.0', title: '10,000 actors', actors: [...bundledLexicon.actors, ...actors] };
  }

  it('is a valid compiled lexicon, and analyse finds a planted actor by name, surname and shared descriptor', () => {
    const lexicon = bigLexicon();
    expect(new Set(lexicon.actors.map((a) => a.aliases[1]!.folded)).size).toBe(lexicon.actors.length);
    const valid = validateCompiled(JSON.parse(JSON.stringify(lexicon)));
    expect(valid.ok, JSON.stringify(!valid.ok && valid.problems.slice(0, 3))).toBe(true);

    const planted = lexicon.actors.find((a) => a.id === 'gen-7777')!;
    const sn = planted.aliases[1]!.text;
    const text = [
      `Governor ${planted.name} spoke in Kyiv on Monday.`,
      `“We will never abandon Ukraine,” ${sn} said.`,
      '“In any negotiation, Europe must have a central role,” Kallas said.',
      'The regional governor said the talks on Ukraine would continue next week.',
    ].join('\n\n');
    expect(mayConcernLexicon(text, lexicon)).toBe(true);
    const report = analyze(text, lexicon, { source: 'big-lexicon' });
    expectSane(text, report);
    expect(report.statements.map((s) => [s.text, s.speaker])).toEqual([
      ['We will never abandon Ukraine', 'gen-7777'],
      ['In any negotiation, Europe must have a central role', 'kallas'],
      ['the talks on Ukraine would continue next week', 'gen-7777'],
    ]);
    const speaker = report.speakers.find((s) => s.id === 'gen-7777')!;
    expect(speaker).toMatchObject({ name: planted.name, inLexicon: true });
    expect(speaker.mentions.length).toBeGreaterThanOrEqual(2);
  });

  it('stays sane on text full of capitalised near-names (the misspelling matcher against 10,000 names)', () => {
    const lexicon = bigLexicon();
    const words = Array.from({ length: 3000 }, (_, k) => cap(SYL[(k * 7) % 30]! + SYL[(k * 11 + 3) % 30]! + 'x' + SYL[(k * 13) % 30]!));
    const text = words.map((w, k) => (k % 5 === 0 ? `“We will not abandon Ukraine,” ${w} said.` : `${w} visited.`)).join(' ');
    const report = analyze(text, lexicon, { source: 'near-names' });
    expectSane(text, report);
    expect(report.statements.length).toBeGreaterThan(0);
    // the same page against the seed lexicon: the big one is prepared once and reused
    expectSane(text, analyze(text, lexicon, { source: 'again' }));
  });
});

/**
 * Property tests (fast-check) over random texts and random DOM trees: the engine never
 * throws and its report is well-formed, every offset maps into the text, quotes stay
 * inside their paragraph, the extraction's offset map leads back to the page's text
 * nodes, and painting with the wrapper fallback followed by clear() leaves the DOM
 * exactly as it was.
 *
 * Deterministic by default: the seed comes from FC_SEED (default below) and fast-check
 * prints the seed and the shrunk counterexample on failure, so a failure replays with
 *   FC_SEED=<seed> npx vitest run --project unit src/engine/properties.test.ts
 * FC_RUNS scales the number of runs (e.g. FC_RUNS=10 for a long local fuzzing session).
 */
// @vitest-environment happy-dom
import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { analyze } from './analyze.ts';
import { fold } from '../text/normalize.ts';
import { findQuotes } from '../text/quotes.ts';
import { splitParagraphs, tokenize } from '../text/paragraphs.ts';
import type { Report } from './types.ts';
import schema from '../report/report.schema.json' with { type: 'json' };
import { bundledLexicon } from '../lexicon/bundled.ts';
import { extractText } from '../page/extract.ts';
import { createPainter, MARK_TAG, rangeFor, type PaintItem } from '../page/paint.ts';
import { paintItems } from '../content/controller.ts';
import { expectOffsetMap, snapshotNodes } from '../../test/support/dom.ts';

const SEED = Number(process.env.FC_SEED ?? 20250212);
const SCALE = Math.max(0.1, Number(process.env.FC_RUNS ?? 1));
const runs = (n: number) => ({ seed: SEED, numRuns: Math.max(1, Math.round(n * SCALE)) });
/** vitest's per-test timeout: a hang guard only, grown with FC_RUNS */
const TIMEOUT = 60_000 * Math.max(1, SCALE);

/** Values the engine's own limits are built on (src/text/paragraphs.ts, quotes.ts). */
const MAX_PARAGRAPH = 20_000;
const MAX_QUOTE = 4_000;

const ajv = new Ajv2020({ allErrors: true });
const validateReport = ajv.compile(schema);

// ---------------------------------------------------------------------------
// Random texts, biased towards what the engine reacts to

const NAMES = [
  ...new Set(bundledLexicon.actors.flatMap((a) => a.aliases.map((al) => al.text))),
  'Marco Rubio',
  'Elina Svitolina',
  'Mr. Trump',
  'VANCE',
  'Zelenskky',
  'Trumps',
  'Graham Platner',
];
const WORDS = [
  'the',
  'a',
  'Ukraine',
  'Russia',
  'war',
  'peace',
  'talks',
  'will',
  'never',
  'not',
  'abandon',
  'NATO',
  'Kyiv',
  'he',
  'she',
  'they',
  'it',
  'his',
  'her',
  'we',
  'I',
  'that',
  'this',
  'was',
  'by',
  'on',
  'Monday',
  'in',
  'an',
  'interview',
  'statement',
  'reporters',
  'aren’t',
  'Trump’s',
  "Putin's",
  "'70s",
  'U.S.',
  'Mr.',
  'Dr.',
  'e.g.',
  'including',
  'and',
  'but',
  'while',
  'who',
  'which',
  'aggression',
  'security',
  'guarantees',
  'territory',
  '2025',
  '3.5',
];
const VERBS = [
  'said',
  'says',
  'told',
  'added',
  'warned',
  'according to',
  'saying',
  'said in a statement',
  'Said',
  'wrote',
  'quote from',
  'This was stated by',
  'called for',
  'pointed out',
];
const QUOTES = ['“', '”', '"', '‘', '’', "'", '«', '»', '„', '‹', '›', '‚', '″', '＂', '‟', '`'];
const PUNCT = ['.', ',', ':', ';', '!', '?', '—', '–', '-', '(', ')', '…', '/', '[', ']', '*', '•', '>', '|'];
const SPACES = [' ', ' ', ' ', '  ', '\n', '\n\n', '\n \n', '\r\n', '\t', '\u00a0', '\u2028', '\u2029', '\u200b', '\u3000', '\ufeff', '\u00ad', '\n\u00a0\n'];
const EXOTIC = [
  '😀',
  '🇺🇦',
  '👍🏽',
  '👨‍👩‍👧',
  'e\u0301',
  '\u0301',
  '\u0308\u0308',
  'A\u030A',
  'שלום',
  'مرحبا بكم',
  '\u202E',
  '\u200F',
  '\u202Aabc\u202C',
  'Зеленський',
  'İstanbul',
  'ß',
  'ẞ',
  'ǅ',
  'ﬁ',
  'Ⅻ',
  '\u0130',
  '\ud83d',
  '\udc00',
  '한국어',
  '日本語',
  '\u0000',
  '\uFFFF',
  'Ω',
  'ΣΑΣ',
];

const piece = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 3, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 3, arbitrary: fc.constantFrom(...VERBS) },
  { weight: 5, arbitrary: fc.constantFrom(...QUOTES) },
  { weight: 3, arbitrary: fc.constantFrom(...PUNCT) },
  { weight: 8, arbitrary: fc.constantFrom(...SPACES) },
  { weight: 2, arbitrary: fc.constantFrom(...EXOTIC) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
);

/** A text built from pieces, glued with or without spaces (quote marks hug words). */
const textArb = fc.array(fc.tuple(piece, fc.constantFrom('', ' ', ' ', ' ')), { maxLength: 80 }).map((parts) => parts.map(([p, sep]) => p + sep).join(''));

/** Texts shaped like news paragraphs: “quote,” Name said. / Name said “quote”. */
const sentenceArb = fc
  .tuple(
    fc.constantFrom(...QUOTES),
    fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 }),
    fc.constantFrom(',', '.', '', '?', ' ,'),
    fc.constantFrom(...QUOTES),
    fc.constantFrom(...NAMES),
    fc.constantFrom(...VERBS),
    fc.boolean(),
    fc.constantFrom('\n\n', '\n', ' ', '\n\n\n', ''),
  )
  .map(([o, ws, p, c, name, verb, nameFirst, br]) =>
    nameFirst ? `${name} ${verb}: ${o}${ws.join(' ')}${p}${c}${br}` : `${o}${ws.join(' ')}${p}${c} ${name} ${verb}.${br}`,
  );
const articleArb = fc.array(fc.oneof(sentenceArb, textArb), { maxLength: 8 }).map((a) => a.join(''));
const anyText = fc.oneof({ weight: 2, arbitrary: textArb }, { weight: 3, arbitrary: articleArb });

// ---------------------------------------------------------------------------
// Checks on one report

function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 0xa0;
}

function paragraphOf(paras: Array<{ start: number; end: number }>, start: number, end: number) {
  return paras.find((p) => p.start <= start && end <= p.end);
}

function analyzeText(text: string, source: string): Report {
  return analyze(text, bundledLexicon, { source });
}

function checkReport(text: string, report: Report): void {
  expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
  const n = text.length;
  const paras = splitParagraphs(text);
  for (const st of report.statements) {
    expect(Number.isInteger(st.start) && Number.isInteger(st.end)).toBe(true);
    expect(0 <= st.start && st.start < st.end && st.end <= n, `statement [${st.start}, ${st.end}) in a text of ${n}`).toBe(true);
    expect(st.text).toBe(text.slice(st.start, st.end));
    // never across a paragraph: inside one of splitParagraphs' paragraphs, so never over a blank line
    expect(paragraphOf(paras, st.start, st.end), `statement ${JSON.stringify(st.text)} crosses a paragraph`).toBeDefined();
    expect(st.text).not.toMatch(/\n[ \t\r]*\n/);
    if (st.speakerStart !== undefined || st.speakerEnd !== undefined) {
      expect(0 <= st.speakerStart! && st.speakerStart! < st.speakerEnd! && st.speakerEnd! <= n).toBe(true);
    }
    if (st.speaker !== null) expect(report.speakers.some((s) => s.id === st.speaker)).toBe(true);
  }
  // document order
  for (let i = 1; i < report.statements.length; i++) {
    expect(report.statements[i]!.start).toBeGreaterThanOrEqual(report.statements[i - 1]!.start);
  }
  for (const sp of report.speakers) {
    for (const m of sp.mentions) {
      expect(0 <= m.start && m.start < m.end && m.end <= n, `mention [${m.start}, ${m.end}) in a text of ${n}`).toBe(true);
      expect(paragraphOf(paras, m.start, m.end)).toBeDefined();
    }
    const counted = sp.stance['pro-ukraine'] + sp.stance['contra-ukraine'] + sp.stance.neutral + sp.stance.unknown;
    expect(counted).toBe(report.statements.filter((s) => s.speaker === sp.id).length);
  }
}

/** Paragraphs: ordered, disjoint, trimmed, bounded, never holding a blank line. */
function checkParagraphs(text: string): void {
  const paras = splitParagraphs(text);
  let last = 0;
  for (const p of paras) {
    expect(p.start).toBeGreaterThanOrEqual(last);
    expect(p.end).toBeGreaterThan(p.start);
    expect(p.end).toBeLessThanOrEqual(text.length);
    expect(p.end - p.start).toBeLessThanOrEqual(MAX_PARAGRAPH);
    expect(isWs(text.charCodeAt(p.start)) || isWs(text.charCodeAt(p.end - 1))).toBe(false);
    expect(text.slice(p.start, p.end)).not.toMatch(/\n[ \t\r]*\n/);
    last = p.end;
  }
  // nothing but whitespace is left out
  let covered = 0;
  for (const p of paras) {
    expect(text.slice(covered, p.start)).toMatch(/^[ \t\r\n\u00a0]*$/);
    covered = p.end;
  }
  expect(text.slice(covered)).toMatch(/^[ \t\r\n\u00a0]*$/);
}

const OPENING = new Set(['“', '„', '”', '"', '″', '＂', '«', '‹', '‘', '‚', '’', "'"]);
const CLOSING = new Set(['“', '”', '"', '″', '＂', '»', '›', '’', "'"]);

/**
 * The quote finder's contract for one paragraph [from, to): spans in order, disjoint,
 * marks at their outer ends, inner words trimmed, an unclosed quote running to the
 * paragraph's end, and no span longer than MAX_QUOTE (+ its two marks).
 */
function checkQuotes(text: string, from: number, to: number): void {
  let last = from;
  for (const q of findQuotes(text, from, to)) {
    expect(last <= q.outerStart && q.outerStart < q.start && q.start < q.end && q.end <= q.outerEnd && q.outerEnd <= to).toBe(true);
    expect(OPENING.has(text[q.outerStart]!), `opens with ${JSON.stringify(text[q.outerStart])}`).toBe(true);
    if (q.open) {
      expect(q.outerEnd).toBe(to);
      expect(q.single).toBe(false);
    } else {
      expect(CLOSING.has(text[q.outerEnd - 1]!), `closes with ${JSON.stringify(text[q.outerEnd - 1])}`).toBe(true);
    }
    expect(q.outerEnd - q.outerStart).toBeLessThanOrEqual(MAX_QUOTE + 1);
    expect(text[q.start]).not.toMatch(/\s/);
    expect(text[q.end - 1]).not.toMatch(/[\s,]/);
    last = q.outerEnd;
  }
}

function checkTokens(text: string, from: number, to: number): void {
  let last = from;
  for (const t of tokenize(text, from, to)) {
    expect(last <= t.start && t.start < t.end && t.end <= to, `token ${JSON.stringify(t.w)} [${t.start}, ${t.end})`).toBe(true);
    expect(t.w.length).toBeGreaterThan(0);
    last = t.end;
  }
}

function checkFold(text: string): void {
  const f = fold(text);
  expect(f.map.length).toBe(f.text.length + 1);
  expect(f.map[f.text.length]).toBe(text.length);
  for (let i = 0; i < f.text.length; i++) {
    expect(f.map[i]!).toBeGreaterThanOrEqual(i > 0 ? f.map[i - 1]! : 0);
    expect(f.map[i]!).toBeLessThan(text.length);
  }
}

describe('engine properties (random texts)', { timeout: TIMEOUT }, () => {
  it('analyze never throws, and its report validates, maps into the text and keeps to paragraphs', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        checkReport(text, analyzeText(text, 'fuzz'));
      }),
      runs(250),
    );
  });

  it('paragraphs cover the text, hold no blank line and stay within the size limit', () => {
    fc.assert(
      fc.property(anyText, (text) => checkParagraphs(text)),
      runs(300),
    );
  });

  it('quotes found in a paragraph stay inside it, ordered and bounded', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const p of splitParagraphs(text)) {
          checkQuotes(text, p.start, p.end);
          checkTokens(text, p.start, p.end);
        }
      }),
      runs(300),
    );
  });

  it('fold keeps a monotone offset map into the original text', () => {
    fc.assert(
      fc.property(anyText, (text) => checkFold(text)),
      runs(300),
    );
  });

  it('a report depends on its text only, not on the pages analysed before', () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        const first = analyzeText(a, 's');
        analyzeText(b, 's');
        expect(analyze(a, bundledLexicon, { source: 's' })).toEqual(first);
      }),
      runs(100),
    );
  });

  it('quotes longer than the limit, or in long paragraphs, are bounded too', () => {
    // long filler between marks: the MAX_QUOTE and MAX_PARAGRAPH paths
    // (a number n in a counterexample stands for "word " repeated n times)
    const filler = fc.integer({ min: 0, max: 1200 });
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, filler), { maxLength: 12 }), (parts) => {
        const text = parts.map((p) => (typeof p === 'number' ? 'word '.repeat(p) : p)).join('');
        checkParagraphs(text);
        for (const p of splitParagraphs(text)) checkQuotes(text, p.start, p.end);
        checkReport(text, analyzeText(text, 'fuzz'));
      }),
      runs(25),
    );
  });
});

// ---------------------------------------------------------------------------
// Random DOM trees

type Tree =
  | { kind: 'text'; data: string }
  | { kind: 'comment'; data: string }
  | { kind: 'br' }
  | { kind: 'el'; tag: string; attrs: Array<[string, string]>; children: Tree[] };

const BLOCKS = ['p', 'div', 'blockquote', 'h2', 'li', 'section', 'article', 'td', 'pre', 'x-widget', 'header', 'footer'];
const INLINES = ['span', 'a', 'em', 'b', 'q', 'i', 'strong', 'small', 'time', 'mark'];
const SKIPPED = ['script', 'style', 'aside', 'nav', 'button', 'figcaption'];
const ATTRS: Array<Array<[string, string]>> = [
  [['hidden', '']],
  [['aria-hidden', 'true']],
  [['style', 'display:none']],
  [['style', 'color: red; visibility: hidden !important']],
  [['class', 'ad-slot']],
  [['class', 'story-body']],
  [['id', 'relatedLinks']],
  [['contenteditable', 'true']],
  [['role', 'navigation']],
  [['dir', 'rtl']],
  [['data-x', '“quoted”']],
];

const leafText = fc.oneof(
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 2, arbitrary: fc.constantFrom(' ', '\n', '  \n\t ', '\u00a0') },
  { weight: 6, arbitrary: fc.array(piece, { maxLength: 10 }).map((a) => a.join(' ')) },
  { weight: 4, arbitrary: sentenceArb },
);

const { tree: treeArb } = fc.letrec<{ tree: Tree; element: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', maxDepth: 6 },
    { weight: 5, arbitrary: leafText.map((data): Tree => ({ kind: 'text', data })) },
    { weight: 1, arbitrary: fc.constantFrom<Tree>({ kind: 'br' }, { kind: 'comment', data: ' c ' }, { kind: 'comment', data: '“' }) },
    { weight: 4, arbitrary: tie('element') },
  ),
  element: fc.record({
    kind: fc.constant('el' as const),
    tag: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...BLOCKS) },
      { weight: 5, arbitrary: fc.constantFrom(...INLINES) },
      { weight: 1, arbitrary: fc.constantFrom(...SKIPPED) },
    ),
    attrs: fc.oneof({ weight: 6, arbitrary: fc.constant([] as Array<[string, string]>) }, { weight: 1, arbitrary: fc.constantFrom(...ATTRS) }),
    children: fc.array(tie('tree'), { maxLength: 6 }),
  }),
}));

const forestArb = fc.array(treeArb, { minLength: 1, maxLength: 6 });

/** Builds with createElement/appendChild: adjacent and empty text nodes stay as built. */
function build(doc: Document, parent: Node, trees: Tree[]): void {
  for (const t of trees) {
    if (t.kind === 'text') parent.appendChild(doc.createTextNode(t.data));
    else if (t.kind === 'comment') parent.appendChild(doc.createComment(t.data));
    else if (t.kind === 'br') parent.appendChild(doc.createElement('br'));
    else {
      const el = doc.createElement(t.tag);
      for (const [k, v] of t.attrs) el.setAttribute(k, v);
      build(doc, el, t.children);
      parent.appendChild(el);
    }
  }
}

function mount(trees: Tree[]): HTMLElement {
  document.body.replaceChildren();
  const root = document.createElement('div');
  root.id = 'root';
  build(document, root, trees);
  document.body.appendChild(root);
  return root;
}

/** Every node of the subtree, in document order, with what identifies its state. */
function snapshot(root: Node): { nodes: Node[]; state: string[]; html: string } {
  const { nodes, state } = snapshotNodes(root, (node, nodes) => {
    const parentIndex = node.parentNode ? nodes.indexOf(node.parentNode) : -1;
    if (node.nodeType !== 1) return `${parentIndex} #${node.nodeType} ${JSON.stringify((node as CharacterData).data)}`;
    const el = node as Element;
    return `${parentIndex} <${el.localName} ${[...el.attributes].map((a) => `${a.name}=${JSON.stringify(a.value)}`).join(' ')}> ${el.childNodes.length}`;
  });
  return { nodes, state, html: (root as Element).outerHTML };
}

function expectSameDom(before: ReturnType<typeof snapshot>, root: Node): void {
  const after = snapshot(root);
  expect(after.state).toEqual(before.state);
  expect(after.html).toBe(before.html);
  expect(after.nodes.length).toBe(before.nodes.length);
  after.nodes.forEach((n, i) => expect(n === before.nodes[i], `node ${i} (${before.state[i]}) was replaced`).toBe(true));
}

/** What the generated trees use that extraction must skip (the root is article-like: its <header>/<footer> stay). */
const SKIPPING =
  'script, style, aside, nav, button, figcaption, [hidden], [aria-hidden="true"], [style*="none"], [style*="hidden"], [contenteditable="true"], [role="navigation"], .ad-slot, #relatedLinks';

/** Random paint items over the text, overlapping and crossing blocks at will. */
function randomItems(len: number, picks: Array<[number, number, number]>): PaintItem[] {
  const kinds = ['pro-ukraine', 'contra-ukraine', 'neutral', 'unknown', 'speaker'] as const;
  return picks.map(([a, b, k], i) => {
    const s = len === 0 ? 0 : a % len;
    const e = len === 0 ? 0 : Math.min(len, s + 1 + (b % Math.max(1, len - s)));
    const kind = kinds[k % kinds.length]!;
    return { kind, start: s, end: e, statement: kind === 'speaker' ? -1 : 1000 + i };
  });
}
const picksArb = fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { maxLength: 8 });

describe('DOM properties (random trees, happy-dom)', { timeout: TIMEOUT }, () => {
  beforeEach(() => {
    // force the wrapper fallback: no CSS Custom Highlight API
    vi.stubGlobal('Highlight', undefined);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.replaceChildren();
  });

  it('extractText maps every offset back to a text node holding that character', () => {
    fc.assert(
      fc.property(forestArb, (trees) => {
        const root = mount(trees);
        const ex = extractText(root);
        expectOffsetMap(ex, root, SKIPPING); // plus: no text from a skipped subtree
        // segments are the nodes' data, whitespace collapsed outside <pre>
        for (const s of ex.segments) {
          const data = s.node.data.slice(s.nodeStart, s.nodeEnd);
          const inPre = s.node.parentElement?.closest('pre') != null;
          expect(ex.text.slice(s.start, s.end)).toBe(inPre ? data : data.replace(/[ \t\n\r\f]+/g, ' '));
        }
        if (root.querySelector('pre') === null) {
          expect(ex.text).not.toMatch(/^[ \t\n\r\f]|[ \t\n\r\f]$/);
          expect(ex.text).not.toMatch(/\n{3}| {2}|[\t\r\f]| \n|\n /);
        }
      }),
      runs(150),
    );
  });

  it('the engine on extracted text: valid report, offsets in the text, no quote over a block boundary', () => {
    fc.assert(
      fc.property(forestArb, (trees) => {
        const root = mount(trees);
        const ex = extractText(root);
        const report = analyzeText(ex.text, 'dom');
        checkReport(ex.text, report);
      }),
      runs(120),
    );
  });

  it('wrapper painting then clear() is the identity on the DOM (nodes, text node boundaries, serialisation)', () => {
    fc.assert(
      fc.property(forestArb, picksArb, fc.boolean(), (trees, picks, repaint) => {
        const root = mount(trees);
        const before = snapshot(root);
        const textBefore = root.textContent;
        const ex = extractText(root);
        const report = analyzeText(ex.text, 'dom');
        const items = [...paintItems(report), ...randomItems(ex.text.length, picks)];
        // what each item's range holds, before anything is split
        const squash = (t: string) => t.replace(/\s+/g, '');
        const expected = new Map(items.map((it) => [it.statement, squash(rangeFor(document, ex, it.start, it.end)?.toString() ?? '')]));
        const painter = createPainter(document);
        expect(painter.mode).toBe('wrap');
        const painted = painter.paint(items, ex);
        // wrapping moves text, it never changes it; every wrapper is ours and inside the root
        expect(root.textContent).toBe(textBefore);
        for (const mark of document.querySelectorAll(MARK_TAG)) expect(root.contains(mark)).toBe(true);
        for (const p of painted) {
          expect(p.range.collapsed).toBe(false);
          if (p.item.statement < 0) continue;
          // the item's wrappers hold exactly the text of its range (whitespace-only pieces stay unwrapped)
          const marks = [...root.querySelectorAll(`${MARK_TAG}[data-statement="${p.item.statement}"]`)];
          expect(squash(marks.map((m) => m.textContent).join(''))).toBe(expected.get(p.item.statement));
        }
        if (repaint) {
          painter.paint(items.slice().reverse(), ex);
          expect(root.textContent).toBe(textBefore);
        }
        painter.clear();
        expectSameDom(before, root);
        expect(document.querySelectorAll(MARK_TAG)).toHaveLength(0);
        // clear() twice is harmless
        painter.clear();
        expectSameDom(before, root);
      }),
      runs(150),
    );
  });

  it('statements painted as wrappers cover exactly their own words', () => {
    fc.assert(
      fc.property(fc.array(sentenceArb, { minLength: 1, maxLength: 6 }), fc.constantFrom('p', 'span', 'br'), (sentences, split) => {
        // sentences spread over adjacent text nodes, inline elements and blocks
        document.body.replaceChildren();
        const root = document.createElement('div');
        for (const s of sentences) {
          const half = Math.floor(s.length / 2);
          const holder = split === 'br' ? root : root.appendChild(document.createElement(split));
          holder.append(document.createTextNode(s.slice(0, half)), document.createTextNode(''), document.createTextNode(s.slice(half)));
          if (split === 'br') root.appendChild(document.createElement('br'));
        }
        document.body.appendChild(root);
        const before = snapshot(root);
        const ex = extractText(root);
        const report = analyzeText(ex.text, 'dom');
        checkReport(ex.text, report);
        const painter = createPainter(document);
        const painted = painter.paint(paintItems(report, false), ex);
        for (const p of painted) {
          const st = report.statements[p.item.statement]!;
          const marks = [...root.querySelectorAll(`${MARK_TAG}[data-statement="${p.item.statement}"]`)];
          // the wrappers hold the statement's characters (whitespace-only pieces are not wrapped)
          expect(
            marks
              .map((m) => m.textContent)
              .join('')
              .replace(/\s+/g, ''),
          ).toBe(st.text.replace(/\s+/g, ''));
        }
        painter.clear();
        expectSameDom(before, root);
      }),
      runs(100),
    );
  });
});

describe('regressions found by the properties above', () => {
  it('a lone high surrogate (an excerpt cut inside an emoji) is one character, not a pair with the next', () => {
    // fold() took "\ud83d" + "T" for a surrogate pair: "Trump" then started on the
    // surrogate, lost its capital and was no longer a name
    const text = '“We will never abandon Ukraine,” \ud83dTrump said.';
    checkFold(text);
    checkTokens(text, 0, text.length);
    const report = analyze(text, bundledLexicon, { source: 'lone-surrogate' });
    checkReport(text, report);
    expect(report.statements.map((s) => [s.text, s.speaker])).toEqual([['We will never abandon Ukraine', 'trump']]);
    expect(tokenize('\ud83dsaid', 0, 5).map((t) => [t.start, t.end])).toEqual([
      [0, 1],
      [1, 5],
    ]);
  });
});

describe('bugs the fuzzing found', () => {
  // Attributor.reported(): "This was stated by X" after a sentence without a word read toks[-1]
  it('analyze does not throw on ". This was stated by Trump."', () => {
    expect(() => analyze('. This was stated by Trump.', bundledLexicon, { source: 'x' })).not.toThrow();
  });
});

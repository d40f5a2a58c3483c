/**
 * Painting on a DOM (happy-dom): ranges across inline elements, the highlight
 * registry shared with the page, and the wrapper fallback restoring the DOM exactly.
 */
// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { analyze } from '../engine/analyze.ts';
import { analyzeSlice, mergeReports, slices } from '../engine/merge.ts';
import { bundledLexicon } from '../lexicon/bundled.ts';
import { extractText } from './extract.ts';
import { createPainter, HIGHLIGHT_PREFIX, MARK_TAG, rangeFor } from './paint.ts';
import { paintItems } from '../content/controller.ts';

const PAGE = `<article><h1>Reactions</h1>
<p>“In any <a href="/x">negotiation</a>, Europe must have a <em>central</em> role,” the EU’s foreign policy chief, Kaja Kallas, said.</p>
<p>Nebraska Representative Don Bacon warned of “consequences of rewarding the invader.”</p>
<p>Trump told reporters Zelenskiy’s “poll numbers aren’t particularly great”.</p></article>`;

function setup() {
  document.body.innerHTML = PAGE;
  const root = document.querySelector('article')!;
  const ext = extractText(root);
  const report = analyze(ext.text, bundledLexicon, { source: 'test' });
  return { root, ext, report };
}

class FakeHighlight {
  ranges: Range[];
  priority = 0;
  constructor(...ranges: Range[]) {
    this.ranges = ranges;
  }
}

const g = globalThis as unknown as { CSS?: unknown; Highlight?: unknown };
afterEach(() => {
  delete g.CSS;
  delete g.Highlight;
});

describe('rangeFor', () => {
  it('maps a quote that runs across <a> and <em> to one DOM range with the same text', () => {
    const { ext, report } = setup();
    const st = report.statements.find((s) => s.text.startsWith('In any negotiation'))!;
    const range = rangeFor(document, ext, st.start, st.end)!;
    expect(range.toString()).toBe(st.text);
  });
});

describe('highlight painter', () => {
  it('registers one highlight per stance under our prefix, and only clears its own', () => {
    const registry = new Map<string, unknown>();
    g.CSS = { highlights: registry };
    g.Highlight = FakeHighlight;
    const pageOwn = new FakeHighlight();
    registry.set('page-search', pageOwn);
    const { ext, report } = setup();
    const painter = createPainter(document);
    expect(painter.mode).toBe('highlights');
    const before = document.body.innerHTML;
    painter.paint(paintItems(report), ext);
    expect(document.body.innerHTML).toBe(before); // the DOM is untouched
    const pro = registry.get(`${HIGHLIGHT_PREFIX}pro-ukraine`) as FakeHighlight;
    expect(pro.ranges.map((r) => r.toString())).toContain('consequences of rewarding the invader.');
    const contra = registry.get(`${HIGHLIGHT_PREFIX}contra-ukraine`) as FakeHighlight;
    expect(contra.ranges.map((r) => r.toString())).toEqual(['poll numbers aren’t particularly great']);
    const speakers = (registry.get(`${HIGHLIGHT_PREFIX}speaker`) as FakeHighlight).ranges.map((r) => r.toString());
    expect(speakers).toEqual(expect.arrayContaining(['Kaja Kallas', 'Nebraska Representative Don Bacon', 'Trump']));

    // a page script clears the registry: verify() puts ours back
    registry.clear();
    registry.set('page-search', pageOwn);
    expect(painter.verify()).toBe(true);
    expect(registry.has(`${HIGHLIGHT_PREFIX}pro-ukraine`)).toBe(true);

    painter.clear();
    expect([...registry.keys()]).toEqual(['page-search']);
  });
});

describe('wrapper painter (no highlight API)', () => {
  it('wraps statements in marks with their stance, and clear() restores the DOM exactly', () => {
    const { root, ext, report } = setup();
    const before = root.innerHTML;
    const textNodesBefore = [...root.querySelectorAll('p')].map((p) => p.childNodes.length);
    const firstText = root.querySelector('p')!.firstChild;
    const painter = createPainter(document);
    expect(painter.mode).toBe('wrap');
    painter.paint(paintItems(report), ext);
    const marks = [...root.querySelectorAll(MARK_TAG)];
    expect(marks.length).toBeGreaterThan(3);
    expect(marks.some((m) => m.getAttribute('data-stance') === 'contra-ukraine' && m.textContent === 'poll numbers aren’t particularly great')).toBe(true);
    painter.clear();
    expect(root.innerHTML).toBe(before);
    expect([...root.querySelectorAll('p')].map((p) => p.childNodes.length)).toEqual(textNodesBefore);
    expect(root.querySelector('p')!.firstChild).toBe(firstText); // the page's own node, not a copy
  });

  it('keeps text nodes the page itself had split apart', () => {
    document.body.innerHTML = '<p id="p"></p>';
    const p = document.getElementById('p')!;
    p.append(document.createTextNode('“We will not abandon Ukraine,” '), document.createTextNode('Kallas said.'));
    const ext = extractText(document.body);
    const report = analyze(ext.text, bundledLexicon, { source: 't' });
    const painter = createPainter(document);
    painter.paint(paintItems(report), ext);
    painter.clear();
    expect(p.childNodes.length).toBe(2);
    expect(p.textContent).toBe('“We will not abandon Ukraine,” Kallas said.');
  });
});

describe('sliced analysis', () => {
  it('merges the reports of slices with offsets into the whole text', () => {
    const text = Array.from({ length: 30 }, (_, i) => `“We stand with Ukraine, part ${i},” Kallas said.`).join('\n\n');
    const parts = slices(text, { min: 150, max: 300, context: 0 }).map((s) => ({ report: analyzeSlice(text, s, bundledLexicon, 'x'), offset: s.start }));
    expect(parts.length).toBeGreaterThan(3);
    const merged = mergeReports(parts, 'x');
    expect(merged.statements).toHaveLength(30);
    for (const st of merged.statements) expect(text.slice(st.start, st.end)).toBe(st.text);
    const kallas = merged.speakers.find((s) => s.id === 'kallas')!;
    expect(kallas.stance['pro-ukraine']).toBe(30);
    expect(kallas.mentions).toHaveLength(30);
  });
});

describe('relevance pre-check', () => {
  it('lets pages about the war or naming lexicon actors through, and skips the rest', async () => {
    const { mayConcernLexicon } = await import('../engine/relevance.ts');
    expect(mayConcernLexicon('“We will see,” Hegseth said in Brussels.', bundledLexicon)).toBe(true);
    expect(mayConcernLexicon('The talks on Ukraine resumed on Monday.', bundledLexicon)).toBe(true);
    expect(mayConcernLexicon('Zelenskyy spoke to reporters.', bundledLexicon)).toBe(true);
    expect(mayConcernLexicon('“Barkley is out,” the manager said before the cup tie.', bundledLexicon)).toBe(false);
  });
});

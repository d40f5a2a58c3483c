/**
 * Long pages are analysed slice by slice: cuts fall at paragraph breaks and depend on
 * the text around them (so an edit leaves the later slices as they were), each slice
 * reads some paragraphs before it as context, and a changed page re-analyses only the
 * slices whose text changed.
 */
// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.ts';
import { analyzeSlice, mergeReports, sliceKey, slices } from './merge.ts';
import { bundledLexicon } from '../lexicon/bundled.ts';
import { Controller } from '../content/controller.ts';
import { inProcessAnalyzer } from '../../test/support/in-process-analyzer.ts';

const SENTENCES = [
  'The talks in Riyadh went on for four hours, officials said.',
  'Markets in Europe were calm on Tuesday morning.',
  'Kaja Kallas spoke to reporters in Brussels after the meeting.',
  '“We will not abandon Ukraine,” she said.',
  'Pete Hegseth told allies in Brussels that NATO membership for Kyiv was not realistic.',
  'Rain is expected later in the week across the region.',
];

/** A long article: numbered paragraphs of a few sentences each. */
function article(paragraphs: number): string {
  return Array.from({ length: paragraphs }, (_, i) => `Paragraph ${i}. ${SENTENCES[i % SENTENCES.length]} ${SENTENCES[(i * 7 + 3) % SENTENCES.length]}`).join(
    '\n\n',
  );
}

describe('slices', () => {
  it('covers the text without gaps and cuts only at paragraph breaks, within the size limit', () => {
    const text = article(400);
    const cuts = slices(text, { min: 1000, max: 3000 });
    expect(cuts.length).toBeGreaterThan(10);
    expect(cuts[0]!.start).toBe(0);
    expect(cuts.at(-1)!.end).toBe(text.length);
    for (let i = 0; i < cuts.length; i++) {
      const s = cuts[i]!;
      if (i > 0) expect(s.start).toBe(cuts[i - 1]!.end);
      if (s.end < text.length) expect(text.slice(s.end, s.end + 2)).toBe('\n\n');
      expect(s.end - s.start).toBeLessThanOrEqual(3000);
      expect(s.context).toBeLessThanOrEqual(s.start);
      expect(s.start - s.context).toBeLessThanOrEqual(600 + 2);
    }
  });

  it('never cuts inside a paragraph: a text without paragraph breaks is one slice', () => {
    const text = 'word '.repeat(10_000);
    expect(slices(text, { min: 1000, max: 3000 })).toEqual([{ start: 0, end: text.length, context: 0 }]);
    const lines = Array.from({ length: 400 }, (_, i) => `Line ${i} of a page that breaks its lines with <br> only.`).join('\n');
    expect(slices(lines, { min: 1000, max: 3000 })).toHaveLength(1);
  });

  it('ends with any minimum, even none', () => {
    const text = Array.from({ length: 40 }, (_, i) => `p0-${i} words`).join('\n\n');
    const cuts = slices(text, { min: 0, max: 30 });
    expect(cuts.at(-1)!.end).toBe(text.length);
    for (const c of cuts) expect(c.end).toBeGreaterThan(c.start);
  });

  it('after an edit near the start, the later slices fall where they fell before', () => {
    const text = article(400);
    const edited = text.replace('Paragraph 3.', 'Paragraph 3, with a few more words added by an editor.');
    const before = new Set(slices(text).map((s) => sliceKey(text, s)));
    const after = slices(edited).map((s) => sliceKey(edited, s));
    const reused = after.filter((k) => before.has(k)).length;
    expect(reused).toBeGreaterThanOrEqual(after.length - 3);
  });

  it('reads the paragraphs before a slice as context: "she said" at the start of a slice finds its speaker', () => {
    const lead = Array.from({ length: 30 }, (_, i) => `Filler paragraph ${i} about the weather in the region this week.`).join('\n\n');
    const text = `${lead}\n\nKaja Kallas spoke to reporters in Brussels after the meeting.\n\n“We will not abandon Ukraine,” she said.`;
    const quoteAt = text.indexOf('“We will');
    const named = text.indexOf('Kaja Kallas spoke');
    // the quote opens the second slice, which reads the paragraph naming her as context
    const cuts = [
      { start: 0, end: quoteAt - 2, context: 0 },
      { start: quoteAt - 2, end: text.length, context: named },
    ];
    const merged = mergeReports(
      cuts.map((s) => ({ report: analyzeSlice(text, s, bundledLexicon, 'x'), offset: s.start })),
      'x',
    );
    const alone = analyze(text.slice(quoteAt - 2), bundledLexicon, { source: 'x' });
    expect(alone.statements[0]!.speaker).toBe(null); // without the context: nobody
    const whole = analyze(text, bundledLexicon, { source: 'x' });
    expect(merged.statements.map((s) => [s.speaker, s.start, s.end])).toEqual(whole.statements.map((s) => [s.speaker, s.start, s.end]));
    const kallas = merged.speakers.find((s) => s.id === 'kallas')!;
    // counted once, though two slices read the paragraph that names her
    expect(kallas.stance['pro-ukraine']).toBe(1);
    expect(kallas.mentions).toEqual(whole.speakers.find((s) => s.id === 'kallas')!.mentions);
  });
});

describe('a page that changes', () => {
  it('re-analyses only the slices whose text changed', async () => {
    document.body.innerHTML = `<article>${article(400)
      .split('\n\n')
      .map((p) => `<p>${p}</p>`)
      .join('')}</article>`;
    const reports: number[] = [];
    const controller = new Controller(document, inProcessAnalyzer(bundledLexicon), { report: (r) => reports.push(r.statements.length) });
    await controller.setOn(true);
    const first = controller.analysedSlices;
    expect(first).toBeGreaterThanOrEqual(5);
    const before = controller.report!.statements.length;

    const p = document.createElement('p');
    p.textContent = '“We stand with Ukraine for as long as it takes,” Kaja Kallas said on Wednesday.';
    document.querySelector('article')!.append(p);
    await controller.scan();
    expect(controller.analysedSlices - first).toBeLessThanOrEqual(2);
    expect(controller.report!.statements.length).toBe(before + 1);
    expect(controller.report!.statements.at(-1)!.speaker).toBe('kallas');
    await controller.setOn(false);
  });
});

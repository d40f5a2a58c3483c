// @vitest-environment happy-dom
/**
 * The controller with the background as a stand-in Analyzer: it sends the page's text
 * and paints what comes back; a reply for a page the tab has left, or for an older
 * scan, is dropped; a scan the background cancelled is no error.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../engine/types.ts';
import { bundledLexicon } from '../lexicon/bundled.ts';
import { inProcessAnalyzer } from '../../test/support/in-process-analyzer.ts';
import { Controller, type Analyzer } from './controller.ts';

function page() {
  document.body.replaceChildren();
  const article = document.createElement('article');
  for (const text of ['“We will never abandon Ukraine,” Donald Trump said on Tuesday.', '“Europe must have a central role,” Kaja Kallas said.']) {
    const p = document.createElement('p');
    p.textContent = text;
    article.append(p);
  }
  document.body.append(article);
}

/** An analyzer whose replies the test releases one by one. */
function heldAnalyzer() {
  const real = inProcessAnalyzer(bundledLexicon);
  const held: Array<{ url: string; seq: number; release: (cancelled?: boolean) => Promise<void> }> = [];
  const analyzer: Analyzer = {
    analyze: (text, url, seq) =>
      new Promise((resolve) => {
        held.push({ url, seq, release: async (cancelled = false) => resolve(cancelled ? null : await real.analyze(text, url, seq)) });
      }),
  };
  return { analyzer, held };
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

describe('the content script’s controller, with the background analysing', () => {
  it('sends the page’s text with its address and paints the report that comes back', async () => {
    page();
    const analyzer = inProcessAnalyzer(bundledLexicon);
    const reports: Report[] = [];
    const c = new Controller(document, analyzer, { report: (r, on) => on && reports.push(r) });
    await c.setOn(true);
    expect(analyzer.asked).toEqual([{ url: location.href, seq: 1, chars: expect.any(Number) }]);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.statements.map((s) => s.speaker)).toEqual(['trump', 'kallas']);
    expect(c.report).toBe(reports[0]);
    await c.setOn(false);
  });

  it('a reply for a page the tab has left (a history navigation meanwhile) is dropped, not painted', async () => {
    page();
    const { analyzer, held } = heldAnalyzer();
    const reports: Report[] = [];
    const c = new Controller(document, analyzer, { report: (r, on) => on && reports.push(r) });
    const on = c.setOn(true);
    await settle();
    expect(held).toHaveLength(1);
    history.pushState(null, '', '/another-story');
    await held[0]!.release();
    await on;
    expect(reports).toHaveLength(0);
    expect(c.report).toBeNull();
    await c.setOn(false);
  });

  it('a reply for an older scan is dropped; a scan the background cancelled is no error', async () => {
    page();
    const { analyzer, held } = heldAnalyzer();
    const reports: Report[] = [];
    const c = new Controller(document, analyzer, { report: (r, on, seq) => on && reports.push({ ...r, source: String(seq) }) });
    const on = c.setOn(true);
    await settle();
    await held[0]!.release(true);
    await expect(on).resolves.toBeUndefined();
    expect(reports).toHaveLength(0);
    // the page changed: a new scan; its answer is painted
    c.configure('another-lexicon', true);
    await settle();
    expect(held).toHaveLength(2);
    await held[1]!.release();
    await settle();
    expect(reports.map((r) => r.source)).toEqual([String(held[1]!.seq)]);
    await c.setOn(false);
  });
});

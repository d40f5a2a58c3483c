// @vitest-environment happy-dom
/**
 * The controller and the stance model: a model given while a scan runs is the one the
 * next report is judged with; a model file that cannot be used leaves seed quotes and
 * cues to judge, and the report says why.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../engine/types.ts';
import { bundledModelFile } from '../lexicon/bundled-model.ts';
import { bundledLexicon } from '../lexicon/bundled.ts';
import { Controller } from './controller.ts';

function page(paragraphs: number) {
  document.body.replaceChildren();
  const article = document.createElement('article');
  for (let i = 0; i < paragraphs; i++) {
    const p = document.createElement('p');
    p.textContent = `“The sanctions on Russia must stay until Ukraine is free, number ${i},” Vladimir Putin said on Tuesday in Moscow about the war.`;
    article.append(p);
  }
  document.body.append(article);
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the content script’s controller and the stance model', () => {
  it('judges with the model it is given; a refused file is reported, not a crash', async () => {
    page(3);
    const reports: Report[] = [];
    const c = new Controller(document, bundledLexicon, { report: (r) => reports.push(r) });
    c.useModel(bundledModelFile);
    await c.setOn(true);
    expect(reports.at(-1)!.model).toMatchObject({ status: 'ok', id: 'stance-lr' });
    expect(reports.at(-1)!.statements.some((s) => s.evidence.some((e) => e.kind === 'model'))).toBe(true);
    c.useModel({ format: 'another-model' });
    await c.scan();
    const last = reports.at(-1)!;
    expect(last.model).toMatchObject({ id: null, status: 'unavailable' });
    expect(last.model.message).toMatch(/format is "another-model".*seed quotes and cue phrases judged stance alone/);
    expect(last.statements.length).toBeGreaterThan(0);
    expect(last.statements.some((s) => s.evidence.some((e) => e.kind === 'model'))).toBe(false);
    await c.setOn(false);
  });

  it('a model given while a scan runs is the one the next report is judged with', async () => {
    page(300);
    const reports: Report[] = [];
    const c = new Controller(document, bundledLexicon, { report: (r) => reports.push(r) });
    c.useModel(bundledModelFile);
    const scanning = c.setOn(true);
    for (let i = 0; i < 5000 && c.analysedSlices < 1; i++) await tick();
    expect(c.analysedSlices).toBeGreaterThan(0);
    c.useModel({ format: 'another-model' });
    await scanning;
    await c.scan();
    expect(reports.at(-1)!.model).toMatchObject({ status: 'unavailable' });
    await c.setOn(false);
  }, 60_000);
});

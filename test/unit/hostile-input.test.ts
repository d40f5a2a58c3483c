/**
 * Hostile input, at the source: the lint rule that keeps page text out of markup and
 * code (run here over the whole project, and shown to catch each sink). The runtime
 * validation every message passes is tested beside it, in src/messages.test.ts.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('the markup-sink lint (eslint.config.js)', () => {
  const eslint = new ESLint({ cwd: ROOT });

  it('finds nothing in src/ and scripts/', async () => {
    const results = await eslint.lintFiles(['src', 'scripts']);
    const problems = results.flatMap((r) => r.messages.map((m) => `${r.filePath.slice(ROOT.length)}:${m.line} ${m.ruleId}: ${m.message}`));
    expect(problems).toEqual([]);
  }, 60_000);

  it.each([
    ['innerHTML', 'export function f(el: HTMLElement, s: string) { el.innerHTML = s; }'],
    ['outerHTML', 'export function f(el: HTMLElement, s: string) { el.outerHTML = s; }'],
    ['insertAdjacentHTML', "export function f(el: HTMLElement, s: string) { el.insertAdjacentHTML('beforeend', s); }"],
    ['document.write', 'export function f(s: string) { document.write(s); }'],
    ['eval', 'export function f(s: string) { return eval(s); }'],
    ['new Function', 'export function f(s: string) { return new Function(s); }'],
    ['a string timer', 'export function f(s: string) { setTimeout("run(" + s + ")", 10); }'],
  ])('refuses %s with a page-derived string', async (_name, code) => {
    const [result] = await eslint.lintText(code, { filePath: `${ROOT}src/probe.ts` });
    expect(result!.errorCount).toBeGreaterThan(0);
  });

  it('refuses dangerouslySetInnerHTML in a component', async () => {
    const [result] = await eslint.lintText('export const C = (p: { s: string }) => <div dangerouslySetInnerHTML={{ __html: p.s }} />;', {
      filePath: `${ROOT}src/probe.tsx`,
    });
    expect(result!.messages.map((m) => m.message)).toContain('Page text is data: no dangerouslySetInnerHTML.');
  });
});

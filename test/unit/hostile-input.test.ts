/**
 * Hostile input, at the source: the lint rule that keeps page text out of markup and
 * code (run here over the whole project, and shown to catch each sink), and the
 * runtime validation every message to the background and the content script passes.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { parseBackgroundCall, parseContentMessage } from '../../src/messages.ts';

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
    const [result] = await eslint.lintText('export const C = (p: { s: string }) => <div dangerouslySetInnerHTML={{ __html: p.s }} />;', { filePath: `${ROOT}src/probe.tsx` });
    expect(result!.messages.map((m) => m.message)).toContain('Page text is data: no dangerouslySetInnerHTML.');
  });
});

describe('messages: only the typed shapes pass', () => {
  it('ignores anything that is not one of the background calls, whatever it carries', () => {
    const forged: unknown[] = [
      null, undefined, 42, 'highlights/set', [], { type: 'highlights/set' }, { type: 'highlights/set', tabId: '3', on: true },
      { type: 'highlights/set', tabId: -1, on: true }, { type: 'highlights/set', tabId: 1.5, on: true }, { type: 'highlights/set', tabId: 3, on: 'yes' },
      { type: 'statement/jump', tabId: 3, index: -2 }, { type: 'site/set', origin: 'https://x.test', mode: 'always-on-please' },
      { type: 'site/get', origin: 'x'.repeat(5000) }, { type: 'settings/set', mode: 'automatic' }, { type: '__proto__' },
      JSON.parse('{"type":"tab/get","__proto__":{"tabId":3}}'),
    ];
    for (const msg of forged) expect(parseBackgroundCall(msg), JSON.stringify(msg)?.slice(0, 80)).toBeNull();
    expect(parseBackgroundCall({ type: 'highlights/set', tabId: 3, on: true, extra: '<img onerror=x>' })).toEqual({ type: 'highlights/set', tabId: 3, on: true });
  });

  it('ignores content-script messages of the wrong shape (a report must look like one)', () => {
    const forged: unknown[] = [
      { type: 'content/hello' }, { type: 'content/hello', url: 5 }, { type: 'content/state', on: 1 },
      { type: 'content/report', report: { statements: 'all' }, url: 'u', title: 't', on: true },
      { type: 'content/report', report: { statements: [], speakers: [] }, url: 'u', title: 7, on: true },
      { type: 'highlights/set', tabId: 1, on: true }, // a page call does not pass as a content message
    ];
    for (const msg of forged) expect(parseContentMessage(msg), JSON.stringify(msg)).toBeNull();
  });
});

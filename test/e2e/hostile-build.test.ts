/**
 * Page text is data, never markup or code: what ships is searched, not only what we
 * wrote (a dependency or a bundler helper could bring a sink in). Runs on the builds
 * of the e2e global setup; skipped with a note when they are missing.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST } from '../../scripts/harness/browser.ts';

/** Markup sinks and code from strings. */
const SINKS = [
  'innerHTML',
  'outerHTML',
  'insertAdjacentHTML',
  'document.write',
  'createContextualFragment',
  'eval(',
  'new Function',
  'Function(',
  'setTimeout("',
  "setTimeout('",
  'setTimeout(`',
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.js') ? [path] : [];
  });
}

/** Each sink found in the file, with a little context. */
function sinksIn(source: string): string[] {
  const found: string[] = [];
  for (const sink of SINKS) {
    for (let at = source.indexOf(sink); at !== -1; at = source.indexOf(sink, at + 1)) found.push(source.slice(Math.max(0, at - 40), at + sink.length + 40));
  }
  return found;
}

describe.each(Object.entries(DIST))('the %s build', (name, dist) => {
  const built = existsSync(join(dist, 'manifest.json'));
  if (!built) console.warn(`[e2e] ${name}: no build in ${dist}; the build search is skipped`);

  describe.skipIf(!built)('holds no markup sink and no code from strings', () => {
    it('in the content script and the background: none at all', () => {
      const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as { background: { service_worker?: string; scripts?: string[] } };
      const background = manifest.background.service_worker ?? manifest.background.scripts?.[0];
      expect(background, 'the manifest names a background script').toBeTruthy();
      const content = join(dist, 'src', 'content', 'content-script.js');
      expect(existsSync(content), 'the content script is built').toBe(true);
      const found: Record<string, string[]> = {};
      // the background entry is a loader: search every chunk but the UI's (below)
      for (const file of [content, ...files(join(dist, 'assets'))]) {
        const source = readFileSync(file, 'utf8');
        const hits = sinksIn(source).filter((h) => !isPreactHtmlProp(h));
        if (hits.length) found[relative(dist, file)] = hits;
      }
      expect(found).toEqual({});
    });

    it('in the pages (Preact): only the runtime’s dangerouslySetInnerHTML path, which our code never uses (lint)', () => {
      const ui = files(join(dist, 'assets'))
        .map((f) => readFileSync(f, 'utf8'))
        .flatMap(sinksIn);
      for (const hit of ui) expect(isPreactHtmlProp(hit), hit).toBe(true);
    });

    it('the content script carries no engine, lexicon or model, and stays small (the page parses it)', () => {
      const source = readFileSync(join(dist, 'src', 'content', 'content-script.js'), 'utf8');
      // the script crxjs writes may be a loader of chunks: everything it pulls in counts
      const chunks = [...source.matchAll(/["'](\/?assets\/[^"']+\.js)["']/g)].map((m) => readFileSync(join(dist, m[1]!.replace(/^\//, '')), 'utf8'));
      const all = [source, ...chunks].join('\n');
      // words only the engine, the bundled lexicon and the model file hold
      for (const mark of ['stance-lens-model', 'modelError', 'according to']) expect(all, mark).not.toContain(mark);
      // 28.1 KB today, 10.7 KB gzipped (91.8 KB, 32.4 KB gzipped, when it held the engine and webextension-polyfill)
      expect(Buffer.byteLength(all)).toBeLessThan(35_000);
      expect(all, 'webextension-polyfill').not.toContain('This script should only be loaded in a browser extension');
    });

    it('keeps a strict CSP on its pages: scripts from the extension only, no plugins', () => {
      const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as { content_security_policy?: { extension_pages?: string } };
      const csp = manifest.content_security_policy?.extension_pages ?? '';
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval|https?:/);
    });
  });
});

/** Preact's diff reads and writes innerHTML only for a `dangerouslySetInnerHTML.__html` prop. */
function isPreactHtmlProp(context: string): boolean {
  return /__html/.test(context) && /innerHTML/.test(context);
}

/**
 * Code the bench evaluates in the page's main world (the shared probes are in
 * ../harness/probes.ts). Kept as strings: functions transpiled by tsx can carry helper
 * calls that do not exist in the page.
 */

/** One plain TreeWalker(SHOW_TEXT) pass concatenating the body's text, timed 5 times. */
export const FLOOR = `(() => {
  const root = document.body || document.documentElement;
  const times = [];
  let chars = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let text = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) text += n.data;
    const t1 = performance.now();
    times.push(t1 - t0);
    chars = text.length;
  }
  return { times, chars, isolated: self.crossOriginIsolated === true, visibility: document.visibilityState, elements: root.getElementsByTagName('*').length };
})()`;

/** mark.js as a script tag: the UMD wrapper would register with a page's AMD/CommonJS shims, so hide them. */
export function markScript(source: string): string {
  return `(function () { var exports, module, define;\n${source}\n;window.__benchMark = this.Mark; }).call(window);`;
}

/** Times mark() only, then unmarks. */
export function markRun(terms: string[]): string {
  return `new Promise((resolve, reject) => {
  try {
    const Mark = window.__benchMark;
    if (typeof Mark !== 'function') throw new Error('mark.js did not load');
    const root = document.body || document.documentElement;
    const instance = new Mark(root);
    const t0 = performance.now();
    instance.mark(${JSON.stringify(terms)}, {
      separateWordSearch: false,
      acrossElements: true,
      done: (marks) => {
        const t1 = performance.now();
        instance.unmark({ done: () => resolve({ ms: t1 - t0, marks }) });
      },
    });
  } catch (e) {
    reject(e);
  }
})`;
}

/**
 * The trivial reference, as a content script: what any highlighter must do at the
 * least. Injected like the extension's own script (scripting.executeScript into the
 * isolated world, which that creates), it walks the body's text once, finds two names,
 * paints their ranges with CSS.highlights under a rule of its own (a constructed
 * stylesheet), and times that as its scan+paint. For
 * `chrome.scripting.executeScript({func})`, as text (see the file comment).
 */
export const TRIVIAL_FUNC = `() => {
  const t0 = performance.now();
  const root = document.body || document.documentElement;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const ranges = [];
  const names = /\\b(Trump|Putin)\\b/g;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    names.lastIndex = 0;
    for (let m = names.exec(n.data); m; m = names.exec(n.data)) {
      const r = new Range();
      r.setStart(n, m.index);
      r.setEnd(n, m.index + m[0].length);
      ranges.push(r);
    }
  }
  if (typeof Highlight === 'function' && CSS.highlights) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('::highlight(bench-trivial) { background-color: #ff0; text-decoration: underline solid #00f; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    CSS.highlights.set('bench-trivial', new Highlight(...ranges));
  }
  return { ms: performance.now() - t0, ranges: ranges.length };
}`;

/** Takes the trivial reference's highlight and stylesheet away again (main world). */
export const TRIVIAL_CLEAR = `(() => {
  if (typeof CSS !== 'undefined' && CSS.highlights) CSS.highlights.delete('bench-trivial');
  document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => ![...s.cssRules].some((r) => r.cssText.includes('bench-trivial')));
})()`;

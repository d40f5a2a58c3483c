/**
 * Code evaluated in the swept page (main world, or the extension's isolated world for
 * FORCE_WRAP). Kept as strings, like ../harness/probes.ts: functions transpiled by
 * tsx can carry helper calls that do not exist in the page.
 */
import { heartbeat } from '../harness/probes.ts';

/** Text-node boundaries in a snapshot: a text node serialises as TEXT_OPEN + data + TEXT_CLOSE. */
export const TEXT_OPEN = '\u0001';
export const TEXT_CLOSE = '\u0002';

/**
 * A function expression `(root, keep) => {text, nodes}` serialising a subtree in
 * document order: elements with their attributes in order, text nodes delimited (so
 * a text node split in two, even when the halves hold the same characters, reads
 * differently from the whole), comments, doctypes, processing instructions. With
 * `keep`, every node is pushed onto that array, for the node-identity check. Closed
 * and open shadow roots, template contents and form state are left out (the page's
 * own; the extension's card host is a light-DOM element and is seen).
 */
export const SERIALIZE = `((root, keep) => {
  const out = [];
  let nodes = 0;
  const visit = (node) => {
    nodes++;
    if (keep) keep.push(node);
    switch (node.nodeType) {
      case 1: {
        let open = '<' + node.nodeName;
        for (const a of node.attributes) open += ' ' + a.name + '="' + a.value + '"';
        out.push(open + '>');
        for (let c = node.firstChild; c; c = c.nextSibling) visit(c);
        out.push('</' + node.nodeName + '>');
        return;
      }
      case 3: out.push(${JSON.stringify(TEXT_OPEN)} + node.data + ${JSON.stringify(TEXT_CLOSE)}); return;
      case 4: out.push('<![CDATA[' + node.data + ']]>'); return;
      case 7: out.push('<?' + node.target + ' ' + node.data + '?>'); return;
      case 8: out.push('<!--' + node.data + '-->'); return;
      case 10: out.push('<!DOCTYPE ' + node.name + ' "' + node.publicId + '" "' + node.systemId + '">'); return;
      default:
        for (let c = node.firstChild; c; c = c.nextSibling) visit(c);
    }
  };
  visit(root);
  return { text: out.join(''), nodes };
})`;

/**
 * The document before highlights on: its serialisation and every node are kept in the
 * page (a non-enumerable global), so that SNAPSHOT_AFTER can tell whether the same
 * node objects are back in the same order, not only equal markup, and so that a long
 * serialisation crosses to the driver only when it differs. Returns {nodes, chars}.
 */
export const SNAPSHOT_BEFORE = `(() => {
  const keep = [];
  const snap = ${SERIALIZE}(document, keep);
  Object.defineProperty(window, '__sweepSnapshot', { value: { text: snap.text, nodes: keep }, configurable: true, enumerable: false, writable: true });
  return { nodes: snap.nodes, chars: snap.text.length };
})()`;

/**
 * The document after highlights off, against SNAPSHOT_BEFORE: both serialisations
 * when they differ (null when equal) and the node-identity check (the first position
 * where another node object stands). The kept snapshot stays until SNAPSHOT_RELEASE,
 * so that a heap reading in between is not lowered by its release.
 */
export const SNAPSHOT_AFTER = `(() => {
  const now = [];
  const snap = ${SERIALIZE}(document, now);
  const kept = window.__sweepSnapshot || { text: '', nodes: [] };
  const before = kept.nodes;
  let firstOther = -1;
  const n = Math.max(before.length, now.length);
  for (let i = 0; i < n; i++) if (before[i] !== now[i]) { firstOther = i; break; }
  const name = (x) => (x ? x.nodeName + (x.nodeType === 3 ? ' ' + JSON.stringify(x.data.slice(0, 40)) : '') : 'nothing');
  const identity = { before: before.length, after: now.length, firstOther, beforeNode: firstOther < 0 ? '' : name(before[firstOther]), afterNode: firstOther < 0 ? '' : name(now[firstOther]) };
  const same = snap.text === kept.text;
  return { before: same ? null : { text: kept.text, nodes: before.length }, after: same ? null : { text: snap.text, nodes: snap.nodes }, identity };
})()`;

/** Frees what SNAPSHOT_BEFORE kept. */
export const SNAPSHOT_RELEASE = `void (window.__sweepSnapshot = null)`;

/**
 * Installed before every document (init script): counts the DOM mutations in the
 * page and when the last one happened, so the sweep can wait for a quiet page before
 * its snapshot and report whether the page's own scripts were changing it meanwhile.
 * Mutations that only add or remove the extension's elements are not counted.
 */
export const MUTATION_COUNTER = `(() => {
  const state = { count: 0, last: 0 };
  Object.defineProperty(window, '__sweepMutations', { value: state, enumerable: false });
  const ours = (n) => n && n.nodeType === 1 && /^stance-lens-/i.test(n.nodeName);
  const start = () => {
    try {
      new MutationObserver((records) => {
        for (const r of records) {
          if (r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every(ours)) continue;
          state.count++;
          state.last = performance.now();
        }
      }).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
    } catch {}
  };
  start();
})();`;

/**
 * The bench's main-world heartbeat (../harness/probes.ts HEARTBEAT_START: a
 * MessageChannel ping-pong, read and stopped by EXTENSION_FIGURES through the same
 * global), recording every gap over 4 ms instead of 20, so that a page where nothing
 * held the thread long gets a figure rather than "under 20". Returns the page clock.
 */
export const HEARTBEAT = heartbeat(4);

/** The page's mutation counter and clock: {count, last, now}. */
export const MUTATIONS = `(() => { const m = window.__sweepMutations || { count: 0, last: 0 }; return { count: m.count, last: m.last, now: performance.now() }; })()`;

/**
 * Scrolls the first painted statement that can be hovered into view and returns a
 * point inside it, for a mouse move that opens the hover card; null when none can. A
 * point counts when the caret position there (what the content script looks up) lies
 * in the statement's range: not under an overlay, not snapped to other text. `mode`
 * is 'highlights' (ranges from CSS.highlights, readable in Chromium's main world) or
 * 'wrap' (<stance-lens-mark data-statement>).
 */
export function hoverTarget(mode: 'highlights' | 'wrap'): string {
  return `(() => {
  const ranges = [];
  if (${JSON.stringify(mode)} === 'highlights') {
    for (const name of ['stance-lens-pro-ukraine', 'stance-lens-contra-ukraine', 'stance-lens-neutral', 'stance-lens-unknown']) {
      const h = typeof CSS !== 'undefined' && CSS.highlights ? CSS.highlights.get(name) : undefined;
      if (h) for (const r of h) { ranges.push(r); if (ranges.length >= 40) break; }
    }
    ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
  } else {
    for (const m of document.querySelectorAll('stance-lens-mark[data-statement]')) {
      const r = document.createRange();
      r.selectNodeContents(m);
      ranges.push(r);
      if (ranges.length >= 40) break;
    }
  }
  const caretIn = (range, x, y) => {
    const c = document.caretPositionFromPoint ? document.caretPositionFromPoint(x, y) : null;
    if (c) { try { return range.isPointInRange(c.offsetNode, c.offset); } catch { return false; } }
    const r = document.caretRangeFromPoint ? document.caretRangeFromPoint(x, y) : null;
    if (r) { try { return range.isPointInRange(r.startContainer, r.startOffset); } catch { return false; } }
    return false;
  };
  for (const range of ranges.slice(0, 12)) {
    const node = range.startContainer;
    const el = node.nodeType === 1 ? node : node.parentElement;
    if (!el) continue;
    el.scrollIntoView({ block: 'center', behavior: 'instant' });
    const boxes = [...range.getClientRects()].filter((r) => r.width > 6 && r.height > 4 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth);
    for (const box of boxes.slice(0, 4)) {
      const y = box.top + box.height / 2;
      for (const x of [box.left + Math.min(box.width / 2, 12), box.left + box.width / 2]) {
        if (caretIn(range, x, y)) return { x, y };
      }
    }
  }
  return null;
})()`;
}

/** A mousemove at a viewport point, dispatched on the element there (it bubbles to the document). */
export function mouseMove(x: number, y: number): string {
  return `(() => {
  const target = document.elementFromPoint(${x}, ${y}) || document.documentElement;
  target.dispatchEvent(new MouseEvent('mousemove', { clientX: ${x}, clientY: ${y}, bubbles: true, composed: true, view: window }));
})()`;
}

/** How many hover-card hosts the page holds. */
export const CARD_HOSTS = `document.getElementsByTagName('stance-lens-ui').length`;

/** Wrapper elements in the page (the fallback painter). */
export const MARKS = `document.getElementsByTagName('stance-lens-mark').length`;

/**
 * For `chrome.scripting.executeScript({world: 'ISOLATED', func})`, run from the
 * extension's popup page before highlights on: removes `Highlight` from the
 * extension's isolated world (content scripts of one extension share it), so the
 * content script's painter falls back to wrapper elements, the path that really
 * changes the page's DOM. Returns what it found and left.
 */
export const FORCE_WRAP_FUNC = `() => {
  const had = typeof globalThis.Highlight;
  try { delete globalThis.Highlight; } catch {}
  return [had, typeof globalThis.Highlight];
}`;

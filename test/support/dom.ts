/**
 * DOM helpers for unit tests of extraction and painting (src/page/extract.test.ts,
 * src/engine/properties.test.ts, src/engine/pathological.test.ts): the check of an
 * extraction's offset map at every offset, and a snapshot of a subtree to compare a
 * DOM before and after.
 */
import { expect } from 'vitest';
import { locate, type Extraction } from '../../src/page/extract.ts';

/** Characters the extraction adds (block breaks, typographic quotes); they map to no node. */
const ADDED = new Set(['\n', '\u201C', '\u201D', '\u2018', '\u2019']);
const COLLAPSIBLE = /^[ \t\n\r\f]$/;

/**
 * The offset map, checked at every offset: a character from the page maps to the
 * same character (or, for a collapsed space, to whitespace) in a text node inside
 * the root, in document order; characters we added map to null. With `skipping`
 * (a selector), no character comes from a subtree inside the root that matches it.
 */
export function expectOffsetMap(ex: Extraction, root: Node, skipping?: string): void {
  let previous: { node: Text; offset: number } | null = null;
  for (let i = 0; i < ex.text.length; i++) {
    const ch = ex.text[i]!;
    const loc = locate(ex, i);
    if (loc === null) {
      expect(ADDED.has(ch), `offset ${i} (${JSON.stringify(ch)}) maps nowhere`).toBe(true);
      continue;
    }
    expect(loc.node.nodeType).toBe(3);
    expect(root.contains(loc.node)).toBe(true);
    const original = loc.node.data[loc.offset];
    if (ch === ' ') expect(original === ' ' || COLLAPSIBLE.test(original ?? ''), `offset ${i}`).toBe(true);
    else expect(original, `offset ${i}`).toBe(ch);
    if (skipping !== undefined) {
      const skipper = loc.node.parentElement?.closest(skipping);
      expect(skipper == null || !root.contains(skipper), `offset ${i} comes from a skipped <${skipper?.localName}>`).toBe(true);
    }
    // Document order: strictly increasing (node, offset).
    if (previous !== null) {
      if (previous.node === loc.node) expect(loc.offset).toBeGreaterThan(previous.offset);
      else expect(previous.node.compareDocumentPosition(loc.node) & 4 /* FOLLOWING */).toBeTruthy();
    }
    previous = loc;
    // The end bias gives the position just after the same character.
    expect(locate(ex, i + 1, 'end')).toEqual({ node: loc.node, offset: loc.offset + 1 });
  }
  expect(locate(ex, -1)).toBeNull();
  expect(locate(ex, ex.text.length)).toBeNull();
  expect(locate(ex, 0, 'end')).toBeNull();
}

/**
 * Every node under root (root included), in document order, each with what `describe`
 * says of its state; `nodes` holds the nodes up to and including this one. Iterative:
 * no recursion at any depth.
 */
export function snapshotNodes(root: Node, describe: (node: Node, nodes: readonly Node[]) => string): { nodes: Node[]; state: string[] } {
  const nodes: Node[] = [];
  const state: string[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    nodes.push(node);
    state.push(describe(node, nodes));
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return { nodes, state };
}

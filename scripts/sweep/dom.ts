/**
 * Whether "highlights off" left the page's DOM exactly as before: the serialisations
 * from SNAPSHOT_BEFORE / SNAPSHOT_AFTER (text nodes delimited), the node-identity
 * check, and what of ours is still in the page. Pure: no browser needed.
 */
import { TEXT_CLOSE, TEXT_OPEN } from './probes.ts';

export interface Snapshot {
  text: string;
  nodes: number;
}

/** SNAPSHOT_AFTER's node-identity check: the first position holding another node object (-1: none). */
export interface NodeIdentity {
  before: number;
  after: number;
  firstOther: number;
  beforeNode: string;
  afterNode: string;
}

/** What of the extension is left in the page after off (bench's AFTER_OFF probe). */
export interface Leftovers {
  highlights: Record<string, number>;
  marks: number;
  ui: number;
}

export interface DomDiff {
  /** character offset of the first difference in the serialisations */
  at: number;
  before: string;
  after: string;
}

/** Text-node delimiters shown as ⟦ ⟧ in excerpts, other control characters escaped (\n, \u0007). */
export function readable(s: string): string {
  return s
    .split(TEXT_OPEN)
    .join('⟦')
    .split(TEXT_CLOSE)
    .join('⟧')
    .replace(/[\u0000-\u001f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

/** The first difference between two serialisations, with `context` characters either side of it; null when equal. */
export function firstDifference(a: string, b: string, context = 60): DomDiff | null {
  if (a === b) return null;
  let i = 0;
  const n = Math.min(a.length, b.length);
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  const from = Math.max(0, i - context);
  return { at: i, before: readable(a.slice(from, i + 1 + context)), after: readable(b.slice(from, i + 1 + context)) };
}

/** One line for what of ours is left after off; null when nothing is. */
export function describeLeftovers(left: Leftovers | null): string | null {
  if (!left) return null;
  const parts = [
    ...Object.entries(left.highlights).map(([k, v]) => `highlight ${k} (${v} ranges)`),
    ...(left.marks ? [`${left.marks} <stance-lens-mark>`] : []),
    ...(left.ui ? [`${left.ui} <stance-lens-ui>`] : []),
  ];
  return parts.length ? parts.join(', ') : null;
}

/**
 * The verdict on one before/after pair: null when the page is exactly as before (same
 * markup, same text-node boundaries, the same node objects in the same order, none of
 * our highlights or elements left), else one line saying what differs.
 */
export function domChange(before: Snapshot, after: Snapshot, identity: NodeIdentity | null, left: Leftovers | null): string | null {
  const problems: string[] = [];
  const diff = firstDifference(before.text, after.text);
  if (diff) {
    problems.push(`markup differs at character ${diff.at} (${before.nodes} → ${after.nodes} nodes): before “${diff.before}” after “${diff.after}”`);
  } else if (identity && identity.firstOther >= 0) {
    problems.push(`same markup but node #${identity.firstOther} is another object (${identity.beforeNode} → ${identity.afterNode})`);
  }
  const leftover = describeLeftovers(left);
  if (leftover) problems.push(`left after off: ${leftover}`);
  return problems.length ? problems.join('; ') : null;
}

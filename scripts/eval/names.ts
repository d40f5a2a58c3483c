/**
 * How the evaluation compares a speaker the engine found with the labelled one. The
 * labels use one canonical spelling (Zelenskiy, Syrskyi); pages spell names their own
 * way (Zelensky, Sirsky) and often give part of a name (Kim for Kim Jong Un), so two
 * names are the same person when they are equal after folding, when every word of the
 * shorter is in the longer, or when their surnames differ by at most two letters.
 */
import { editDistance } from '../../src/text/distance.ts';
import { foldString } from '../../src/text/normalize.ts';

export function norm(name: string): string {
  return foldString(name)
    .replace(/\(.*\)/g, '')
    .replace(/-/g, ' ')
    .replace(/[^a-z ]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const STOP = new Set(['the', 'and', 'for', 'statement']);

function closeWords(a: string, b: string): boolean {
  if (a === b) return a.length > 2;
  return a.length >= 5 && b.length >= 5 && a[0] === b[0] && editDistance(a, b, 2) <= 2;
}

export function sameName(a: string | null, b: string | null): boolean {
  if (!a || !b) return a === b;
  const wa = norm(a).split(' ').filter(Boolean);
  const wb = norm(b).split(' ').filter(Boolean);
  if (wa.length === 0 || wb.length === 0) return false;
  if (wa.join(' ') === wb.join(' ')) return true;
  if (closeWords(wa[wa.length - 1]!, wb[wb.length - 1]!)) return true;
  // "Ministry of Defence" and "Russian Defence Ministry": the words that carry the name
  const content = (ws: string[]) => ws.filter((w) => w.length > 2 && !STOP.has(w));
  const [short, long] = wa.length <= wb.length ? [content(wa), content(wb)] : [content(wb), content(wa)];
  return short.length > 0 && short.every((w) => long.some((l) => closeWords(w, l)));
}

/** True when the passage spells the labelled speaker's surname (or another of their names, or a close spelling). */
export function passageNames(paragraph: string, speaker: string | null): boolean {
  if (!speaker) return false;
  let names = norm(speaker)
    .split(' ')
    .filter((w) => w.length > 2);
  // "Vladimir Putin": the surname; "Kim Jong Un", "Luiz Inácio Lula da Silva": any of the names
  if (names.length === 2) names = names.slice(1);
  const words = new Set(norm(paragraph).split(' '));
  return names.some((n) => [...words].some((w) => closeWords(n, w)));
}

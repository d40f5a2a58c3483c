/** How the evaluation compares a speaker the engine found with the labelled one. */
import { foldString } from '../../src/text/normalize.ts';

export function norm(name: string): string {
  return foldString(name)
    .replace(/\(.*\)/g, '')
    .replace(/[^a-z ]/g, '')
    .trim();
}

/** Same person: the same folded name, or the same surname (three letters or more). */
export function sameName(a: string | null, b: string | null): boolean {
  if (!a || !b) return a === b;
  const fa = norm(a);
  const fb = norm(b);
  if (fa === fb) return true;
  const la = fa.split(' ').pop()!;
  const lb = fb.split(' ').pop()!;
  return la === lb && la.length > 2;
}

/** True when the passage spells out the labelled speaker's surname (or the speaker is unnamed). */
export function passageNames(paragraph: string, speaker: string | null): boolean {
  if (!speaker) return false;
  const surname = norm(speaker).split(' ').pop() ?? '';
  return surname.length > 2 && foldString(paragraph).includes(surname);
}

/**
 * The fact-check flags, and the seed's speaker where the page's attribution is weak.
 *  - `misattributed` only when the page's own attribution is explicit (a name, a title
 *    that resolves to one person, a transcript label, "according to X") and names
 *    someone other than the seed's speaker. Never on a continuation, a pronoun, a
 *    reference back to a statement, or an unresolved title: there the words, being a
 *    seed quote, go to the seed's speaker, and the note says so.
 *  - `altered-quote` is a warning when a quotation in quote marks changes the seed's
 *    quotation (a few words swapped, dropped or added), and informational when the
 *    page paraphrases it, reports it without quote marks, or words it throughout
 *    differently (another translation).
 * A weak seed match (the seed's paraphrase reworded) neither moves a speaker nor flags.
 * Each flag carries what a fact-checker needs to check it: the page's attribution
 * words, the seed's words, and the word diff.
 */
import type { RawStatement, Ref } from './attribution-types.ts';
import type { SeedHit } from './stance.ts';
import type { AttributionKind, Flag, WordDiffPart } from './types.ts';

/** Kinds that name the speaker on the page itself. */
const EXPLICIT = new Set<AttributionKind>(['explicit', 'title', 'transcript', 'according-to', 'reported']);

export function isExplicit(ref: Ref): boolean {
  return ref.id !== null && !ref.weak && EXPLICIT.has(ref.kind);
}

/**
 * A changed quotation swaps, drops or adds a few words (at most two, or a quarter of
 * the seed's); more changes spread over the statement read as another translation.
 */
function fewChanges(diff: WordDiffPart[], seedWords: number): boolean {
  const count = (op: WordDiffPart['op']) => diff.filter((d) => d.op === op).reduce((n, d) => n + d.text.split(/\s+/).filter(Boolean).length, 0);
  return Math.max(count('removed'), count('added')) <= Math.max(2, Math.round(seedWords * 0.25));
}

function diffText(diff: WordDiffPart[]): string {
  return diff
    .filter((d) => d.op !== 'same')
    .map((d) => `${d.op === 'added' ? '+' : '−'}"${d.text}"`)
    .join(', ');
}

/**
 * A seed match strong enough to say whose words these are: the seed's words verbatim,
 * or a quotation (the seed quoted it) reworded only a little. A reworded match with the
 * seed's own paraphrase ("he planned to send more aid to Ukraine") is not: many people
 * say such things, so it never moves a speaker nor raises a flag.
 */
export function isStrongSeed(seed: SeedHit): boolean {
  if (seed.match === 'verbatim') return seed.statement.words.length >= 3;
  return seed.statement.kind === 'direct' && seed.similarity >= 0.6;
}

export function flagsFor(r: RawStatement, text: string, seed: SeedHit | null, nameOf: (id: string) => string): { ref: Ref; flags: Flag[] } {
  const flags: Flag[] = [];
  let ref = r.ref;
  if (!seed) return { ref, flags };
  const strong = isStrongSeed(seed);
  // a weak match flags nothing, unless the page gives the words to the seed's own speaker
  if (!strong && ref.id !== seed.statement.speaker) return { ref, flags };
  const seedSpeaker = seed.statement.speaker;
  const who = seedSpeaker ? nameOf(seedSpeaker) : 'nobody in particular';
  const pageAttribution = ref.start !== undefined && ref.end !== undefined ? text.slice(ref.start, ref.end) : '';
  const explicit = isExplicit(ref);
  if (strong && seedSpeaker && !explicit && ref.id !== seedSpeaker) {
    const weak = ref.id ? `the page's attribution is weak (${ref.note})` : `the page names no speaker for them (${ref.note})`;
    ref = { id: seedSpeaker, kind: 'seed-quote', note: `these words are ${who}'s in the seed and ${weak}: given to ${who}`, sieve: 'seed-speaker' };
  }
  const base = { quoteId: seed.statement.id, seedText: seed.statement.text };
  if (seed.match === 'altered') {
    const quotation = r.kind === 'direct' && seed.statement.kind === 'direct';
    const warning = quotation && fewChanges(seed.diff, seed.statement.words.length);
    flags.push({
      kind: 'altered-quote',
      severity: warning ? 'warning' : 'info',
      ...base,
      message: warning
        ? `Quotation changed: in quote marks, ${who}'s words differ from the seed's quotation: ${diffText(seed.diff)}`
        : `Another wording of ${who}'s statement in the seed (${quotation ? 'a different translation' : 'a paraphrase or report'}): ${diffText(seed.diff)}`,
      diff: seed.diff,
      ...(pageAttribution ? { pageAttribution } : {}),
    });
  }
  if (strong && explicit && seedSpeaker && ref.id !== seedSpeaker) {
    flags.push({
      kind: 'misattributed',
      severity: 'warning',
      ...base,
      message: `The page gives these words to ${nameOf(ref.id!)}${pageAttribution ? ` ("${pageAttribution}")` : ''}; in the seed they are ${who}'s`,
      seedSpeaker,
      pageAttribution: pageAttribution || ref.note,
      ...(seed.match === 'altered' ? { diff: seed.diff } : {}),
    });
  }
  return { ref, flags };
}

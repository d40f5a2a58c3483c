/** The compiler's statements: each checked, its speaker known, its text found verbatim in a seed. */
import { words } from '../text/normalize.ts';
import { LABELLED_STANCES, SEED_STATEMENT_KINDS } from '../vocab/vocab.ts';
import { clip, describe } from './problems.ts';
import { divergence, findFoldedInSeeds, findInSeeds, type Seeds } from './seed-text.ts';
import { closest, quote, type SourceReporter } from './source-reporter.ts';
import type { CompiledStatement } from './types.ts';

const STATEMENT_FIELDS = ['id', 'speaker', 'kind', 'text', 'stance', 'reason'];

/** Checks and compiles the source's statements (`list`); `actorIds`: the actors' ids. */
export function compileStatements(r: SourceReporter, list: readonly unknown[], seeds: Seeds, actorIds: ReadonlyMap<string, number>): CompiledStatement[] {
  const out: CompiledStatement[] = [];
  const ids = new Map<string, number>();
  const knownActors = [...actorIds.keys()];
  r.each(list, 'statements', 'a statement', (item, entry, si) => {
    r.fields(item, entry, '', STATEMENT_FIELDS, STATEMENT_FIELDS);
    const sid = r.uniqueId(item, entry, ids, si, 'statements', 'statement');
    const speaker = speakerOf(r, item, entry, actorIds, knownActors);
    const kind = r.oneOf(item, 'kind', entry, SEED_STATEMENT_KINDS, 'statement kind');
    const stance = r.oneOf(item, 'stance', entry, LABELLED_STANCES, 'stance label');
    const reason = r.string(item, 'reason', entry);
    const text = r.string(item, 'text', entry);
    let from: { seed: string; offset: number } | undefined;
    if (text !== undefined) {
      if (kind === 'direct' && /^["'\u201C\u201D\u2018\u2019\u00AB\u00BB\u201E]|["\u201C\u201D\u00AB\u00BB\u201E]$/.test(text)) {
        r.problem(entry, 'text', `${quote(text)} includes quote marks — copy the quoted words without the quote marks around them`);
      } else if (kind === 'direct' && /[,;:]$/.test(text)) {
        r.warn(entry, 'text', `${quote(text)} ends with '${text[text.length - 1]}' — leave out punctuation that belongs to the surrounding sentence`);
      }
      if (seeds.complete) from = statementProvenance(r, entry, text, seeds);
    }
    if (
      sid !== undefined &&
      speaker !== undefined &&
      kind !== undefined &&
      text !== undefined &&
      stance !== undefined &&
      reason !== undefined &&
      from !== undefined
    ) {
      out.push({ id: sid, speaker, kind, text, words: words(text), stance, reason, from });
    }
  });
  return out;
}

/** The statement's speaker: an actor's id or null; undefined (problem reported) when neither. */
function speakerOf(
  r: SourceReporter,
  item: Record<string, unknown>,
  entry: string,
  actorIds: ReadonlyMap<string, number>,
  knownActors: readonly string[],
): string | null | undefined {
  if (!('speaker' in item)) return undefined;
  const value = item.speaker;
  if (value === null) return null;
  if (typeof value !== 'string') {
    r.problem(entry, 'speaker', `must be an actor id or null, got ${describe(value)}`);
    return undefined;
  }
  if (!actorIds.has(value)) {
    const guess = closest(value, knownActors);
    r.problem(
      entry,
      'speaker',
      `unknown speaker id '${value}'${guess ? ` — did you mean '${guess}'?` : ''} Use the id of an actor in "actors" (${knownActors.join(', ') || 'none defined'}), or null for a slogan or unnamed source`,
    );
    return undefined;
  }
  return value;
}

/** Where the statement's text occurs verbatim in a seed; when it does not, a problem saying how near it came. */
function statementProvenance(r: SourceReporter, entry: string, text: string, seeds: Seeds): { seed: string; offset: number } | undefined {
  const from = findInSeeds(seeds.index, text);
  if (from !== undefined) return from;
  const partial = seeds.index.find((s) => s.text.includes(text));
  const near = findFoldedInSeeds(seeds.index, text);
  if (partial) {
    r.problem(entry, 'text', `${quote(text)} occurs in seed ${partial.name} only inside longer words — start and end the text on whole words`);
  } else if (near) {
    r.problem(
      entry,
      'text',
      `text does not occur verbatim in seed ${near.s.name}, but the same words do at offset ${near.f.offset} with different characters: ${JSON.stringify(clip(near.f.original, 80))} — check typographic quotes and apostrophes (’ “ ” vs ' "), dashes and spaces, and copy the seed's characters exactly`,
    );
  } else {
    r.problem(
      entry,
      'text',
      `text does not occur verbatim in ${seeds.inSeeds} — copy the words exactly as the seed writes them (without the surrounding quote marks).${divergence(text, seeds.index)}`,
    );
  }
  return undefined;
}

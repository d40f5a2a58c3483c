/**
 * The compiler's reporter: the problem reporter with the field checks of the source
 * format, each problem with a hint (the closest allowed name, what to write).
 */
import { editDistance } from '../text/distance.ts';
import { clip, describe, ProblemReporter, SLUG } from './problems.ts';

const SLUG_HINT = 'use lower-case letters, digits and single hyphens, e.g. "q-bacon-1"';
/** no leading or trailing whitespace, at least one character */
const TRIMMED = /^\S(?:[\s\S]*\S)?$/;

/** What to write in a missing field. */
const FIELD_HINTS: Record<string, string> = {
  id: 'a unique id (lower-case letters, digits, hyphens)',
  version: 'a version such as "1.0.0"',
  title: 'a short human title',
  seeds: 'the list of seed article files, relative to the lexicon file',
  actors: 'the list of actors (may be empty: [])',
  statements: 'the list of statements (may be empty: [])',
  cues: 'the list of cues (may be empty: [])',
  name: 'the full name as readers know it',
  kind: 'the kind',
  role: 'the role or title at the time of the seed',
  affiliation: 'the country, party or organisation',
  pronoun: 'the pronoun the text uses: he, she, they or it',
  aliases: 'at least one alias (usually the full name)',
  source: '"seed" (the text occurs in a seed) or "curated"',
  text: 'the text',
  speaker: 'an actor id, or null for a slogan or an unnamed source',
  stance: 'one of pro-ukraine, contra-ukraine, neutral',
  reason: 'a one-line reason',
  phrase: 'the cue phrase',
  weight: 'a number greater than 0 and at most 1',
  negation: 'one of flip, drop, keep',
};

export function quote(text: string, max = 60): string {
  return `'${clip(text, max)}'`;
}

/** The closest candidate, when it is close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase(), Infinity, false);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  if (best !== undefined && bestDistance <= limit) return best;
  // a prefix or containment is also a good hint ("pro" → "pro-ukraine")
  return candidates.find((c) => word.length >= 2 && (c.startsWith(word) || word.startsWith(c)));
}

/** Collects problems and warnings for one compile run. */
export class SourceReporter extends ProblemReporter {
  /** Checks an object's fields: unknown ones and missing required ones. */
  fields(obj: Record<string, unknown>, entry: string, prefix: string, known: readonly string[], required: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      if (known.includes(key)) continue;
      const guess = closest(key, known);
      this.problem(
        entry,
        prefix + key,
        `unknown field '${key}'${guess ? ` — did you mean '${guess}'?` : ''} Remove it or rename it; allowed fields: ${known.join(', ')}`,
      );
    }
    for (const key of required) {
      if (!(key in obj)) {
        this.problem(entry, prefix + key, `missing required field '${key}' — add ${FIELD_HINTS[key] ?? 'it'}`);
      }
    }
  }

  /** A required non-empty trimmed string, or undefined (problem reported) when invalid. */
  string(obj: Record<string, unknown>, key: string, entry: string, prefix = ''): string | undefined {
    if (!(key in obj)) return undefined; // reported by fields()
    const value = obj[key];
    if (typeof value !== 'string') {
      this.problem(entry, prefix + key, `must be a string, got ${describe(value)} — write ${FIELD_HINTS[key] ?? 'a string'}`);
      return undefined;
    }
    if (value.trim() === '') {
      this.problem(entry, prefix + key, `is empty — write ${FIELD_HINTS[key] ?? 'a non-empty string'}`);
      return undefined;
    }
    if (!TRIMMED.test(value)) {
      this.problem(entry, prefix + key, `${quote(value)} has leading or trailing whitespace — remove it`);
      return undefined;
    }
    return value;
  }

  slug(obj: Record<string, unknown>, key: string, entry: string): string | undefined {
    const value = this.string(obj, key, entry);
    if (value === undefined) return undefined;
    if (!SLUG.test(value)) {
      this.problem(entry, key, `'${value}' is not a valid id — ${SLUG_HINT}`);
      return undefined;
    }
    return value;
  }

  /** An item's id, checked to be a slug and not used before in its section (`ids`: id → index). */
  uniqueId(obj: Record<string, unknown>, entry: string, ids: Map<string, number>, index: number, section: string, what: string): string | undefined {
    const id = this.slug(obj, 'id', entry);
    if (id === undefined) return undefined;
    const prev = ids.get(id);
    if (prev !== undefined) this.problem(entry, 'id', `id '${id}' is already used by ${section}[${prev}] — give each ${what} its own id`);
    else ids.set(id, index);
    return id;
  }

  oneOf<T extends string>(obj: Record<string, unknown>, key: string, entry: string, allowed: readonly T[], label: string, prefix = ''): T | undefined {
    if (!(key in obj)) return undefined;
    const value = obj[key];
    if (typeof value !== 'string') {
      this.problem(entry, prefix + key, `must be a string, got ${describe(value)} — use one of ${allowed.join(', ')}`);
      return undefined;
    }
    if (!(allowed as readonly string[]).includes(value)) {
      const guess = closest(value, allowed);
      this.problem(entry, prefix + key, `unknown ${label} '${value}' — use one of ${allowed.join(', ')}${guess ? ` (did you mean '${guess}'?)` : ''}`);
      return undefined;
    }
    return value as T;
  }

  array(obj: Record<string, unknown>, key: string, entry: string, prefix = ''): unknown[] | undefined {
    if (!(key in obj)) return undefined;
    const value = obj[key];
    if (!Array.isArray(value)) {
      this.problem(entry, prefix + key, `must be an array, got ${describe(value)} — write ${FIELD_HINTS[key] ?? 'a list'}`);
      return undefined;
    }
    return value;
  }
}

/**
 * Validates a lexicon in the source format (LexiconSource, see types.ts and
 * lexicon.schema.json) against its seed articles and compiles it into the format the
 * engine loads (CompiledLexicon).
 *
 * Pure: no Node or DOM APIs, so the extension's options page can import a user's
 * lexicon with it too. Every problem is collected (not only the first), and each
 * message says what is wrong and what to do about it. Same input, same output: the
 * compiled lexicon is built in source order and contains nothing time-dependent.
 */
import { fold, foldString, words, type Folded } from '../engine/normalize.ts';
import type {
  ActorKind,
  AliasKind,
  CompiledActor,
  CompiledAlias,
  CompiledCue,
  CompiledLexicon,
  CompiledStatement,
  NegationRule,
  Pronoun,
  Provenance,
} from './types.ts';
import type { LabelledStance } from '../engine/types.ts';

export interface Problem {
  /** the lexicon file (or whatever name the caller gave) */
  file: string;
  /** the entry: "lexicon", "seeds[0]", "actors[3] (hegseth)", "statements[7] (q-bacon-1)" */
  entry: string;
  /** the field inside the entry: "stance", "aliases[2].text" */
  field?: string;
  /** what is wrong and what to do about it */
  message: string;
}

export type CompileResult =
  | { ok: true; lexicon: CompiledLexicon; warnings: Problem[] }
  | { ok: false; problems: Problem[] };

const STANCES: readonly LabelledStance[] = ['pro-ukraine', 'contra-ukraine', 'neutral'];
const ACTOR_KINDS: readonly ActorKind[] = ['person', 'organisation', 'group'];
const PRONOUNS: readonly Pronoun[] = ['he', 'she', 'they', 'it'];
const ALIAS_KINDS: readonly AliasKind[] = ['name', 'surname', 'title', 'descriptor', 'office'];
const STATEMENT_KINDS = ['direct', 'reported', 'slogan'] as const;
const NEGATIONS: readonly NegationRule[] = ['flip', 'drop', 'keep'];
const SOURCES = ['seed', 'curated'] as const;

/** ids: lower-case letters and digits in groups joined by single hyphens */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SLUG_HINT = 'use lower-case letters, digits and single hyphens, e.g. "q-bacon-1"';
/** x.y.z with an optional -pre-release or +build suffix */
const VERSION = /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?$/;
/** no leading or trailing whitespace, at least one character */
const TRIMMED = /^\S(?:[\s\S]*\S)?$/;
/** minimum length of the stem before a trailing * in a cue word */
const MIN_PREFIX = 3;

/** Single words that would match far too many people as an alias. */
const GENERIC_ALIASES = new Set([
  'president', 'the president', 'mr president', 'prime minister', 'the prime minister', 'minister', 'the minister',
  'foreign minister', 'the foreign minister', 'secretary', 'the secretary', 'spokesman', 'the spokesman',
  'spokeswoman', 'spokesperson', 'the spokesperson', 'official', 'the official', 'an official', 'leader', 'the leader',
  'chief', 'the chief', 'senator', 'the senator', 'he', 'she', 'they', 'it', 'we', 'i', 'you', 'him', 'her', 'them',
]);

const TOP_FIELDS = ['$schema', 'id', 'version', 'title', 'seeds', 'actors', 'statements', 'cues'];
const TOP_REQUIRED = ['id', 'version', 'title', 'seeds', 'actors', 'statements', 'cues'];
const ACTOR_FIELDS = ['id', 'name', 'kind', 'role', 'affiliation', 'pronoun', 'aliases', 'members', 'source'];
const ACTOR_REQUIRED = ['id', 'name', 'kind', 'role', 'affiliation', 'pronoun', 'aliases', 'source'];
const ALIAS_FIELDS = ['text', 'kind', 'shared', 'source'];
const ALIAS_REQUIRED = ['text', 'kind', 'source'];
const STATEMENT_FIELDS = ['id', 'speaker', 'kind', 'text', 'stance', 'reason'];
const CUE_FIELDS = ['id', 'phrase', 'stance', 'weight', 'negation', 'reason', 'source'];

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

interface SeedIndex {
  name: string;
  text: string;
  folded: Folded;
  /** folded words with the offset of their first character in the original text */
  tokens: Array<{ word: string; offset: number }>;
}

const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** The same words as normalize.words(), with their offsets in the original text. */
function tokenize(folded: Folded): Array<{ word: string; offset: number }> {
  const out: Array<{ word: string; offset: number }> = [];
  for (const m of folded.text.matchAll(WORD)) {
    let w = m[0];
    if (w.endsWith("'s")) w = w.slice(0, -2);
    out.push({ word: w, offset: folded.map[m.index]! });
  }
  return out;
}

function indexSeed(name: string, text: string): SeedIndex {
  const folded = fold(text);
  return { name, text, folded, tokens: tokenize(folded) };
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD_CHAR.test(ch);
}

/** First occurrence of needle in text that does not start or end inside a word. */
function findWhole(text: string, needle: string): number {
  const startsWord = isWordChar(needle[0]);
  const endsWord = isWordChar(needle[needle.length - 1]);
  let i = text.indexOf(needle);
  while (i >= 0) {
    const okStart = !startsWord || !isWordChar(text[i - 1]);
    const okEnd = !endsWord || !isWordChar(text[i + needle.length]);
    if (okStart && okEnd) return i;
    i = text.indexOf(needle, i + 1);
  }
  return -1;
}

/** Where a folded needle occurs (whole words) in a seed; original offsets and text. */
function findFolded(seed: SeedIndex, needle: string): { offset: number; original: string } | null {
  const f = foldString(needle);
  if (f === '') return null;
  const at = findWhole(seed.folded.text, f);
  if (at < 0) return null;
  const start = seed.folded.map[at]!;
  const end = seed.folded.map[at + f.length - 1]! + 1;
  return { offset: start, original: seed.text.slice(start, end) };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(clip(value, 40))}`;
  return `${typeof value} ${String(value)}`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function quote(text: string, max = 60): string {
  return `'${clip(text, max)}'`;
}

function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The closest candidate, when it is close enough to be a likely typo. */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = levenshtein(word.toLowerCase(), c.toLowerCase());
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

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Collects problems and warnings for one compile run. */
class Reporter {
  readonly problems: Problem[] = [];
  readonly warnings: Problem[] = [];
  constructor(private readonly file: string) {}

  problem(entry: string, field: string | undefined, message: string): void {
    this.problems.push(field === undefined ? { file: this.file, entry, message } : { file: this.file, entry, field, message });
  }

  warn(entry: string, field: string | undefined, message: string): void {
    this.warnings.push(field === undefined ? { file: this.file, entry, message } : { file: this.file, entry, field, message });
  }

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

  oneOf<T extends string>(
    obj: Record<string, unknown>,
    key: string,
    entry: string,
    allowed: readonly T[],
    label: string,
    prefix = '',
  ): T | undefined {
    if (!(key in obj)) return undefined;
    const value = obj[key];
    if (typeof value !== 'string') {
      this.problem(entry, prefix + key, `must be a string, got ${describe(value)} — use one of ${allowed.join(', ')}`);
      return undefined;
    }
    if (!(allowed as readonly string[]).includes(value)) {
      const guess = closest(value, allowed);
      this.problem(
        entry,
        prefix + key,
        `unknown ${label} '${value}' — use one of ${allowed.join(', ')}${guess ? ` (did you mean '${guess}'?)` : ''}`,
      );
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

function entryName(section: string, index: number, item: unknown): string {
  const id = isObject(item) && typeof item.id === 'string' && item.id !== '' ? ` (${item.id})` : '';
  return `${section}[${index}]${id}`;
}

/** Tells where a text stops matching the seed: the longest prefix that does occur. */
function divergence(text: string, seeds: SeedIndex[]): string {
  let best = { length: 0, seed: undefined as SeedIndex | undefined, offset: -1 };
  for (const seed of seeds) {
    let lo = 0;
    let hi = text.length;
    let at = -1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      const i = seed.text.indexOf(text.slice(0, mid));
      if (i >= 0) {
        lo = mid;
        at = i;
      } else hi = mid - 1;
    }
    if (lo > best.length) best = { length: lo, seed, offset: at };
  }
  if (best.seed === undefined || best.length < 12) return '';
  const seedNext = best.seed.text.slice(best.offset + best.length, best.offset + best.length + 24);
  const textNext = text.slice(best.length, best.length + 24);
  return (
    ` The first ${best.length} characters match ${best.seed.name} at offset ${best.offset};` +
    ` then the seed has ${JSON.stringify(seedNext)} where the text has ${JSON.stringify(textNext)}.`
  );
}

interface ParsedPhrase {
  slots: string[][];
}

/** Parses a cue phrase; reports every syntax problem; null when invalid. */
function parsePhrase(phrase: string, entry: string, r: Reporter): ParsedPhrase | null {
  let ok = true;
  const bad = (message: string): void => {
    r.problem(entry, 'phrase', message);
    ok = false;
  };
  if (phrase !== phrase.trim() || /\s\s/.test(phrase) || /[\t\n\r]/.test(phrase)) {
    bad(`${quote(phrase)} has leading, trailing, double or non-space whitespace — separate words with single spaces`);
    return null;
  }
  const slots: string[][] = [];
  for (const slot of phrase.split(' ')) {
    const alternatives: string[] = [];
    const parts = slot.split('|');
    if (parts.some((p) => p === '')) {
      bad(`word '${slot}' has an empty alternative — write alternatives as 'a|b', without a leading, trailing or double '|'`);
      continue;
    }
    for (const alt of parts) {
      if (alt === '*') {
        bad(`'*' alone is not supported: a cue is a run of consecutive words — write the word, or split the cue`);
        continue;
      }
      const star = alt.indexOf('*');
      if (star >= 0 && star !== alt.length - 1) {
        bad(`'${alt}': '*' may only end a word (prefix match, as in 'abandon*')`);
        continue;
      }
      const prefix = star >= 0;
      const stem = prefix ? alt.slice(0, -1) : alt;
      const folded = foldString(stem);
      const ws = words(stem);
      if (ws.length === 0) {
        bad(`'${alt}' has no letters or digits — cue words are matched word by word, punctuation is ignored`);
        continue;
      }
      if (ws.length > 1) {
        bad(
          `'${alt}' is matched as ${ws.length} words (${ws.join(' ')}) — write them as separate words ('${ws.join(' ')}'); ` +
            `hyphens and other punctuation separate words`,
        );
        continue;
      }
      const word = ws[0]!;
      if (word !== folded) {
        bad(
          `'${alt}' is matched as '${word}${prefix ? '*' : ''}' (possessive 's and punctuation are dropped before matching) — write '${word}${prefix ? '*' : ''}'`,
        );
        continue;
      }
      if (prefix && word.length < MIN_PREFIX) {
        bad(`prefix '${alt}' is too short — write at least ${MIN_PREFIX} characters before '*'`);
        continue;
      }
      const compiled = prefix ? `${word}*` : word;
      if (alternatives.includes(compiled)) {
        r.warn(entry, 'phrase', `alternative '${alt}' is listed twice in '${slot}' — remove one`);
        continue;
      }
      alternatives.push(compiled);
    }
    slots.push(alternatives);
  }
  return ok ? { slots } : null;
}

/** Offset of the first run of seed words matching the slots, or -1. */
function matchSlots(seed: SeedIndex, slots: string[][]): number {
  const t = seed.tokens;
  outer: for (let i = 0; i + slots.length <= t.length; i++) {
    for (let j = 0; j < slots.length; j++) {
      const word = t[i + j]!.word;
      const hit = slots[j]!.some((alt) => (alt.endsWith('*') ? word.startsWith(alt.slice(0, -1)) : word === alt));
      if (!hit) continue outer;
    }
    return t[i]!.offset;
  }
  return -1;
}

/**
 * Validates `source` (parsed JSON of a lexicon in the source format) against its
 * seeds (file name as listed in source.seeds → text) and compiles it.
 * `file` names the lexicon in problems.
 */
export function compileLexicon(source: unknown, seeds: Record<string, string>, file = 'lexicon'): CompileResult {
  const r = new Reporter(file);
  const top = 'lexicon';
  if (!isObject(source)) {
    r.problem(top, undefined, `a lexicon must be a JSON object, got ${describe(source)} — see docs/LEXICON.md`);
    return { ok: false, problems: r.problems };
  }
  r.fields(source, top, '', TOP_FIELDS, TOP_REQUIRED);
  if ('$schema' in source && typeof source.$schema !== 'string') {
    r.problem(top, '$schema', `must be a string (the path or URL of lexicon.schema.json), got ${describe(source.$schema)}`);
  }
  const id = r.slug(source, 'id', top);
  const version = r.string(source, 'version', top);
  if (version !== undefined && !VERSION.test(version)) {
    r.problem(top, 'version', `'${version}' is not a version — use major.minor.patch, e.g. "1.0.0"`);
  }
  const title = r.string(source, 'title', top);

  // seeds
  const seedIndex: SeedIndex[] = [];
  let seedsComplete = true;
  const seedList = r.array(source, 'seeds', top);
  if (seedList === undefined) seedsComplete = false;
  else {
    if (seedList.length === 0) {
      r.problem(top, 'seeds', 'lists no seed — add at least one seed article file (relative to the lexicon file)');
      seedsComplete = false;
    }
    const seen = new Set<string>();
    seedList.forEach((name, i) => {
      const entry = `seeds[${i}]`;
      if (typeof name !== 'string' || name.trim() === '') {
        r.problem(entry, undefined, `must be a file name, got ${describe(name)} — write the seed file's path relative to the lexicon file`);
        seedsComplete = false;
        return;
      }
      if (seen.has(name)) {
        r.problem(entry, undefined, `seed '${name}' is listed twice — remove the duplicate`);
        return;
      }
      seen.add(name);
      const text = Object.prototype.hasOwnProperty.call(seeds, name) ? seeds[name] : undefined;
      if (typeof text !== 'string') {
        r.problem(entry, undefined, `seed '${name}' could not be read — check the file exists; seed paths are relative to the lexicon file`);
        seedsComplete = false;
        return;
      }
      seedIndex.push(indexSeed(name, text));
    });
  }
  const seedNames = seedIndex.map((s) => s.name).join(', ');
  const inSeeds = seedIndex.length === 1 ? `seed ${seedNames}` : `any of the seeds (${seedNames})`;

  // actors
  const actorsOut: CompiledActor[] = [];
  const actorIds = new Map<string, number>();
  interface Claim {
    actor: number;
    actorId: string;
    alias: number;
    text: string;
    shared: boolean;
    entry: string;
  }
  const claims = new Map<string, Claim[]>();
  const actors = r.array(source, 'actors', top) ?? [];
  actors.forEach((item, ai) => {
    const entry = entryName('actors', ai, item);
    if (!isObject(item)) {
      r.problem(entry, undefined, `an actor must be an object, got ${describe(item)}`);
      return;
    }
    r.fields(item, entry, '', ACTOR_FIELDS, ACTOR_REQUIRED);
    const actorId = r.slug(item, 'id', entry);
    if (actorId !== undefined) {
      const prev = actorIds.get(actorId);
      if (prev !== undefined) r.problem(entry, 'id', `id '${actorId}' is already used by actors[${prev}] — give each actor its own id`);
      else actorIds.set(actorId, ai);
    }
    const name = r.string(item, 'name', entry);
    const kind = r.oneOf(item, 'kind', entry, ACTOR_KINDS, 'actor kind');
    const role = r.string(item, 'role', entry);
    const affiliation = r.string(item, 'affiliation', entry);
    const pronoun = r.oneOf(item, 'pronoun', entry, PRONOUNS, 'pronoun');
    const actorSource = r.oneOf(item, 'source', entry, SOURCES, 'source');

    let members: string[] = [];
    if ('members' in item) {
      const list = r.array(item, 'members', entry);
      if (list !== undefined) {
        members = [];
        list.forEach((m, mi) => {
          if (typeof m !== 'string' || m.trim() === '') {
            r.problem(entry, `members[${mi}]`, `must be a non-empty string (a member's name), got ${describe(m)}`);
          } else members.push(m);
        });
      }
    }
    if (kind === 'group' && members.length === 0) {
      r.warn(entry, 'members', `a group without members — list the members as the seed names them`);
    }

    const aliasesOut: CompiledAlias[] = [];
    const ownFolded = new Map<string, number>();
    const aliasList = r.array(item, 'aliases', entry) ?? [];
    if ('aliases' in item && Array.isArray(item.aliases) && aliasList.length === 0) {
      r.problem(entry, 'aliases', `has no alias — add at least the full name, or the engine can never find this actor`);
    }
    aliasList.forEach((alias, li) => {
      const prefix = `aliases[${li}].`;
      if (!isObject(alias)) {
        r.problem(entry, `aliases[${li}]`, `an alias must be an object like {"text": "…", "kind": "name", "source": "curated"}, got ${describe(alias)}`);
        return;
      }
      r.fields(alias, entry, prefix, ALIAS_FIELDS, ALIAS_REQUIRED);
      const text = r.string(alias, 'text', entry, prefix);
      const aliasKind = r.oneOf(alias, 'kind', entry, ALIAS_KINDS, 'alias kind', prefix);
      const aliasSource = r.oneOf(alias, 'source', entry, SOURCES, 'source', prefix);
      let shared = false;
      if ('shared' in alias) {
        if (typeof alias.shared !== 'boolean') {
          r.problem(entry, `${prefix}shared`, `must be true or false, got ${describe(alias.shared)}`);
        } else shared = alias.shared;
      }
      if (text === undefined) return;
      const folded = foldString(text);
      if (!WORD_CHAR.test(folded)) {
        r.problem(entry, `${prefix}text`, `${quote(text)} has no letters or digits — an alias must name the actor`);
        return;
      }
      if (/'s$/.test(folded) || /s'$/.test(folded)) {
        r.problem(entry, `${prefix}text`, `${quote(text)} is a possessive — write it without 's (the engine matches possessives itself)`);
        return;
      }
      if (GENERIC_ALIASES.has(folded)) {
        r.warn(entry, `${prefix}text`, `${quote(text)} is a generic word that will match other people too — use a longer, specific form`);
      }
      const dup = ownFolded.get(folded);
      if (dup !== undefined) {
        r.problem(entry, `${prefix}text`, `${quote(text)} repeats aliases[${dup}] once case, diacritics and quote marks are ignored — remove one`);
        return;
      }
      ownFolded.set(folded, li);
      let from: Provenance = 'curated';
      if (aliasSource === 'seed' && seedsComplete) {
        let found = false;
        for (const seed of seedIndex) {
          const at = findWhole(seed.text, text);
          if (at >= 0) {
            from = { seed: seed.name, offset: at };
            found = true;
            break;
          }
        }
        if (!found) {
          const near = seedIndex.map((s) => ({ s, f: findFolded(s, text) })).find((x) => x.f !== null);
          r.problem(
            entry,
            `${prefix}source`,
            near?.f
              ? `alias ${quote(text)} is marked source "seed" but the seed writes it ${quote(near.f.original)} (${near.s.name}, offset ${near.f.offset}) — copy the seed's spelling exactly, or mark it "curated"`
              : `alias ${quote(text)} is marked source "seed" but does not occur in ${inSeeds} — mark it "curated"`,
          );
        }
      } else if (aliasSource === 'curated' && seedsComplete && !shared) {
        // (a shared alias may occur in the seed for another claimant: no hint then)
        const seed = seedIndex.find((s) => findWhole(s.text, text) >= 0);
        if (seed) r.warn(entry, `${prefix}source`, `alias ${quote(text)} occurs in seed ${seed.name} — mark it "seed" to record where`);
      }
      if (actorId !== undefined) {
        const list = claims.get(folded) ?? [];
        list.push({ actor: ai, actorId, alias: li, text, shared, entry });
        claims.set(folded, list);
      }
      if (aliasKind !== undefined) aliasesOut.push({ text, folded, kind: aliasKind, shared, from });
    });

    let from: Provenance = 'curated';
    if (actorSource === 'seed' && seedsComplete && name !== undefined) {
      let found: Provenance | undefined;
      for (const seed of seedIndex) {
        const at = findWhole(seed.text, name);
        if (at >= 0) {
          found = { seed: seed.name, offset: at };
          break;
        }
      }
      if (found === undefined) {
        found = aliasesOut.find((a) => a.from !== 'curated')?.from;
      }
      if (found === undefined) {
        r.problem(entry, 'source', `actor '${name}' is marked source "seed" but neither the name nor a "seed" alias occurs in ${inSeeds} — mark it "curated"`);
      } else from = found;
    }
    if (
      actorId !== undefined && name !== undefined && kind !== undefined && role !== undefined &&
      affiliation !== undefined && pronoun !== undefined && actorSource !== undefined
    ) {
      actorsOut.push({ id: actorId, name, kind, role, affiliation, pronoun, aliases: aliasesOut, members, from });
    }
  });

  // aliases claimed by several actors
  for (const [folded, list] of claims) {
    const actorsClaiming = new Set(list.map((c) => c.actorId));
    if (actorsClaiming.size < 2) {
      for (const c of list) {
        if (c.shared) {
          r.warn(c.entry, `aliases[${c.alias}].shared`, `alias ${quote(c.text)} is marked shared but no other actor claims it — remove "shared"`);
        }
      }
      continue;
    }
    for (const c of list) {
      if (c.shared) continue;
      const others = list
        .filter((o) => o.actorId !== c.actorId)
        .map((o) => `actors[${o.actor}] (${o.actorId})`)
        .join(', ');
      r.problem(
        c.entry,
        `aliases[${c.alias}].text`,
        `alias ${quote(c.text)} (folded '${folded}') is also claimed by ${others} — keep it on one actor, or mark it "shared": true on every actor that claims it`,
      );
    }
  }

  // statements
  const statementsOut: CompiledStatement[] = [];
  const statementIds = new Map<string, number>();
  const knownActors = [...actorIds.keys()];
  const statements = r.array(source, 'statements', top) ?? [];
  statements.forEach((item, si) => {
    const entry = entryName('statements', si, item);
    if (!isObject(item)) {
      r.problem(entry, undefined, `a statement must be an object, got ${describe(item)}`);
      return;
    }
    r.fields(item, entry, '', STATEMENT_FIELDS, STATEMENT_FIELDS);
    const sid = r.slug(item, 'id', entry);
    if (sid !== undefined) {
      const prev = statementIds.get(sid);
      if (prev !== undefined) r.problem(entry, 'id', `id '${sid}' is already used by statements[${prev}] — give each statement its own id`);
      else statementIds.set(sid, si);
    }
    let speaker: string | null | undefined;
    if ('speaker' in item) {
      const value = item.speaker;
      if (value === null) speaker = null;
      else if (typeof value !== 'string') {
        r.problem(entry, 'speaker', `must be an actor id or null, got ${describe(value)}`);
      } else if (!actorIds.has(value)) {
        const guess = closest(value, knownActors);
        r.problem(
          entry,
          'speaker',
          `unknown speaker id '${value}'${guess ? ` — did you mean '${guess}'?` : ''} Use the id of an actor in "actors" (${knownActors.join(', ') || 'none defined'}), or null for a slogan or unnamed source`,
        );
      } else speaker = value;
    }
    const kind = r.oneOf(item, 'kind', entry, STATEMENT_KINDS, 'statement kind');
    const stance = r.oneOf(item, 'stance', entry, STANCES, 'stance label');
    const reason = r.string(item, 'reason', entry);
    const text = r.string(item, 'text', entry);
    let from: { seed: string; offset: number } | undefined;
    if (text !== undefined) {
      if (kind === 'direct' && /^["'\u201C\u201D\u2018\u2019\u00AB\u00BB\u201E]|["\u201C\u201D\u00AB\u00BB\u201E]$/.test(text)) {
        r.problem(entry, 'text', `${quote(text)} includes quote marks — copy the quoted words without the quote marks around them`);
      } else if (kind === 'direct' && /[,;:]$/.test(text)) {
        r.warn(entry, 'text', `${quote(text)} ends with '${text[text.length - 1]}' — leave out punctuation that belongs to the surrounding sentence`);
      }
      if (seedsComplete) {
        for (const seed of seedIndex) {
          const at = findWhole(seed.text, text);
          if (at >= 0) {
            from = { seed: seed.name, offset: at };
            break;
          }
        }
        if (from === undefined) {
          const partial = seedIndex.find((s) => s.text.includes(text));
          const near = seedIndex.map((s) => ({ s, f: findFolded(s, text) })).find((x) => x.f !== null);
          if (partial) {
            r.problem(entry, 'text', `${quote(text)} occurs in seed ${partial.name} only inside longer words — start and end the text on whole words`);
          } else if (near?.f) {
            r.problem(
              entry,
              'text',
              `text does not occur verbatim in seed ${near.s.name}, but the same words do at offset ${near.f.offset} with different characters: ${JSON.stringify(clip(near.f.original, 80))} — check typographic quotes and apostrophes (’ “ ” vs ' "), dashes and spaces, and copy the seed's characters exactly`,
            );
          } else {
            r.problem(
              entry,
              'text',
              `text does not occur verbatim in ${inSeeds} — copy the words exactly as the seed writes them (without the surrounding quote marks).${divergence(text, seedIndex)}`,
            );
          }
        }
      }
    }
    if (
      sid !== undefined && speaker !== undefined && kind !== undefined && text !== undefined &&
      stance !== undefined && reason !== undefined && from !== undefined
    ) {
      statementsOut.push({ id: sid, speaker, kind, text, words: words(text), stance, reason, from });
    }
  });

  // cues
  const cuesOut: CompiledCue[] = [];
  const cueIds = new Map<string, number>();
  const cueKeys = new Map<string, number>();
  const cues = r.array(source, 'cues', top) ?? [];
  cues.forEach((item, ci) => {
    const entry = entryName('cues', ci, item);
    if (!isObject(item)) {
      r.problem(entry, undefined, `a cue must be an object, got ${describe(item)}`);
      return;
    }
    r.fields(item, entry, '', CUE_FIELDS, CUE_FIELDS);
    const cid = r.slug(item, 'id', entry);
    if (cid !== undefined) {
      const prev = cueIds.get(cid);
      if (prev !== undefined) r.problem(entry, 'id', `id '${cid}' is already used by cues[${prev}] — give each cue its own id`);
      else cueIds.set(cid, ci);
    }
    const stance = r.oneOf(item, 'stance', entry, STANCES, 'stance label');
    const negation = r.oneOf(item, 'negation', entry, NEGATIONS, 'negation rule');
    const reason = r.string(item, 'reason', entry);
    const cueSource = r.oneOf(item, 'source', entry, SOURCES, 'source');
    let weight: number | undefined;
    if ('weight' in item) {
      const w = item.weight;
      if (typeof w !== 'number' || !Number.isFinite(w)) {
        r.problem(entry, 'weight', `must be a number, got ${describe(w)} — use a number greater than 0 and at most 1`);
      } else if (w <= 0 || w > 1) {
        r.problem(entry, 'weight', `weight ${w} is out of range — use a number greater than 0 and at most 1 (1 = decisive, 0.3 = weak)`);
      } else weight = w;
    }
    const phrase = r.string(item, 'phrase', entry);
    let parsed: ParsedPhrase | null = null;
    if (phrase !== undefined) parsed = parsePhrase(phrase, entry, r);
    let from: Provenance = 'curated';
    if (parsed !== null) {
      const key = parsed.slots.map((s) => s.join('|')).join(' ');
      const prev = cueKeys.get(key);
      if (prev !== undefined) r.problem(entry, 'phrase', `same phrase as cues[${prev}] — merge the two cues or remove one`);
      else cueKeys.set(key, ci);
      if (seedsComplete && cueSource !== undefined) {
        let hit: { seed: string; offset: number } | undefined;
        for (const seed of seedIndex) {
          const at = matchSlots(seed, parsed.slots);
          if (at >= 0) {
            hit = { seed: seed.name, offset: at };
            break;
          }
        }
        if (cueSource === 'seed') {
          if (hit) from = hit;
          else r.problem(entry, 'source', `cue '${phrase}' is marked source "seed" but its words do not occur in ${inSeeds} — mark it "curated"`);
        } else if (hit) {
          r.warn(entry, 'source', `cue '${phrase}' matches seed ${hit.seed} at offset ${hit.offset} — mark it "seed" to record where`);
        }
      }
    }
    if (
      cid !== undefined && phrase !== undefined && parsed !== null && stance !== undefined &&
      weight !== undefined && negation !== undefined && reason !== undefined && cueSource !== undefined
    ) {
      cuesOut.push({ id: cid, phrase, slots: parsed.slots, stance, weight, negation, reason, from });
    }
  });

  if (r.problems.length > 0 || id === undefined || version === undefined || title === undefined) {
    return { ok: false, problems: r.problems };
  }
  return {
    ok: true,
    lexicon: { format: 1, id, version, title, actors: actorsOut, statements: statementsOut, cues: cuesOut },
    warnings: r.warnings,
  };
}

/** One line per problem: `file: entry field: message`. */
export function formatProblems(problems: Problem[]): string {
  return problems.map((p) => `${p.file}: ${p.entry}${p.field ? ` ${p.field}` : ''}: ${p.message}`).join('\n');
}

/**
 * Pretty JSON for a compiled lexicon (or anything JSON): two-space indent, arrays of
 * plain values and small flat objects on one line, trailing newline. Deterministic.
 */
export function stringifyCompiled(value: unknown): string {
  return `${pretty(value, '')}\n`;
}

/** Arrays of plain values (or of such arrays) always fit on one line. */
function isFlat(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every((v) => v === null || typeof v !== 'object' || (Array.isArray(v) && isFlat(v)));
  return false;
}

/** One-line form of an object made only of plain values and such objects (an alias, a provenance). */
function inline(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return undefined;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    const one = inline(v);
    if (one === undefined) return undefined;
    parts.push(`${JSON.stringify(k)}: ${one}`);
  }
  return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
}

function pretty(value: unknown, indent: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (isFlat(value)) return `[${value.map((v) => (Array.isArray(v) ? pretty(v, inner) : JSON.stringify(v))).join(', ')}]`;
    return `[\n${value.map((v) => inner + pretty(v, inner)).join(',\n')}\n${indent}]`;
  }
  const one = inline(value);
  if (one !== undefined) return one;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pretty(v, inner)}`).join(',\n')}\n${indent}}`;
}

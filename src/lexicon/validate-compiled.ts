/**
 * Validates a lexicon in the compiled format (CompiledLexicon, `format: 1`) — an
 * exported lexicon being imported again, or one read back from storage — before the
 * engine is allowed to load it.
 *
 * Pure (no Node or DOM APIs), like compile.ts, and reports every problem in the same
 * shape (file, entry, field, message). Besides types and allowed values it checks what
 * the engine relies on: unique ids, statement speakers that exist, and the derived
 * fields (`folded`, `words`, `slots`) agreeing with the text they were derived from.
 */
import { foldString, words } from '../text/normalize.ts';
import { isObject, LABELLED_STANCES, SEED_STATEMENT_KINDS } from '../vocab/vocab.ts';
import { describe, ProblemReporter, SLUG, VERSION, type Problem } from './problems.ts';
import { checkRoleClaims } from './compile-roles.ts';
import { ACTOR_KINDS, ALIAS_KINDS, NEGATIONS, PRONOUNS, ROLE_KINDS, type CompiledLexicon, type CompiledRole } from './types.ts';

export type ValidateResult = { ok: true; lexicon: CompiledLexicon } | { ok: false; problems: Problem[] };

const TOP_FIELDS = ['format', 'id', 'version', 'title', 'actors', 'statements', 'cues'];
/** optional at the top: lexicons compiled before the role vocabulary have none */
const TOP_OPTIONAL = ['roles'];
const ROLE_FIELDS = ['id', 'kind', 'forms', 'nation', 'shared'];
const ACTOR_FIELDS = ['id', 'name', 'kind', 'role', 'affiliation', 'pronoun', 'aliases', 'members', 'from'];
const ALIAS_FIELDS = ['text', 'folded', 'kind', 'shared', 'from'];
const STATEMENT_FIELDS = ['id', 'speaker', 'kind', 'text', 'words', 'stance', 'reason', 'from'];
const CUE_FIELDS = ['id', 'phrase', 'slots', 'stance', 'weight', 'negation', 'reason', 'from'];

type Obj = Record<string, unknown>;

class Checker extends ProblemReporter {
  /** Every required field present, no unknown one. */
  fields(obj: Obj, entry: string, prefix: string, known: readonly string[], optional: readonly string[] = []): void {
    for (const key of Object.keys(obj)) {
      if (!known.includes(key) && !optional.includes(key))
        this.problem(entry, prefix + key, `unknown field '${key}' — a compiled lexicon (format 1) has only: ${known.join(', ')}`);
    }
    for (const key of known) {
      if (!(key in obj)) this.problem(entry, prefix + key, `missing field '${key}'`);
    }
  }

  string(obj: Obj, key: string, entry: string, prefix = ''): string | undefined {
    if (!(key in obj)) return undefined;
    const v = obj[key];
    if (typeof v !== 'string' || v.trim() === '') {
      this.problem(entry, prefix + key, `must be a non-empty string, got ${describe(v)}`);
      return undefined;
    }
    return v;
  }

  oneOf(obj: Obj, key: string, entry: string, allowed: readonly string[], prefix = ''): string | undefined {
    if (!(key in obj)) return undefined;
    const v = obj[key];
    if (typeof v !== 'string' || !allowed.includes(v)) {
      this.problem(entry, prefix + key, `must be one of ${allowed.join(', ')}, got ${describe(v)}`);
      return undefined;
    }
    return v;
  }

  slug(obj: Obj, key: string, entry: string): string | undefined {
    const v = this.string(obj, key, entry);
    if (v !== undefined && !SLUG.test(v)) {
      this.problem(entry, key, `'${v}' is not an id — lower-case letters, digits and single hyphens`);
      return undefined;
    }
    return v;
  }

  /** An item's id, checked to be a slug not used by another `what` (`ids`: the ids so far). */
  uniqueId(obj: Obj, entry: string, ids: Set<string>, what: string): void {
    const id = this.slug(obj, 'id', entry);
    if (id === undefined) return;
    if (ids.has(id)) this.problem(entry, 'id', `id '${id}' is used by another ${what}`);
    ids.add(id);
  }

  array(obj: Obj, key: string, entry: string, prefix = ''): unknown[] | undefined {
    if (!(key in obj)) return undefined;
    const v = obj[key];
    if (!Array.isArray(v)) {
      this.problem(entry, prefix + key, `must be a list, got ${describe(v)}`);
      return undefined;
    }
    return v;
  }

  /** `from`: "curated" or { seed, offset }; `seedOnly` refuses "curated" (statements). */
  provenance(obj: Obj, entry: string, prefix: string, seedOnly: boolean): void {
    if (!('from' in obj)) return;
    const v = obj.from;
    if (v === 'curated' && !seedOnly) return;
    if (isObject(v) && typeof v.seed === 'string' && v.seed !== '' && Number.isInteger(v.offset) && (v.offset as number) >= 0 && Object.keys(v).length === 2)
      return;
    this.problem(entry, `${prefix}from`, `must be ${seedOnly ? '' : '"curated" or '}{ "seed": "<file>", "offset": <n ≥ 0> }, got ${describe(v)}`);
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Checks that `value` (parsed JSON) is a compiled lexicon the engine can load.
 * `file` names the lexicon in problems.
 */
export function validateCompiled(value: unknown, file = 'lexicon'): ValidateResult {
  const c = new Checker(file);
  const top = 'lexicon';
  if (!isObject(value)) {
    c.problem(top, undefined, `a compiled lexicon must be a JSON object, got ${describe(value)}`);
    return { ok: false, problems: c.problems };
  }
  if (value.format !== 1) {
    c.problem(top, 'format', `must be 1 (the compiled lexicon format this version reads), got ${describe(value.format)}`);
    return { ok: false, problems: c.problems };
  }
  c.fields(value, top, '', TOP_FIELDS, TOP_OPTIONAL);
  c.slug(value, 'id', top);
  const version = c.string(value, 'version', top);
  if (version !== undefined && !VERSION.test(version)) c.problem(top, 'version', `'${version}' is not a version — use major.minor.patch`);
  c.string(value, 'title', top);

  const actorIds = validateActors(c, c.array(value, 'actors', top) ?? []);
  validateStatements(c, c.array(value, 'statements', top) ?? [], actorIds);
  validateCues(c, c.array(value, 'cues', top) ?? []);
  validateRoles(c, c.array(value, 'roles', top) ?? []);

  return c.problems.length > 0 ? { ok: false, problems: c.problems } : { ok: true, lexicon: value as unknown as CompiledLexicon };
}

function validateActors(c: Checker, list: readonly unknown[]): Set<string> {
  const ids = new Set<string>();
  c.each(list, 'actors', 'an actor', (item, entry) => {
    c.fields(item, entry, '', ACTOR_FIELDS);
    c.uniqueId(item, entry, ids, 'actor');
    for (const key of ['name', 'role', 'affiliation']) c.string(item, key, entry);
    c.oneOf(item, 'kind', entry, ACTOR_KINDS);
    c.oneOf(item, 'pronoun', entry, PRONOUNS);
    c.provenance(item, entry, '', false);
    (c.array(item, 'members', entry) ?? []).forEach((m, mi) => {
      if (typeof m !== 'string' || m.trim() === '') c.problem(entry, `members[${mi}]`, `must be a non-empty string, got ${describe(m)}`);
    });
    (c.array(item, 'aliases', entry) ?? []).forEach((alias, ai) => {
      const prefix = `aliases[${ai}].`;
      if (!isObject(alias)) return c.problem(entry, `aliases[${ai}]`, `an alias must be an object, got ${describe(alias)}`);
      c.fields(alias, entry, prefix, ALIAS_FIELDS);
      const text = c.string(alias, 'text', entry, prefix);
      const folded = c.string(alias, 'folded', entry, prefix);
      if (text !== undefined && folded !== undefined && foldString(text) !== folded) {
        c.problem(entry, `${prefix}folded`, `'${folded}' is not the folded form of '${text}' (expected '${foldString(text)}') — recompile the lexicon`);
      }
      c.oneOf(alias, 'kind', entry, ALIAS_KINDS, prefix);
      if ('shared' in alias && typeof alias.shared !== 'boolean') c.problem(entry, `${prefix}shared`, `must be true or false, got ${describe(alias.shared)}`);
      c.provenance(alias, entry, prefix, false);
    });
  });
  return ids;
}

function validateStatements(c: Checker, list: readonly unknown[], actorIds: ReadonlySet<string>): void {
  const ids = new Set<string>();
  c.each(list, 'statements', 'a statement', (item, entry) => {
    c.fields(item, entry, '', STATEMENT_FIELDS);
    c.uniqueId(item, entry, ids, 'statement');
    if ('speaker' in item && item.speaker !== null) {
      if (typeof item.speaker !== 'string') c.problem(entry, 'speaker', `must be an actor id or null, got ${describe(item.speaker)}`);
      else if (!actorIds.has(item.speaker)) c.problem(entry, 'speaker', `unknown speaker id '${item.speaker}' — no actor has this id`);
    }
    c.oneOf(item, 'kind', entry, SEED_STATEMENT_KINDS);
    c.oneOf(item, 'stance', entry, LABELLED_STANCES);
    c.string(item, 'reason', entry);
    const text = c.string(item, 'text', entry);
    const list = c.array(item, 'words', entry);
    if (list !== undefined) {
      if (!list.every((w) => typeof w === 'string')) c.problem(entry, 'words', 'must be a list of strings');
      else if (text !== undefined && !sameList(list as string[], words(text))) {
        c.problem(entry, 'words', `do not match the folded words of the text — recompile the lexicon`);
      }
    }
    c.provenance(item, entry, '', true);
  });
}

function validateRoles(c: Checker, list: readonly unknown[]): void {
  const ids = new Set<string>();
  const good: CompiledRole[] = [];
  c.each(list, 'roles', 'a role', (item, entry) => {
    c.fields(item, entry, '', ROLE_FIELDS);
    c.uniqueId(item, entry, ids, 'role');
    const id = typeof item.id === 'string' ? item.id : undefined;
    const kind = c.oneOf(item, 'kind', entry, ROLE_KINDS);
    const forms = c.array(item, 'forms', entry);
    if (forms !== undefined && (forms.length === 0 || !forms.every((f) => typeof f === 'string' && f.trim() !== ''))) {
      c.problem(
        entry,
        'forms',
        'must be a non-empty list of non-empty strings (the words that name the role) — an empty role names nothing; recompile the lexicon',
      );
    }
    if ('nation' in item && item.nation !== null && (typeof item.nation !== 'string' || item.nation === ''))
      c.problem(entry, 'nation', `must be a nation id or null, got ${describe(item.nation)}`);
    if ('shared' in item && typeof item.shared !== 'boolean') c.problem(entry, 'shared', `must be true or false, got ${describe(item.shared)}`);
    if (id !== undefined && kind !== undefined && forms !== undefined && forms.every((f) => typeof f === 'string')) {
      good.push({
        id,
        kind: kind as CompiledRole['kind'],
        forms: forms as string[],
        nation: typeof item.nation === 'string' ? item.nation : null,
        shared: item.shared === true,
      });
    }
  });
  if (good.length === list.length) checkRoleClaims(c, good);
}

function validateCues(c: Checker, list: readonly unknown[]): void {
  const ids = new Set<string>();
  c.each(list, 'cues', 'a cue', (item, entry) => {
    c.fields(item, entry, '', CUE_FIELDS);
    c.uniqueId(item, entry, ids, 'cue');
    c.oneOf(item, 'stance', entry, LABELLED_STANCES);
    c.oneOf(item, 'negation', entry, NEGATIONS);
    c.string(item, 'reason', entry);
    c.provenance(item, entry, '', false);
    if ('weight' in item) {
      const w = item.weight;
      if (typeof w !== 'number' || !Number.isFinite(w) || w <= 0 || w > 1) {
        c.problem(entry, 'weight', `must be a number greater than 0 and at most 1, got ${describe(w)}`);
      }
    }
    const phrase = c.string(item, 'phrase', entry);
    const slots = c.array(item, 'slots', entry);
    if (slots !== undefined) {
      const shapeOk =
        slots.length > 0 && slots.every((s) => Array.isArray(s) && s.length > 0 && s.every((w) => typeof w === 'string' && w !== '' && !/\s/.test(w)));
      if (!shapeOk) c.problem(entry, 'slots', 'must be a non-empty list of non-empty lists of words (one list of alternatives per word of the phrase)');
      else if (phrase !== undefined && slots.length !== phrase.split(' ').length) {
        c.problem(entry, 'slots', `has ${slots.length} word slots but the phrase has ${phrase.split(' ').length} words — recompile the lexicon`);
      }
    }
  });
}

/**
 * The compiler's actors: each actor and its aliases checked and compiled, each
 * "seed" alias and name found in the seeds, and aliases claimed by several actors.
 */
import { foldString, WORD_CHAR } from '../text/normalize.ts';
import { isObject } from '../vocab/vocab.ts';
import { describe } from './problems.ts';
import { findFoldedInSeeds, findInSeeds, findWhole, type Seeds } from './seed-text.ts';
import { quote, type SourceReporter } from './source-reporter.ts';
import { ACTOR_KINDS, ALIAS_KINDS, PRONOUNS, SOURCES, type CompiledActor, type CompiledAlias, type Provenance } from './types.ts';

const ACTOR_FIELDS = ['id', 'name', 'kind', 'role', 'affiliation', 'pronoun', 'aliases', 'members', 'source'];
const ACTOR_REQUIRED = ['id', 'name', 'kind', 'role', 'affiliation', 'pronoun', 'aliases', 'source'];
const ALIAS_FIELDS = ['text', 'kind', 'shared', 'source'];
const ALIAS_REQUIRED = ['text', 'kind', 'source'];

/** Single words that would match far too many people as an alias. */
const GENERIC_ALIASES = new Set([
  'president',
  'the president',
  'mr president',
  'prime minister',
  'the prime minister',
  'minister',
  'the minister',
  'foreign minister',
  'the foreign minister',
  'secretary',
  'the secretary',
  'spokesman',
  'the spokesman',
  'spokeswoman',
  'spokesperson',
  'the spokesperson',
  'official',
  'the official',
  'an official',
  'leader',
  'the leader',
  'chief',
  'the chief',
  'senator',
  'the senator',
  'he',
  'she',
  'they',
  'it',
  'we',
  'i',
  'you',
  'him',
  'her',
  'them',
]);

/** One actor's claim on a folded alias. */
interface Claim {
  actor: number;
  actorId: string;
  alias: number;
  text: string;
  shared: boolean;
  entry: string;
}

export interface CompiledActors {
  actors: CompiledActor[];
  /** actor id → index in the source's actors */
  ids: Map<string, number>;
}

/** Checks and compiles the source's actors (`list`). */
export function compileActors(r: SourceReporter, list: readonly unknown[], seeds: Seeds): CompiledActors {
  const actors: CompiledActor[] = [];
  const ids = new Map<string, number>();
  const claims = new Map<string, Claim[]>();
  r.each(list, 'actors', 'an actor', (item, entry, ai) => {
    r.fields(item, entry, '', ACTOR_FIELDS, ACTOR_REQUIRED);
    const actorId = r.uniqueId(item, entry, ids, ai, 'actors', 'actor');
    const name = r.string(item, 'name', entry);
    const kind = r.oneOf(item, 'kind', entry, ACTOR_KINDS, 'actor kind');
    const role = r.string(item, 'role', entry);
    const affiliation = r.string(item, 'affiliation', entry);
    const pronoun = r.oneOf(item, 'pronoun', entry, PRONOUNS, 'pronoun');
    const actorSource = r.oneOf(item, 'source', entry, SOURCES, 'source');
    const members = membersOf(r, item, entry);
    if (kind === 'group' && members.length === 0) {
      r.warn(entry, 'members', `a group without members — list the members as the seed names them`);
    }
    const aliases = compileAliases(r, item, entry, seeds, (claim) => {
      if (actorId === undefined) return;
      const claimsOf = claims.get(claim.folded) ?? [];
      claimsOf.push({ actor: ai, actorId, alias: claim.alias, text: claim.text, shared: claim.shared, entry });
      claims.set(claim.folded, claimsOf);
    });
    let from: Provenance = 'curated';
    if (actorSource === 'seed' && seeds.complete && name !== undefined) {
      const found = findInSeeds(seeds.index, name) ?? aliases.find((a) => a.from !== 'curated')?.from;
      if (found === undefined) {
        r.problem(
          entry,
          'source',
          `actor '${name}' is marked source "seed" but neither the name nor a "seed" alias occurs in ${seeds.inSeeds} — mark it "curated"`,
        );
      } else from = found;
    }
    if (
      actorId !== undefined &&
      name !== undefined &&
      kind !== undefined &&
      role !== undefined &&
      affiliation !== undefined &&
      pronoun !== undefined &&
      actorSource !== undefined
    ) {
      actors.push({ id: actorId, name, kind, role, affiliation, pronoun, aliases, members, from });
    }
  });
  checkClaims(r, claims);
  return { actors, ids };
}

function membersOf(r: SourceReporter, item: Record<string, unknown>, entry: string): string[] {
  const members: string[] = [];
  if (!('members' in item)) return members;
  (r.array(item, 'members', entry) ?? []).forEach((m, mi) => {
    if (typeof m !== 'string' || m.trim() === '') {
      r.problem(entry, `members[${mi}]`, `must be a non-empty string (a member's name), got ${describe(m)}`);
    } else members.push(m);
  });
  return members;
}

interface AliasClaim {
  folded: string;
  alias: number;
  text: string;
  shared: boolean;
}

/** Checks and compiles an actor's aliases; `claim` hears of each alias it claims. */
function compileAliases(r: SourceReporter, item: Record<string, unknown>, entry: string, seeds: Seeds, claim: (c: AliasClaim) => void): CompiledAlias[] {
  const out: CompiledAlias[] = [];
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
    const obj = alias;
    r.fields(obj, entry, prefix, ALIAS_FIELDS, ALIAS_REQUIRED);
    const text = r.string(obj, 'text', entry, prefix);
    const aliasKind = r.oneOf(obj, 'kind', entry, ALIAS_KINDS, 'alias kind', prefix);
    const aliasSource = r.oneOf(obj, 'source', entry, SOURCES, 'source', prefix);
    let shared = false;
    if ('shared' in obj) {
      if (typeof obj.shared !== 'boolean') {
        r.problem(entry, `${prefix}shared`, `must be true or false, got ${describe(obj.shared)}`);
      } else shared = obj.shared;
    }
    if (text === undefined) return;
    const folded = foldString(text);
    if (!aliasTextOk(r, entry, prefix, text, folded)) return;
    const dup = ownFolded.get(folded);
    if (dup !== undefined) {
      r.problem(entry, `${prefix}text`, `${quote(text)} repeats aliases[${dup}] once case, diacritics and quote marks are ignored — remove one`);
      return;
    }
    ownFolded.set(folded, li);
    const from = aliasProvenance(r, entry, prefix, text, aliasSource, shared, seeds);
    claim({ folded, alias: li, text, shared });
    if (aliasKind !== undefined) out.push({ text, folded, kind: aliasKind, shared, from });
  });
  return out;
}

/** An alias's text names someone: letters, not a possessive; a generic word is warned about. */
function aliasTextOk(r: SourceReporter, entry: string, prefix: string, text: string, folded: string): boolean {
  if (!WORD_CHAR.test(folded)) {
    r.problem(entry, `${prefix}text`, `${quote(text)} has no letters or digits — an alias must name the actor`);
    return false;
  }
  if (/'s$/.test(folded) || /s'$/.test(folded)) {
    r.problem(entry, `${prefix}text`, `${quote(text)} is a possessive — write it without 's (the engine matches possessives itself)`);
    return false;
  }
  if (GENERIC_ALIASES.has(folded)) {
    r.warn(entry, `${prefix}text`, `${quote(text)} is a generic word that will match other people too — use a longer, specific form`);
  }
  return true;
}

/** Where a "seed" alias occurs in the seeds (a problem when nowhere); a hint for a "curated" one that does. */
function aliasProvenance(
  r: SourceReporter,
  entry: string,
  prefix: string,
  text: string,
  aliasSource: string | undefined,
  shared: boolean,
  seeds: Seeds,
): Provenance {
  if (aliasSource === 'seed' && seeds.complete) {
    const found = findInSeeds(seeds.index, text);
    if (found) return found;
    const near = findFoldedInSeeds(seeds.index, text);
    r.problem(
      entry,
      `${prefix}source`,
      near
        ? `alias ${quote(text)} is marked source "seed" but the seed writes it ${quote(near.f.original)} (${near.s.name}, offset ${near.f.offset}) — copy the seed's spelling exactly, or mark it "curated"`
        : `alias ${quote(text)} is marked source "seed" but does not occur in ${seeds.inSeeds} — mark it "curated"`,
    );
  } else if (aliasSource === 'curated' && seeds.complete && !shared) {
    // (a shared alias may occur in the seed for another claimant: no hint then)
    const seed = seeds.index.find((s) => findWhole(s.text, text) >= 0);
    if (seed) r.warn(entry, `${prefix}source`, `alias ${quote(text)} occurs in seed ${seed.name} — mark it "seed" to record where`);
  }
  return 'curated';
}

/** Aliases claimed by several actors: a problem unless every claim is "shared". */
function checkClaims(r: SourceReporter, claims: Map<string, Claim[]>): void {
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
}

/**
 * Validates a lexicon in the source format (LexiconSource, see types.ts and
 * lexicon.schema.json) against its seed articles and compiles it into the format the
 * engine loads (CompiledLexicon).
 *
 * Pure: no Node or DOM APIs, so the extension's options page can import a user's
 * lexicon with it too. Every problem is collected (not only the first), and each
 * message says what is wrong and what to do about it. Same input, same output: the
 * compiled lexicon is built in source order and contains nothing time-dependent.
 * This file checks the top level and the seeds; compile-actors.ts, compile-statements.ts,
 * compile-cues.ts and compile-roles.ts compile the lists.
 */
import { isObject } from '../vocab/vocab.ts';
import { compileActors } from './compile-actors.ts';
import { compileCues } from './compile-cues.ts';
import { compileRoles } from './compile-roles.ts';
import { compileStatements } from './compile-statements.ts';
import { describe, VERSION, type Problem } from './problems.ts';
import { indexSeed, type SeedIndex, type Seeds } from './seed-text.ts';
import { SourceReporter } from './source-reporter.ts';
import type { CompiledLexicon } from './types.ts';

export type CompileResult = { ok: true; lexicon: CompiledLexicon; warnings: Problem[] } | { ok: false; problems: Problem[] };

const TOP_FIELDS = ['$schema', 'id', 'version', 'title', 'seeds', 'actors', 'statements', 'cues', 'roles'];
const TOP_REQUIRED = ['id', 'version', 'title', 'seeds', 'actors', 'statements', 'cues'];

/**
 * Validates `source` (parsed JSON of a lexicon in the source format) against its
 * seeds (file name as listed in source.seeds → text) and compiles it.
 * `file` names the lexicon in problems.
 */
export function compileLexicon(source: unknown, seeds: Record<string, string>, file = 'lexicon'): CompileResult {
  const r = new SourceReporter(file);
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
  const seedTexts = readSeeds(r, source, seeds);
  const { actors, ids } = compileActors(r, r.array(source, 'actors', top) ?? [], seedTexts);
  const statements = compileStatements(r, r.array(source, 'statements', top) ?? [], seedTexts, ids);
  const cues = compileCues(r, r.array(source, 'cues', top) ?? [], seedTexts);
  const roleList = r.array(source, 'roles', top);
  const roles = roleList === undefined ? undefined : compileRoles(r, roleList);
  if (r.problems.length > 0 || id === undefined || version === undefined || title === undefined) {
    return { ok: false, problems: r.problems };
  }
  const lexicon: CompiledLexicon = { format: 1, id, version, title, actors, statements, cues };
  if (roles !== undefined) lexicon.roles = roles;
  return { ok: true, lexicon, warnings: r.warnings };
}

/** The seeds the source lists, each read from `seeds` and indexed. */
function readSeeds(r: SourceReporter, source: Record<string, unknown>, seeds: Record<string, string>): Seeds {
  const index: SeedIndex[] = [];
  let complete = true;
  const seedList = r.array(source, 'seeds', 'lexicon');
  if (seedList === undefined) complete = false;
  else {
    if (seedList.length === 0) {
      r.problem('lexicon', 'seeds', 'lists no seed — add at least one seed article file (relative to the lexicon file)');
      complete = false;
    }
    const seen = new Set<string>();
    seedList.forEach((name, i) => {
      const entry = `seeds[${i}]`;
      if (typeof name !== 'string' || name.trim() === '') {
        r.problem(entry, undefined, `must be a file name, got ${describe(name)} — write the seed file's path relative to the lexicon file`);
        complete = false;
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
        complete = false;
        return;
      }
      index.push(indexSeed(name, text));
    });
  }
  const names = index.map((s) => s.name).join(', ');
  return { index, complete, inSeeds: index.length === 1 ? `seed ${names}` : `any of the seeds (${names})` };
}

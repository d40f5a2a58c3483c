/**
 * npm run lexicon                       compile seeds/000_9cad41e55c3eddb4.lexicon.json
 *                                       → src/lexicon/seed.lexicon.json (the bundled lexicon)
 * npm run lexicon -- my.lexicon.json    compile a lexicon of your own (seeds are resolved
 *        [--out file]                   relative to it) → my.compiled.json next to it, or --out
 *
 * On problems nothing is written: each problem is printed on stderr, then
 * "N problems; nothing was written", and the exit code is 1.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { compileLexicon } from '../src/lexicon/compile.ts';
import { formatProblems, type Problem } from '../src/lexicon/problems.ts';
import { stringifyCompiled } from '../src/lexicon/stringify.ts';
import type { CompiledLexicon } from '../src/lexicon/types.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_SOURCE = join(ROOT, 'seeds', '000_9cad41e55c3eddb4.lexicon.json');
export const DEFAULT_OUT = join(ROOT, 'src', 'lexicon', 'seed.lexicon.json');

export interface BuildOptions {
  /** where to write; default: `<name>.compiled.json` next to the lexicon */
  out?: string;
  /** false: compile and report only (default true) */
  write?: boolean;
  /** how the lexicon is named in problems; default: the path as given */
  label?: string;
}

export type BuildResult =
  { ok: true; lexicon: CompiledLexicon; warnings: Problem[]; json: string; outPath: string; written: boolean } | { ok: false; problems: Problem[] };

/** `my.lexicon.json` → `my.compiled.json`; `my.json` → `my.compiled.json`. */
export function defaultOutPath(lexiconPath: string): string {
  const name = basename(lexiconPath).replace(/(\.lexicon)?\.json$/i, '');
  return join(dirname(lexiconPath), `${name}.compiled.json`);
}

/** A path as the user would type it from here: relative below the working directory, else absolute. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' || rel.startsWith('..') ? resolve(path) : rel;
}

function errorText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e && e.code === 'ENOENT') return 'no such file';
  if (e && e.code === 'EISDIR') return 'is a directory, not a file';
  if (e && e.code === 'EACCES') return 'permission denied';
  return e && typeof e.message === 'string' ? e.message : String(err);
}

/** Line and column (1-based) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Offset of the first JSON syntax error in text, or -1 when the text is valid JSON:
 * where JSON.parse says (it does not always), else where jsonc-parser finds the first
 * error (it places a bad string at its opening quote, JSON.parse at the bad character).
 */
export function jsonErrorOffset(text: string): number {
  try {
    JSON.parse(text);
    return -1;
  } catch (err) {
    const at = /at position (\d+)/.exec((err as Error).message);
    if (at) return Number(at[1]);
  }
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return errors[0]?.offset ?? text.length;
}

/** Parses JSON, or describes where and why it is invalid. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (err) {
    const offset = jsonErrorOffset(body);
    const at = offset >= 0 ? offset : body.length;
    const { line, column } = lineColumn(body, at);
    const found = at >= body.length ? 'the end of the file' : `${JSON.stringify(body[at])}`;
    const reason = (err as Error).message.replace(/\s*(in JSON )?at position \d+.*$/, '').replace(/, ".*" is not valid JSON$/s, '');
    return {
      ok: false,
      message:
        `invalid JSON at line ${line}, column ${column} (found ${found}): ${reason} — ` +
        `check for a missing or extra comma, an unclosed quote or bracket, or a comment (JSON has none)`,
    };
  }
}

/**
 * Reads, validates and compiles one lexicon file; writes the compiled lexicon only
 * when there are no problems (and `write` is not false). Never throws for user errors.
 */
export async function buildLexiconFile(path: string, options: BuildOptions = {}): Promise<BuildResult> {
  const label = options.label ?? path;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    return { ok: false, problems: [{ file: label, entry: 'file', message: `cannot read the lexicon: ${errorText(err)} — check the path` }] };
  }
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, problems: [{ file: label, entry: 'file', message: parsed.message }] };

  const source = parsed.value;
  const seeds: Record<string, string> = {};
  const readProblems: Problem[] = [];
  const listed =
    typeof source === 'object' && source !== null && Array.isArray((source as { seeds?: unknown }).seeds) ? (source as { seeds: unknown[] }).seeds : [];
  const base = dirname(path);
  for (const [i, name] of listed.entries()) {
    if (typeof name !== 'string' || name.trim() === '' || name in seeds) continue;
    const seedPath = resolve(base, name);
    try {
      seeds[name] = await readFile(seedPath, 'utf8');
    } catch (err) {
      readProblems.push({
        file: label,
        entry: `seeds[${i}]`,
        message: `cannot read seed '${name}' (${shown(seedPath)}): ${errorText(err)} — seed paths are relative to the lexicon file`,
      });
    }
  }

  const result = compileLexicon(source, seeds, label);
  if (!result.ok) {
    // our read errors say more than the compiler's "could not be read"
    const replaced = new Set(readProblems.map((p) => p.entry));
    const problems = [...readProblems, ...result.problems.filter((p) => !(replaced.has(p.entry) && p.field === undefined))];
    return { ok: false, problems };
  }
  const json = stringifyCompiled(result.lexicon);
  const outPath = options.out ?? defaultOutPath(path);
  let written = false;
  if (options.write !== false) {
    try {
      await writeFile(outPath, json, 'utf8');
      written = true;
    } catch (err) {
      return {
        ok: false,
        problems: [{ file: label, entry: 'output', message: `cannot write ${outPath}: ${errorText(err)} — check that the directory exists` }],
      };
    }
  }
  return { ok: true, lexicon: result.lexicon, warnings: result.warnings, json, outPath, written };
}

const USAGE = `usage: npm run lexicon                                 compile the seed lexicon into src/lexicon/seed.lexicon.json
       npm run lexicon -- my.lexicon.json [--out file]  compile your own lexicon (default output: my.compiled.json next to it)`;

export async function main(argv: string[]): Promise<number> {
  let input: string | undefined;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (arg === '--out' || arg === '-o') {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('-')) {
        process.stderr.write(`--out needs a file name\n${USAGE}\n`);
        return 2;
      }
      out = next;
      i++;
    } else if (arg.startsWith('--out=')) out = arg.slice('--out='.length);
    else if (arg.startsWith('-')) {
      process.stderr.write(`unknown option ${arg}\n${USAGE}\n`);
      return 2;
    } else if (input !== undefined) {
      process.stderr.write(`one lexicon at a time (got ${input} and ${arg})\n${USAGE}\n`);
      return 2;
    } else input = arg;
  }
  const path = input ?? DEFAULT_SOURCE;
  const label = input ?? shown(DEFAULT_SOURCE);
  const result = await buildLexiconFile(path, { out: out ?? (input === undefined ? DEFAULT_OUT : undefined), label });
  if (!result.ok) {
    process.stderr.write(`${formatProblems(result.problems)}\n`);
    const n = result.problems.length;
    process.stderr.write(`${n} problem${n === 1 ? '' : 's'}; nothing was written\n`);
    return 1;
  }
  if (result.warnings.length > 0) {
    process.stderr.write(`${formatProblems(result.warnings).replace(/^/gm, 'warning: ')}\n`);
  }
  const lex = result.lexicon;
  const aliases = lex.actors.reduce((n, a) => n + a.aliases.length, 0);
  process.stdout.write(
    `wrote ${shown(result.outPath)}: ${lex.actors.length} actors (${aliases} aliases), ` + `${lex.statements.length} statements, ${lex.cues.length} cues\n`,
  );
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}

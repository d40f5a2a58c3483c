/**
 * `stance-lens analyze [--format text|json|jsonl|md|csv] [--lexicon compiled.json] <file …|->`
 *
 * Reads each document (HTML pages: the article is extracted; anything else is plain
 * text), analyses it and prints the reports. A file that cannot be used gets one
 * line on stderr and the others are still analysed; the exit code tells what went
 * wrong: 0 all analysed, 1 some input was unusable, 2 usage error, 3 internal error.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyze } from '../engine/analyze.ts';
import type { Report } from '../engine/types.ts';
import { bundledLexicon } from '../lexicon/bundled.ts';
import { bundledModelFile } from '../lexicon/bundled-model.ts';
import { loadModel, MODEL_CLASSES, type StanceModel } from '../engine/model/classifier.ts';
import { TRAIN_DEFAULTS, trainModel } from '../train/model.ts';
import { CorpusError, parseRows, type LabelledRow } from '../train/rows.ts';
import type { CompiledLexicon } from '../lexicon/types.ts';
import { FORMATS, formatReports, isFormat, type Format } from '../report/format.ts';
import pkg from '../../package.json' with { type: 'json' };

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 3;

const NAME = 'stance-lens';

export const USAGE = `Usage: ${NAME} analyze [--format text|json|jsonl|md|csv] [--lexicon compiled.json] [--model model.json | --no-model] <file …|->
       ${NAME} train [--out model.json] [--lexicon compiled.json] [--seed N] <labelled.jsonl …>

Finds who is quoted in news about the war in Ukraine, attributes each quote to
its speaker and labels the stance of each statement.

Arguments:
  <file …>             .html/.htm pages (the article is extracted from the page)
                       or plain text (.txt and any other name: paragraphs
                       separated by blank lines); - reads plain text from stdin
Options:
  -f, --format FORMAT  text (default), json, jsonl, md or csv
  -l, --lexicon FILE   use a compiled lexicon (JSON, format 1) instead of the
                       bundled one (npm run lexicon writes one)
  -m, --model FILE     judge stance with this model file instead of the bundled
                       one (npm run train writes one); a file that cannot be
                       used is reported and seed quotes and cues judge alone
      --no-model       seed quotes and cue phrases only
  -h, --help           show this help
  -V, --version        print the version

train: trains a stance model on your own labelled statements (one JSON object
a line: id, paragraph, quote, stance = pro-ukraine|contra-ukraine|neutral|none,
and outlet, date when known — the format of the stance corpus) and writes a
model file to use with analyze --model or to import in the options page.
  -o, --out FILE       where to write the model (default stance-lens.model.json)
  -l, --lexicon FILE   the lexicon whose seed quotes and cues it learns with
      --seed N         the seed of its shuffles (same data, same seed: same file)

Exit status: 0 all analysed, 1 an input could not be used (the others are
still analysed), 2 usage error, 3 internal error (a bug: please report it).
`;

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<Uint8Array>;
}

/** An error the user can fix: printed as one line, never with a stack. */
export class UserError extends Error {
  constructor(
    readonly subject: string | null,
    readonly problem: string,
    readonly remedy: string,
  ) {
    super(`${problem} — ${remedy}`);
  }

  line(): string {
    return this.subject === null ? `${NAME}: ${this.problem} — ${this.remedy}` : `${NAME}: ${this.subject}: ${this.problem} — ${this.remedy}`;
  }
}

class UsageError extends Error {}

interface Options {
  command: 'analyze' | 'train';
  /** train: where the model goes, and the seed of its shuffles */
  out: string;
  seed: number;
  format: Format;
  lexicon: string | null;
  /** a model file; null: the bundled one; false: none */
  model: string | null | false;
  inputs: string[];
}

type Parsed = Options | 'help' | 'version';

export function parseArgs(argv: readonly string[]): Parsed {
  const args = [...argv];
  if (args.length === 0) throw new UsageError('no command given');
  const command = args.shift()!;
  if (command === '-h' || command === '--help' || command === 'help') return 'help';
  if (command === '-V' || command === '--version') return 'version';
  if (command !== 'analyze' && command !== 'train') throw new UsageError(`unknown command "${command}"`);
  const options: Options = { command, out: 'stance-lens.model.json', seed: 1, format: 'text', lexicon: null, model: null, inputs: [] };
  const only = (what: string) => {
    if (command !== 'analyze') throw new UsageError(`${what} belongs to analyze, not ${command}`);
  };
  let onlyFiles = false;
  while (args.length > 0) {
    const arg = args.shift()!;
    if (onlyFiles || arg === '-' || !arg.startsWith('-')) {
      options.inputs.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyFiles = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const value = (): string => {
      if (eq !== -1) return arg.slice(eq + 1);
      const next = args.shift();
      if (next === undefined) throw new UsageError(`${name} needs a value`);
      return next;
    };
    switch (name) {
      case '-h':
      case '--help':
        return 'help';
      case '-V':
      case '--version':
        return 'version';
      case '-f':
      case '--format': {
        only(name);
        const format = value();
        if (!isFormat(format)) throw new UsageError(`unknown format "${format}" (use ${FORMATS.join(', ')})`);
        options.format = format;
        break;
      }
      case '-l':
      case '--lexicon':
        options.lexicon = value();
        break;
      case '-m':
      case '--model':
        only(name);
        options.model = value();
        break;
      case '--no-model':
        only(name);
        options.model = false;
        break;
      case '-o':
      case '--out':
        if (command !== 'train') throw new UsageError(`${name} belongs to train`);
        options.out = value();
        break;
      case '--seed': {
        if (command !== 'train') throw new UsageError(`${name} belongs to train`);
        const seed = Number(value());
        if (!Number.isInteger(seed)) throw new UsageError('--seed takes a whole number');
        options.seed = seed;
        break;
      }
      default:
        throw new UsageError(`unknown option "${name}"`);
    }
  }
  if (options.inputs.length === 0) throw new UsageError('no files given');
  return options;
}

// ---------------------------------------------------------------------------
// Reading inputs

const BINARY_PROBE = 8192;

function readError(subject: string, err: unknown, what = 'file'): UserError {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return new UserError(subject, `no such ${what}`, 'check the path');
    case 'EISDIR':
      return new UserError(subject, 'is a directory', 'pass the files inside it (e.g. dir/*.html)');
    case 'EACCES':
    case 'EPERM':
      return new UserError(subject, 'permission denied', "check the file's permissions");
    case 'ENOTDIR':
      return new UserError(subject, 'a part of the path is not a directory', 'check the path');
    default:
      return new UserError(subject, `cannot be read (${code ?? String(err)})`, 'check that it is a readable file');
  }
}

/** UTF-8 text of a document, or the reason it is not one. */
export function decodeDocument(subject: string, bytes: Uint8Array): string {
  if (bytes.subarray(0, BINARY_PROBE).includes(0)) {
    throw new UserError(subject, 'looks like a binary file (it contains NUL bytes)', 'pass an HTML page or a plain-text article');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UserError(subject, 'is not valid UTF-8', 'convert it to UTF-8 first (e.g. iconv -f windows-1252 -t utf-8)');
  }
}

function isHtmlName(path: string): boolean {
  return /\.html?$/i.test(path);
}

/** The text to analyse: the article extracted from a page, or the plain text as is. */
async function documentText(subject: string, text: string, html: boolean): Promise<string> {
  if (text.trim() === '') {
    throw new UserError(subject, 'is empty (only whitespace)', 'pass a file with the article in it');
  }
  if (!html) return text;
  // happy-dom is only loaded when a page needs it.
  const [{ parseHtml }, { extractText, mainContentRoot }] = await Promise.all([import('./html.ts'), import('../page/extract.ts')]);
  const page = parseHtml(text);
  try {
    const extracted = extractText(mainContentRoot(page.document)).text;
    if (extracted.trim() === '') {
      throw new UserError(
        subject,
        'no article text found in the page',
        'save the complete page (with its text, not only scripts), or paste the article into a .txt file',
      );
    }
    return extracted;
  } finally {
    await page.close();
  }
}

// ---------------------------------------------------------------------------
// Lexicon

export async function loadLexicon(path: string): Promise<CompiledLexicon> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw readError(path, err, 'lexicon file');
  }
  const remedy = 'pass a compiled lexicon (npm run lexicon writes src/lexicon/seed.lexicon.json)';
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (err) {
    const detail = err instanceof SyntaxError ? `: ${err.message}` : '';
    throw new UserError(path, `is not valid JSON${detail}`, remedy);
  }
  const lex = value as Partial<CompiledLexicon> | null;
  if (typeof lex !== 'object' || lex === null || Array.isArray(lex)) {
    throw new UserError(path, 'is not a compiled lexicon (not a JSON object)', remedy);
  }
  if (lex.format !== 1) {
    const found = lex.format === undefined ? 'no "format"' : `"format": ${JSON.stringify(lex.format)}`;
    throw new UserError(path, `is not a compiled lexicon of format 1 (${found})`, `${remedy}; a source lexicon must be compiled first`);
  }
  const missing: string[] = [
    ...(['id', 'version', 'title'] as const).filter((k) => typeof lex[k] !== 'string'),
    ...(['actors', 'statements', 'cues'] as const).filter((k) => !Array.isArray(lex[k])),
  ];
  if (missing.length > 0) {
    throw new UserError(path, `is not a valid compiled lexicon (missing or wrong: ${missing.join(', ')})`, remedy);
  }
  // Entries: enough of a check that the engine never meets a null or a missing list.
  const entries: Array<[string, unknown[], string]> = [
    ['actors', lex.actors as unknown[], 'aliases'],
    ['statements', lex.statements as unknown[], 'words'],
    ['cues', lex.cues as unknown[], 'slots'],
  ];
  for (const [list, items, field] of entries) {
    const bad = items.findIndex((item) => {
      const entry = item as Record<string, unknown> | null;
      return typeof entry !== 'object' || entry === null || typeof entry.id !== 'string' || !Array.isArray(entry[field]);
    });
    if (bad !== -1) {
      throw new UserError(path, `is not a valid compiled lexicon (${list}[${bad}] has no id or no ${field} list)`, remedy);
    }
  }
  return lex as CompiledLexicon;
}

// ---------------------------------------------------------------------------
// Stance model

/** The model to judge with: the bundled one, a file's, or none; a file that cannot be used says why. */
async function modelFor(choice: string | null | false): Promise<{ model: StanceModel | null; modelError?: string }> {
  if (choice === false) return { model: null };
  if (choice === null) {
    const loaded = loadModel(bundledModelFile);
    return loaded.model ? { model: loaded.model } : { model: null, modelError: `bundled ${loaded.error}` };
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(await readFile(choice)));
  } catch (err) {
    const why =
      err instanceof SyntaxError
        ? `is not valid JSON (${err.message})`
        : (err as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'not found'
          : `cannot be read (${String(err)})`;
    return { model: null, modelError: `${choice}: ${why} — pass a model file written by npm run train` };
  }
  const loaded = loadModel(value);
  return loaded.model ? { model: loaded.model } : { model: null, modelError: `${choice}: ${loaded.error}` };
}

// ---------------------------------------------------------------------------
// train

/** Trains a model on the user's labelled statements and writes it; one line per problem. */
async function train(options: Options, lexicon: CompiledLexicon, io: CliIO): Promise<number> {
  const rows: LabelledRow[] = [];
  for (const input of options.inputs) {
    try {
      let bytes: Uint8Array;
      try {
        bytes = await readFile(input);
      } catch (err) {
        throw readError(input, err);
      }
      rows.push(...parseRows(decodeDocument(input, bytes), input));
    } catch (err) {
      if (err instanceof UserError) io.stderr(`${err.line()}\n`);
      else if (err instanceof CorpusError) io.stderr(`${NAME}: ${err.message}\n`);
      else throw err;
      return EXIT_BAD_INPUT;
    }
  }
  const classes = new Set(rows.map((r) => r.stance));
  if (rows.length < MIN_TRAINING_ROWS || classes.size < 2) {
    io.stderr(
      `${NAME}: ${rows.length} labelled statement${rows.length === 1 ? '' : 's'} of ${classes.size} stance${classes.size === 1 ? '' : 's'} — training needs at least ${MIN_TRAINING_ROWS}, of two stances or more\n`,
    );
    return EXIT_BAD_INPUT;
  }
  const id =
    basename(options.out)
      .replace(/\.json$/i, '')
      .replace(/\.model$/i, '') || 'custom';
  const file = trainModel(rows, lexicon, { ...TRAIN_DEFAULTS, seed: options.seed }, id);
  try {
    await writeFile(options.out, `${JSON.stringify(file)}\n`);
  } catch (err) {
    io.stderr(`${readError(options.out, err, 'model file').line()}\n`);
    return EXIT_BAD_INPUT;
  }
  const counts = MODEL_CLASSES.map((c) => `${c} ${rows.filter((r) => r.stance === c).length}`).join(', ');
  const t = file.thresholds;
  if (t.polar >= 1) {
    io.stderr(
      `${NAME}: no threshold kept held-out pro/contra precision at ${TRAIN_DEFAULTS.precision.polar}: this model will leave pro and contra unknown — label more statements (hundreds, from several outlets)\n`,
    );
  }
  io.stdout(
    `${NAME}: trained on ${rows.length} statements (${counts}) → ${options.out}: ${file.vocab.length} features; labels pro/contra from ${t.polar}, neutral from ${t.neutral} (held-out precision ${TRAIN_DEFAULTS.precision.polar} and ${TRAIN_DEFAULTS.precision.neutral}); use it with ${NAME} analyze --model ${options.out}\n`,
  );
  return EXIT_OK;
}

/** Fewer statements than this train nothing a reader could rely on. */
const MIN_TRAINING_ROWS = 20;

// ---------------------------------------------------------------------------
// main

function debugging(): boolean {
  return process.env.STANCE_LENS_DEBUG !== undefined && process.env.STANCE_LENS_DEBUG !== '' && process.env.STANCE_LENS_DEBUG !== '0';
}

function internalLine(subject: string | null, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const where = subject === null ? '' : `${subject}: `;
  return `${NAME}: ${where}internal error: ${message.split('\n')[0]} — this is a bug; please report it with the command and the input (STANCE_LENS_DEBUG=1 shows details)`;
}

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`${NAME}: ${err.message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (parsed === 'help') {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if (parsed === 'version') {
    io.stdout(`${NAME} ${pkg.version}\n`);
    return EXIT_OK;
  }

  let lexicon: CompiledLexicon = bundledLexicon;
  if (parsed.lexicon !== null) {
    try {
      lexicon = await loadLexicon(parsed.lexicon);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      io.stderr(`${err.line()}\n`);
      return EXIT_BAD_INPUT;
    }
  }

  if (parsed.command === 'train') return train(parsed, lexicon, io);

  let exit = EXIT_OK;
  const { model, modelError } = await modelFor(parsed.model);
  if (modelError) {
    io.stderr(`${NAME}: ${modelError}; seed quotes and cue phrases judge stance alone\n`);
    exit = EXIT_BAD_INPUT;
  }
  const reports: Report[] = [];
  for (const input of parsed.inputs) {
    const subject = input === '-' ? 'stdin' : input;
    try {
      let bytes: Uint8Array;
      try {
        bytes = input === '-' ? await io.readStdin() : await readFile(input);
      } catch (err) {
        throw readError(subject, err);
      }
      const decoded = decodeDocument(subject, bytes);
      const text = await documentText(subject, decoded, input !== '-' && isHtmlName(input));
      reports.push(analyze(text, lexicon, { source: subject, model, ...(modelError ? { modelError } : {}) }));
    } catch (err) {
      if (err instanceof UserError) {
        io.stderr(`${err.line()}\n`);
        exit = Math.max(exit, EXIT_BAD_INPUT);
      } else {
        io.stderr(`${internalLine(subject, err)}\n`);
        if (debugging() && err instanceof Error && err.stack) io.stderr(`${err.stack}\n`);
        exit = EXIT_INTERNAL;
      }
    }
  }
  const output = formatReports(reports, parsed.format, { inputs: parsed.inputs.length });
  if (output !== '') io.stdout(output);
  return exit;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** Runs the CLI on this process: real stdio, exit code in process.exitCode. */
export async function run(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  // `stance-lens analyze … | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  try {
    process.exitCode = await main(argv, {
      stdout: (text) => void process.stdout.write(text),
      stderr: (text) => void process.stderr.write(text),
      readStdin: () => readAll(process.stdin),
    });
  } catch (err) {
    process.stderr.write(`${internalLine(null, err)}\n`);
    if (debugging() && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    process.exitCode = EXIT_INTERNAL;
  }
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

// `tsx src/cli/main.ts analyze …` (npm run analyze); bin/stance-lens.mjs calls run().
if (isEntryPoint()) await run();

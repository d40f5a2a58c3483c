/**
 * What `npm run bench` and `npm run sweep` share before their own work: the common
 * command-line options (--limit, --only, --corpus, --json, --save, --no-build), the
 * build and its checks, the choice of pages and the session (session.ts).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BINARY, CORPUS, DIST, ROOT } from './browser.ts';
import { buildExtension, checkE2EBuild } from './build.ts';
import { choosePages, type BenchPage, type PageChoice } from './pages.ts';
import { openBenchSession, type BenchSession } from './session.ts';

/** The Chromium end-to-end build bench and sweep drive. */
export const RUN_DIST = join(ROOT, DIST.chromium);

export interface RunOptions extends PageChoice {
  /** the figures as JSON on stdout */
  json: boolean;
  /** the JSON written here as well */
  save: string | null;
  /** false: use dist-e2e/chromium as it is */
  build: boolean;
}

export interface Cli {
  tool: string;
  usage: string;
  /** the exit code of a usage error */
  usageExit: number;
}

/** A command-line reader for a tool's own flags: true when it took `arg`. */
export type FlagReader<X> = (options: X, arg: string, next: { value(): string; number(): number }) => boolean;

/** Parses argv: the common options, then the tool's own (defaults in `own`) through `flag`. Exits on --help and on a usage error. */
export function parseRunOptions<X extends object>(argv: string[], cli: Cli, own: X, flag: FlagReader<X>): RunOptions & X {
  const usage = (text: string): never => {
    console.error(`${cli.tool}: ${text}\n${cli.usage}`);
    process.exit(cli.usageExit);
  };
  const o: RunOptions & X = { limit: Infinity, only: null, corpus: CORPUS, json: false, save: null, build: true, ...own };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => (i + 1 < argv.length ? argv[++i]! : usage(`${arg} needs a value`));
    const number = (): number => {
      const n = Number(value());
      return n >= 0 ? n : usage(`${arg} needs a number ≥ 0`);
    };
    if (arg === '--json') o.json = true;
    else if (arg === '--no-build') o.build = false;
    else if (arg === '--limit') {
      o.limit = number();
      if (!Number.isInteger(o.limit)) usage('--limit needs a whole number ≥ 0');
    } else if (arg === '--corpus') o.corpus = resolve(value());
    else if (arg === '--save') o.save = resolve(value());
    else if (arg === '--only')
      o.only = value()
        .split(',')
        .filter((t) => t !== '');
    else if (arg === '--help' || arg === '-h') {
      console.log(cli.usage);
      process.exit(0);
    } else if (!flag(o, arg, { value, number })) usage(`unknown option ${arg}`);
  }
  return o;
}

export interface Run {
  session: BenchSession;
  pages: BenchPage[];
  /** how many of the pages are fixture pages (they come first) */
  fixtures: number;
  /** the whole corpus was asked for, and is there */
  full: boolean;
}

/**
 * Builds the extension (unless --no-build), checks the build and the browser, chooses
 * the pages and opens the session; `say` hears the progress. A string says why the run
 * cannot start.
 */
export async function openRun(cli: Cli, o: RunOptions, say: (line: string) => void): Promise<Run | string> {
  if (o.build) {
    say(`${cli.tool}: building the extension (STANCE_LENS_E2E=1 → dist-e2e/chromium) …`);
    const built = await buildExtension('chromium');
    if (!built.ok) return built.output;
  }
  const problem = checkE2EBuild(RUN_DIST) ?? (existsSync(BINARY.chromium) ? null : `no ${BINARY.chromium} (apt-get update && apt-get install -y chromium)`);
  if (problem) return problem;
  const { pages, fixtures, full } = choosePages(o, cli.tool, say);
  if (pages.length === 0) return `no page to run ${cli.tool} on`;
  try {
    return { session: await openBenchSession(RUN_DIST, pages, cli.tool), pages, fixtures, full };
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

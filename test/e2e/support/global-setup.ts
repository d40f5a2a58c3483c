/**
 * vitest globalSetup: builds the extension once per run for each browser that is
 * installed, into dist-e2e/<browser>, with host access to 127.0.0.1 (STANCE_LENS_E2E=1).
 *
 * A failed build does not abort the run (the unit tests still count): the outcome is
 * handed to the e2e suite through provide/inject, and that suite fails with the
 * build's output.
 *
 *   STANCE_LENS_E2E_NO_BUILD=1   reuse what is in dist-e2e/ (iterating on the tests)
 *   STANCE_LENS_E2E_DIST_CHROMIUM=DIR, STANCE_LENS_E2E_DIST_FIREFOX=DIR
 *                                test an unpacked build from elsewhere, as is
 *   STANCE_LENS_E2E_SKIP=1       no build; the e2e suite skips itself
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { BINARY, DIST, hasBrowser, ROOT, type BrowserName } from '../../../scripts/harness/browser.ts';
import { buildExtension } from '../../../scripts/harness/build.ts';

export interface BuildOutcome {
  browser: BrowserName;
  /** absolute path of the unpacked build */
  dist: string;
  status: 'built' | 'reused' | 'failed' | 'no-browser' | 'not-requested';
  ms: number;
  /** the tail of the build's output when it failed, or why it was not built */
  detail?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2eBuilds: Record<BrowserName, BuildOutcome>;
  }
}

const E2E_FILE = 'test/e2e/extension.e2e.test.ts';

/** True when this run's file filters (if any) leave the e2e suite out. */
function e2eFilteredOut(project: TestProject): boolean {
  // `vitest run test/unit`: the CLI filters are kept on the Vitest instance (not public API)
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  if (!Array.isArray(filters) || filters.length === 0) return false;
  return !filters.some((f) => E2E_FILE.includes(f.replace(/^\.\//, '')) || f.includes('e2e'));
}

async function build(browser: BrowserName): Promise<BuildOutcome> {
  const built = await buildExtension(browser);
  return built.ok
    ? { browser, dist: built.dist, status: 'built', ms: built.ms }
    : { browser, dist: built.dist, status: 'failed', ms: built.ms, detail: built.output };
}

/** The build of one flavour, as the environment asks (see the header). */
export async function buildFlavour(b: BrowserName): Promise<BuildOutcome> {
  const dist = join(ROOT, DIST[b]);
  if (process.env.STANCE_LENS_E2E_SKIP === '1') return { browser: b, dist, status: 'not-requested', ms: 0, detail: 'STANCE_LENS_E2E_SKIP=1' };
  if (!hasBrowser(b)) return { browser: b, dist, status: 'no-browser', ms: 0, detail: `${BINARY[b]} is not installed` };
  const given = process.env[`STANCE_LENS_E2E_DIST_${b.toUpperCase()}`];
  if (given) {
    const dir = resolve(ROOT, given);
    return existsSync(join(dir, 'manifest.json'))
      ? { browser: b, dist: dir, status: 'reused', ms: 0 }
      : { browser: b, dist: dir, status: 'failed', ms: 0, detail: `${dir}/manifest.json is missing` };
  }
  if (process.env.STANCE_LENS_E2E_NO_BUILD === '1') {
    return existsSync(join(dist, 'manifest.json'))
      ? { browser: b, dist, status: 'reused', ms: 0 }
      : { browser: b, dist, status: 'failed', ms: 0, detail: `STANCE_LENS_E2E_NO_BUILD=1 but ${dist}/manifest.json is missing` };
  }
  const outcome = await build(b);
  process.stderr.write(`[e2e] ${b} build ${outcome.status} in ${(outcome.ms / 1000).toFixed(1)} s\n`);
  return outcome;
}

export async function setup(project: TestProject): Promise<void> {
  const browsers: BrowserName[] = ['chromium', 'firefox'];
  const outcomes = await Promise.all(
    browsers.map((b): Promise<BuildOutcome> | BuildOutcome =>
      e2eFilteredOut(project)
        ? { browser: b, dist: join(ROOT, DIST[b]), status: 'not-requested', ms: 0, detail: 'the e2e suite is not part of this run' }
        : buildFlavour(b),
    ),
  );
  project.provide('e2eBuilds', { chromium: outcomes[0]!, firefox: outcomes[1]! });
}

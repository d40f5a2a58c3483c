/** The Firefox build passes addons.mozilla.org's own linter (web-ext lint) with no error. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST } from '../../scripts/harness/browser.ts';

const dist = DIST.firefox;
const built = existsSync(join(dist, 'manifest.json'));

describe.skipIf(!built)('web-ext lint of the Firefox build', () => {
  it('reports 0 errors', () => {
    let out: string;
    try {
      out = execFileSync('npx', ['web-ext', 'lint', '--source-dir', dist, '--output', 'json', '--no-input'], { encoding: 'utf8' });
    } catch (e) {
      out = String((e as { stdout?: string }).stdout ?? '');
    }
    const lint = JSON.parse(out) as { summary: { errors: number }; errors: Array<{ code: string; message: string }> };
    expect(lint.errors.map((e) => `${e.code}: ${e.message}`)).toEqual([]);
    expect(lint.summary.errors).toBe(0);
  }, 120_000);
});

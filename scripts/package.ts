/**
 * `npm run package`: store-ready zips of both builds in artifacts/, after `web-ext lint`
 * of the Firefox build (any error stops it: stores reject those builds).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const run = (cmd: string, args: string[], env: Record<string, string> = {}) =>
  execFileSync(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] }).toString();

run('npx', ['vite', 'build']);
run('npx', ['vite', 'build'], { STANCE_LENS_BROWSER: 'firefox' });

let lint: {
  summary: { errors: number; warnings: number };
  errors: Array<{ code: string; file?: string; message: string }>;
  warnings: Array<{ code: string; file?: string; message: string }>;
};
try {
  lint = JSON.parse(run('npx', ['web-ext', 'lint', '--source-dir', 'dist/firefox', '--output', 'json', '--no-input']));
} catch (e) {
  const out = (e as { stdout?: Buffer }).stdout?.toString() ?? '';
  lint = JSON.parse(out);
}
for (const w of lint.warnings) console.log(`web-ext lint warning: ${w.code} ${w.file ?? ''} — ${w.message}`);
for (const err of lint.errors) console.error(`web-ext lint ERROR: ${err.code} ${err.file ?? ''} — ${err.message}`);
console.log(`web-ext lint: ${lint.summary.errors} errors, ${lint.summary.warnings} warnings`);
if (lint.summary.errors > 0) {
  console.error('Not packaged: fix the lint errors above.');
  process.exit(1);
}

for (const flavour of ['chromium', 'firefox']) {
  const file = `stance-lens-${flavour}-${version}.zip`;
  run('npx', ['web-ext', 'build', '--source-dir', `dist/${flavour}`, '--artifacts-dir', 'artifacts', '--filename', file, '--overwrite-dest', '--no-input']);
  console.log(`wrote artifacts/${file}`);
}

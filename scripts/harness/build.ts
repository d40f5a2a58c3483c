/**
 * The end-to-end build of the extension: `npx vite build` of one flavour with host
 * access to 127.0.0.1 (STANCE_LENS_E2E=1), into dist-e2e/<browser> unless told
 * otherwise. Used by the e2e globalSetup, the bench, the sweep, the screenshot and
 * `npm start`.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { DIST, ROOT, type BrowserName } from './browser.ts';

export interface Built {
  ok: boolean;
  /** absolute path of the unpacked build */
  dist: string;
  ms: number;
  /** the tail of the build's output when it failed */
  output: string;
}

export function buildExtension(browser: BrowserName, out: string = DIST[browser]): Promise<Built> {
  const dist = isAbsolute(out) ? out : join(ROOT, out);
  const started = Date.now();
  const env: NodeJS.ProcessEnv = { ...process.env, STANCE_LENS_E2E: '1', STANCE_LENS_OUT: out };
  if (browser === 'firefox') env.STANCE_LENS_BROWSER = 'firefox';
  else delete env.STANCE_LENS_BROWSER;
  return new Promise((done) => {
    const child = spawn('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (e) => done({ ok: false, dist, ms: Date.now() - started, output: String(e) }));
    child.on('close', (code) => {
      const ok = code === 0 && existsSync(join(dist, 'manifest.json'));
      done({ ok, dist, ms: Date.now() - started, output: ok ? '' : `vite build exited ${code}:\n${output.slice(-4000)}` });
    });
  });
}

/** What makes `dist` unusable as an end-to-end build, or null. */
export function checkE2EBuild(dist: string, hint = 'run without --no-build'): string | null {
  if (!existsSync(join(dist, 'manifest.json'))) return `no build at ${dist} (${hint})`;
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as { host_permissions?: string[] };
  if (!manifest.host_permissions?.includes('http://127.0.0.1/*'))
    return `${dist} is not an end-to-end build (no host permission for http://127.0.0.1/*); build with STANCE_LENS_E2E=1`;
  return null;
}

/**
 * One manifest.json, two browsers. `STANCE_LENS_BROWSER=firefox` builds the Firefox
 * flavour (event page instead of service worker, gecko id); `STANCE_LENS_E2E=1` adds
 * host access to 127.0.0.1 only, so end-to-end tests can inject without a user
 * gesture (a real install asks for each site). Always `vite build`: dev mode writes a
 * loader that points at localhost.
 */
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import base from './manifest.json' with { type: 'json' };

const browser = process.env.STANCE_LENS_BROWSER === 'firefox' ? 'firefox' : 'chrome';
const e2e = process.env.STANCE_LENS_E2E === '1';

function manifest(): ManifestV3Export {
  const m: Record<string, unknown> = structuredClone(base);
  if (e2e) m.host_permissions = ['http://127.0.0.1/*'];
  if (browser === 'firefox') {
    m.background = { scripts: ['src/background/worker.ts'], type: 'module' };
    delete m.minimum_chrome_version;
    m.browser_specific_settings = {
      gecko: { id: 'stance-lens@stance-lens.invalid', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
    };
  }
  return m as unknown as ManifestV3Export;
}

/**
 * crxjs lists the injected content script as web-accessible to every page; we inject
 * it with scripting.executeScript, which needs no such entry, and a web-accessible
 * file lets any page detect the extension. Drop it from the written manifest.
 */
function noWebAccessibleResources(): Plugin {
  let outDir = '';
  return {
    name: 'stance-lens:no-web-accessible-resources',
    enforce: 'post',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      const file = resolve(outDir, 'manifest.json');
      if (!existsSync(file)) return;
      const m = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      delete m.web_accessible_resources;
      writeFileSync(file, `${JSON.stringify(m, null, 2)}\n`);
    },
  };
}

export default defineConfig({
  // _locales (and anything else copied as is) live in src/static
  publicDir: 'src/static',
  plugins: [preact(), crx({ manifest: manifest(), browser }), noWebAccessibleResources()],
  build: {
    outDir: process.env.STANCE_LENS_OUT ?? (browser === 'firefox' ? 'dist/firefox' : 'dist/chromium'),
    emptyOutDir: true,
    target: 'es2022',
  },
  // no dev server in this project's workflow; keep it off the network if someone starts it
  server: { host: '127.0.0.1' },
});

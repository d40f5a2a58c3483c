import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };

// The extension is built from the one manifest.json. Content script, background and
// popup arrive with the extension issue; the engine (src/engine) is already DOM-free
// so the content script can run it as is.
export default defineConfig({
  plugins: [preact(), crx({ manifest })],
  build: { outDir: 'dist', emptyOutDir: true },
});

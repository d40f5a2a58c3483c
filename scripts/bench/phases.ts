/**
 * Bundles scripts/bench/phases-entry.ts (the content script's pipeline, timed step by
 * step) into one IIFE with Vite, to inject into a benchmark page's main world.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { PhaseTimes } from './phases-entry.ts';

export type { PhaseTimes };

const ENTRY = fileURLToPath(new URL('./phases-entry.ts', import.meta.url));

export async function bundlePhases(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      lib: { entry: ENTRY, formats: ['iife'], name: '__stanceLensPhasesBundle' },
    },
  });
  const outputs = Array.isArray(out) ? out : [out];
  for (const o of outputs) {
    if ('output' in o) {
      const chunk = o.output.find((c) => c.type === 'chunk');
      if (chunk && chunk.type === 'chunk') return chunk.code;
    }
  }
  throw new Error('vite produced no chunk for the phase probe');
}

/**
 * Runs the pipeline twice in the page: cold (first run in this document, after timing
 * analyze() on one short sentence: the one-time cost) and warm.
 */
export const PHASES_RUN = `(() => {
  const cold = window.__stanceLensPhases(true);
  const warm = window.__stanceLensPhases();
  return { cold, warm };
})()`;

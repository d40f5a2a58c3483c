/**
 * The background's analysis run in the test's own process, as the content script's
 * Analyzer: the same steps (src/background/analysis.ts), with one slice cache, so the
 * Controller can be tested on a happy-dom page without a browser. Without a model file
 * it judges with seed quotes and cues only.
 */
import type { Analyzer } from '../../src/content/controller.ts';
import { analyzePageSteps, prepareEngine, SliceCache } from '../../src/background/analysis.ts';
import type { CompiledLexicon } from '../../src/lexicon/types.ts';
import { runSteps } from '../../src/text/steps.ts';

export interface InProcessAnalyzer extends Analyzer {
  /** scans asked for, in order */
  readonly asked: Array<{ url: string; seq: number; chars: number }>;
}

export function inProcessAnalyzer(lexicon: CompiledLexicon, modelFile: unknown = null): InProcessAnalyzer {
  const engine = prepareEngine(lexicon, `test:${lexicon.id}`, modelFile, modelFile === null ? 'none' : 'given');
  const cache = new SliceCache();
  const asked: InProcessAnalyzer['asked'] = [];
  return {
    asked,
    async analyze(text, url, seq) {
      asked.push({ url, seq, chars: text.length });
      await Promise.resolve();
      return runSteps(analyzePageSteps(text, url, engine, cache));
    },
  };
}

/**
 * The analysis of a page's text, in the background: the same steps the content script
 * ran before on the page's own thread, so a tab gets the same report (statements,
 * speakers, stances, evidence). The text is cut into slices at paragraph breaks, each
 * read with the paragraphs before it as context; a slice whose text did not change
 * since the tab's last scan is taken from the tab's slice cache instead of analysed.
 */
import { prepareLexicon } from '../engine/analyze.ts';
import { analyzeSliceSteps, mergeReports, sliceKey, slices, type ModelOptions } from '../engine/merge.ts';
import { loadModel, type LoadedModel } from '../engine/model/classifier.ts';
import { mayConcernLexicon } from '../engine/relevance.ts';
import type { ModelUse, Report } from '../engine/types.ts';
import type { CompiledLexicon } from '../lexicon/types.ts';

/** Reports of slices kept per tab for reuse when the page changes (most pages change at the end). */
const CACHE_SLICES = 120;

/** A lexicon and a stance model, their tables built: what every tab is analysed with. */
export interface Engine {
  /** names the lexicon and the model: the same key, the same analysis */
  key: string;
  lexicon: CompiledLexicon;
  model: LoadedModel | null;
  options: ModelOptions;
}

/** Reads the model file and builds the lexicon's tables (and the judge for that model) once. */
export function prepareEngine(lexicon: CompiledLexicon, lexiconKey: string, modelFile: unknown, modelKey: string): Engine {
  const model = modelFile === null ? null : loadModel(modelFile);
  prepareLexicon(lexicon, model?.model ?? null);
  const options: ModelOptions = model?.model ? { model: model.model } : model?.error ? { modelError: model.error } : {};
  return { key: `${lexiconKey}|${modelKey}`, lexicon, model, options };
}

/** One tab's slice reports by sliceKey(), for the engine they were made with. */
export class SliceCache {
  private reports = new Map<string, Report>();
  private engineKey = '';

  /** The cache for `engine`: emptied when the engine changed. */
  for(engine: Engine): this {
    if (engine.key !== this.engineKey) {
      this.reports.clear();
      this.engineKey = engine.key;
    }
    return this;
  }

  get(key: string): Report | undefined {
    return this.reports.get(key);
  }

  get size(): number {
    return this.reports.size;
  }

  /** Keeps the slice reports of this scan, and as many older ones as fit. */
  remember(used: Map<string, Report>): void {
    for (const [key, report] of used) {
      this.reports.delete(key);
      this.reports.set(key, report);
    }
    for (const key of this.reports.keys()) {
      if (this.reports.size <= Math.max(CACHE_SLICES, used.size)) break;
      this.reports.delete(key);
    }
  }

  clear(): void {
    this.reports.clear();
  }
}

export interface PageReport {
  report: Report;
  /** slices the engine read (not taken from the cache) */
  analysed: number;
}

/** The report of a page's text at `source`, step by step (a step: a paragraph or so of the engine's work). */
export function* analyzePageSteps(text: string, source: string, engine: Engine, cache: SliceCache): Generator<void, PageReport> {
  const { lexicon } = engine;
  // a page that names nobody in the lexicon and not the war: nothing to analyse
  if (!mayConcernLexicon(text, lexicon)) {
    return {
      report: { source, lexicon: { id: lexicon.id, version: lexicon.version }, model: modelUseOf(engine.model), speakers: [], statements: [] },
      analysed: 0,
    };
  }
  cache.for(engine);
  const parts: Array<{ report: Report; offset: number }> = [];
  const used = new Map<string, Report>();
  let analysed = 0;
  for (const s of slices(text)) {
    // only slices whose text (with its context) changed are analysed again
    const key = sliceKey(text, s);
    let report = used.get(key) ?? cache.get(key);
    if (!report) {
      report = yield* analyzeSliceSteps(text, s, lexicon, source, engine.options);
      analysed++;
    }
    used.set(key, report);
    parts.push({ report, offset: s.start });
  }
  cache.remember(used);
  return { report: mergeReports(parts, source), analysed };
}

/** What a report says of the model, for a page that was not analysed (nothing to judge). */
function modelUseOf(loaded: LoadedModel | null): ModelUse {
  if (loaded?.model) return { id: loaded.model.id, status: 'ok' };
  if (loaded?.error) return { id: null, status: 'unavailable', message: loaded.error };
  return { id: null, status: 'off' };
}

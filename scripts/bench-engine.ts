/**
 * `npm run bench:engine [-- --json] [--reps N] [--limit N] [--corpus DIR]`
 *
 * Times analyze() on real pages: every saved page in ../shared/corpus/ (text
 * extracted once with happy-dom, extraction not timed as part of the engine) plus
 * the seed article; then checks that the engine is linear by timing the seed
 * repeated 1×, 10× and 100×. Each figure is the median of several runs, each run
 * batched to a few milliseconds so that short pages are measured precisely.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { analyze } from '../src/engine/analyze.ts';
import { bundledLexicon } from '../src/lexicon/bundled.ts';
import { bundledModelFile } from '../src/lexicon/bundled-model.ts';
import { StanceModel } from '../src/engine/model/classifier.ts';
import { parseHtml } from '../src/cli/html.ts';
import { extractText, mainContentRoot } from '../src/page/extract.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CORPUS = join(ROOT, '..', 'shared', 'corpus');
const SEED = join(ROOT, 'seeds', '000_9cad41e55c3eddb4.txt');
const COPIES = [1, 10, 100] as const;
/** A timed sample runs analyze() enough times to last about this long. */
const SAMPLE_MS = 4;

const USAGE = 'Usage: npm run bench:engine [-- --json] [--reps N] [--limit N] [--corpus DIR]';

interface Options {
  json: boolean;
  reps: number;
  limit: number;
  corpus: string;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { json: false, reps: 5, limit: Infinity, corpus: CORPUS };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const number = (): number => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) {
        console.error(`bench:engine: ${arg} needs a whole number ≥ 1\n${USAGE}`);
        process.exit(2);
      }
      return n;
    };
    if (arg === '--json') options.json = true;
    else if (arg === '--reps') options.reps = number();
    else if (arg === '--limit') options.limit = number();
    else if (arg === '--corpus' && i + 1 < argv.length) options.corpus = argv[++i]!;
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else {
      console.error(`bench:engine: unknown option ${arg}\n${USAGE}`);
      process.exit(2);
    }
  }
  return options;
}

// ---------------------------------------------------------------------------
// Pages

interface Page {
  name: string;
  text: string;
  bytes: number;
}

/** Saved pages: *.html / *.htm, possibly gzipped, at any depth (readability keeps <slug>/source.html). */
function findPages(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.html?(\.gz)?$/i.test(entry.name)) found.push(path);
    }
  };
  walk(dir);
  return found.sort();
}

function readPage(path: string): string {
  let bytes: Uint8Array = readFileSync(path);
  if (path.endsWith('.gz')) bytes = gunzipSync(bytes);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

// ---------------------------------------------------------------------------
// Timing

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** How many calls make a sample of about SAMPLE_MS, from one timed call. */
function batchSize(fn: () => void): number {
  const t0 = performance.now();
  fn();
  const once = performance.now() - t0;
  return Math.max(1, Math.min(1000, Math.ceil(SAMPLE_MS / Math.max(once, 0.001))));
}

/** Milliseconds per call for one sample of `batch` calls. */
function sample(fn: () => void, batch: number): number {
  const t0 = performance.now();
  for (let i = 0; i < batch; i++) fn();
  return (performance.now() - t0) / batch;
}

// ---------------------------------------------------------------------------

function fmt(ms: number): string {
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1);
  if (ms >= 1) return ms.toFixed(2);
  return ms.toFixed(3);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const log = (line = ''): void => {
    if (!options.json) console.log(line);
  };
  const lexicon = bundledLexicon;
  const pages: Page[] = [];
  const skipped: Array<{ name: string; reason: string }> = [];
  let extractionMs = 0;
  let extractedBytes = 0;
  let corpusFiles = 0;

  const corpus = options.corpus;
  if (!existsSync(corpus) || !statSync(corpus).isDirectory()) {
    const message = `bench:engine: no corpus at ${corpus} — timing the seed only (put saved pages there to benchmark real pages)`;
    if (options.json) console.error(message);
    else log(message);
  } else {
    const files = findPages(corpus).slice(0, options.limit);
    corpusFiles = files.length;
    if (files.length === 0) log(`bench:engine: ${corpus} holds no .html pages — timing the seed only`);
    else if (!options.json) process.stdout.write(`extracting the text of ${files.length} pages with happy-dom …`);
    for (const file of files) {
      const name = relative(corpus, file);
      let html: string;
      try {
        html = readPage(file);
      } catch (err) {
        skipped.push({ name, reason: `unreadable: ${(err as Error).message}` });
        continue;
      }
      const t0 = performance.now();
      const page = parseHtml(html);
      try {
        const { text } = extractText(mainContentRoot(page.document));
        extractionMs += performance.now() - t0;
        if (text.trim() === '') skipped.push({ name, reason: 'no text extracted' });
        else {
          pages.push({ name, text, bytes: byteLength(text) });
          extractedBytes += pages[pages.length - 1]!.bytes;
        }
      } catch (err) {
        skipped.push({ name, reason: `extraction failed: ${(err as Error).message}` });
      } finally {
        await page.close();
      }
    }
    if (files.length > 0 && !options.json) process.stdout.write(' done\n');
  }
  const seedText = readFileSync(SEED, 'utf8');
  pages.push({ name: `seeds/${basename(SEED)}`, text: seedText, bytes: byteLength(seedText) });

  // Warm up (JIT, the lexicon's prepared matchers): every page at least twice, and
  // for at least a second when there are few pages.
  const failed = new Set<string>();
  const warmStart = performance.now();
  for (let round = 0; round < 2 || (round < 50 && performance.now() - warmStart < 1000); round++) {
    for (const page of pages) {
      if (failed.has(page.name)) continue;
      try {
        analyze(page.text, lexicon, { source: page.name });
      } catch (err) {
        failed.add(page.name);
        skipped.push({ name: page.name, reason: `analyze() threw: ${(err as Error).message}` });
      }
    }
  }
  const timed = pages.filter((p) => !failed.has(p.name));

  // The stance model: reading its file once (what the extension's content script does
  // in a task of its own), then warm like the lexicon.
  const loads: number[] = [];
  let model: StanceModel | null = null;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    model = new StanceModel(bundledModelFile);
    loads.push(performance.now() - t0);
  }
  for (const page of timed) analyze(page.text, lexicon, { source: page.name, model });

  // Timed runs, interleaved across pages (and with/without the model, the reference in
  // the same run) so that drift spreads evenly.
  const withModel = (p: Page) => () => void analyze(p.text, lexicon, { source: p.name, model });
  const without = (p: Page) => () => void analyze(p.text, lexicon, { source: p.name });
  const batches = timed.map((p) => batchSize(withModel(p)));
  const samples: number[][] = timed.map(() => []);
  const plain: number[][] = timed.map(() => []);
  for (let rep = 0; rep < options.reps; rep++) {
    timed.forEach((p, i) => {
      samples[i]!.push(sample(withModel(p), batches[i]!));
      plain[i]!.push(sample(without(p), batches[i]!));
    });
  }
  const perPage = timed.map((p, i) => ({ name: p.name, bytes: p.bytes, ms: median(samples[i]!), msWithoutModel: median(plain[i]!) }));
  const plainTimes = perPage.map((p) => p.msWithoutModel);
  const plainTotal = plainTimes.reduce((a, b) => a + b, 0);
  const times = perPage.map((p) => p.ms);
  const slowest = perPage.reduce((a, b) => (b.ms > a.ms ? b : a));
  const totalMs = times.reduce((a, b) => a + b, 0);
  const totalBytes = perPage.reduce((a, p) => a + p.bytes, 0);
  const mbPerS = totalMs > 0 ? totalBytes / 1e6 / (totalMs / 1000) : Infinity;

  // Linearity: the seed's paragraphs repeated, joined by blank lines.
  const paragraphs = seedText
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const linearity = COPIES.map((copies) => {
    const text = Array.from({ length: copies }, () => paragraphs.join('\n\n')).join('\n\n');
    const run = (): void => void analyze(text, lexicon, { source: `seed×${copies}`, model });
    run();
    const batch = batchSize(run);
    const runs: number[] = [];
    for (let rep = 0; rep < options.reps; rep++) runs.push(sample(run, batch));
    const kb = byteLength(text) / 1024;
    const ms = median(runs);
    return { copies, kb, ms, msPerKb: ms / kb };
  });
  const first = linearity[0]!;
  const last = linearity[linearity.length - 1]!;
  const ratio = first.msPerKb > 0 ? last.msPerKb / first.msPerKb : NaN;

  const result = {
    lexicon: { id: lexicon.id, version: lexicon.version },
    reps: options.reps,
    pages: timed.length,
    corpusFiles,
    skipped,
    extraction: { ms: extractionMs, bytes: extractedBytes, note: 'happy-dom parse + mainContentRoot + extractText, not part of the engine benchmark' },
    perPage: {
      medianMs: median(times),
      p95Ms: percentile(times, 95),
      maxMs: slowest.ms,
      maxPage: slowest.name,
    },
    withoutModel: { medianMs: median(plainTimes), p95Ms: percentile(plainTimes, 95), totalMs: plainTotal },
    model: { id: model?.id ?? null, loadMedianMs: median(loads), costRatio: plainTotal > 0 ? totalMs / plainTotal : NaN },
    totalBytes,
    totalMs,
    mbPerS,
    linearity,
    ratio100to1PerKb: ratio,
    detail: perPage,
  };

  if (options.json) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    log();
    const corpusPages = timed.length - 1;
    log(
      `analyze() with lexicon ${lexicon.id} ${lexicon.version}: ${corpusPages} corpus page${corpusPages === 1 ? '' : 's'} + the seed, median of ${options.reps} runs per page`,
    );
    if (corpusFiles > 0) {
      log(
        `extraction (happy-dom, not timed as engine): ${(extractionMs / 1000).toFixed(1)} s for ${corpusFiles} pages, ${(extractedBytes / 1e6).toFixed(2)} MB of text`,
      );
    }
    for (const s of skipped) log(`  skipped ${s.name}: ${s.reason}`);
    log();
    log(`per page   median ${fmt(result.perPage.medianMs)} ms   p95 ${fmt(result.perPage.p95Ms)} ms   max ${fmt(slowest.ms)} ms (${slowest.name})`);
    log(
      `  without the stance model (same run): median ${fmt(result.withoutModel.medianMs)} ms   p95 ${fmt(result.withoutModel.p95Ms)} ms; the model costs ×${result.model.costRatio.toFixed(2)} in total`,
    );
    log(`  reading the model file (${result.model.id}): median ${fmt(result.model.loadMedianMs)} ms, once per engine`);
    log(`throughput ${mbPerS.toFixed(2)} MB/s (${(totalBytes / 1e6).toFixed(2)} MB in ${fmt(totalMs)} ms, sum of per-page medians)`);
    log();
    log('linearity: the seed repeated, paragraphs joined by blank lines');
    log(`  ${'copies'.padStart(6)}  ${'KB'.padStart(8)}  ${'ms'.padStart(9)}  ${'ms/KB'.padStart(8)}`);
    for (const l of linearity) {
      log(`  ${String(l.copies).padStart(6)}  ${l.kb.toFixed(1).padStart(8)}  ${fmt(l.ms).padStart(9)}  ${l.msPerKb.toFixed(4).padStart(8)}`);
    }
    log(`  ratio 100×/1× per KB: ${Number.isFinite(ratio) ? ratio.toFixed(2) : 'n/a'} (1.00 = linear)`);
  }
  if (failed.size > 0) process.exitCode = 1;
}

await main();

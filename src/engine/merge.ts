/**
 * Reports of consecutive slices of one text, merged into the report of the whole.
 * The content script analyses long pages slice by slice so that no task on the
 * page's main thread runs long; offsets are shifted, speakers summed.
 */
import type { CompiledLexicon } from '../lexicon/types.ts';
import { analyzeSteps, overallOf, sortSpeakers, type AnalyzeOptions } from './analyze.ts';
import { zeroCounts } from '../vocab/vocab.ts';
import { runSteps } from '../text/steps.ts';
import type { Report, Speaker } from './types.ts';

export function mergeReports(parts: Array<{ report: Report; offset: number }>, source: string): Report {
  const first = parts[0]?.report;
  const speakers = new Map<string, Speaker>();
  const statements: Report['statements'] = [];
  for (const { report, offset } of parts) {
    for (const st of report.statements) {
      const shifted = { ...st, start: st.start + offset, end: st.end + offset };
      if (st.speakerStart !== undefined) shifted.speakerStart = st.speakerStart + offset;
      if (st.speakerEnd !== undefined) shifted.speakerEnd = st.speakerEnd + offset;
      statements.push(shifted);
    }
    for (const sp of report.speakers) {
      const mentions = sp.mentions.map((m) => ({ start: m.start + offset, end: m.end + offset }));
      const have = speakers.get(sp.id);
      if (!have) {
        speakers.set(sp.id, { ...sp, mentions, stance: { ...sp.stance } });
        continue;
      }
      have.mentions.push(...mentions);
      for (const k of Object.keys(have.stance) as Array<keyof Speaker['stance']>) have.stance[k] += sp.stance[k];
    }
  }
  const list = [...speakers.values()];
  for (const s of list) s.overall = overallOf(s.stance);
  sortSpeakers(list);
  return { source, lexicon: first ? first.lexicon : { id: '', version: '' }, model: first?.model ?? { id: null, status: 'off' }, speakers: list, statements };
}

/** A slice of a long text: analysed on its own, with some of the text before it as context. */
export interface Slice {
  start: number;
  end: number;
  /** where the context before the slice begins (whole paragraphs; equal to start when none) */
  context: number;
}

export interface SliceOptions {
  /** no cut before this many characters (at a paragraph break) */
  min?: number;
  /** a cut at the last paragraph break before this many characters (past it only when there is none) */
  max?: number;
  /** at most this many characters of whole paragraphs before a slice are read with it */
  context?: number;
}

const BREAK = '\n\n';

/**
 * Cuts a text into slices at paragraph breaks only, so that a quote is never cut. Where
 * the cuts fall depends on the text just before each break (content-defined, like
 * rsync's chunks), not only on the distance from the start: after an edit, the
 * slices further on fall where they fell before, so their analyses can be reused.
 * Each slice carries up to `context` characters of the paragraphs before it, so that
 * "he said" at the start of a slice still finds who "he" is.
 */
export function slices(text: string, options: SliceOptions = {}): Slice[] {
  const min = Math.max(1, options.min ?? 2_000);
  const max = Math.max(min + 1, options.max ?? 8_000);
  const context = options.context ?? 600;
  const out: Slice[] = [];
  let start = 0;
  while (start < text.length) {
    const end = nextCut(text, start, min, max);
    out.push({ start, end, context: contextStart(text, start, context) });
    start = end;
  }
  return out;
}

function nextCut(text: string, start: number, min: number, max: number): number {
  if (text.length - start <= max) return text.length;
  let last = -1;
  for (let b = text.indexOf(BREAK, start + min); b !== -1 && b - start <= max; b = text.indexOf(BREAK, b + BREAK.length)) {
    if (tailHash(text, b) % 4 === 0) return b;
    last = b;
  }
  if (last !== -1) return last;
  // no paragraph break in reach: the slice runs to the next one (never a cut inside a
  // paragraph; the analysis of a long slice gives the thread back paragraph by paragraph)
  const next = text.indexOf(BREAK, start + max);
  return next === -1 ? text.length : next;
}

/** A hash of the 24 characters before a break: the same text there, the same decision. */
function tailHash(text: string, at: number): number {
  let h = 2166136261;
  for (let i = Math.max(0, at - 24); i < at; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function contextStart(text: string, start: number, context: number): number {
  if (start === 0 || context <= 0) return start;
  // the earliest paragraph start within `context` characters before the slice
  let at = start;
  let b = text.lastIndexOf(BREAK, start - BREAK.length - 1);
  while (b !== -1 && start - (b + BREAK.length) <= context) {
    at = b + BREAK.length;
    b = b === 0 ? -1 : text.lastIndexOf(BREAK, b - 1);
  }
  if (b === -1 && start <= context) at = 0;
  return at;
}

/** The key under which a slice's report can be reused: its text with its context. */
export function sliceKey(text: string, slice: Slice): string {
  return `${slice.start - slice.context}\u0000${text.slice(slice.context, slice.end)}`;
}

/**
 * The report of a slice read with its context: what lies in the context (statements,
 * mentions) belongs to the slice before and is dropped; offsets start at the slice
 * (only a speaker named in the context has a negative one).
 */
export function trimReport(report: Report, from: number): Report {
  if (from <= 0) return report;
  const statements = report.statements
    .filter((st) => st.start >= from)
    .map((st) => {
      const shifted = { ...st, start: st.start - from, end: st.end - from };
      // a speaker named in the context keeps a (negative) offset: right again once merged
      if (st.speakerStart !== undefined) shifted.speakerStart = st.speakerStart - from;
      if (st.speakerEnd !== undefined) shifted.speakerEnd = st.speakerEnd - from;
      return shifted;
    });
  const speakers: Speaker[] = [];
  for (const sp of report.speakers) {
    const mentions = sp.mentions.filter((m) => m.start >= from).map((m) => ({ start: m.start - from, end: m.end - from }));
    const stance = zeroCounts();
    let said = 0;
    for (const st of statements) {
      if (st.speaker !== sp.id) continue;
      stance[st.stance]++;
      said++;
    }
    if (said === 0 && mentions.length === 0) continue;
    speakers.push({ ...sp, mentions, stance, overall: overallOf(stance) });
  }
  return { ...report, speakers, statements };
}

/** The report of one slice, offsets from the slice's start (see trimReport). */
export function analyzeSlice(text: string, slice: Slice, lexicon: CompiledLexicon, source: string, model: ModelOptions = {}): Report {
  return runSteps(analyzeSliceSteps(text, slice, lexicon, source, model));
}

/** The stance model to judge with, or why there is none (see AnalyzeOptions). */
export type ModelOptions = Omit<AnalyzeOptions, 'source'>;

/** analyzeSlice step by step (see analyzeSteps). */
export function* analyzeSliceSteps(text: string, slice: Slice, lexicon: CompiledLexicon, source: string, model: ModelOptions = {}): Generator<void, Report> {
  const report = yield* analyzeSteps(text.slice(slice.context, slice.end), lexicon, { ...model, source });
  return trimReport(report, slice.start - slice.context);
}

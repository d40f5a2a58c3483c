/**
 * Reads labelled statements (the stance corpus, the devset, or a user's own file) in
 * place. A missing or unreadable file stops with one line naming it and what to do.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelClass } from '../../src/engine/model/classifier.ts';
import { MODEL_CLASSES } from '../../src/engine/model/classifier.ts';

export interface LabelledRow {
  id: string;
  outlet: string;
  date: string;
  paragraph: string;
  quote: string;
  speaker: string | null;
  stance: ModelClass;
  pattern: string;
  /** where it was read: file and line */
  from: string;
}

export class CorpusError extends Error {}

const STANCES = new Set<string>(MODEL_CLASSES);

/** The rows of one JSONL file; a bad line names the file, the line and the field. */
export function readRows(file: string): LabelledRow[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CorpusError(`${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? String(e)}) — check the path, or restore the file from ../shared/`);
  }
  const rows: LabelledRow[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const at = `${file}:${i + 1}`;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(line) as Record<string, unknown>;
    } catch (e) {
      throw new CorpusError(`${at}: not valid JSON (${(e as Error).message}) — each line must hold one labelled statement`);
    }
    for (const key of ['id', 'paragraph', 'quote', 'stance'] as const) {
      if (typeof o[key] !== 'string' || !(o[key] as string).trim()) throw new CorpusError(`${at}: field "${key}" missing or empty — fix or remove the line`);
    }
    if (!STANCES.has(o.stance as string)) throw new CorpusError(`${at}: stance ${JSON.stringify(o.stance)} is not one of ${[...STANCES].join(', ')}`);
    rows.push({
      id: o.id as string,
      outlet: typeof o.outlet === 'string' ? o.outlet : '',
      date: typeof o.date === 'string' ? o.date : '',
      paragraph: o.paragraph as string,
      quote: o.quote as string,
      speaker: typeof o.speaker === 'string' ? o.speaker : null,
      stance: o.stance as ModelClass,
      pattern: typeof o.pattern === 'string' ? o.pattern : '',
      from: at,
    });
  });
  return rows;
}

/** Every `*.jsonl` in a folder (the stance corpus's shards), in name order; or one file. */
export function readCorpus(path: string): LabelledRow[] {
  if (!existsSync(path)) {
    throw new CorpusError(
      `${path}: not found — the training corpus lives in ../shared/stance-corpus/ (pass another folder or .jsonl file as the first argument)`,
    );
  }
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((f) => f.endsWith('.jsonl'))
        .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
        .map((f) => join(path, f))
    : [path];
  if (files.length === 0) throw new CorpusError(`${path}: holds no .jsonl file — point it at the stance corpus folder`);
  const rows = files.flatMap(readRows);
  if (rows.length === 0) throw new CorpusError(`${path}: no labelled statements in it`);
  return rows;
}

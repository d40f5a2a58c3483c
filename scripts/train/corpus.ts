/**
 * Reads labelled statements (the stance corpus, the devset, or a user's own file) in
 * place. A missing or unreadable file stops with one line naming it and what to do.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CorpusError, parseRows, type LabelledRow } from '../../src/train/rows.ts';

export { CorpusError, type LabelledRow };

/** The rows of one JSONL file; a bad line names the file, the line and the field. */
export function readRows(file: string): LabelledRow[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CorpusError(`${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? String(e)}) — check the path, or restore the file from ../shared/`);
  }
  return parseRows(text, file);
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

/**
 * Labelled statements in the stance corpus's format (one JSON object per line: `id`,
 * `paragraph`, `quote`, `stance`, and `outlet`, `date`, `speaker`, `pattern` when known),
 * parsed from text. A bad line names the file, the line and the field.
 */
import { MODEL_CLASSES, type ModelClass } from '../engine/model/classifier.ts';

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

/** The rows of one JSONL text read from `file`. */
export function parseRows(text: string, file: string): LabelledRow[] {
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

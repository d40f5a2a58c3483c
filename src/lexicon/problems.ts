/**
 * Problems with a lexicon, in one shape for the compiler (source format) and the
 * validator (compiled format): which file, which entry, which field, and a message
 * that says what is wrong and what to do about it. One reporter collects them.
 */
import { isObject } from '../vocab/vocab.ts';

export interface Problem {
  /** the lexicon file (or whatever name the caller gave) */
  file: string;
  /** the entry: "lexicon", "seeds[0]", "actors[3] (hegseth)", "statements[7] (q-bacon-1)" */
  entry: string;
  /** the field inside the entry: "stance", "aliases[2].text" */
  field?: string;
  /** what is wrong and what to do about it */
  message: string;
}

/** ids: lower-case letters and digits in groups joined by single hyphens */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** x.y.z with an optional -pre-release or +build suffix */
export const VERSION = /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?$/;

/** Collects the problems (and warnings) of one run over one lexicon file. */
export class ProblemReporter {
  readonly problems: Problem[] = [];
  readonly warnings: Problem[] = [];
  constructor(private readonly file: string) {}

  problem(entry: string, field: string | undefined, message: string): void {
    this.problems.push(this.make(entry, field, message));
  }

  warn(entry: string, field: string | undefined, message: string): void {
    this.warnings.push(this.make(entry, field, message));
  }

  private make(entry: string, field: string | undefined, message: string): Problem {
    return field === undefined ? { file: this.file, entry, message } : { file: this.file, entry, field, message };
  }

  /**
   * Each item of a list section ("actors", "statements", "cues"): named by index and
   * id; an item that is not an object is reported (as `what`, e.g. "an actor") and skipped.
   */
  each(list: readonly unknown[], section: string, what: string, visit: (item: Record<string, unknown>, entry: string, index: number) => void): void {
    list.forEach((item, i) => {
      const entry = entryName(section, i, item);
      if (!isObject(item)) this.problem(entry, undefined, `${what} must be an object, got ${describe(item)}`);
      else visit(item, entry, i);
    });
  }
}

/** How a problem names an item of a list: "actors[3] (hegseth)", or "actors[3]" without an id. */
export function entryName(section: string, index: number, item: unknown): string {
  const id = isObject(item) && typeof item.id === 'string' && item.id !== '' ? ` (${item.id})` : '';
  return `${section}[${index}]${id}`;
}

/** A value as a message names it: "null", "an array", the string "…", number 3. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(clip(value, 40))}`;
  return `${typeof value} ${String(value)}`;
}

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** One line per problem: `file: entry field: message`. */
export function formatProblems(problems: Problem[]): string {
  return problems.map((p) => `${p.file}: ${p.entry}${p.field ? ` ${p.field}` : ''}: ${p.message}`).join('\n');
}

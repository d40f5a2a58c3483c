/**
 * Importing a lexicon from the files the user selected at once: either a lexicon
 * source file (`*.lexicon.json`) together with its seed text file(s), compiled with
 * compileLexicon, or an already compiled lexicon (`format: 1`), validated with
 * validateCompiled. Pure apart from t(): the file text is data and is only ever shown
 * as text.
 */
import { compileLexicon } from '../lexicon/compile.ts';
import { isObject } from '../vocab/vocab.ts';
import type { Problem } from '../lexicon/problems.ts';
import type { CompiledLexicon } from '../lexicon/types.ts';
import { validateCompiled } from '../lexicon/validate-compiled.ts';
import { t } from '../i18n.ts';

export interface ImportFile {
  name: string;
  text: string;
}

export type ImportOutcome =
  { ok: true; kind: 'source' | 'compiled'; name: string; lexicon: CompiledLexicon; warnings: Problem[] } | { ok: false; problems: Problem[] };

/** Larger files are refused before they are read (the bundled lexicon is ~110 KB). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

export function importLexicon(files: readonly ImportFile[]): ImportOutcome {
  const refuse = (file: string, message: string, entry = 'lexicon'): ImportOutcome => ({ ok: false, problems: [{ file, entry, message }] });
  const jsons = files.filter((f) => /\.json$/i.test(f.name));
  const names = files.map((f) => f.name).join(', ');
  if (jsons.length === 0) return refuse(names || '—', t('importNoLexiconFile'));
  if (jsons.length > 1) return refuse(jsons.map((f) => f.name).join(', '), t('importSeveralLexiconFiles'));
  const file = jsons[0]!;
  let parsed: unknown;
  try {
    parsed = JSON.parse(file.text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return refuse(file.name, t('importNotJson', e instanceof Error ? e.message : String(e)));
  }

  if (isObject(parsed) && 'format' in parsed) {
    const checked = validateCompiled(parsed, file.name);
    return checked.ok ? { ok: true, kind: 'compiled', name: file.name, lexicon: checked.lexicon, warnings: [] } : checked;
  }

  // a source file: its seeds, by the names it lists, from the other selected files
  const others = files.filter((f) => f !== file);
  const seeds: Record<string, string> = {};
  const missing = new Set<number>();
  if (isObject(parsed) && Array.isArray(parsed.seeds)) {
    parsed.seeds.forEach((seed, i) => {
      if (typeof seed !== 'string') return;
      const hit = others.find((f) => f.name === seed) ?? others.find((f) => f.name === baseName(seed));
      if (hit) seeds[seed] = hit.text;
      else missing.add(i);
    });
  }
  const result = compileLexicon(parsed, seeds, file.name);
  if (result.ok) return { ok: true, kind: 'source', name: file.name, lexicon: result.lexicon, warnings: result.warnings };
  // the compiler says "could not be read"; in a browser the cause is a seed file not selected
  const problems = result.problems.map((p): Problem => {
    const m = /^seeds\[(\d+)\]$/.exec(p.entry);
    if (m && missing.has(Number(m[1])) && p.message.includes('could not be read')) {
      const seed = (parsed as { seeds: string[] }).seeds[Number(m[1])]!;
      return { ...p, message: t('importSeedMissing', baseName(seed)) };
    }
    return p;
  });
  return { ok: false, problems };
}

/** Reads the selected files (refusing oversized ones) and imports them. */
export async function importFiles(list: ArrayLike<File>): Promise<ImportOutcome> {
  const files = Array.from(list);
  const big = files.find((f) => f.size > MAX_FILE_BYTES);
  if (big) return { ok: false, problems: [{ file: big.name, entry: 'lexicon', message: t('importTooLarge', Math.round(MAX_FILE_BYTES / 1024 / 1024)) }] };
  const read = await Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() })));
  return importLexicon(read);
}

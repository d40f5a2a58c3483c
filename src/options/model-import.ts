/**
 * Importing a stance model file written by `stance-lens train` (or `npm run train`):
 * read as JSON and checked by the engine's own checkModel, so a file the engine would
 * refuse is refused here, with the same message, before anything is stored.
 */
import { checkModel, ModelError, type ModelFile } from '../engine/model/classifier.ts';
import { t } from '../i18n.ts';

export type ModelImport = { ok: true; name: string; file: ModelFile } | { ok: false; message: string };

/** Larger files are refused before they are read (the bundled model is ~400 KB). */
export const MAX_MODEL_BYTES = 8 * 1024 * 1024;

export function importModel(name: string, text: string): ModelImport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, message: `${name}: ${t('importNotJson', e instanceof Error ? e.message : String(e))}` };
  }
  try {
    return { ok: true, name, file: checkModel(parsed) };
  } catch (e) {
    if (e instanceof ModelError) return { ok: false, message: `${name}: ${e.message}` };
    throw e;
  }
}

/** Reads the one selected file (refusing an oversized one) and imports it. */
export async function importModelFile(file: File): Promise<ModelImport> {
  if (file.size > MAX_MODEL_BYTES) return { ok: false, message: `${file.name}: ${t('importTooLarge', Math.round(MAX_MODEL_BYTES / 1024 / 1024))}` };
  return importModel(file.name, await file.text());
}

/** A model that kept no threshold (every threshold at 1) leaves pro and contra unknown. */
export function abstainsAlways(file: ModelFile): boolean {
  return file.thresholds.polar >= 1;
}

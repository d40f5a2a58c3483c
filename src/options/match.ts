import { foldString } from '../text/normalize.ts';

/** Case-, diacritic- and quote-insensitive "contains", like the engine reads text. */
export function matcher(query: string): (...fields: Array<string | null | undefined>) => boolean {
  const q = foldString(query.trim());
  return (...fields) => q === '' || fields.some((f) => f != null && foldString(f).includes(q));
}

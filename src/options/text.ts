/** Small text helpers of the options page. */
import type { CompiledLexicon } from '../lexicon/types.ts';

/** A setting's value as part of a message key: `on-demand` → `on_demand`. */
export const keyPart = (s: string): string => s.replace('-', '_');

/** How the page names a lexicon: title, id and version. */
export function lexiconLabel(l: CompiledLexicon): string {
  return `${l.title} (${l.id} ${l.version})`;
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

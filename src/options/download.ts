import { stringifyCompiled } from '../lexicon/stringify.ts';
import type { CompiledLexicon } from '../lexicon/types.ts';

/** Saves `lexicon` as a JSON download (an anchor with a blob URL: no permission needed). */
export function downloadLexicon(lexicon: CompiledLexicon): void {
  const blob = new Blob([stringifyCompiled(lexicon)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${lexicon.id}-${lexicon.version}.compiled.json`;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

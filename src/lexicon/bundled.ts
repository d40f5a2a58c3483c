/** The lexicon compiled from seeds/ by `npm run lexicon` (src/lexicon/seed.lexicon.json). */
import type { CompiledLexicon } from './types.ts';
import compiled from './seed.lexicon.json' with { type: 'json' };

export const bundledLexicon = compiled as unknown as CompiledLexicon;

/**
 * What ships with the extension and the CLI as data: the lexicon compiled from seeds/ by
 * `npm run lexicon` (src/lexicon/seed.lexicon.json) and the stance model trained by
 * `npm run train` (src/lexicon/stance.model.json).
 */
import type { CompiledLexicon } from './types.ts';
import compiled from './seed.lexicon.json' with { type: 'json' };
import model from './stance.model.json' with { type: 'json' };

export const bundledLexicon = compiled as unknown as CompiledLexicon;

/** The model file as shipped; read it with loadModel() (src/engine/model/classifier.ts). */
export const bundledModelFile: unknown = model;

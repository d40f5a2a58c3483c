/**
 * The stance model trained by `npm run train` (src/lexicon/stance.model.json), shipped
 * as data with the extension's background and the CLI; read it with loadModel()
 * (src/engine/model/classifier.ts). Its own module, so that pages which do not judge
 * stance (popup, options) do not load it.
 */
import model from './stance.model.json' with { type: 'json' };

export const bundledModelFile: unknown = model;

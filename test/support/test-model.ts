/**
 * A tiny stance model written for tests (not trained on any corpus): "aggression"
 * pushes pro-Ukraine, "regime" contra; its thresholds and training record are made up.
 */
import { MODEL_CLASSES, MODEL_FORMAT, MODEL_VERSION, type ModelFile } from '../../src/engine/model/classifier.ts';
import { FEATURE_SET } from '../../src/engine/model/features.ts';

export function testModelFile(over: Partial<ModelFile> = {}): ModelFile {
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    featureSet: FEATURE_SET,
    id: 'my-newsroom-model',
    classes: [...MODEL_CLASSES],
    scale: 1000,
    temperature: 1,
    thresholds: { polar: 0.6, neutral: 0.5, none: 0.5 },
    bias: [0, 0, 500, 0],
    vocab: ['w:aggression', 'w:regime'],
    weights: [3000, 0, 0, 0, 0, 3000, 0, 0],
    training: { rows: 240, period: { from: '2025-03-01', to: '2025-11-30' } },
    ...over,
  };
}

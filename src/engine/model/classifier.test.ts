import { describe, expect, it } from 'vitest';
import { bundledLexicon } from '../../lexicon/bundled.ts';
import { bundledModelFile } from '../../lexicon/bundled-model.ts';
import { analyze } from '../analyze.ts';
import type { CompiledLexicon } from '../../lexicon/types.ts';
import type { ModelEvidence, Statement } from '../types.ts';
import { MODEL_CLASSES, checkModel, loadModel, ModelError, StanceModel, type ModelFile } from './classifier.ts';
import { testModelFile } from '../../../test/support/test-model.ts';

const shipped = loadModel(bundledModelFile);
const model = shipped.model!;

/** A tiny model written for tests: "aggression" pushes pro, "regime" contra. */
function tinyModel(over: Partial<ModelFile> = {}): ModelFile {
  return testModelFile({ id: 'tiny', training: {}, ...over });
}

const modelEvidence = (st: Statement | undefined) => st?.evidence.find((e): e is ModelEvidence => e.kind === 'model');

describe('the stance model', () => {
  it('the shipped model loads and is within the size the extension can carry', () => {
    expect(shipped.error).toBeUndefined();
    expect(model.file.vocab.length).toBeGreaterThan(1000);
    expect(JSON.stringify(bundledModelFile).length).toBeLessThan(1_500_000);
  });

  it('labels, abstains and explains by its own weights and thresholds', () => {
    const m = new StanceModel(tinyModel());
    const pro = m.predict('They condemned the aggression');
    expect(pro.label).toBe('pro-ukraine');
    expect(pro.terms[0]).toMatchObject({ text: 'aggression', toward: 'pro-ukraine' });
    expect(m.predict('The regime fell').label).toBe('contra-ukraine');
    // words it does not know: the bias leans neutral (softmax of 0, 0, 0.5, 0 = 0.35), below its 0.5: it abstains
    const none = m.predict('Nothing here');
    expect(none.top).toBe('neutral');
    expect(none.label).toBeNull();
    const sum = Object.values(pro.probabilities).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 3);
  });

  it('refuses a model file that does not fit this code, saying what is wrong and what to do', () => {
    const cases: Array<[unknown, RegExp]> = [
      [null, /not a model file/],
      [{ ...tinyModel(), format: 'other' }, /format/],
      [{ ...tinyModel(), version: 2 }, /version 2/],
      [{ ...tinyModel(), featureSet: 'old/0' }, /features "old\/0"/],
      [{ ...tinyModel(), classes: ['pro-ukraine', 'contra-ukraine'] }, /classes/],
      [{ ...tinyModel(), weights: [1, 2, 3] }, /3 weights for 2 features × 4 classes/],
      [{ ...tinyModel(), thresholds: { polar: 2, neutral: 0.5, none: 0.5 } }, /thresholds/],
      [{ ...tinyModel(), vocab: ['w:a', 'w:a'], weights: new Array(8).fill(0) }, /repeats/],
      [{ ...tinyModel(), scale: 1e-320 }, /scale must be a finite number ≥ 1/],
      [{ ...tinyModel(), scale: Infinity }, /scale/],
      [{ ...tinyModel(), temperature: 0 }, /temperature/],
      [{ ...tinyModel(), weights: [3000, 0, 0, 0, 0, 3e9, 0, 0] }, /weights must be integers within ±1000000/],
      [{ ...tinyModel(), extra: 1 }, /unknown field "extra"/],
    ];
    for (const [file, message] of cases) {
      expect(() => checkModel(file)).toThrow(ModelError);
      expect(() => checkModel(file)).toThrow(message);
      const loaded = loadModel(file);
      expect(loaded.model).toBeNull();
      expect(loaded.error).toMatch(/npm run train/);
    }
  });

  it('a refused model leaves seed quotes and cues to judge, and the report says so — never a crash', () => {
    const bad = loadModel({ ...tinyModel(), version: 99 });
    const text = '“We will never accept Russian aggression,” Kallas said.';
    const report = analyze(text, bundledLexicon, { source: 't', model: bad.model, modelError: bad.error });
    expect(report.model).toMatchObject({ id: null, status: 'unavailable' });
    expect(report.model!.message).toMatch(/version 99.*seed quotes and cue phrases judged stance alone/);
    const st = report.statements[0]!;
    expect(st.evidence.some((e) => e.kind === 'model')).toBe(false);
    expect(st.evidence.some((e) => e.kind === 'cue')).toBe(true);
    expect(analyze(text, bundledLexicon, { source: 't' }).model).toEqual({ id: null, status: 'off' });
  });

  it('never from who speaks: the same words given to different speakers get the same label and confidence', () => {
    const words = 'We will keep supporting Ukraine with air defence for as long as it takes, because its security is our security';
    // the speaker, their description (with verbs and negations of its own) and the framing changed
    const pages = [
      `“${words},” said Vladimir Putin.`,
      `“${words},” said Kaja Kallas, the EU's top diplomat, who accused Moscow and warned the West.`,
      `Dmitry Peskov, the Kremlin spokesman, who denied any ties and has never opposed the Kremlin, told reporters: “${words}.”`,
      `“${words},” wrote Jane Roe, a farmer from Ohio who hailed and praised the Ukrainian army.`,
      `Edward Said wrote: “${words}.” Officials did not comment and denied the report. Officials did not comment and denied the report.`,
    ];
    const judged = pages.map((p) => analyze(p, bundledLexicon, { source: 't', model }).statements.find((s) => s.text.startsWith('We will keep')));
    expect(judged.every(Boolean)).toBe(true);
    const speakers = new Set(judged.map((s) => s!.speaker));
    expect(speakers.size).toBeGreaterThanOrEqual(3);
    const first = judged[0]!;
    for (const st of judged) {
      expect(st!.stance).toBe(first.stance);
      expect(st!.confidence).toBe(first.confidence);
      expect(modelEvidence(st)?.probability).toBe(modelEvidence(first)?.probability);
    }
  });

  it('a sentence said over and over is no surer than said once', () => {
    const once = 'The negotiations must take into account the realities on the ground.';
    const p1 = model.predict(once);
    const p5 = model.predict(Array.from({ length: 5 }, () => once).join(' '));
    expect(p5.probability).toBe(p1.probability);
    expect(p5.label).toBe(p1.label);
  });

  it('each model label lists the words that decided it, with their direction and weight', () => {
    const report = analyze('“Russia must be held accountable for the war crimes in Bucha and for its aggression,” the minister said.', bundledLexicon, {
      source: 't',
      model,
    });
    const st = report.statements[0]!;
    const ev = modelEvidence(st)!;
    expect(ev).toBeDefined();
    expect(ev.modelId).toBe(model.id);
    expect(ev.terms.length).toBeGreaterThan(0);
    for (const t of ev.terms) {
      expect(t.weight).toBeGreaterThan(0);
      expect(MODEL_CLASSES).toContain(t.toward);
      expect(st.text).toContain(t.text);
    }
    if (!ev.abstained) {
      expect(st.stance).toBe(ev.stance);
      expect(st.confidence).toBe(ev.probability);
      expect(ev.terms[0]!.toward).toBe(ev.stance);
    }
    expect(ev.reason).toMatch(/stance model/);
  });

  it('an imported lexicon of the user keeps working with the bundled model', () => {
    const mine: CompiledLexicon = { ...bundledLexicon, id: 'mine', version: '2', actors: bundledLexicon.actors.slice(0, 2), statements: [], cues: [] };
    const report = analyze('“We stand with Ukraine for as long as it takes,” said Jane Roe.', mine, { source: 't', model });
    expect(report.lexicon).toEqual({ id: 'mine', version: '2' });
    expect(report.model).toEqual({ id: model.id, status: 'ok' });
    expect(modelEvidence(report.statements[0])).toBeDefined();
  });

  it('unrelated news gets no pro or contra label', () => {
    const report = analyze('“We scored three goals in the second half and the fans were amazing,” the coach said after the match.', bundledLexicon, {
      source: 't',
      model,
    });
    for (const st of report.statements) expect(['pro-ukraine', 'contra-ukraine']).not.toContain(st.stance);
  });
});

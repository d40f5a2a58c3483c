import { describe, expect, it } from 'vitest';
import { fold, toOriginal } from './normalize.ts';
import { analyze } from '../engine/analyze.ts';
import { bundledLexicon } from '../lexicon/bundled.ts';

describe('fold', () => {
  it('folds case, diacritics, quote marks, dashes and whitespace with a map back', () => {
    const text = 'Zelenskiy’s  “Café”\n— OK';
    const f = fold(text);
    expect(f.text).toBe('zelenskiy\'s "cafe" - ok');
    const at = f.text.indexOf('cafe');
    const span = toOriginal(f, at, at + 4);
    expect(text.slice(span.start, span.end)).toBe('Café');
  });

  it('keeps every offset inside the text for scripts that expand (Hangul, ß, emoji)', () => {
    for (const text of ['한국어 뉴스 “인용”', 'がんばって', 'Straße', '👍🏽 ok', 'e\u0301te\u0301']) {
      const f = fold(text);
      expect(f.map.length).toBe(f.text.length + 1);
      for (const o of f.map) (expect(o).toBeGreaterThanOrEqual(0), expect(o).toBeLessThanOrEqual(text.length));
    }
  });

  it('analyses non-Latin pages without throwing', () => {
    const text = '대통령은 “평화가 필요하다”고 말했다.\n\n「平和が必要だ」と述べた。';
    expect(() => analyze(text, bundledLexicon, { source: 'cjk' })).not.toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { aboutOf, featuresOf } from './features.ts';

const keys = (text: string) => featuresOf(text).map((f) => f.key);

describe('stance model features', () => {
  it('reads words and word pairs, with what a word is about', () => {
    const k = keys('The Kyiv regime must go');
    expect(k).toEqual(expect.arrayContaining(['w:kyiv', 'e:@ua', 'b:@ua_regime', 'w:regime']));
    expect(aboutOf('ukrainian')).toBe('@ua');
    expect(aboutOf('kremlin')).toBe('@ru');
    expect(aboutOf('nato')).toBe('@west');
    expect(aboutOf('peace')).toBeNull();
  });

  it('marks words inside a negation up to the end of the clause', () => {
    const k = keys('We will not recognise the annexation, and we support Ukraine');
    expect(k).toContain('n:recognise');
    expect(k).toContain('n:annexation');
    expect(k).not.toContain('n:support');
    // no pair across the comma
    expect(k).not.toContain('b:annexation_and');
  });

  it('a phrase said twice is no more evidence than once; a cue side keeps its strongest cue', () => {
    const once = featuresOf('The regime must fall.');
    const twice = featuresOf('The regime must fall. The regime must fall.');
    expect(new Map(twice.map((f) => [f.key, f.value]))).toEqual(new Map(once.map((f) => [f.key, f.value])));
    const cues = featuresOf('x', [
      { stance: 'pro-ukraine', weight: 0.4, start: 0, end: 1 },
      { stance: 'pro-ukraine', weight: 0.9, start: 0, end: 1 },
    ]);
    expect(cues.find((f) => f.key === 'c:pro-ukraine')?.value).toBe(0.9);
  });

  it('keeps the offsets of the words each feature came from', () => {
    const text = 'Sanctions must stay';
    for (const f of featuresOf(text)) {
      if (f.key.startsWith('w:')) expect(text.slice(f.start, f.end).toLowerCase()).toBe(f.key.slice(2));
    }
  });

  it('counts cue phrases by the side they point to', () => {
    const f = featuresOf('Russian aggression', [{ stance: 'pro-ukraine', weight: 0.6, start: 0, end: 18 }]);
    expect(f.find((x) => x.key === 'c:pro-ukraine')).toMatchObject({ value: 0.6, start: 0, end: 18 });
  });
});

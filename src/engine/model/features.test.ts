import { describe, expect, it } from 'vitest';
import { aboutOf, featuresOf } from './features.ts';

const keys = (text: string, context?: string) => featuresOf(text, [], { context }).map((f) => f.key);

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

  it('takes from the passage around the statement only how it is framed: its speech verbs and negators', () => {
    const k = keys('We will win', 'Ukrainian President Volodymyr Zelenskiy, a former radio journalist, said, rejecting a deal, and denied it');
    expect(k).toEqual(expect.arrayContaining(['x:said', 'x:denied']));
    const around = k.filter((x) => x.startsWith('x:'));
    // nothing that names or describes the speaker: no name, title, office or description
    expect(around.sort()).toEqual(['x:denied', 'x:said']);
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

/** The role vocabulary read over text: which office, nation and body a phrase names. */
import { describe, expect, it } from 'vitest';
import { RoleVocabulary } from './roles.ts';
import { bundledLexicon } from '../lexicon/bundled.ts';
import { tokenize } from '../text/paragraphs.ts';

const vocab = new RoleVocabulary(bundledLexicon.roles ?? []);
const first = (text: string) => {
  const m = vocab.find(tokenize(text, 0, text.length))[0];
  return m ? { office: m.office, nation: m.nation, body: m.body, former: m.former, words: text.slice(m.start, m.end) } : null;
};

describe('role phrases', () => {
  it.each([
    ["Finland's President Aino Virtanen", { office: 'president', nation: 'finland', body: null, former: false, words: "Finland's President" }],
    ['Estonian Foreign Minister Liis Tamm', { office: 'foreign-minister', nation: 'estonia', body: null, former: false, words: 'Estonian Foreign Minister' }],
    ['U.K. Defence Secretary Tom Ashby', { office: 'defence-minister', nation: 'united-kingdom', body: null, former: false, words: 'U.K. Defence Secretary' }],
    ["Poland's former president Jan Nowicki", { office: 'president', nation: 'poland', body: null, former: true, words: "Poland's former president" }],
    ['the Kremlin spokesman said', { office: 'spokesperson', nation: 'russia', body: 'kremlin', former: false, words: 'the Kremlin spokesman' }],
    [
      'the head of the presidential office',
      { office: 'head', nation: null, body: 'presidential-office', former: false, words: 'the head of the presidential office' },
    ],
    ['the US president', { office: 'president', nation: 'united-states', body: null, former: false, words: 'the US president' }],
  ])('%s', (text, expected) => {
    expect(first(text)).toEqual(expected);
  });

  it('a nation alone is no role', () => {
    expect(first('France and Germany signed the declaration')).toBeNull();
  });

  it('a lexicon actor’s role text gives the signature used to resolve titles', () => {
    expect(vocab.signatureOf('Kremlin spokesman (Press Secretary of the President of Russia)')).toEqual({
      office: 'spokesperson',
      nation: 'russia',
      body: 'kremlin',
      former: false,
    });
    expect(vocab.signatureOf('UK Secretary of State for Defence')).toMatchObject({ office: 'defence-minister', nation: 'united-kingdom' });
  });
});

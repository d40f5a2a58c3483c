/**
 * A one-actor lexicon source and its seed for unit tests of what stores, imports and
 * shows a lexicon (src/settings.test.ts, src/options/App.test.tsx): Jane Doe, one
 * statement and one cue, compiled against a two-paragraph seed.
 */
import { compileLexicon } from '../../src/lexicon/compile.ts';
import type { CompiledLexicon } from '../../src/lexicon/types.ts';

export const TEST_SEED_NAME = 'test-seed.txt';
export const TEST_SEED =
  'Jane Doe, the mayor of Exampleville, said on Monday: “We will never abandon Ukraine.”\n\nJohn Roe said the talks were “a waste of time”.\n';
const SOURCE = {
  id: 'test-lexicon',
  version: '0.1.0',
  title: 'Test lexicon',
  seeds: [TEST_SEED_NAME],
  actors: [
    {
      id: 'doe',
      name: 'Jane Doe',
      kind: 'person',
      role: 'Mayor of Exampleville',
      affiliation: 'Exampleville',
      pronoun: 'she',
      source: 'seed',
      aliases: [
        { text: 'Jane Doe', kind: 'name', source: 'seed' },
        { text: 'Doe', kind: 'surname', source: 'seed' },
      ],
    },
  ],
  statements: [{ id: 'q-doe-1', speaker: 'doe', kind: 'direct', text: 'We will never abandon Ukraine', stance: 'pro-ukraine', reason: 'Commits to Ukraine.' }],
  cues: [
    {
      id: 'pro-abandon-ukraine',
      phrase: 'abandon* ukraine',
      stance: 'pro-ukraine',
      weight: 0.8,
      negation: 'keep',
      reason: "The critics' charge.",
      source: 'seed',
    },
  ],
};

/** A fresh, mutable copy of the test lexicon's source. */
export const testSource = (): typeof SOURCE => structuredClone(SOURCE);

/** The test lexicon compiled (as test.lexicon.json); throws on any problem. */
export function compiledTestLexicon(): CompiledLexicon {
  const r = compileLexicon(testSource(), { [TEST_SEED_NAME]: TEST_SEED }, 'test.lexicon.json');
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.lexicon;
}

/**
 * The seed article (seeds/000_9cad41e55c3eddb4.txt) for unit tests: its text and the
 * actors quoted in it, whether directly or in reported speech (src/lexicon/compile.test.ts
 * checks the lexicon has a statement for each, src/engine/analyze.test.ts that the
 * engine finds each in the article).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SEED_NAME = '000_9cad41e55c3eddb4.txt';
export const SEED_TEXT = readFileSync(join(import.meta.dirname, '..', '..', 'seeds', SEED_NAME), 'utf8');

/** Every speaker of the seed article (lexicon ids). */
export const SEED_SPEAKERS: readonly string[] = [
  'trump',
  'hegseth',
  'zelenskiy',
  'kallas',
  'bacon',
  'landsbergis',
  'wallace',
  'berzina',
  'graham',
  'peskov',
  'european-joint-statement',
];

/** The people the seed article mentions without quoting them (lexicon ids). */
export const SEED_MENTIONED: readonly string[] = ['putin', 'witkoff', 'bessent', 'biden'];

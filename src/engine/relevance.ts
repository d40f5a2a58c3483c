/**
 * A cheap first look at a page: does it name anyone in the lexicon, or the war at
 * all? Pages that do not (most of the web) skip the engine, so they cost little more
 * than reading their text. One regular expression per lexicon, built once.
 */
import type { CompiledLexicon } from '../lexicon/types.ts';

const TOPIC = ['ukrain', 'russia', 'kyiv', 'kiev', 'kremlin', 'moscow', 'nato'];
const cache = new WeakMap<CompiledLexicon, RegExp>();

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function relevanceTest(lexicon: CompiledLexicon): RegExp {
  let re = cache.get(lexicon);
  if (!re) {
    const words = new Set<string>(TOPIC);
    for (const actor of lexicon.actors) {
      for (const alias of actor.aliases) {
        if (alias.kind !== 'name' && alias.kind !== 'surname') continue;
        const last = alias.folded
          .split(/[\s'’-]+/)
          .filter((w) => w.length >= 4)
          .pop();
        if (last) words.add(last);
      }
    }
    re = new RegExp(
      [...words]
        .sort((a, b) => b.length - a.length)
        .map(escape)
        .join('|'),
      'i',
    );
    cache.set(lexicon, re);
  }
  return re;
}

/** True when the text may hold something for the engine (a lexicon name or the war itself). */
export function mayConcernLexicon(text: string, lexicon: CompiledLexicon): boolean {
  return relevanceTest(lexicon).test(text);
}

/** The compiler's cues: each checked, its phrase parsed into word slots, its words found in a seed. */
import { foldString, words } from '../text/normalize.ts';
import { LABELLED_STANCES } from '../vocab/vocab.ts';
import { describe } from './problems.ts';
import { matchSlots, type Seeds } from './seed-text.ts';
import { quote, type SourceReporter } from './source-reporter.ts';
import { NEGATIONS, SOURCES, type CompiledCue, type Provenance } from './types.ts';

const CUE_FIELDS = ['id', 'phrase', 'stance', 'weight', 'negation', 'reason', 'source'];
/** minimum length of the stem before a trailing * in a cue word */
const MIN_PREFIX = 3;

/** Checks and compiles the source's cues (`list`). */
export function compileCues(r: SourceReporter, list: readonly unknown[], seeds: Seeds): CompiledCue[] {
  const out: CompiledCue[] = [];
  const ids = new Map<string, number>();
  const keys = new Map<string, number>();
  r.each(list, 'cues', 'a cue', (item, entry, ci) => {
    r.fields(item, entry, '', CUE_FIELDS, CUE_FIELDS);
    const cid = r.uniqueId(item, entry, ids, ci, 'cues', 'cue');
    const stance = r.oneOf(item, 'stance', entry, LABELLED_STANCES, 'stance label');
    const negation = r.oneOf(item, 'negation', entry, NEGATIONS, 'negation rule');
    const reason = r.string(item, 'reason', entry);
    const cueSource = r.oneOf(item, 'source', entry, SOURCES, 'source');
    const weight = weightOf(r, item, entry);
    const phrase = r.string(item, 'phrase', entry);
    const slots = phrase === undefined ? null : parsePhrase(phrase, entry, r);
    let from: Provenance = 'curated';
    if (slots !== null) {
      const key = slots.map((s) => s.join('|')).join(' ');
      const prev = keys.get(key);
      if (prev !== undefined) r.problem(entry, 'phrase', `same phrase as cues[${prev}] — merge the two cues or remove one`);
      else keys.set(key, ci);
      if (seeds.complete && cueSource !== undefined) from = cueProvenance(r, entry, phrase!, slots, cueSource, seeds);
    }
    if (
      cid !== undefined &&
      phrase !== undefined &&
      slots !== null &&
      stance !== undefined &&
      weight !== undefined &&
      negation !== undefined &&
      reason !== undefined &&
      cueSource !== undefined
    ) {
      out.push({ id: cid, phrase, slots, stance, weight, negation, reason, from });
    }
  });
  return out;
}

function weightOf(r: SourceReporter, item: Record<string, unknown>, entry: string): number | undefined {
  if (!('weight' in item)) return undefined;
  const w = item.weight;
  if (typeof w !== 'number' || !Number.isFinite(w)) {
    r.problem(entry, 'weight', `must be a number, got ${describe(w)} — use a number greater than 0 and at most 1`);
  } else if (w <= 0 || w > 1) {
    r.problem(entry, 'weight', `weight ${w} is out of range — use a number greater than 0 and at most 1 (1 = decisive, 0.3 = weak)`);
  } else return w;
  return undefined;
}

/** A "seed" cue's words in a seed (a problem when nowhere); a hint for a "curated" cue whose words are there. */
function cueProvenance(r: SourceReporter, entry: string, phrase: string, slots: string[][], cueSource: string, seeds: Seeds): Provenance {
  let hit: { seed: string; offset: number } | undefined;
  for (const seed of seeds.index) {
    const at = matchSlots(seed, slots);
    if (at >= 0) {
      hit = { seed: seed.name, offset: at };
      break;
    }
  }
  if (cueSource === 'seed') {
    if (hit) return hit;
    r.problem(entry, 'source', `cue '${phrase}' is marked source "seed" but its words do not occur in ${seeds.inSeeds} — mark it "curated"`);
  } else if (hit) {
    r.warn(entry, 'source', `cue '${phrase}' matches seed ${hit.seed} at offset ${hit.offset} — mark it "seed" to record where`);
  }
  return 'curated';
}

/** Parses a cue phrase into word slots (alternatives per word); reports every syntax problem; null when invalid. */
function parsePhrase(phrase: string, entry: string, r: SourceReporter): string[][] | null {
  if (phrase !== phrase.trim() || /\s\s/.test(phrase) || /[\t\n\r]/.test(phrase)) {
    r.problem(entry, 'phrase', `${quote(phrase)} has leading, trailing, double or non-space whitespace — separate words with single spaces`);
    return null;
  }
  let ok = true;
  const slots: string[][] = [];
  for (const slot of phrase.split(' ')) {
    const parts = slot.split('|');
    if (parts.some((p) => p === '')) {
      r.problem(entry, 'phrase', `word '${slot}' has an empty alternative — write alternatives as 'a|b', without a leading, trailing or double '|'`);
      ok = false;
      continue;
    }
    const alternatives: string[] = [];
    for (const alt of parts) {
      const parsed = parseAlternative(alt);
      if (typeof parsed !== 'string') {
        r.problem(entry, 'phrase', parsed.problem);
        ok = false;
      } else if (alternatives.includes(parsed)) {
        r.warn(entry, 'phrase', `alternative '${alt}' is listed twice in '${slot}' — remove one`);
      } else alternatives.push(parsed);
    }
    slots.push(alternatives);
  }
  return ok ? slots : null;
}

/** One alternative of a cue word, compiled ("word" or "stem*"), or what is wrong with it. */
function parseAlternative(alt: string): string | { problem: string } {
  if (alt === '*') return { problem: `'*' alone is not supported: a cue is a run of consecutive words — write the word, or split the cue` };
  const star = alt.indexOf('*');
  if (star >= 0 && star !== alt.length - 1) return { problem: `'${alt}': '*' may only end a word (prefix match, as in 'abandon*')` };
  const prefix = star >= 0;
  const stem = prefix ? alt.slice(0, -1) : alt;
  const folded = foldString(stem);
  const ws = words(stem);
  if (ws.length === 0) return { problem: `'${alt}' has no letters or digits — cue words are matched word by word, punctuation is ignored` };
  if (ws.length > 1) {
    return {
      problem:
        `'${alt}' is matched as ${ws.length} words (${ws.join(' ')}) — write them as separate words ('${ws.join(' ')}'); ` +
        `hyphens and other punctuation separate words`,
    };
  }
  const word = ws[0]!;
  if (word !== folded) {
    return {
      problem: `'${alt}' is matched as '${word}${prefix ? '*' : ''}' (possessive 's and punctuation are dropped before matching) — write '${word}${prefix ? '*' : ''}'`,
    };
  }
  if (prefix && word.length < MIN_PREFIX) return { problem: `prefix '${alt}' is too short — write at least ${MIN_PREFIX} characters before '*'` };
  return prefix ? `${word}*` : word;
}

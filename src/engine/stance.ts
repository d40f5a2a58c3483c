/**
 * Stance of one statement, always with its evidence. One order of judgement:
 *  1. a seed quote found again (verbatim, or altered: reworded, shortened,
 *     re-translated) carries its curated label;
 *  2. the lexicon's cue phrases and the stance model: the model reads the statement's
 *     words, the cues found in them and the passage around them, and labels when its
 *     calibrated probability reaches the threshold chosen on held-out data; below it,
 *     the cues' side stands when the model finds that side the most probable too
 *     (cues alone decide only when no model is there: see `judgeByCues`);
 *  3. otherwise unknown — with the model's leaning shown when it abstained.
 * The speaker is never an input here: stance comes from the words alone.
 */
import type { CompiledCue, CompiledLexicon, CompiledStatement } from '../lexicon/types.ts';
import { fold, wordsOf, type Word } from '../text/normalize.ts';
import type { Prediction, StanceModel } from './model/classifier.ts';
import type { CueEvidence, Evidence, LabelledStance, ModelEvidence, SeedMatch, SeedQuoteEvidence, Stance, WordDiffPart } from './types.ts';
import { featuresOf, type Feature } from './model/features.ts';
import { NEGATORS, STOPWORDS } from '../text/wordlists.ts';

/** letters of a prefix cue's first word that index it ("abandon*" under "aba") */
const PREFIX_KEY = 3;

/** A light stem so that "sounds" and "sounded" compare equal when matching seed quotes. */
function stem(k: string): string {
  if (k.length <= 4) return k;
  return k.replace(/(?:ing|ed|es|s)$/, '');
}

export interface SeedHit {
  statement: CompiledStatement;
  match: Exclude<SeedMatch, 'none'>;
  similarity: number;
  diff: WordDiffPart[];
}

interface CueAlt {
  words: string[];
  prefixLast: boolean;
}

interface PreparedCue {
  cue: CompiledCue;
  slots: CueAlt[][];
}

export class StanceJudge {
  private seeds: Array<{ st: CompiledStatement; keys: string[]; raw: string[]; content: Set<string>; words: Word[] }> = [];
  private byContent = new Map<string, number[]>();
  private cuesByFirst = new Map<string, PreparedCue[]>();
  /** cues whose first word is a prefix ("abandon*"), by the prefix's first PREFIX_KEY letters */
  private prefixCues = new Map<string, PreparedCue[]>();
  private shortPrefixCues: PreparedCue[] = [];

  constructor(
    lexicon: CompiledLexicon,
    private readonly model: StanceModel | null = null,
  ) {
    lexicon.statements.forEach((st, i) => {
      const words = wordsOf(st.text);
      const keys = words.map((w) => stem(w.key));
      const content = new Set(keys.filter((k) => !STOPWORDS.has(k)));
      this.seeds.push({ st, keys, raw: words.map((w) => w.key), content, words });
      for (const c of content) {
        const list = this.byContent.get(c) ?? [];
        list.push(i);
        this.byContent.set(c, list);
      }
    });
    for (const cue of lexicon.cues) {
      const slots = cue.slots.map((alts) =>
        alts
          .map((alt) => {
            const prefixLast = alt.endsWith('*');
            const ws = wordsOf(prefixLast ? alt.slice(0, -1) : alt).map((w) => w.key);
            return { words: ws, prefixLast };
          })
          .filter((a) => a.words.length > 0),
      );
      if (slots.length === 0 || slots.some((s) => s.length === 0)) continue;
      const prepared = { cue, slots };
      const firsts = slots[0]!;
      for (const alt of firsts) {
        const word = alt.words[0]!;
        const prefix = alt.prefixLast && alt.words.length === 1;
        if (prefix && word.length < PREFIX_KEY) {
          // too short to index by its letters (an imported lexicon may have one): tried at every word
          if (!this.shortPrefixCues.includes(prepared)) this.shortPrefixCues.push(prepared);
          continue;
        }
        const index = prefix ? this.prefixCues : this.cuesByFirst;
        const key = prefix ? word.slice(0, PREFIX_KEY) : word;
        const list = index.get(key) ?? [];
        if (!list.includes(prepared)) list.push(prepared);
        index.set(key, list);
      }
    }
  }

  /** The seed statement this text repeats, verbatim or altered. */
  seedMatch(text: string, words: Word[] = wordsOf(text)): SeedHit | null {
    const keys = words.map((w) => stem(w.key));
    const counts = new Map<number, number>();
    const pageContent = new Set(keys.filter((k) => !STOPWORDS.has(k))).size;
    for (const k of new Set(keys)) {
      if (STOPWORDS.has(k)) continue;
      for (const i of this.byContent.get(k) ?? []) counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    let best: SeedHit | null = null;
    let bestScore = 0;
    for (const [i, shared] of counts) {
      const seed = this.seeds[i]!;
      if (shared < Math.min(2, seed.content.size)) continue;
      const share = Math.max(shared / Math.max(1, seed.content.size), shared >= 3 ? (shared / Math.max(1, pageContent)) * 0.75 : 0);
      const hit = compare(words, keys, seed.words, seed.keys, share);
      if (hit && hit.match === 'verbatim' && !sameWords(words, seed.raw, hit.similarity === 1)) {
        // equal only after stemming ("sounds" / "sounded"): altered, with the difference shown
        hit.match = 'altered';
        hit.diff = diffFrom(
          words,
          seed.words,
          lcsAlign(
            words.map((w) => w.key),
            seed.raw,
          ).pairs,
        );
      }
      if (!hit) continue;
      const score = (hit.match === 'verbatim' ? 1 : 0) + hit.similarity * Math.min(1, seed.keys.length / 6);
      if (score > bestScore) {
        bestScore = score;
        best = { statement: seed.st, ...hit };
      }
    }
    return best;
  }

  /** Cue phrases in the text, after negation. */
  cues(text: string, words: Word[] = wordsOf(text)): CueEvidence[] {
    return this.cueHits(text, words).map((h) => h.evidence);
  }

  /** Cue phrases in the text, after negation, with the offsets of their words. */
  cueHits(text: string, words: Word[] = wordsOf(text)): Array<{ evidence: CueEvidence; start: number; end: number }> {
    const keys = words.map((w) => w.key);
    // clause boundaries: negation does not reach over them
    // computed when a cue is found (most statements have none)
    let boundary: boolean[] | null = null;
    const out: Array<{ evidence: CueEvidence; start: number; end: number }> = [];
    const seen = new Set<string>();
    const none: PreparedCue[] = [];
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const exact = this.cuesByFirst.get(k) ?? none;
      const prefixed = k.length >= PREFIX_KEY ? (this.prefixCues.get(k.slice(0, PREFIX_KEY)) ?? none) : none;
      const short = this.shortPrefixCues;
      if (exact.length === 0 && prefixed.length === 0 && short.length === 0) continue;
      const cands =
        short.length === 0 && (exact.length === 0 || prefixed.length === 0) ? (exact.length === 0 ? prefixed : exact) : [...exact, ...prefixed, ...short];
      for (const pc of cands) {
        const len = matchCue(pc.slots, keys, i);
        if (len === 0) continue;
        const key = `${pc.cue.id}@${i}`;
        if (seen.has(key)) continue;
        seen.add(key);
        boundary ??= words.map((w, j) => j > 0 && /[,;.:!?\u2014\u2013]\s*$/.test(text.slice(Math.max(0, w.at - 3), w.at)));
        const negated = isNegated(keys, boundary, i);
        let stance: LabelledStance = pc.cue.stance;
        let reason = pc.cue.reason;
        if (negated) {
          if (pc.cue.negation === 'drop') continue;
          if (pc.cue.negation === 'flip') {
            stance = stance === 'pro-ukraine' ? 'contra-ukraine' : stance === 'contra-ukraine' ? 'pro-ukraine' : 'neutral';
            reason = `negated: the opposite of "${pc.cue.phrase}" (${pc.cue.reason})`;
          } else reason = `${pc.cue.reason} (negated, same side)`;
        }
        const last = words[i + len - 1]!;
        out.push({
          evidence: {
            kind: 'cue',
            cueId: pc.cue.id,
            match: words
              .slice(i, i + len)
              .map((w) => w.text)
              .join(' '),
            stance,
            weight: pc.cue.weight,
            reason,
            negated,
          },
          start: words[i]!.at,
          end: last.at + last.text.length,
        });
      }
    }
    // a cue inside a longer matched cue of the same stance does not count twice
    return out;
  }

  /** What the stance model reads: the statement's words, its cue phrases and the passage around it. */
  modelFeatures(text: string, words: Word[] = wordsOf(text), hits = this.cueHits(text, words)): Feature[] {
    return featuresOf(
      text,
      hits.map((h) => ({ stance: h.evidence.stance, weight: h.evidence.weight, start: h.start, end: h.end })),
      words,
    );
  }

  /** The stance of a statement, from its words alone. */
  judge(text: string): Judgement {
    const words = wordsOf(text);
    const seed = this.seedMatch(text, words);
    const hits = this.cueHits(text, words);
    const cues = hits.map((h) => h.evidence);
    // 1. a curated seed quote
    if (seed) {
      const ev: SeedQuoteEvidence = {
        kind: 'seed-quote',
        quoteId: seed.statement.id,
        seedText: seed.statement.text,
        seedSpeaker: seed.statement.speaker,
        reason: seed.statement.reason,
        similarity: round(seed.similarity),
      };
      const confidence = seed.match === 'verbatim' ? 0.95 : round(0.55 + 0.35 * seed.similarity);
      return { stance: seed.statement.stance, confidence, evidence: [ev, ...cues], seed };
    }
    // 2. cues and the model
    if (!this.model) return { ...judgeByCues(cues), seed: null };
    const p = this.model.predictFeatures(this.modelFeatures(text, words, hits), text);
    const ev = modelEvidence(this.model.id, p);
    // 2a. the model, sure enough on its own (its threshold keeps held-out precision ≥ 0.9)
    if (p.label && p.label !== 'none') return { stance: p.label, confidence: round(p.probability), evidence: [ev, ...cues], seed: null };
    // 2b. the cues' side, when the model finds that side the most probable too: cues alone
    //     were right 78 % of the time on held-out coverage, confirmed by the model 80–100 %
    const byCues = judgeByCues(cues);
    if ((byCues.stance === 'pro-ukraine' || byCues.stance === 'contra-ukraine') && p.top === byCues.stance) {
      const confirming = {
        ...ev,
        reason: `the stance model finds ${byCues.stance} the most probable too (${pct(p.probability)}; it needs ${pct(p.threshold)} to decide alone)`,
      };
      return { stance: byCues.stance, confidence: Math.min(byCues.confidence, round(p.probability)), evidence: [...cues, confirming], seed: null };
    }
    // 3. unknown: not about the war, or the model is not sure enough
    return { stance: 'unknown', confidence: 0, evidence: [ev, ...cues], seed: null };
  }
}

export interface Judgement {
  stance: Stance;
  confidence: number;
  evidence: Evidence[];
  seed: SeedHit | null;
}

/** The model's decision as evidence a reader can check. */
function modelEvidence(modelId: string, p: Prediction): ModelEvidence {
  const terms = p.terms.map((t) => ({ text: t.text, toward: t.toward, weight: t.weight }));
  const words = terms.filter((t) => t.toward === p.top).map((t) => `"${t.text}"`);
  const what = p.top === 'none' ? 'not about the war' : p.top;
  const reason = p.label
    ? `the stance model finds it ${what} (${pct(p.probability)})${words.length ? `, from ${words.join(', ')}` : ''}`
    : `the stance model leans ${what} (${pct(p.probability)}) but needs ${pct(p.threshold)} to decide alone`;
  return {
    kind: 'model',
    modelId,
    stance: p.top,
    probability: round(p.probability),
    threshold: round(p.threshold),
    abstained: p.label === null,
    terms,
    reason,
  };
}

function pct(x: number): string {
  return `${Math.round(x * 100)} %`;
}

/**
 * Cues alone, when no model is there (a model file that was refused): a clear one-sided
 * weight labels, cues that disagree leave it unknown, weak or neutral ones say neutral.
 */
export function judgeByCues(cues: CueEvidence[]): { stance: Stance; confidence: number; evidence: Evidence[] } {
  if (cues.length === 0) return { stance: 'unknown', confidence: 0, evidence: [] };
  let pro = 0;
  let contra = 0;
  let neutral = 0;
  for (const c of cues) {
    if (c.stance === 'pro-ukraine') pro += c.weight;
    else if (c.stance === 'contra-ukraine') contra += c.weight;
    else neutral += c.weight;
  }
  const side = pro >= contra ? 'pro-ukraine' : 'contra-ukraine';
  const hi = Math.max(pro, contra);
  const lo = Math.min(pro, contra);
  if (hi >= 0.5 && (lo === 0 || (hi >= 2 * lo && hi - lo >= 0.5))) {
    const confidence = round(Math.min(0.9, 0.35 + 0.35 * (hi - lo) - (lo > 0 ? 0.1 : 0)));
    return { stance: side, confidence, evidence: cues };
  }
  if (hi > 0 && lo > 0) return { stance: 'unknown', confidence: 0.2, evidence: cues };
  // weak one-sided cues or neutral ones: a statement on the war without a side
  return { stance: 'neutral', confidence: round(Math.min(0.7, 0.3 + 0.2 * (neutral + hi))), evidence: cues };
}

/** The page words hold the seed words (whole: the seed inside the page; else the page inside the seed) unstemmed. */
function sameWords(words: Word[], seedRaw: string[], wholeSeed: boolean): boolean {
  const raw = words.map((w) => w.key);
  return wholeSeed ? indexOfSeq(raw, seedRaw) >= 0 : indexOfSeq(seedRaw, raw) >= 0;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function matchCue(slots: CueAlt[][], keys: string[], i: number): number {
  let pos = i;
  for (const slot of slots) {
    let matched = 0;
    for (const alt of slot) {
      let ok = true;
      for (let k = 0; k < alt.words.length; k++) {
        const key = keys[pos + k];
        const w = alt.words[k]!;
        if (key === undefined) {
          ok = false;
          break;
        }
        const last = k === alt.words.length - 1;
        if (last && alt.prefixLast ? !key.startsWith(w) : key !== w) {
          ok = false;
          break;
        }
      }
      if (ok && alt.words.length > matched) matched = alt.words.length;
    }
    if (matched === 0) return 0;
    pos += matched;
  }
  return pos - i;
}

function isNegated(keys: string[], boundary: boolean[], i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 4); k--) {
    if (boundary[k + 1]) return false;
    const w = keys[k]!;
    if (w === 'but') return false;
    if (NEGATORS.has(w) || w.endsWith("n't")) {
      const next = keys[k + 1];
      if (w === 'not' && (next === 'only' || next === 'just')) return false;
      return true;
    }
  }
  return false;
}

/** Compares a page text with a seed statement at the word level. */
function compare(
  words: Word[],
  keys: string[],
  seedWords: Word[],
  seedKeys: string[],
  contentShare: number,
): { match: Exclude<SeedMatch, 'none'>; similarity: number; diff: WordDiffPart[] } | null {
  // the seed's words, in order, inside the page text: verbatim
  if (seedKeys.length >= 2 && indexOfSeq(keys, seedKeys) >= 0) {
    return { match: 'verbatim', similarity: 1, diff: [] };
  }
  // the page quotes a faithful excerpt of the seed statement
  if (keys.length >= 4 && indexOfSeq(seedKeys, keys) >= 0) {
    return { match: 'verbatim', similarity: round(keys.length / seedKeys.length), diff: [] };
  }
  if (contentShare < 0.5) return null;
  const { length: lcs, pairs } = lcsAlign(keys, seedKeys);
  const ofSeed = lcs / seedKeys.length;
  const ofPage = lcs / Math.max(1, alignedSpan(pairs));
  // "we will never accept the loss" is not "would have to accept the loss": a reworded
  // quote must keep the seed's polarity
  if (
    negations(keys, pairs) !==
    negations(
      seedKeys,
      pairs.map(([a, b]) => [b, a]),
    )
  )
    return null;
  const shortSeed = seedKeys.length <= 5 && lcs >= 3 && ofSeed >= 0.75 && ofPage >= 0.75;
  if (shortSeed || (lcs >= 4 && ((ofSeed >= 0.6 && ofPage >= 0.5) || (ofPage >= 0.8 && lcs >= 5 && ofSeed >= 0.35)))) {
    return { match: 'altered', similarity: round(ofSeed), diff: diffFrom(words, seedWords, pairs) };
  }
  return null;
}

/** Parity of negators inside the aligned region of `keys` (pairs give [index in keys, other]). */
function negations(keys: string[], pairs: Array<[number, number]>): number {
  if (pairs.length === 0) return 0;
  const from = Math.min(...pairs.map((p) => p[0]));
  const to = Math.max(...pairs.map((p) => p[0]));
  let n = 0;
  for (let i = Math.max(0, from - 3); i <= to; i++) {
    const k = keys[i]!;
    if (NEGATORS.has(k) || k.endsWith("n't")) n++;
  }
  return n % 2;
}

function alignedSpan(pairs: Array<[number, number]>): number {
  if (pairs.length === 0) return 0;
  return pairs[pairs.length - 1]![0] - pairs[0]![0] + 1;
}

function indexOfSeq(hay: string[], needle: string[]): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let k = 0; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

/** Longest common subsequence of words, with the aligned index pairs. */
function lcsAlign(a: string[], b: string[]): { length: number; pairs: Array<[number, number]> } {
  const n = a.length;
  const m = b.length;
  if (n * m > 250_000) return { length: 0, pairs: [] };
  const dp = new Uint16Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * (m + 1) + j] = a[i] === b[j] ? dp[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(dp[(i + 1) * (m + 1) + j]!, dp[i * (m + 1) + j + 1]!);
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (dp[(i + 1) * (m + 1) + j]! >= dp[i * (m + 1) + j + 1]!) i++;
    else j++;
  }
  return { length: dp[0]!, pairs };
}

/** Word diff from the seed wording to the page wording, over the aligned region. */
function diffFrom(page: Word[], seed: Word[], pairs: Array<[number, number]>): WordDiffPart[] {
  const out: WordDiffPart[] = [];
  const push = (op: WordDiffPart['op'], text: string) => {
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += ` ${text}`;
    else out.push({ op, text });
  };
  // page words that stand in for seed words before the first and after the last match count too
  let pi = pairs.length ? Math.max(0, pairs[0]![0] - pairs[0]![1]) : 0;
  let si = 0;
  for (const [a, b] of pairs) {
    while (si < b) push('removed', seed[si++]!.text);
    while (pi < a) push('added', page[pi++]!.text);
    push('same', page[a]!.text);
    pi = a + 1;
    si = b + 1;
  }
  const tail = seed.length - si;
  while (si < seed.length) push('removed', seed[si++]!.text);
  for (let k = 0; k < tail && pi < page.length; k++) push('added', page[pi++]!.text);
  return out;
}

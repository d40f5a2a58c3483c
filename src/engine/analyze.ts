/**
 * The engine's entry point: text in, report out. Pure TypeScript, no DOM: the
 * content script, the CLI and the tests all run this same function.
 */
import type { CompiledLexicon } from '../lexicon/types.ts';
import { Attributor, sentenceStarts, type ActorInfo, type Para, type RawStatement } from './attribution.ts';
import { RoleVocabulary } from './roles.ts';
import { flagsFor } from './flags.ts';
import { ActorMatcher, type Mention } from './mentions.ts';
import { findPageNames, type PageName } from './pagenames.ts';
import { findQuotes } from '../text/quotes.ts';
import type { StanceModel } from './model/classifier.ts';
import { StanceJudge } from './stance.ts';
import { runSteps } from '../text/steps.ts';
import { splitParagraphs, tokenize } from '../text/paragraphs.ts';
import type { Flag, ModelUse, Overall, Report, Speaker, Stance, StanceCounts, Statement } from './types.ts';
import { countTotal, zeroCounts } from '../vocab/vocab.ts';

export interface AnalyzeOptions {
  source: string;
  /**
   * The stance model (see ./model/classifier.ts). Without one, seed quotes and cues
   * judge alone and the report says so: `modelError` explains why a file was refused.
   */
  model?: StanceModel | null;
  modelError?: string;
}

/** What the engine keeps per lexicon: built once, reused for every page. */
interface PreparedLexicon {
  matcher: ActorMatcher;
  roles: RoleVocabulary;
  actors: Map<string, CompiledLexicon['actors'][number]>;
  /** the judge with no model, and one per model */
  plain: StanceJudge | null;
  judges: WeakMap<StanceModel, StanceJudge>;
  lexicon: CompiledLexicon;
}

interface Prepared extends PreparedLexicon {
  judge: StanceJudge;
}

const prepared = new WeakMap<CompiledLexicon, PreparedLexicon>();

function prepare(lexicon: CompiledLexicon, model: StanceModel | null = null): Prepared {
  let p = prepared.get(lexicon);
  if (!p) {
    p = {
      matcher: new ActorMatcher(lexicon),
      roles: new RoleVocabulary(lexicon.roles ?? []),
      actors: new Map(lexicon.actors.map((a) => [a.id, a])),
      plain: null,
      judges: new WeakMap(),
      lexicon,
    };
    prepared.set(lexicon, p);
  }
  let judge = model ? p.judges.get(model) : p.plain;
  if (!judge) {
    judge = new StanceJudge(lexicon, model);
    if (model) p.judges.set(model, judge);
    else p.plain = judge;
  }
  return { ...p, judge };
}

function modelUse(options: AnalyzeOptions): ModelUse {
  if (options.model) return { id: options.model.id, status: 'ok' };
  if (options.modelError) return { id: null, status: 'unavailable', message: `${options.modelError}; seed quotes and cue phrases judged stance alone` };
  return { id: null, status: 'off' };
}

/**
 * Builds the lexicon's tables now rather than in the first analyze(); true when it
 * had to (the content script then gives the page its thread back before analysing).
 */
export function isPrepared(lexicon: CompiledLexicon, model: StanceModel | null = null): boolean {
  const p = prepared.get(lexicon);
  return !!p && (model ? p.judges.has(model) : p.plain !== null);
}

export function prepareLexicon(lexicon: CompiledLexicon, model: StanceModel | null = null): boolean {
  if (isPrepared(lexicon, model)) return false;
  prepare(lexicon, model);
  return true;
}

export function analyze(text: string, lexicon: CompiledLexicon, options: AnalyzeOptions): Report {
  return runSteps(analyzeSteps(text, lexicon, options));
}

/**
 * analyze(), step by step: the generator stops after each paragraph of each pass and
 * after each statement judged, so that a caller on a page's main thread can give the
 * thread back whenever its time is up, however long a paragraph run or however cold
 * the engine (the first page pays for the JIT). The result is the same report.
 */
export function* analyzeSteps(text: string, lexicon: CompiledLexicon, options: AnalyzeOptions): Generator<void, Report> {
  const lex = prepare(lexicon, options.model ?? null);
  const paras: Para[] = [];
  for (const para of paragraphsOf(text)) {
    paras.push(para);
    yield;
  }

  // page-only speakers, then mentions with the page's names known
  let matcher = lex.matcher;
  for (const p of paras) {
    setMentions(p, matcher.find(p.tokens));
    yield;
  }
  // a body the lexicon already knows as an office ("the Kremlin") stays the lexicon's
  const pageNames = findPageNames(paras, text, lex.roles).filter((pn) => !matcher.has(pn.words) && !(pn.body && matcher.has(['the', ...pn.words])));
  if (pageNames.length > 0) {
    // own alias table for this page, so the shared matcher stays untouched
    matcher = lex.matcher.withPageNames(pageNames);
    yield;
    for (const p of paras) {
      setMentions(p, matcher.find(p.tokens));
      yield;
    }
  }
  resolveShared(paras);
  const pageById = new Map<string, PageName>(pageNames.map((pn) => [pn.id, pn]));

  const info = (id: string): ActorInfo => {
    const a = lex.actors.get(id);
    if (a) return { pronoun: a.pronoun, kind: a.kind, role: a.role };
    const page = pageById.get(id);
    return { pronoun: page?.body ? 'it' : null, kind: page?.body ? 'organisation' : null, role: page?.role ?? '' };
  };
  const attributor = new Attributor(paras, info, lex.roles);
  const raw: RawStatement[] = [];
  for (let i = 0; i < paras.length; i++) {
    raw.push(...attributor.paragraph(i));
    yield;
  }

  const statements: Statement[] = [];
  const nameOf = (id: string) => lex.actors.get(id)?.name ?? pageById.get(id)?.name ?? id;
  for (const r of raw) {
    statements.push(toStatement(r, text, lex, nameOf));
    yield;
  }
  const speakers = summarise(statements, paras, lex, pageById);
  return { source: options.source, lexicon: { id: lexicon.id, version: lexicon.version }, model: modelUse(options), speakers, statements };
}

/** The paragraphs of the text with their tokens and quotes, one at a time. */
function* paragraphsOf(text: string): Generator<Para> {
  let index = 0;
  for (const { start, end } of splitParagraphs(text)) {
    const tokens = tokenize(text, start, end);
    const quotes = findQuotes(text, start, end);
    const quoteTokens: Array<[number, number]> = [];
    let ti = 0;
    quotes.forEach((q, qi) => {
      while (ti < tokens.length && tokens[ti]!.start < q.outerStart) ti++;
      let a = ti;
      while (a < tokens.length && tokens[a]!.start < q.start) a++;
      let b = a;
      while (b < tokens.length && tokens[b]!.end <= q.end) {
        tokens[b]!.q = qi;
        b++;
      }
      quoteTokens.push([a, b]);
      ti = b;
    });
    yield {
      index: index++,
      start,
      end,
      tokens,
      quotes,
      quoteTokens,
      mentions: [],
      mentionAt: new Int32Array(0),
      sentenceStarts: sentenceStarts(tokens),
      memo: {},
    };
  }
}

/**
 * An alias two actors share ("Graham", "the defence secretary") goes to the claimant
 * named most recently by an alias of their own; with none named before, it stays
 * unresolved and attribution leaves it alone.
 */
function resolveShared(paras: Para[]) {
  const lastSeen = new Map<string, number>();
  let n = 0;
  for (const p of paras) {
    for (const m of p.mentions) {
      n++;
      if (m.ids.length === 1) {
        lastSeen.set(m.ids[0]!, n);
        continue;
      }
      let best: string | null = null;
      let bestAt = 0;
      for (const id of m.ids) {
        const at = lastSeen.get(id) ?? 0;
        if (at > bestAt) {
          bestAt = at;
          best = id;
        }
      }
      if (best) m.ids = [best];
    }
  }
}

function setMentions(p: Para, mentions: Mention[]) {
  p.mentions = mentions;
  const at = new Int32Array(p.tokens.length).fill(-1);
  mentions.forEach((m, i) => {
    for (let t = m.t0; t < m.t1; t++) at[t] = i;
  });
  p.mentionAt = at;
}

function toStatement(r: RawStatement, text: string, lex: Prepared, nameOf: (id: string) => string): Statement {
  const words = text.slice(r.start, r.end);
  const judged = lex.judge.judge(words);
  const { ref, flags } = flagsFor(r, text, judged.seed, nameOf);
  const st: Statement = {
    text: words,
    kind: r.kind,
    speaker: ref.id,
    attribution: ref.id ? ref.kind : 'none',
    stance: judged.stance,
    confidence: judged.confidence,
    evidence: judged.evidence,
    seedMatch: judged.seed ? judged.seed.match : 'none',
    flags,
    start: r.start,
    end: r.end,
    attributionNote:
      ref.id || ref.kind === 'none' || ref.note.includes('unattributed')
        ? ref.note
        : `${ref.note}, but the name fits several people in the lexicon: left unattributed`,
  };
  if (ref.sieve) st.sieve = ref.sieve;
  if (ref.id && ref.start !== undefined && ref.end !== undefined) {
    st.speakerStart = ref.start;
    st.speakerEnd = ref.end;
  }
  return st;
}

export function overallOf(c: StanceCounts): Overall {
  if (c['pro-ukraine'] > 0 && c['contra-ukraine'] > 0) return 'mixed';
  if (c['pro-ukraine'] > 0) return 'pro-ukraine';
  if (c['contra-ukraine'] > 0) return 'contra-ukraine';
  if (c.neutral > 0) return 'neutral';
  return 'unknown';
}

/** One entry per speaker with statements or mentions, most statements first. */
function summarise(statements: Statement[], paras: Para[], lex: Prepared, pages: Map<string, PageName>): Speaker[] {
  const byId = new Map<string, Speaker>();
  const get = (id: string): Speaker | null => {
    let s = byId.get(id);
    if (s) return s;
    const actor = lex.actors.get(id);
    const page = pages.get(id);
    if (actor) s = { id, name: actor.name, inLexicon: true, role: actor.role, kind: actor.kind, mentions: [], stance: zeroCounts(), overall: 'unknown' };
    else if (page)
      s = {
        id,
        name: page.name,
        inLexicon: false,
        ...(page.body ? { kind: 'organisation' as const } : {}),
        mentions: [],
        stance: zeroCounts(),
        overall: 'unknown',
      };
    else return null;
    if (page?.role) s.role = page.role;
    byId.set(id, s);
    return s;
  };
  for (const p of paras) {
    for (const m of p.mentions) {
      if (m.ids.length !== 1) continue;
      const s = get(m.ids[0]!);
      s?.mentions.push({ start: m.start, end: m.end });
    }
  }
  for (const st of statements) {
    if (!st.speaker) continue;
    const s = get(st.speaker);
    if (s) s.stance[st.stance as Stance]++;
  }
  const out = [...byId.values()];
  for (const s of out) s.overall = overallOf(s.stance);
  sortSpeakers(out);
  return out;
}

/** Speakers with the most statements first, then the most mentions, then by name. */
export function sortSpeakers(list: Speaker[]): void {
  list.sort((a, b) => countTotal(b.stance) - countTotal(a.stance) || b.mentions.length - a.mentions.length || a.name.localeCompare(b.name));
}

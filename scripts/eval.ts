/**
 * `npm run eval -- ../shared/devset/cases.jsonl [--verbose] [--json]`
 *
 * Runs the engine on each labelled passage and scores it: quote found, speaker
 * attribution (for speakers in the lexicon, and overall), pro/contra precision and
 * recall, and pro↔contra flips. The passages are read in place, never copied.
 */
import { existsSync, readFileSync } from 'node:fs';
import { analyze } from '../src/engine/analyze.ts';
import { bundledLexicon } from '../src/lexicon/bundled.ts';
import { foldString } from '../src/engine/normalize.ts';
import type { Statement } from '../src/engine/types.ts';
import type { CompiledLexicon } from '../src/lexicon/types.ts';

interface Case {
  id: string;
  paragraph: string;
  quote: string;
  speaker: string | null;
  stance: 'pro-ukraine' | 'contra-ukraine' | 'neutral' | 'none';
  in_seed_lexicon: boolean;
  pattern: string;
}

const args = process.argv.slice(2);
const lexArg = args.indexOf('--lexicon');
const lexiconFile = lexArg >= 0 ? args[lexArg + 1] : undefined;
const file = args.find((a, i) => !a.startsWith('--') && (lexArg < 0 || i !== lexArg + 1));
const verbose = args.includes('--verbose');
const asJson = args.includes('--json');
if (!file) {
  console.error('usage: npm run eval -- <cases.jsonl> [--verbose] [--json]');
  process.exit(2);
}
if (!existsSync(file)) {
  console.log(`eval: ${file} not found — skipped (the development set lives in ../shared/devset/)`);
  process.exit(0);
}
const cases: Case[] = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Case);
const lexicon: CompiledLexicon = lexiconFile ? (JSON.parse(readFileSync(lexiconFile, 'utf8')) as CompiledLexicon) : bundledLexicon;
const nameOf = new Map(lexicon.actors.map((a) => [a.id, a.name]));

function pieces(c: Case): Array<[number, number]> {
  return c.quote.split(' [...] ').map((piece) => {
    const i = c.paragraph.indexOf(piece);
    return [i, i + piece.length] as [number, number];
  }).filter(([a]) => a >= 0);
}

function sameName(a: string | null, b: string | null): boolean {
  if (!a || !b) return a === b;
  const fa = foldString(a).replace(/\(.*\)/g, '').replace(/[^a-z ]/g, '').trim();
  const fb = foldString(b).replace(/\(.*\)/g, '').replace(/[^a-z ]/g, '').trim();
  if (fa === fb) return true;
  const la = fa.split(' ').pop()!;
  const lb = fb.split(' ').pop()!;
  return la === lb && la.length > 2;
}

type Row = { id: string; pattern: string; found: boolean; gold: string | null; got: string | null; okSpeaker: boolean; goldStance: string; gotStance: string; inLex: boolean; note: string };
const rows: Row[] = [];
for (const c of cases) {
  const report = analyze(c.paragraph, lexicon, { source: c.id });
  const spans = pieces(c);
  let best: Statement | null = null;
  let bestOverlap = 0;
  for (const st of report.statements) {
    let ov = 0;
    for (const [a, b] of spans) ov += Math.max(0, Math.min(b, st.end) - Math.max(a, st.start));
    if (ov > bestOverlap) {
      bestOverlap = ov;
      best = st;
    }
  }
  const speakerName = best?.speaker ? nameOf.get(best.speaker) ?? report.speakers.find((s) => s.id === best!.speaker)?.name ?? best.speaker : null;
  rows.push({
    id: c.id, pattern: c.pattern, found: !!best, gold: c.speaker, got: speakerName, okSpeaker: sameName(speakerName, c.speaker),
    goldStance: c.stance, gotStance: best ? best.stance : 'unknown', inLex: c.in_seed_lexicon,
    note: best ? `${best.attribution}: ${best.attributionNote ?? ''}; evidence ${best.evidence.map((e) => (e.kind === 'cue' ? `cue "${e.match}"→${e.stance}` : `seed ${e.quoteId}`)).join(', ')}` : 'no statement found',
  });
}

const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}% (${a}/${b})`);
const lexRows = rows.filter((r) => r.inLex);
const named = rows.filter((r) => r.gold !== null);
const stanceStats = (label: string) => {
  const predicted = rows.filter((r) => r.gotStance === label);
  const gold = rows.filter((r) => r.goldStance === label);
  return { precision: pct(predicted.filter((r) => r.goldStance === label).length, predicted.length), recall: pct(gold.filter((r) => r.gotStance === label).length, gold.length) };
};
const flips = rows.filter((r) => (r.goldStance === 'pro-ukraine' && r.gotStance === 'contra-ukraine') || (r.goldStance === 'contra-ukraine' && r.gotStance === 'pro-ukraine'));
const summary = {
  cases: rows.length,
  quoteFound: pct(rows.filter((r) => r.found).length, rows.length),
  attributionLexicon: pct(lexRows.filter((r) => r.okSpeaker).length, lexRows.length),
  attributionAllNamed: pct(named.filter((r) => r.okSpeaker).length, named.length),
  wrongSpeakerLexicon: lexRows.filter((r) => r.got !== null && !r.okSpeaker).length,
  pro: stanceStats('pro-ukraine'),
  contra: stanceStats('contra-ukraine'),
  flips: flips.length,
  falseStanceOnUnrelated: rows.filter((r) => r.goldStance === 'none' && (r.gotStance === 'pro-ukraine' || r.gotStance === 'contra-ukraine')).length,
};
if (asJson) {
  console.log(JSON.stringify({ summary, rows }, null, 2));
} else {
  if (verbose) {
    for (const r of rows) {
      const mark = r.okSpeaker ? 'ok ' : r.got ? 'BAD' : '-- ';
      const sm = r.goldStance === r.gotStance ? '  ' : (r.goldStance === 'pro-ukraine' && r.gotStance === 'contra-ukraine') || (r.goldStance === 'contra-ukraine' && r.gotStance === 'pro-ukraine') ? 'XX' : '~~';
      console.log(`${r.id} ${mark} ${sm} [${r.pattern}] gold=${r.gold} got=${r.got} | stance gold=${r.goldStance} got=${r.gotStance} | ${r.note}`);
    }
    console.log('');
  }
  console.log(`cases                         ${summary.cases}`);
  console.log(`quote found                   ${summary.quoteFound}`);
  console.log(`attribution, lexicon speakers ${summary.attributionLexicon}  (wrong speaker: ${summary.wrongSpeakerLexicon})`);
  console.log(`attribution, all named        ${summary.attributionAllNamed}`);
  console.log(`pro-ukraine    precision ${summary.pro.precision}  recall ${summary.pro.recall}`);
  console.log(`contra-ukraine precision ${summary.contra.precision}  recall ${summary.contra.recall}`);
  console.log(`pro↔contra flips              ${summary.flips}`);
  console.log(`pro/contra on unrelated news  ${summary.falseStanceOnUnrelated}`);
}

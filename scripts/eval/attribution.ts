/**
 * Attribution figures per pattern: for each labelled passage, the statement that
 * overlaps its quote most, and whether its speaker is the labelled one. Counts per
 * pattern: found, right, wrong (a speaker that is not the labelled one), and on
 * passages that never spell the speaker's name (or name nobody), wrong speakers
 * there; plus the fact-check flags raised, and those that are false (a
 * `misattributed` flag when the labelled speaker is the seed's own speaker).
 * Stance plays no part, so the engine runs without a model.
 */
import { analyze } from '../../src/engine/analyze.ts';
import type { Report, Statement } from '../../src/engine/types.ts';
import type { CompiledLexicon } from '../../src/lexicon/types.ts';
import type { LabelledRow } from '../train/corpus.ts';
import { passageNames, sameName } from './names.ts';

export interface PatternFigures {
  pattern: string;
  cases: number;
  found: number;
  /** passages with a named speaker, and how many got that speaker */
  named: number;
  right: number;
  /** a speaker given that is not the labelled one (or any speaker where none is labelled) */
  wrong: number;
  /** passages that do not spell the labelled speaker's name (or name nobody), and wrong speakers there */
  nameAbsent: number;
  wrongNameAbsent: number;
}

export interface FlagFigures {
  misattributed: number;
  falseMisattributed: number;
  alteredWarning: number;
  alteredInformational: number;
}

export interface AttributionFigures {
  patterns: PatternFigures[];
  total: PatternFigures;
  flags: FlagFigures;
  /** ids of passages with a wrong speaker, and of false misattribution flags (for --verbose) */
  wrongIds: string[];
  falseFlagIds: string[];
}

/** The statement of the report that overlaps the labelled quote's pieces most (null: none overlaps). */
export function overlapping(report: Report, c: LabelledRow): Statement | null {
  const spans = c.quote
    .split(' [...] ')
    .map((piece) => {
      const i = c.paragraph.indexOf(piece);
      return [i, i + piece.length] as const;
    })
    .filter(([a]) => a >= 0);
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
  return best;
}

const empty = (pattern: string): PatternFigures => ({ pattern, cases: 0, found: 0, named: 0, right: 0, wrong: 0, nameAbsent: 0, wrongNameAbsent: 0 });

export function attributionFigures(cases: LabelledRow[], lexicon: CompiledLexicon): AttributionFigures {
  const nameOf = new Map(lexicon.actors.map((a) => [a.id, a.name]));
  const byPattern = new Map<string, PatternFigures>();
  const total = empty('all');
  const flags: FlagFigures = { misattributed: 0, falseMisattributed: 0, alteredWarning: 0, alteredInformational: 0 };
  const wrongIds: string[] = [];
  const falseFlagIds: string[] = [];
  for (const c of cases) {
    const report = analyze(c.paragraph, lexicon, { source: c.id, model: null });
    const st = overlapping(report, c);
    const name = (id: string | null) => (id ? (nameOf.get(id) ?? report.speakers.find((s) => s.id === id)?.name ?? id) : null);
    const got = st ? name(st.speaker) : null;
    const ok = c.speaker !== null && sameName(got, c.speaker);
    const wrong = got !== null && !ok;
    const absent = !passageNames(c.paragraph, c.speaker);
    let f = byPattern.get(c.pattern);
    if (!f) byPattern.set(c.pattern, (f = empty(c.pattern)));
    for (const x of [f, total]) {
      x.cases++;
      if (st) x.found++;
      if (c.speaker !== null) x.named++;
      if (ok) x.right++;
      if (wrong) x.wrong++;
      if (absent) x.nameAbsent++;
      if (absent && wrong) x.wrongNameAbsent++;
    }
    if (wrong) wrongIds.push(`${c.id} [${c.pattern}] gold=${c.speaker} got=${got} (${st?.attribution}: ${st?.attributionNote ?? ''})`);
    for (const s of report.statements) {
      for (const flag of s.flags) {
        if (flag.kind === 'altered-quote') {
          if ((flag as { severity?: string }).severity === 'warning') flags.alteredWarning++;
          else flags.alteredInformational++;
          continue;
        }
        flags.misattributed++;
        // the flag is false when the passage's speaker is the seed's own speaker (or nobody is named)
        const seedName = name(flag.seedSpeaker ?? null);
        const labelled = s === st ? c.speaker : null;
        if (labelled === null || sameName(seedName, labelled)) {
          flags.falseMisattributed++;
          falseFlagIds.push(`${c.id} "${s.text.slice(0, 60)}…" page=${name(s.speaker)} seed=${seedName} labelled=${labelled}`);
        }
      }
    }
  }
  const patterns = [...byPattern.values()].sort((a, b) => b.cases - a.cases);
  return { patterns, total, flags, wrongIds, falseFlagIds };
}

const pct = (a: number, b: number) => (b === 0 ? '   n/a' : `${((100 * a) / b).toFixed(1)}%`.padStart(6));

export function printAttribution(title: string, f: AttributionFigures, verbose: boolean): void {
  console.log(`\n### attribution by pattern — ${title}\n`);
  console.log('pattern             cases  found    speaker right   wrong  no name in passage: wrong');
  for (const p of [...f.patterns, f.total]) {
    console.log(
      `${p.pattern.padEnd(18)} ${String(p.cases).padStart(6)} ${pct(p.found, p.cases)}   ${pct(p.right, p.named)} ${String(p.right).padStart(5)}  ${String(p.wrong).padStart(5)}   ${String(p.wrongNameAbsent).padStart(4)} of ${p.nameAbsent}`,
    );
  }
  const fl = f.flags;
  console.log(
    `flags: misattributed ${fl.misattributed} (false ${fl.falseMisattributed}); altered: warning ${fl.alteredWarning}, informational ${fl.alteredInformational}`,
  );
  if (verbose) {
    for (const w of f.wrongIds) console.log(`  wrong: ${w}`);
    for (const w of f.falseFlagIds) console.log(`  false flag: ${w}`);
  }
}

/**
 * Reports of consecutive slices of one text, merged into the report of the whole.
 * The content script analyses long pages slice by slice so that no task on the
 * page's main thread runs long; offsets are shifted, speakers summed.
 */
import { overallOf } from './analyze.ts';
import type { Report, Speaker } from './types.ts';

export function mergeReports(parts: Array<{ report: Report; offset: number }>, source: string): Report {
  const first = parts[0]?.report;
  const speakers = new Map<string, Speaker>();
  const statements: Report['statements'] = [];
  for (const { report, offset } of parts) {
    for (const st of report.statements) {
      const shifted = { ...st, start: st.start + offset, end: st.end + offset };
      if (st.speakerStart !== undefined) shifted.speakerStart = st.speakerStart + offset;
      if (st.speakerEnd !== undefined) shifted.speakerEnd = st.speakerEnd + offset;
      statements.push(shifted);
    }
    for (const sp of report.speakers) {
      const mentions = sp.mentions.map((m) => ({ start: m.start + offset, end: m.end + offset }));
      const have = speakers.get(sp.id);
      if (!have) {
        speakers.set(sp.id, { ...sp, mentions, stance: { ...sp.stance } });
        continue;
      }
      have.mentions.push(...mentions);
      for (const k of Object.keys(have.stance) as Array<keyof Speaker['stance']>) have.stance[k] += sp.stance[k];
    }
  }
  const list = [...speakers.values()];
  for (const s of list) s.overall = overallOf(s.stance);
  const total = (s: Speaker) => s.stance['pro-ukraine'] + s.stance['contra-ukraine'] + s.stance.neutral + s.stance.unknown;
  list.sort((a, b) => total(b) - total(a) || b.mentions.length - a.mentions.length || a.name.localeCompare(b.name));
  return { source, lexicon: first ? first.lexicon : { id: '', version: '' }, speakers: list, statements };
}

/**
 * Cuts a text into slices of about `size` characters at paragraph breaks (blank
 * lines), so that attribution inside a paragraph is never cut.
 */
export function slices(text: string, size: number): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    if (end < text.length) {
      const br = text.indexOf('\n\n', end);
      end = br === -1 ? text.length : br;
    }
    out.push({ start, end });
    start = end;
  }
  return out;
}

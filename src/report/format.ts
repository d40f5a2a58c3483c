/**
 * Pure formatters for reports: the CLI prints them, the extension exports them.
 * No I/O, no DOM: a list of reports in, a string out.
 */
import type { Flag, ModelEvidence, Overall, Report, Speaker, Stance, Statement } from '../engine/types.ts';
import { STANCE_GLYPH, STANCES } from '../vocab/vocab.ts';

export const FORMATS = ['text', 'json', 'jsonl', 'md', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

/** "misattributed", "altered-quote (info)": the kind, and the severity when it is only information. */
function flagLabel(flag: Flag): string {
  return flag.severity === 'info' ? `${flag.kind} (info)` : flag.kind;
}

export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

export interface FormatOptions {
  /**
   * json only: how many documents were asked for. One gives a single object, more
   * an array (even when some failed), so a script sees the same shape every time.
   * Defaults to reports.length.
   */
  inputs?: number;
}

const FORMATTERS: Record<Format, (reports: readonly Report[], options: FormatOptions) => string> = {
  text: (reports) => formatText(reports),
  json: (reports, options) => formatJson(reports, options),
  jsonl: (reports) => formatJsonl(reports),
  md: (reports) => formatMarkdown(reports),
  csv: (reports) => formatCsv(reports),
};

export function formatReports(reports: readonly Report[], format: Format, options: FormatOptions = {}): string {
  return FORMATTERS[format](reports, options);
}

// ---------------------------------------------------------------------------
// Helpers

function speakerIndex(report: Report): Map<string, Speaker> {
  return new Map(report.speakers.map((s) => [s.id, s]));
}

function speakerName(statement: Statement, speakers: Map<string, Speaker>): string {
  if (statement.speaker === null) return '(unattributed)';
  return speakers.get(statement.speaker)?.name ?? statement.speaker;
}

/** One line, whitespace collapsed, cut at about `max` characters on a word boundary. */
export function excerpt(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function stanceLabel(stance: Overall): string {
  return `${STANCE_GLYPH[stance]} ${stance}`;
}

function confidence(value: number): string {
  return value.toFixed(2);
}

/** The stance model a report was judged with, in a few words. */
export function modelHeader(report: Report): string {
  const m = report.model;
  if (!m || m.status === 'off') return 'no stance model';
  if (m.status === 'unavailable') return `stance model unavailable: ${m.message ?? 'refused'}`;
  return `stance model ${m.id}`;
}

function sideLabel(s: ModelEvidence['stance']): string {
  return s === 'none' ? 'not about the war' : s;
}

/** The model's decision and the words behind it: “illusionary goal” → contra-ukraine 1.20, … */
export function modelEvidenceText(ev: ModelEvidence): string {
  const head = ev.abstained
    ? `stance model ${ev.modelId} leans ${sideLabel(ev.stance)} (${ev.probability.toFixed(2)}; it needs ${ev.threshold.toFixed(2)} to decide alone)`
    : `stance model ${ev.modelId}: ${sideLabel(ev.stance)} (${ev.probability.toFixed(2)}, needs ${ev.threshold.toFixed(2)})`;
  const terms = ev.terms.map((t) => `“${t.text}” → ${sideLabel(t.toward)} ${t.weight.toFixed(2)}`);
  return terms.length ? `${head}: ${terms.join(', ')}` : head;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Display width, counting code points (good enough for names in a terminal table). */
function width(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

const NAME_COLUMN = 40;

function truncate(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

function padEnd(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - width(s)));
}

function padStart(s: string, w: number): string {
  return ' '.repeat(Math.max(0, w - width(s))) + s;
}

// ---------------------------------------------------------------------------
// text

const LEGEND = `${STANCE_GLYPH['pro-ukraine']} pro-ukraine  ${STANCE_GLYPH['contra-ukraine']} contra-ukraine  ${STANCE_GLYPH.neutral} neutral  ${STANCE_GLYPH.unknown} unknown  ${STANCE_GLYPH.mixed} mixed`;

export function formatTextReport(report: Report): string {
  const lines: string[] = [];
  const speakers = speakerIndex(report);
  lines.push(`== ${report.source} ==`);
  lines.push(
    `lexicon ${report.lexicon.id} ${report.lexicon.version} · ${modelHeader(report)} · ${count(report.speakers.length, 'speaker')} · ${count(report.statements.length, 'statement')}`,
  );
  lines.push('');
  if (report.speakers.length === 0) {
    lines.push('No speakers found.');
  } else {
    const header = ['Speaker', 'Lexicon', STANCE_GLYPH['pro-ukraine'], STANCE_GLYPH['contra-ukraine'], STANCE_GLYPH.neutral, STANCE_GLYPH.unknown, 'Overall'];
    const rows = report.speakers.map((s) => [
      truncate(s.name, NAME_COLUMN),
      s.inLexicon ? 'yes' : 'no',
      ...STANCES.map((st) => String(s.stance[st])),
      stanceLabel(s.overall),
    ]);
    const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))));
    const render = (cells: string[]): string =>
      cells
        .map((c, i) => (i >= 2 && i <= 5 ? padStart(c, widths[i]!) : i === cells.length - 1 ? c : padEnd(c, widths[i]!)))
        .join('  ')
        .trimEnd();
    lines.push(render(header));
    for (const row of rows) lines.push(render(row));
  }
  lines.push('');
  if (report.statements.length === 0) {
    lines.push('No statements found.');
  } else {
    lines.push('Statements');
    report.statements.forEach((st, i) => {
      const details = [st.kind, `attribution: ${st.attribution}`, `seed: ${st.seedMatch}`, `confidence ${confidence(st.confidence)}`];
      lines.push(`${padStart(String(i + 1), 3)}. ${STANCE_GLYPH[st.stance]} ${speakerName(st, speakers)} — ${st.stance} (${details.join(', ')})`);
      lines.push(`     “${excerpt(st.text)}”`);
      for (const ev of st.evidence) if (ev.kind === 'model' && ev.terms.length > 0) lines.push(`     why: ${excerpt(modelEvidenceText(ev), 200)}`);
      for (const flag of st.flags) lines.push(`     ⚑ ${flagLabel(flag)}: ${excerpt(flag.message, 140)}`);
    });
  }
  lines.push('');
  lines.push(LEGEND);
  return lines.join('\n');
}

export function formatText(reports: readonly Report[]): string {
  return reports.map((r) => `${formatTextReport(r)}\n`).join('\n');
}

// ---------------------------------------------------------------------------
// json, jsonl

export function formatJson(reports: readonly Report[], options: FormatOptions = {}): string {
  const inputs = options.inputs ?? reports.length;
  const value = inputs === 1 && reports.length === 1 ? reports[0] : reports;
  if (inputs === 1 && reports.length === 0) return '';
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function formatJsonl(reports: readonly Report[]): string {
  return reports.map((r) => `${JSON.stringify(r)}\n`).join('');
}

// ---------------------------------------------------------------------------
// Markdown

/**
 * Page text made inert for Markdown: no emphasis, links, code or raw HTML can come
 * out of it, and it stays on one line.
 */
export function mdEscape(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]{}|#~!])/g, '\\$1');
}

export function formatMarkdownReport(report: Report): string {
  const lines: string[] = [];
  const speakers = speakerIndex(report);
  lines.push(`# Stance Lens report: ${mdEscape(report.source)}`);
  lines.push('');
  lines.push(
    `Lexicon \`${report.lexicon.id}\` ${mdEscape(report.lexicon.version)} · ${mdEscape(modelHeader(report))} · ${count(report.speakers.length, 'speaker')} · ${count(report.statements.length, 'statement')}`,
  );
  mdSection(lines, 'Speakers', report.speakers, () => {
    lines.push(`| Speaker | In lexicon | ${STANCES.map(stanceLabel).join(' | ')} | Overall |`);
    lines.push(`| --- | --- | ${STANCES.map(() => '---:').join(' | ')} | --- |`);
    for (const s of report.speakers) {
      const name = s.role ? `${mdEscape(s.name)} (${mdEscape(s.role)})` : mdEscape(s.name);
      const cells = [name, s.inLexicon ? 'yes' : 'no', ...STANCES.map((st) => String(s.stance[st])), stanceLabel(s.overall)];
      lines.push(`| ${cells.join(' | ')} |`);
    }
  });
  mdSection(lines, 'Statements', report.statements, () => {
    report.statements.forEach((st, i) => {
      lines.push(
        `${i + 1}. **${mdEscape(speakerName(st, speakers))}** ${stanceLabel(st.stance)} — ${st.kind}, attribution: ${st.attribution}, seed match: ${st.seedMatch}, confidence ${confidence(st.confidence)}`,
      );
      lines.push('');
      lines.push(`   > ${mdEscape(st.text)}`);
      lines.push('');
      if (st.attributionNote) lines.push(`   - Attribution: ${mdEscape(st.attributionNote)}`);
      for (const ev of st.evidence) {
        if (ev.kind === 'seed-quote') {
          lines.push(
            `   - Seed quote \`${ev.quoteId}\` (similarity ${ev.similarity.toFixed(2)}): “${mdEscape(excerpt(ev.seedText, 160))}” — ${mdEscape(ev.reason)}`,
          );
        } else if (ev.kind === 'model') {
          lines.push(`   - ${mdEscape(modelEvidenceText(ev))}`);
        } else {
          lines.push(
            `   - Cue \`${ev.cueId}\` “${mdEscape(ev.match)}” → ${stanceLabel(ev.stance)} (weight ${ev.weight}${ev.negated ? ', negated' : ''}) — ${mdEscape(ev.reason)}`,
          );
        }
      }
      for (const flag of st.flags) {
        lines.push(`   - ⚑ **${flagLabel(flag)}**: ${mdEscape(flag.message)}`);
        if (flag.seedText) lines.push(`     seed: “${mdEscape(flag.seedText)}”${flag.pageAttribution ? ` · page: “${mdEscape(flag.pageAttribution)}”` : ''}`);
      }
      if (st.attributionNote || st.evidence.length > 0 || st.flags.length > 0) lines.push('');
    });
  });
  while (lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

/** A markdown section: a blank line, its heading, a blank line, then the body, or "No … found." without items. */
function mdSection(lines: string[], heading: string, items: readonly unknown[], body: () => void): void {
  lines.push('');
  lines.push(`## ${heading}`);
  lines.push('');
  if (items.length === 0) lines.push(`No ${heading.toLowerCase()} found.`);
  else body();
}

export function formatMarkdown(reports: readonly Report[]): string {
  return reports.map((r) => `${formatMarkdownReport(r)}\n`).join('\n');
}

// ---------------------------------------------------------------------------
// CSV (RFC 4180)

export const CSV_HEADER = [
  'source',
  'speaker_id',
  'speaker_name',
  'kind',
  'attribution',
  'stance',
  'confidence',
  'seed_match',
  'flags',
  'start',
  'end',
  'text',
] as const;

/**
 * One CSV field: quoted when it holds a comma, quote or line break; a text starting
 * with = + - @ (or a tab or carriage return) gets a leading ' so that a spreadsheet
 * shows it instead of running it as a formula.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  let s = value;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function formatCsv(reports: readonly Report[]): string {
  const rows: string[] = [CSV_HEADER.join(',')];
  for (const report of reports) {
    const speakers = speakerIndex(report);
    for (const st of report.statements) {
      const name = st.speaker === null ? null : (speakers.get(st.speaker)?.name ?? null);
      rows.push(
        [
          csvCell(report.source),
          csvCell(st.speaker),
          csvCell(name),
          csvCell(st.kind),
          csvCell(st.attribution),
          csvCell(st.stance),
          csvCell(st.confidence),
          csvCell(st.seedMatch),
          csvCell(st.flags.map((f) => f.kind).join(';')),
          csvCell(st.start),
          csvCell(st.end),
          csvCell(st.text),
        ].join(','),
      );
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------------------
// Export from the extension (for fact-checkers): the page URL and the export time
// go with the file, the report itself stays as the schema defines it.

export interface ExportMeta {
  /** the page the report is about */
  url: string;
  /** ISO 8601 time of the export */
  exportedAt: string;
}

export type ExportFormat = 'json' | 'csv' | 'md';

/**
 * A file name that says which page and when: `stance-lens_<host-and-path>_<time>.<ext>`,
 * e.g. `stance-lens_example.com-news-a_2026-11-28T14-03-05Z.json`.
 */
export function exportFileName(meta: ExportMeta, format: ExportFormat): string {
  let page = meta.url;
  try {
    const u = new URL(meta.url);
    page = `${u.hostname}${u.pathname}`;
  } catch {
    // not a URL: use it as it is, cleaned below
  }
  const slug =
    page
      .replace(/[^A-Za-z0-9.-]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '')
      .slice(0, 80)
      .replace(/[-.]+$/, '') || 'page';
  const stamp = meta.exportedAt.replace(/\.\d+(?=Z$)/, '').replace(/:/g, '-');
  return `stance-lens_${slug}_${stamp}.${format}`;
}

/** The report as JSON, exactly the report contract (valid against report.schema.json). */
export function formatExportJson(report: Report): string {
  return formatJson([report], { inputs: 1 });
}

/** One statement's evidence on one line: the seed quote matched or the cues with their reason. */
export function evidenceText(statement: Statement): string {
  return statement.evidence
    .map((ev) =>
      ev.kind === 'seed-quote'
        ? `seed quote ${ev.quoteId} (similarity ${ev.similarity.toFixed(2)}): “${ev.seedText}” — ${ev.reason}`
        : ev.kind === 'model'
          ? modelEvidenceText(ev)
          : `cue ${ev.cueId} “${ev.match}” → ${ev.stance} (weight ${ev.weight}${ev.negated ? ', negated' : ''}) — ${ev.reason}`,
    )
    .join(' | ');
}

/** The word difference of an altered seed quote, as −removed +added (same words kept). */
export function diffText(statement: Statement): string {
  const diff = statement.flags.find((f) => f.kind === 'altered-quote')?.diff;
  if (!diff) return '';
  return diff.map((d) => (d.op === 'same' ? d.text : d.op === 'removed' ? `−[${d.text}]` : `+[${d.text}]`)).join(' ');
}

export const EXPORT_CSV_HEADER = [
  'page_url',
  'exported_at',
  'n',
  'speaker_id',
  'speaker_name',
  'speaker_in_lexicon',
  'kind',
  'attribution',
  'stance',
  'confidence',
  'evidence',
  'seed_match',
  'seed_quote_id',
  'seed_text',
  'seed_speaker',
  'seed_diff',
  'flags',
  'text',
] as const;

/** CSV for fact-checkers: one row per statement, with the page, the time, evidence and seed provenance. */
export function formatExportCsv(report: Report, meta: ExportMeta): string {
  const speakers = speakerIndex(report);
  const rows: string[] = [EXPORT_CSV_HEADER.join(',')];
  report.statements.forEach((st, i) => {
    const sp = st.speaker === null ? undefined : speakers.get(st.speaker);
    const seed = st.evidence.find((e) => e.kind === 'seed-quote');
    const seedSpeaker = seed?.kind === 'seed-quote' && seed.seedSpeaker !== null ? (speakers.get(seed.seedSpeaker)?.name ?? seed.seedSpeaker) : null;
    rows.push(
      [
        csvCell(meta.url),
        csvCell(meta.exportedAt),
        csvCell(i + 1),
        csvCell(st.speaker),
        csvCell(st.speaker === null ? null : (sp?.name ?? st.speaker)),
        csvCell(st.speaker === null ? null : sp ? (sp.inLexicon ? 'yes' : 'no') : null),
        csvCell(st.kind),
        csvCell(st.attribution),
        csvCell(st.stance),
        csvCell(st.confidence),
        csvCell(evidenceText(st)),
        csvCell(st.seedMatch),
        csvCell(seed?.kind === 'seed-quote' ? seed.quoteId : null),
        csvCell(seed?.kind === 'seed-quote' ? seed.seedText : null),
        csvCell(seedSpeaker),
        csvCell(diffText(st)),
        csvCell(st.flags.map((f) => `${f.kind}: ${f.message}`).join(' | ')),
        csvCell(st.text.replace(/\s+/g, ' ').trim()),
      ].join(','),
    );
  });
  return `${rows.join('\r\n')}\r\n`;
}

/** Markdown for fact-checkers: the page URL and the export time, then the report (speakers, statements, evidence, seed). */
export function formatExportMarkdown(report: Report, meta: ExportMeta): string {
  const body = formatMarkdownReport(report).split('\n');
  const head = body.shift() ?? '';
  const extra = [`- Page: ${mdEscape(meta.url)}`, `- Exported: ${mdEscape(meta.exportedAt)}`];
  // altered quotes: the word difference as well, so the reader sees what changed
  const diffs: string[] = [];
  report.statements.forEach((st, i) => {
    const d = diffText(st);
    if (d) diffs.push(`${i + 1}. ${mdEscape(d)}`);
  });
  const tail = diffs.length ? ['', '## Altered seed quotes: word difference', '', ...diffs] : [];
  return `${[head, '', ...extra, ...body, ...tail].join('\n')}\n`;
}

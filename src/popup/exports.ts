/** Export for fact-checkers: JSON, CSV, Markdown; as a download or to the clipboard. */
import type { Report } from '../engine/types.ts';
import { exportFileName, formatExportCsv, formatExportJson, formatExportMarkdown, type ExportFormat, type ExportMeta } from '../report/format.ts';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'csv', 'md'];

export const FORMAT_LABEL: Record<ExportFormat, string> = { json: 'JSON', csv: 'CSV', md: 'Markdown' };

const MIME: Record<ExportFormat, string> = {
  json: 'application/json',
  csv: 'text/csv;charset=utf-8',
  md: 'text/markdown;charset=utf-8',
};

export function exportText(report: Report, format: ExportFormat, meta: ExportMeta): string {
  switch (format) {
    case 'json':
      return formatExportJson(report);
    case 'csv':
      return formatExportCsv(report, meta);
    case 'md':
      return formatExportMarkdown(report, meta);
  }
}

/** How long the object URL lives after the click (Firefox reads it after the click returns). */
export const REVOKE_AFTER_MS = 10_000;

/** Saves `text` as a file: Blob, object URL, <a download>, URL revoked afterwards. Returns the file name. */
export function download(report: Report, format: ExportFormat, meta: ExportMeta, doc: Document = document): string {
  const name = exportFileName(meta, format);
  // a BOM tells spreadsheets the CSV is UTF-8 (names with accents, Cyrillic, curly quotes)
  const text = (format === 'csv' ? '\uFEFF' : '') + exportText(report, format, meta);
  const url = URL.createObjectURL(new Blob([text], { type: MIME[format] }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  doc.body.append(a);
  try {
    a.click();
  } finally {
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
  return name;
}

export async function copy(report: Report, format: ExportFormat, meta: ExportMeta): Promise<void> {
  await navigator.clipboard.writeText(exportText(report, format, meta));
}

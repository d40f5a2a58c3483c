import { useState } from 'preact/hooks';
import type { Report } from '../../engine/types.ts';
import type { ExportFormat } from '../../report/format.ts';
import { copy, download, EXPORT_FORMATS, FORMAT_LABEL } from '../exports.ts';
import { t } from '../i18n.ts';

/** The report as JSON, CSV or Markdown: a download or the clipboard. */
export function ExportPanel({ report, url }: { report: Report; url: string }) {
  const [msg, setMsg] = useState('');
  const meta = () => ({ url, exportedAt: new Date().toISOString() });
  const save = (f: ExportFormat) => {
    try {
      setMsg(t('popupDownloaded', download(report, f, meta())));
    } catch (e) {
      setMsg(t('popupCopyFailed', e instanceof Error ? e.message : String(e)));
    }
  };
  const toClipboard = async (f: ExportFormat) => {
    try {
      await copy(report, f, meta());
      setMsg(t('popupCopied', FORMAT_LABEL[f]));
    } catch (e) {
      setMsg(t('popupCopyFailed', e instanceof Error ? e.message : String(e)));
    }
  };
  return (
    <section class="export" aria-labelledby="export-h">
      <h2 id="export-h">{t('popupExport')}</h2>
      <p class="hint">{t('popupExportNote')}</p>
      <div class="export-buttons">
        {EXPORT_FORMATS.map((f) => (
          <div role="group" aria-label={FORMAT_LABEL[f]} key={f} class="export-format">
            <button type="button" data-export={f} data-action="download" onClick={() => save(f)}>
              {t('popupDownload', FORMAT_LABEL[f])}
            </button>
            <button type="button" data-export={f} data-action="copy" onClick={() => void toClipboard(f)}>
              {t('popupCopy', FORMAT_LABEL[f])}
            </button>
          </div>
        ))}
      </div>
      <p role="status" class="message">
        {msg}
      </p>
    </section>
  );
}

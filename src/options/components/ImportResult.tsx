import type { Notice } from '../hooks/useLexiconChoice.ts';
import { t } from '../../i18n.ts';
import { ProblemTable } from './ProblemTable.tsx';

/** What the last import or reset did: a refusal (an alert, every problem), an import, a reset, an error. */
export function ImportResult({ notice }: { notice: Notice | null }) {
  return (
    <div id="import-result" role={notice?.kind === 'refused' || notice?.kind === 'error' ? 'alert' : 'status'}>
      {notice?.kind === 'refused' && (
        <div class="notice error">
          <p>
            <strong>{t('optImportRefused', notice.problems.length)}</strong> {t('optImportKept', notice.kept)}
          </p>
          <ProblemTable problems={notice.problems} caption={t('optProblemsCaption')} />
        </div>
      )}
      {notice?.kind === 'imported' && (
        <div class="notice ok">
          <p>{notice.text}</p>
          {notice.warnings.length > 0 && (
            <details>
              <summary>{t('optImportWarnings', notice.warnings.length)}</summary>
              <ProblemTable problems={notice.warnings} caption={t('optWarningsCaption')} />
            </details>
          )}
        </div>
      )}
      {(notice?.kind === 'info' || notice?.kind === 'error') && <p class={`notice ${notice.kind === 'error' ? 'error' : 'ok'}`}>{notice.text}</p>}
    </div>
  );
}

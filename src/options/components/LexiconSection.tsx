import type { CompiledLexicon } from '../../lexicon/types.ts';
import type { ImportedLexicon } from '../../settings.ts';
import { downloadLexicon } from '../download.ts';
import type { Notice } from '../hooks/useLexiconChoice.ts';
import { t } from '../../i18n.ts';
import { ImportResult } from './ImportResult.tsx';
import { LexiconSummary } from './LexiconSummary.tsx';

interface LexiconSectionProps {
  active: CompiledLexicon;
  imported: ImportedLexicon | null;
  notice: Notice | null;
  busy: boolean;
  onImport: (input: HTMLInputElement) => Promise<void>;
  onReset: () => Promise<void>;
}

/** The lexicon in use; import one, export it, go back to the bundled one. */
export function LexiconSection({ active, imported, notice, busy, onImport, onReset }: LexiconSectionProps) {
  return (
    <section aria-labelledby="lexicon-h">
      <h2 id="lexicon-h">{t('optLexiconHeading')}</h2>
      <LexiconSummary active={active} imported={imported} />

      <div class="import">
        <label for="import-file">{t('optImportLabel')}</label>
        <p class="hint" id="import-hint">
          {t('optImportHint')}
        </p>
        <input
          type="file"
          id="import-file"
          multiple
          accept=".json,.txt,application/json,text/plain"
          aria-describedby="import-hint"
          disabled={busy}
          onChange={(e) => void onImport(e.currentTarget as HTMLInputElement)}
        />
      </div>
      <div class="actions">
        <button type="button" id="export" onClick={() => downloadLexicon(active)}>
          {t('optExport')}
        </button>
        <button type="button" id="reset" onClick={() => void onReset()} disabled={!imported} aria-describedby={imported ? undefined : 'reset-hint'}>
          {t('optReset')}
        </button>
        {!imported && (
          <span class="hint" id="reset-hint">
            {t('optResetNothing')}
          </span>
        )}
      </div>

      <ImportResult notice={notice} />
    </section>
  );
}

import type { ImportedModel } from '../../settings.ts';
import { modelLabel, type ModelNotice } from '../hooks/useModelChoice.ts';
import { t, uiLanguage } from '../../i18n.ts';
import { isObject } from '../../vocab/vocab.ts';

interface ModelSectionProps {
  imported: ImportedModel | null;
  notice: ModelNotice | null;
  busy: boolean;
  onImport: (input: HTMLInputElement) => Promise<void>;
  onReset: () => Promise<void>;
}

/** What an imported model's training record says about its data, if it says it. */
function trainedOn(m: ImportedModel): string | null {
  const tr = m.file.training;
  const period = isObject(tr.period) ? tr.period : null;
  if (typeof tr.rows !== 'number' || !period || typeof period.from !== 'string' || typeof period.to !== 'string') return null;
  return t('optModelTrained', tr.rows, period.from || '?', period.to || '?');
}

/** The stance model in use; import one trained with `stance-lens train`, go back to the bundled one. */
export function ModelSection({ imported, notice, busy, onImport, onReset }: ModelSectionProps) {
  const dateFormat = new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' });
  const training = imported ? trainedOn(imported) : null;
  return (
    <section aria-labelledby="model-h">
      <h2 id="model-h">{t('optModelHeading')}</h2>
      <p class="hint">{t('optModelIntro')}</p>
      <dl class="lexicon-summary" data-testid="active-model" data-model-id={imported?.file.id ?? 'bundled'}>
        <dt>{t('optLexiconInUse')}</dt>
        <dd>{modelLabel(imported)}</dd>
        <dt>{t('optLexiconOrigin')}</dt>
        <dd>{imported ? t('optLexiconOriginImported', imported.name, dateFormat.format(new Date(imported.importedAt))) : t('optLexiconOriginBundled')}</dd>
        {training && (
          <>
            <dt>{t('optModelTraining')}</dt>
            <dd>{training}</dd>
          </>
        )}
      </dl>
      <div class="import">
        <label for="model-file">{t('optModelImportLabel')}</label>
        <p class="hint" id="model-hint">
          {t('optModelImportHint')}
        </p>
        <input
          type="file"
          id="model-file"
          accept=".json,application/json"
          aria-describedby="model-hint"
          disabled={busy}
          onChange={(e) => void onImport(e.currentTarget as HTMLInputElement)}
        />
      </div>
      <div class="actions">
        <button type="button" id="model-reset" onClick={() => void onReset()} disabled={!imported} aria-describedby={imported ? undefined : 'model-reset-hint'}>
          {t('optModelReset')}
        </button>
        {!imported && (
          <span class="hint" id="model-reset-hint">
            {t('optModelResetNothing')}
          </span>
        )}
      </div>
      <div id="model-result" role={notice?.kind === 'error' ? 'alert' : 'status'}>
        {notice && <p class={`notice ${notice.kind === 'error' ? 'error' : 'ok'}`}>{notice.text}</p>}
        {notice?.kind === 'imported' && notice.warning && <p class="notice error">{notice.warning}</p>}
      </div>
    </section>
  );
}

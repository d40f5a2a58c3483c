import { useState } from 'preact/hooks';
import { saveSettings, type ImportedModel, type Settings } from '../../settings.ts';
import { t } from '../../i18n.ts';
import { abstainsAlways, importModelFile } from '../model-import.ts';
import { errorText } from '../text.ts';

/** What the last model import or reset did, for #model-result. */
export type ModelNotice = { kind: 'imported'; text: string; warning: string | null } | { kind: 'info'; text: string } | { kind: 'error'; text: string };

/** How the page names the model in use. */
export function modelLabel(model: ImportedModel | null): string {
  return model ? `${model.file.id} (${model.name})` : t('optModelBundled');
}

/** Which stance model judges: import one trained with `stance-lens train`, go back to the bundled one. */
export function useModelChoice(settings: Settings | null, setSettings: (s: Settings) => void) {
  const [notice, setNotice] = useState<ModelNotice | null>(null);
  const [busy, setBusy] = useState(false);

  const onImport = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    setNotice(null);
    const kept = modelLabel(settings?.model ?? null);
    try {
      const got = await importModelFile(file);
      if (!got.ok) {
        setNotice({ kind: 'error', text: t('optModelRefused', got.message, kept) });
        return;
      }
      const next = await saveSettings({ model: { source: 'imported', name: got.name, importedAt: new Date().toISOString(), file: got.file } });
      setSettings(next);
      setNotice({
        kind: 'imported',
        text: t('optModelImportOk', `${got.file.id} (${got.name})`, got.file.vocab.length),
        warning: abstainsAlways(got.file) ? t('optModelNoThreshold') : null,
      });
    } catch (e) {
      setNotice({ kind: 'error', text: t('optStoreModelFailed', errorText(e), kept) });
    } finally {
      setBusy(false);
      input.value = '';
    }
  };

  const onReset = async () => {
    try {
      setSettings(await saveSettings({ model: null }));
      setNotice({ kind: 'info', text: t('optModelResetDone') });
    } catch (e) {
      setNotice({ kind: 'error', text: t('optSaveFailed', errorText(e)) });
    }
  };

  return { notice, busy, onImport, onReset };
}

import { useState } from 'preact/hooks';
import { bundledLexicon } from '../../lexicon/bundled.ts';
import type { Problem } from '../../lexicon/problems.ts';
import { saveSettings, type Settings } from '../../settings.ts';
import { t } from '../../i18n.ts';
import { importFiles } from '../import.ts';
import { errorText, lexiconLabel } from '../text.ts';

/** What the last import or reset did, for #import-result. */
export type Notice =
  | { kind: 'refused'; problems: Problem[]; kept: string }
  | { kind: 'imported'; text: string; warnings: Problem[] }
  | { kind: 'info'; text: string }
  | { kind: 'error'; text: string };

/** Which lexicon is in use and browsed: import one, go back to the bundled one, view either. */
export function useLexiconChoice(settings: Settings | null, setSettings: (s: Settings) => void) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const [view, setView] = useState<'active' | 'bundled'>('active');
  const active = settings?.lexicon?.compiled ?? bundledLexicon;

  const onImport = async (input: HTMLInputElement) => {
    const files = input.files;
    if (!files || files.length === 0) return;
    setBusy(true);
    setNotice(null);
    try {
      const outcome = await importFiles(files);
      if (!outcome.ok) {
        setNotice({ kind: 'refused', problems: outcome.problems, kept: lexiconLabel(active) });
        return;
      }
      const l = outcome.lexicon;
      try {
        const next = await saveSettings({ lexicon: { source: 'imported', name: outcome.name, importedAt: new Date().toISOString(), compiled: l } });
        setSettings(next);
        setView('active');
        setNotice({
          kind: 'imported',
          text: t('optImportOk', lexiconLabel(l), l.actors.length, l.statements.length, l.cues.length),
          warnings: outcome.warnings,
        });
      } catch (e) {
        setNotice({ kind: 'error', text: t('optStoreLexiconFailed', errorText(e), lexiconLabel(active)) });
      }
    } catch (e) {
      setNotice({ kind: 'error', text: t('optStoreLexiconFailed', errorText(e), lexiconLabel(active)) });
    } finally {
      setBusy(false);
      input.value = '';
    }
  };

  const onReset = async () => {
    try {
      setSettings(await saveSettings({ lexicon: null }));
      setView('active');
      setNotice({ kind: 'info', text: t('optResetDone', lexiconLabel(bundledLexicon)) });
    } catch (e) {
      setNotice({ kind: 'error', text: t('optSaveFailed', errorText(e)) });
    }
  };

  return { active, notice, busy, view, setView, onImport, onReset };
}

/**
 * The options page: default mode, speaker mentions, palette, the lexicon — see it,
 * import one (a source file with its seeds, or a compiled lexicon), export the one in
 * use, go back to the bundled one — and the stance model (import one trained with
 * `stance-lens train`, go back to the bundled one). A refused import names every problem
 * (entry and field) and leaves the lexicon or model in use as it was.
 *
 * This file is the composition only: the settings (hooks/useSettings.ts), the lexicon
 * choice (hooks/useLexiconChoice.ts), and one component per file under components/.
 */
import { BrowseSection } from './components/BrowseSection.tsx';
import { HighlightingSection } from './components/HighlightingSection.tsx';
import { LexiconSection } from './components/LexiconSection.tsx';
import { LoadingPage } from './components/LoadingPage.tsx';
import { RepairsNotice } from './components/RepairsNotice.tsx';
import { ModelSection } from './components/ModelSection.tsx';
import { useLexiconChoice } from './hooks/useLexiconChoice.ts';
import { useModelChoice } from './hooks/useModelChoice.ts';
import { useSettings } from './hooks/useSettings.ts';
import { t } from '../i18n.ts';

export function App() {
  const { settings, setSettings, repairs, sites, saved, loadError, save, chooseMode } = useSettings();
  const { active, notice, busy, view, setView, onImport, onReset } = useLexiconChoice(settings, setSettings);
  const model = useModelChoice(settings, setSettings);

  if (!settings) return <LoadingPage error={loadError} />;

  return (
    <>
      <header class="page-header">
        <h1>{t('optHeading')}</h1>
      </header>
      <main>
        {repairs.length > 0 && <RepairsNotice repairs={repairs} />}
        <HighlightingSection settings={settings} sites={sites} saved={saved} save={save} chooseMode={chooseMode} />
        <LexiconSection active={active} imported={settings.lexicon} notice={notice} busy={busy} onImport={onImport} onReset={onReset} />
        <BrowseSection active={active} imported={!!settings.lexicon} view={view} setView={setView} />
        <ModelSection imported={settings.model} notice={model.notice} busy={model.busy} onImport={model.onImport} onReset={model.onReset} />
      </main>
    </>
  );
}

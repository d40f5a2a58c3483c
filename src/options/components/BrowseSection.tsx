import { bundledLexicon } from '../../lexicon/bundled.ts';
import type { CompiledLexicon } from '../../lexicon/types.ts';
import { t } from '../../i18n.ts';
import { LexiconView } from './LexiconView.tsx';
import { lexiconLabel } from '../text.ts';

interface BrowseProps {
  active: CompiledLexicon;
  /** whether a lexicon was imported: then the bundled one can be browsed too */
  imported: boolean;
  view: 'active' | 'bundled';
  setView: (v: 'active' | 'bundled') => void;
}

/** The tables of the lexicon in use, or of the bundled one. */
export function BrowseSection({ active, imported, view, setView }: BrowseProps) {
  const shown = view === 'bundled' ? bundledLexicon : active;
  return (
    <section aria-labelledby="browse-h">
      <h2 id="browse-h">{t('optBrowseHeading')}</h2>
      {imported && (
        <fieldset>
          <legend>{t('optViewWhich')}</legend>
          <div class="choice">
            <input type="radio" id="view-active" name="view" checked={view === 'active'} onChange={() => setView('active')} />
            <label for="view-active">{t('optViewActive', lexiconLabel(active))}</label>
          </div>
          <div class="choice">
            <input type="radio" id="view-bundled" name="view" checked={view === 'bundled'} onChange={() => setView('bundled')} />
            <label for="view-bundled">{t('optViewBundled', lexiconLabel(bundledLexicon))}</label>
          </div>
        </fieldset>
      )}
      <LexiconView key={`${view}:${shown.id}@${shown.version}`} lexicon={shown} prefix="lex" />
    </section>
  );
}

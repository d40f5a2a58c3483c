import { MODES, type DefaultMode } from '../../settings.ts';
import { t } from '../../i18n.ts';
import { RadioChoices } from './RadioChoices.tsx';

/** The default mode; with "sites", the sites set to always on. */
export function ModeFieldset({ mode, sites, onChoose }: { mode: DefaultMode; sites: string[]; onChoose: (m: DefaultMode) => void }) {
  return (
    <fieldset>
      <legend>{t('optModeLegend')}</legend>
      <RadioChoices name="mode" values={MODES} chosen={mode} messagePrefix="optMode_" onChoose={onChoose} />
      {mode === 'sites' && (
        <div class="sites" id="sites-list">
          {sites.length === 0 ? (
            <p>{t('optSitesEmpty')}</p>
          ) : (
            <>
              <p>{t('optSitesList')}</p>
              <ul>
                {sites.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </fieldset>
  );
}

import { MODES, type DefaultMode } from '../../settings.ts';
import { t } from '../../i18n.ts';
import { keyPart } from '../text.ts';

/** The default mode; with "sites", the sites set to always on. */
export function ModeFieldset({ mode, sites, onChoose }: { mode: DefaultMode; sites: string[]; onChoose: (m: DefaultMode) => void }) {
  return (
    <fieldset>
      <legend>{t('optModeLegend')}</legend>
      {MODES.map((m: DefaultMode) => (
        <div class="choice" key={m}>
          <input type="radio" id={`mode-${m}`} name="mode" value={m} checked={mode === m} onChange={() => void onChoose(m)} />
          <label for={`mode-${m}`}>{t(`optMode_${keyPart(m)}`)}</label>
        </div>
      ))}
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

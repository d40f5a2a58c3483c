import type { SiteMode } from '../../messages.ts';
import { t } from '../i18n.ts';
import type { Site } from '../model.ts';

interface SiteControlsProps {
  site: Site;
  mode: SiteMode;
  notice: string | null;
  onAlwaysOn: () => void;
  onStop: () => void;
}

/** "Always on for this site", or the way back from it. */
export function SiteControls({ site, mode, notice, onAlwaysOn, onStop }: SiteControlsProps) {
  return (
    <div class="site">
      {mode === 'always-on' ? (
        <>
          <p>{t('popupAlwaysOnActive', site.host)}</p>
          <button type="button" onClick={onStop}>
            {t('popupAlwaysOnStop')}
          </button>
        </>
      ) : (
        <button type="button" onClick={onAlwaysOn}>
          {t('popupAlwaysOn')}
        </button>
      )}
      {notice && <p role="status">{notice}</p>}
    </div>
  );
}

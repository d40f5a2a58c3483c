import type { TabState } from '../../messages.ts';
import { t } from '../i18n.ts';
import { hostOf } from '../model.ts';

/** The page (title, host) and the highlights switch. */
export function PageHeader({ st, canSwitch, onSwitch }: { st: TabState | null; canSwitch: boolean; onSwitch: (on: boolean) => void }) {
  return (
    <header class="top">
      <div class="page">
        <h1 title={st?.title ?? undefined}>{st?.title || t('extName')}</h1>
        <p class="host">{hostOf(st?.url)}</p>
      </div>
      <div class="switch">
        <span id="hl-label">{t('popupHighlights')}</span>
        <button
          type="button"
          role="switch"
          aria-checked={st?.on ? 'true' : 'false'}
          aria-labelledby="hl-label"
          disabled={!canSwitch}
          onClick={() => onSwitch(!st?.on)}
        >
          {st?.on ? t('popupOn') : t('popupOff')}
        </button>
      </div>
    </header>
  );
}

import type { ComponentChildren } from 'preact';
import type { TabState } from '../../messages.ts';
import { t } from '../i18n.ts';

/** What the tab is doing when there is no list to show: loading, off, scanning, nothing found, unsupported, error. */
export function StateMessage({ st, error, onTurnOn }: { st: TabState | null; error: string | null; onTurnOn: () => void }) {
  let text = '';
  let action: ComponentChildren = null;
  let kind = 'info';
  if (!st) {
    text = error ? '' : t('popupLoading');
  } else if (st.status === 'unsupported') {
    text = st.message || t('popupUnsupported');
    kind = 'unsupported';
  } else if (st.status === 'error') {
    text = st.message || t('popupErrorGeneric');
    kind = 'error';
  } else if (!st.on) {
    text = t('popupOffState');
    kind = 'off';
    action = (
      <button type="button" class="primary" onClick={onTurnOn}>
        {t('popupTurnOn')}
      </button>
    );
  } else if (st.status !== 'ready' || !st.report) {
    text = t('popupScanning');
    kind = 'scanning';
  } else if (st.report.statements.length === 0) {
    text = t('popupNothingFound');
    kind = 'empty';
  }
  return (
    <div class={`state ${kind}`} data-state={kind}>
      {/* kept in the page (even empty) so that changes are announced */}
      <p role={kind === 'error' ? 'alert' : 'status'} class="message">
        {text}
      </p>
      {action}
    </div>
  );
}

import { t } from '../i18n.ts';
import { STANCES } from '../../vocab/vocab.ts';
import { StanceBadge } from './StanceBadge.tsx';

/** The stance markers, each with its glyph and word. */
export function Legend() {
  return (
    <section class="legend" aria-labelledby="legend-h">
      <h2 id="legend-h" class="sr-only">
        {t('popupLegend')}
      </h2>
      <ul>
        {STANCES.map((s) => (
          <li key={s}>
            <StanceBadge stance={s} />
          </li>
        ))}
      </ul>
    </section>
  );
}

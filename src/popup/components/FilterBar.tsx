import { t } from '../i18n.ts';
import { STANCES } from '../../vocab/vocab.ts';
import type { Filters } from '../model.ts';
import { StanceBadge } from './StanceBadge.tsx';

/** Stance toggles, the speaker's name, flagged statements only. */
export function FilterBar({ filters, onChange }: { filters: Filters; onChange: (f: Filters) => void }) {
  return (
    <section class="filters" aria-labelledby="filters-h">
      <h2 id="filters-h" class="sr-only">
        {t('popupFilters')}
      </h2>
      <div role="group" aria-labelledby="stance-filter-label" class="stance-toggles">
        <span id="stance-filter-label" class="label">
          {t('popupFilterStance')}
        </span>
        {STANCES.map((s) => (
          <button
            type="button"
            key={s}
            class="toggle"
            aria-pressed={filters.stances[s] ? 'true' : 'false'}
            onClick={() => onChange({ ...filters, stances: { ...filters.stances, [s]: !filters.stances[s] } })}
          >
            <StanceBadge stance={s} />
          </button>
        ))}
      </div>
      <div class="row">
        <label>
          <span>{t('popupFilterSpeaker')}</span>
          <input type="search" value={filters.name} onInput={(e) => onChange({ ...filters, name: (e.currentTarget as HTMLInputElement).value })} />
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={filters.flaggedOnly}
            onChange={(e) => onChange({ ...filters, flaggedOnly: (e.currentTarget as HTMLInputElement).checked })}
          />
          <span>{t('popupFilterFlagged')}</span>
        </label>
      </div>
    </section>
  );
}

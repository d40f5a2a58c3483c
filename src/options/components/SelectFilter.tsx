import { t } from '../../i18n.ts';
import type { FilterProps } from './TextFilter.tsx';

/** A labelled choice over a table: all, or one of `options` ([value, label]). */
export function SelectFilter({ id, label, value, onInput, options }: FilterProps & { options: Array<[string, string]> }) {
  return (
    <span class="filter">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onInput((e.currentTarget as HTMLSelectElement).value)}>
        <option value="">{t('optAll')}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </span>
  );
}

import { t } from '../../i18n.ts';

/** Settings found damaged and reset while loading (each shown once). */
export function RepairsNotice({ repairs }: { repairs: string[] }) {
  return (
    <section class="notice warning" role="alert" aria-labelledby="repairs-h">
      <h2 id="repairs-h">{t('optRepairedHeading')}</h2>
      <ul>
        {repairs.map((r, i) => (
          <li key={i}>{r}</li>
        ))}
      </ul>
    </section>
  );
}

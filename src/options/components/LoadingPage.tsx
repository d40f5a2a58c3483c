import { t } from '../../i18n.ts';

/** Until the settings are read: loading, or why they could not be. */
export function LoadingPage({ error }: { error: string | null }) {
  return (
    <main>
      <h1>{t('optHeading')}</h1>
      {error !== null ? <p role="alert">{error}</p> : <p role="status">{t('optLoading')}</p>}
    </main>
  );
}

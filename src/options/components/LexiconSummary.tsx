import type { CompiledLexicon } from '../../lexicon/types.ts';
import type { ImportedLexicon } from '../../settings.ts';
import { t, uiLanguage } from '../../i18n.ts';

/** The lexicon in use: title, id, version, where it came from, its size. */
export function LexiconSummary({ active, imported }: { active: CompiledLexicon; imported: ImportedLexicon | null }) {
  const dateFormat = new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <dl class="lexicon-summary" data-testid="active-lexicon" data-lexicon-id={active.id} data-lexicon-version={active.version}>
      <dt>{t('optLexiconInUse')}</dt>
      <dd>{active.title}</dd>
      <dt>{t('colId')}</dt>
      <dd>
        <code>{active.id}</code>
      </dd>
      <dt>{t('optLexiconVersion')}</dt>
      <dd>{active.version}</dd>
      <dt>{t('optLexiconOrigin')}</dt>
      <dd>{imported ? t('optLexiconOriginImported', imported.name, dateFormat.format(new Date(imported.importedAt))) : t('optLexiconOriginBundled')}</dd>
      <dt>{t('optLexiconSize')}</dt>
      <dd>{t('optLexiconCounts', active.actors.length, active.statements.length, active.cues.length)}</dd>
    </dl>
  );
}

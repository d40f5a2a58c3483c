import type { Report, Statement } from '../../engine/types.ts';
import { t } from '../i18n.ts';

/**
 * How the words compare with the seed: verbatim, altered (a changed quotation — a warning —
 * or another wording — for information — with the word difference), none; a misattribution;
 * and for a flag, the page's attribution words and the seed's sentence.
 */
export function SeedMatch({ st, report }: { st: Statement; report: Report }) {
  const altered = st.flags.find((f) => f.kind === 'altered-quote');
  const misattributed = st.flags.find((f) => f.kind === 'misattributed');
  // what a fact-checker checks in one look: the page's attribution words and the seed's sentence
  const flag = misattributed ?? altered;
  const who = (id: string | null | undefined): string | null => (id ? (report.speakers.find((s) => s.id === id)?.name ?? null) : null);
  return (
    <div class="seed-match" data-seed={st.seedMatch}>
      {st.seedMatch === 'verbatim' && <p>{t('popupSeedVerbatim')}</p>}
      {st.seedMatch === 'altered' && (
        <>
          <p class={altered?.severity === 'warning' ? 'flag altered-warning' : undefined}>
            {altered?.severity === 'warning' ? t('popupSeedAlteredWarning') : altered?.severity === 'info' ? t('popupSeedAlteredInfo') : t('popupSeedAltered')}
          </p>
          {altered?.diff ? (
            <p class="diff">
              {altered.diff.map((d, i) => (
                <span key={i}>
                  {i > 0 && ' '}
                  {d.op === 'same' ? (
                    d.text
                  ) : d.op === 'removed' ? (
                    <del>
                      <span class="sr-only">{t('popupDiffRemoved')} </span>
                      {d.text}
                    </del>
                  ) : (
                    <ins>
                      <span class="sr-only">{t('popupDiffAdded')} </span>
                      {d.text}
                    </ins>
                  )}
                </span>
              ))}
            </p>
          ) : (
            altered && <p class="diff">{altered.message}</p>
          )}
        </>
      )}
      {st.seedMatch === 'none' && <p>{t('popupSeedNone')}</p>}
      {misattributed && <p class="flag misattributed">{t('popupMisattributed', who(misattributed.seedSpeaker) ?? misattributed.message)}</p>}
      {flag?.pageAttribution && <p class="page-attribution">{t('popupPageAttribution', flag.pageAttribution)}</p>}
      {flag?.seedText && st.seedMatch !== 'verbatim' && <p class="seed-text">{t('popupSeedText', flag.seedText)}</p>}
    </div>
  );
}

import type { Statement } from '../../engine/types.ts';
import { t } from '../i18n.ts';
import { EvidenceItem } from './EvidenceItem.tsx';

/** Why a statement has its stance: each piece of evidence, or that there is none. */
export function Evidence({ st }: { st: Statement }) {
  if (st.evidence.length === 0) return <p class="evidence none">{t('popupEvidenceNone')}</p>;
  return (
    <ul class="evidence" aria-label={t('popupEvidence')}>
      {st.evidence.map((ev, i) => (
        <EvidenceItem key={i} ev={ev} />
      ))}
    </ul>
  );
}

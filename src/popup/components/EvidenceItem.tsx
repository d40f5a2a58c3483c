import type { Evidence } from '../../engine/types.ts';
import { STANCE_GLYPH } from '../../report/format.ts';
import { stanceWord, t } from '../i18n.ts';

/**
 * One piece of evidence, by kind: the one place the popup renders a kind (a new kind
 * is a new case; the compiler points here until it has one).
 */
export function EvidenceItem({ ev }: { ev: Evidence }) {
  switch (ev.kind) {
    case 'seed-quote':
      return <li class="seed">{t('popupEvidenceSeed', ev.seedText, ev.reason)}</li>;
    case 'cue':
      return (
        <li class="cue">
          {t('popupEvidenceCue', ev.match, `${STANCE_GLYPH[ev.stance]} ${stanceWord(ev.stance)}`, ev.reason)}
          {ev.negated && ` ${t('popupEvidenceNegated')}`}
        </li>
      );
    default:
      return unknownKind(ev);
  }
}

function unknownKind(ev: never): null {
  void ev;
  return null;
}

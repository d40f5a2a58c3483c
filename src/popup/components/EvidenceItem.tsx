import type { Evidence, ModelEvidence } from '../../engine/types.ts';
import { STANCE_GLYPH } from '../../vocab/vocab.ts';
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
    case 'model':
      return <ModelItem ev={ev} />;
    default:
      return unknownKind(ev);
  }
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

/** A stance, or "not about the war", with its glyph: readable without colour. */
function side(s: ModelEvidence['stance']): string {
  return s === 'none' ? t('popupStanceNotWar') : `${STANCE_GLYPH[s]} ${stanceWord(s)}`;
}

/** The model's decision and the words behind it, each with its direction and weight. */
function ModelItem({ ev }: { ev: ModelEvidence }) {
  return (
    <li class="model">
      {ev.abstained
        ? t('popupEvidenceModelAbstained', side(ev.stance), pct(ev.probability), pct(ev.threshold))
        : t('popupEvidenceModel', side(ev.stance), pct(ev.probability))}
      {ev.terms.length > 0 && (
        <ul class="terms">
          {ev.terms.map((term, i) => (
            <li key={i}>{t('popupEvidenceModelTerm', term.text, side(term.toward), term.weight.toFixed(2))}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

function unknownKind(ev: never): null {
  void ev;
  return null;
}

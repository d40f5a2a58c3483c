import { STANCE_GLYPH, type LabelledStance } from '../../vocab/vocab.ts';
import { stanceLabel } from '../stance.ts';

export function StanceChip({ stance }: { stance: LabelledStance }) {
  return (
    <span class={`stance stance-${stance}`}>
      <span aria-hidden="true">{STANCE_GLYPH[stance]} </span>
      {stanceLabel(stance)}
    </span>
  );
}

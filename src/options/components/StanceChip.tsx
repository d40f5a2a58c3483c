import type { LabelledStance } from '../../engine/types.ts';
import { GLYPH, stanceLabel } from '../stance.ts';

export function StanceChip({ stance }: { stance: LabelledStance }) {
  return (
    <span class={`stance stance-${stance}`}>
      <span aria-hidden="true">{GLYPH[stance]} </span>
      {stanceLabel(stance)}
    </span>
  );
}

import type { ComponentChildren } from 'preact';
import type { Overall } from '../../engine/types.ts';
import { STANCE_GLYPH } from '../../vocab/vocab.ts';
import { stanceWord } from '../i18n.ts';

/** Glyph + colour + word: never colour alone. */
export function StanceBadge({ stance, children }: { stance: Overall; children?: ComponentChildren }) {
  return (
    <span class={`badge ${stance}`} data-stance={stance}>
      <span aria-hidden="true">{STANCE_GLYPH[stance]}</span> {children ?? stanceWord(stance)}
    </span>
  );
}

/** Stances as the options page shows them: glyph and word, never colour alone. */
import { LABELLED_STANCES, STANCE_GLYPH, type LabelledStance } from '../vocab/vocab.ts';
import { t } from '../i18n.ts';

export const stanceLabel = (s: LabelledStance): string => t(`stance_${s.replace('-', '_')}`);

/** The choices of a stance filter: value and label. */
export const stanceOptions = (): Array<[string, string]> => LABELLED_STANCES.map((s) => [s, `${STANCE_GLYPH[s]} ${stanceLabel(s)}`]);

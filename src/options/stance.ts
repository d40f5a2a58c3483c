/** Stances as the options page shows them: glyph and word, never colour alone. */
import type { LabelledStance } from '../engine/types.ts';
import { t } from './i18n.ts';

export const GLYPH: Record<LabelledStance, string> = { 'pro-ukraine': '▲', 'contra-ukraine': '▼', neutral: '●' };
export const STANCES: LabelledStance[] = ['pro-ukraine', 'contra-ukraine', 'neutral'];

export const stanceLabel = (s: LabelledStance): string => t(`stance_${s.replace('-', '_')}`);

/** The choices of a stance filter: value and label. */
export const stanceOptions = (): Array<[string, string]> => STANCES.map((s) => [s, `${GLYPH[s]} ${stanceLabel(s)}`]);

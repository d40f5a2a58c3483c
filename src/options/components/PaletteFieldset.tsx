import { PALETTES, type Palette } from '../../settings.ts';
import { t } from '../../i18n.ts';
import { LABELLED_STANCES, STANCE_GLYPH } from '../../vocab/vocab.ts';
import { stanceLabel } from '../stance.ts';
import { RadioChoices } from './RadioChoices.tsx';

/** The colours, with a preview of the stance swatches. */
export function PaletteFieldset({ palette, onChoose }: { palette: Palette; onChoose: (p: Palette) => void }) {
  return (
    <fieldset>
      <legend>{t('optPaletteLegend')}</legend>
      <RadioChoices name="palette" values={PALETTES} chosen={palette} messagePrefix="optPalette_" onChoose={onChoose} />
      <p class="swatches" aria-label={t('optPalettePreview')} role="group">
        {LABELLED_STANCES.map((s) => (
          <span key={s} class={`swatch stance-${s}`}>
            <span aria-hidden="true">{STANCE_GLYPH[s]} </span>
            {stanceLabel(s)}
          </span>
        ))}
      </p>
    </fieldset>
  );
}

import { PALETTES, type Palette } from '../../settings.ts';
import { t } from '../../i18n.ts';
import { LABELLED_STANCES, STANCE_GLYPH } from '../../vocab/vocab.ts';
import { stanceLabel } from '../stance.ts';
import { keyPart } from '../text.ts';

/** The colours, with a preview of the stance swatches. */
export function PaletteFieldset({ palette, onChoose }: { palette: Palette; onChoose: (p: Palette) => void }) {
  return (
    <fieldset>
      <legend>{t('optPaletteLegend')}</legend>
      {PALETTES.map((p: Palette) => (
        <div class="choice" key={p}>
          <input type="radio" id={`palette-${p}`} name="palette" value={p} checked={palette === p} onChange={() => void onChoose(p)} />
          <label for={`palette-${p}`}>{t(`optPalette_${keyPart(p)}`)}</label>
        </div>
      ))}
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

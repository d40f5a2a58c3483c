import type { DefaultMode, Settings, SettingsPatch } from '../../settings.ts';
import { t } from '../../i18n.ts';
import { ModeFieldset } from './ModeFieldset.tsx';
import { PaletteFieldset } from './PaletteFieldset.tsx';

interface HighlightingProps {
  settings: Settings;
  sites: string[];
  /** the last save's outcome */
  saved: string;
  save: (patch: SettingsPatch) => Promise<void>;
  chooseMode: (m: DefaultMode) => void;
}

/** Default mode, speaker mentions, palette. */
export function HighlightingSection({ settings, sites, saved, save, chooseMode }: HighlightingProps) {
  return (
    <section aria-labelledby="highlighting-h">
      <h2 id="highlighting-h">{t('optHighlightingHeading')}</h2>
      <ModeFieldset mode={settings.mode} sites={sites} onChoose={chooseMode} />

      <div class="choice checkbox">
        <input
          type="checkbox"
          id="show-mentions"
          checked={settings.showMentions}
          aria-describedby="show-mentions-hint"
          onChange={(e) => void save({ showMentions: (e.currentTarget as HTMLInputElement).checked })}
        />
        <label for="show-mentions">{t('optShowMentions')}</label>
        <p class="hint" id="show-mentions-hint">
          {t('optShowMentionsHint')}
        </p>
      </div>

      <PaletteFieldset palette={settings.palette} onChoose={(p) => void save({ palette: p })} />
      <p role="status" class="saved">
        {saved}
      </p>
    </section>
  );
}

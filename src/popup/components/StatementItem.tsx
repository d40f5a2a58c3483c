import type { Report, Statement } from '../../engine/types.ts';
import { STANCE_GLYPH } from '../../vocab/vocab.ts';
import { stanceWord, t } from '../i18n.ts';
import { Evidence } from './Evidence.tsx';
import { SeedMatch } from './SeedMatch.tsx';
import { StanceBadge } from './StanceBadge.tsx';

interface StatementProps {
  index: number;
  st: Statement;
  report: Report;
  current: boolean;
  onJump: (index: number) => void;
  register: (index: number, el: HTMLButtonElement | null) => void;
}

/** One statement: the words (a button that shows them in the page), its stance and why, the seed match. */
export function StatementItem({ index, st, report, current, onJump, register }: StatementProps) {
  const metaId = `st-${index}-meta`;
  return (
    <li class={current ? 'statement current' : 'statement'} data-index={index} data-stance={st.stance}>
      <button
        type="button"
        class={`jump ${st.stance}`}
        ref={(el) => register(index, el)}
        aria-current={current ? 'true' : undefined}
        aria-describedby={metaId}
        title={t('popupShowInPage')}
        onClick={() => onJump(index)}
      >
        <span aria-hidden="true" class="glyph">
          {STANCE_GLYPH[st.stance]}
        </span>{' '}
        <q>{st.text.replace(/\s+/g, ' ').trim()}</q>
      </button>
      <div id={metaId} class="meta">
        <p>
          <StanceBadge stance={st.stance}>{t('popupStance', stanceWord(st.stance))}</StanceBadge>
        </p>
        <Evidence st={st} />
        <SeedMatch st={st} report={report} />
        {st.attributionNote && <p class="note">{t('popupAttribution', st.attributionNote)}</p>}
      </div>
    </li>
  );
}

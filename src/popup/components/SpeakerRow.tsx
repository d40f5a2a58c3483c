import type { Report } from '../../engine/types.ts';
import { STANCE_GLYPH } from '../../vocab/vocab.ts';
import { stanceWord, t } from '../i18n.ts';
import { STANCES } from '../../vocab/vocab.ts';
import { UNATTRIBUTED, type VisibleGroup } from '../model.ts';
import { StatementItem } from './StatementItem.tsx';

interface RowProps {
  group: VisibleGroup;
  report: Report;
  /** statementKeys(report): statements keep their element across reports */
  keys: readonly string[];
  open: boolean;
  filtering: boolean;
  current: number | null;
  onToggle: () => void;
  onJump: (index: number) => void;
  register: (index: number, el: HTMLButtonElement | null) => void;
}

/** One speaker (or the unattributed statements): name, markers, overall; open, their statements. */
export function SpeakerRow({ group, report, keys, open, filtering, current, onToggle, onJump, register }: RowProps) {
  const sp = group.speaker;
  const id = `group-${group.key === UNATTRIBUTED ? 'unattributed' : group.key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const name = sp ? sp.name : t('popupUnattributed');
  return (
    <li class="speaker" data-speaker={sp ? sp.id : ''}>
      <button type="button" class="row-button" aria-expanded={open ? 'true' : 'false'} aria-controls={open ? id : undefined} onClick={onToggle}>
        <span class="chevron" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        <span class="who">
          <span class={sp ? 'name' : 'name unattributed'}>{name}</span>
          {sp && !sp.inLexicon && <span class="tag">{t('popupNotInLexicon')}</span>}
          {sp?.role && <span class="role">{sp.role}</span>}
        </span>
        <span class="markers">
          {STANCES.filter((s) => group.counts[s] > 0).map((s) => (
            <span key={s} class={`badge count ${s}`} data-stance={s} data-count={group.counts[s]}>
              <span aria-hidden="true">{STANCE_GLYPH[s]}</span>
              <span class="sr-only">{t('popupStanceCount', stanceWord(s), group.counts[s])}</span>
              <span aria-hidden="true">{group.counts[s]}</span>
            </span>
          ))}
          {group.overall && (
            <span class={`badge overall ${group.overall}`} data-overall={group.overall}>
              <span class="sr-only">{t('popupOverall', stanceWord(group.overall))}</span>
              <span aria-hidden="true">
                {STANCE_GLYPH[group.overall]} {stanceWord(group.overall)}
              </span>
            </span>
          )}
          {filtering && <span class="shown">{t('popupShownCount', group.shown.length, group.statements.length)}</span>}
        </span>
      </button>
      {open && (
        <ol id={id} class="statements" aria-label={sp ? t('popupStatementsBy', sp.name) : t('popupUnattributed')}>
          {group.shown.map((i) => (
            <StatementItem key={keys[i]} index={i} st={report.statements[i]!} report={report} current={current === i} onJump={onJump} register={register} />
          ))}
        </ol>
      )}
    </li>
  );
}

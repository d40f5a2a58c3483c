import { useMemo, useState } from 'preact/hooks';
import type { CompiledLexicon } from '../../lexicon/types.ts';
import { t } from '../../i18n.ts';
import { matcher } from '../match.ts';
import { stanceOptions } from '../stance.ts';
import { SelectFilter } from './SelectFilter.tsx';
import { StanceChip } from './StanceChip.tsx';
import { LexiconPart } from './LexiconPart.tsx';
import { TextFilter } from './TextFilter.tsx';

/** The lexicon's seed statements with speaker, stance and reason, filtered by text and stance. */
export function StatementsTable({ lexicon, prefix }: { lexicon: CompiledLexicon; prefix: string }) {
  const [query, setQuery] = useState('');
  const [stance, setStance] = useState('');
  const names = useMemo(() => new Map(lexicon.actors.map((a) => [a.id, a.name])), [lexicon]);
  const rows = useMemo(() => {
    const hit = matcher(query);
    return lexicon.statements.filter(
      (s) => (stance === '' || s.stance === stance) && hit(s.text, s.reason, s.id, s.speaker === null ? null : (names.get(s.speaker) ?? s.speaker)),
    );
  }, [lexicon, query, stance, names]);
  return (
    <LexiconPart
      part={{ prefix, name: 'statements', total: lexicon.statements.length, shown: rows.length }}
      filters={
        <>
          <TextFilter id={`${prefix}-statements-q`} label={t('optFilterStatements')} value={query} onInput={setQuery} />
          <SelectFilter id={`${prefix}-statements-stance`} label={t('colStance')} value={stance} onInput={setStance} options={stanceOptions()} />
        </>
      }
      columns={[t('colSpeaker'), t('colText'), t('colStance'), t('colReason')]}
    >
      {rows.map((s) => (
        <tr key={s.id}>
          <td>{s.speaker === null ? <span class="muted">{t('optSpeakerNone')}</span> : (names.get(s.speaker) ?? s.speaker)}</td>
          <td>
            <q>{s.text}</q> <span class="muted">({s.kind})</span>
          </td>
          <td>
            <StanceChip stance={s.stance} />
          </td>
          <td>{s.reason}</td>
        </tr>
      ))}
    </LexiconPart>
  );
}

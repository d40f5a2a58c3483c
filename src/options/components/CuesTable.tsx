import { useMemo, useState } from 'preact/hooks';
import { NEGATIONS, type CompiledLexicon } from '../../lexicon/types.ts';
import { t, uiLanguage } from '../../i18n.ts';
import { matcher } from '../match.ts';
import { stanceOptions } from '../stance.ts';
import { SelectFilter } from './SelectFilter.tsx';
import { StanceChip } from './StanceChip.tsx';
import { LexiconPart } from './LexiconPart.tsx';
import { TextFilter } from './TextFilter.tsx';

/** The lexicon's cue phrases with stance, weight, negation rule and reason, filtered by text, stance and negation. */
export function CuesTable({ lexicon, prefix }: { lexicon: CompiledLexicon; prefix: string }) {
  const [query, setQuery] = useState('');
  const [stance, setStance] = useState('');
  const [negation, setNegation] = useState('');
  const rows = useMemo(() => {
    const hit = matcher(query);
    return lexicon.cues.filter((c) => (stance === '' || c.stance === stance) && (negation === '' || c.negation === negation) && hit(c.phrase, c.reason, c.id));
  }, [lexicon, query, stance, negation]);
  const number = useMemo(() => new Intl.NumberFormat(uiLanguage(), { maximumFractionDigits: 2 }), []);
  return (
    <LexiconPart
      part={{ prefix, name: 'cues', total: lexicon.cues.length, shown: rows.length }}
      filters={
        <>
          <TextFilter id={`${prefix}-cues-q`} label={t('optFilterCues')} value={query} onInput={setQuery} />
          <SelectFilter id={`${prefix}-cues-stance`} label={t('colStance')} value={stance} onInput={setStance} options={stanceOptions()} />
          <SelectFilter
            id={`${prefix}-cues-negation`}
            label={t('colNegation')}
            value={negation}
            onInput={setNegation}
            options={NEGATIONS.map((n) => [n, t(`neg_${n}`)])}
          />
        </>
      }
      columns={[t('colPhrase'), t('colStance'), t('colWeight'), t('colNegation'), t('colReason')]}
    >
      {rows.map((c) => (
        <tr key={c.id}>
          <td>
            <code>{c.phrase}</code>
          </td>
          <td>
            <StanceChip stance={c.stance} />
          </td>
          <td class="num">{number.format(c.weight)}</td>
          <td>{t(`neg_${c.negation}`)}</td>
          <td>{c.reason}</td>
        </tr>
      ))}
    </LexiconPart>
  );
}

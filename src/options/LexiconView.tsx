/**
 * Browse a compiled lexicon: actors with their aliases, statements with stance and
 * reason, cues with stance, weight, negation and reason — each a table with filters.
 * All lexicon text is rendered as text nodes (never as markup).
 */
import { useMemo, useState } from 'preact/hooks';
import type { LabelledStance } from '../engine/types.ts';
import { foldString } from '../engine/normalize.ts';
import type { CompiledLexicon, NegationRule } from '../lexicon/types.ts';
import { t, uiLanguage } from './i18n.ts';

export const GLYPH: Record<LabelledStance, string> = { 'pro-ukraine': '▲', 'contra-ukraine': '▼', neutral: '●' };
const STANCES: LabelledStance[] = ['pro-ukraine', 'contra-ukraine', 'neutral'];
const NEGATIONS: NegationRule[] = ['flip', 'drop', 'keep'];

export const stanceLabel = (s: LabelledStance): string => t(`stance_${s.replace('-', '_')}`);

export function StanceChip({ stance }: { stance: LabelledStance }) {
  return (
    <span class={`stance stance-${stance}`}>
      <span aria-hidden="true">{GLYPH[stance]} </span>
      {stanceLabel(stance)}
    </span>
  );
}

/** Case-, diacritic- and quote-insensitive "contains", like the engine reads text. */
function matcher(query: string): (...fields: Array<string | null | undefined>) => boolean {
  const q = foldString(query.trim());
  return (...fields) => q === '' || fields.some((f) => f != null && foldString(f).includes(q));
}

interface FilterProps {
  id: string;
  label: string;
  value: string;
  onInput: (v: string) => void;
}

function TextFilter({ id, label, value, onInput }: FilterProps) {
  return (
    <span class="filter">
      <label for={id}>{label}</label>
      <input id={id} type="search" value={value} onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)} />
    </span>
  );
}

function SelectFilter({ id, label, value, onInput, options }: FilterProps & { options: Array<[string, string]> }) {
  return (
    <span class="filter">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onInput((e.currentTarget as HTMLSelectElement).value)}>
        <option value="">{t('optAll')}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </span>
  );
}

const stanceOptions = (): Array<[string, string]> => STANCES.map((s) => [s, `${GLYPH[s]} ${stanceLabel(s)}`]);

function ActorsTable({ lexicon, prefix }: { lexicon: CompiledLexicon; prefix: string }) {
  const [query, setQuery] = useState('');
  const rows = useMemo(() => {
    const hit = matcher(query);
    return lexicon.actors.filter((a) => hit(a.name, a.id, a.role, a.affiliation, ...a.aliases.map((x) => x.text)));
  }, [lexicon, query]);
  return (
    <section aria-labelledby={`${prefix}-actors-h`} class="lexicon-part">
      <h3 id={`${prefix}-actors-h`}>{t('optActors', lexicon.actors.length)}</h3>
      <div class="filters">
        <TextFilter id={`${prefix}-actors-q`} label={t('optFilterActors')} value={query} onInput={setQuery} />
      </div>
      <table data-testid={`${prefix}-actors`}>
        <caption>{t('optShowing', rows.length, lexicon.actors.length)}</caption>
        <thead>
          <tr>
            <th scope="col">{t('colName')}</th>
            <th scope="col">{t('colId')}</th>
            <th scope="col">{t('colRole')}</th>
            <th scope="col">{t('colAliases')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id}>
              <th scope="row">{a.name}</th>
              <td>
                <code>{a.id}</code>
              </td>
              <td>
                {a.role}
                <div class="muted">{a.affiliation}</div>
              </td>
              <td>
                <ul class="aliases">
                  {a.aliases.map((x) => (
                    <li key={x.folded}>
                      {x.text} <span class="muted">({x.kind}{x.shared ? `, ${t('optShared')}` : ''})</span>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function StatementsTable({ lexicon, prefix }: { lexicon: CompiledLexicon; prefix: string }) {
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
    <section aria-labelledby={`${prefix}-statements-h`} class="lexicon-part">
      <h3 id={`${prefix}-statements-h`}>{t('optStatements', lexicon.statements.length)}</h3>
      <div class="filters">
        <TextFilter id={`${prefix}-statements-q`} label={t('optFilterStatements')} value={query} onInput={setQuery} />
        <SelectFilter id={`${prefix}-statements-stance`} label={t('colStance')} value={stance} onInput={setStance} options={stanceOptions()} />
      </div>
      <table data-testid={`${prefix}-statements`}>
        <caption>{t('optShowing', rows.length, lexicon.statements.length)}</caption>
        <thead>
          <tr>
            <th scope="col">{t('colSpeaker')}</th>
            <th scope="col">{t('colText')}</th>
            <th scope="col">{t('colStance')}</th>
            <th scope="col">{t('colReason')}</th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </section>
  );
}

function CuesTable({ lexicon, prefix }: { lexicon: CompiledLexicon; prefix: string }) {
  const [query, setQuery] = useState('');
  const [stance, setStance] = useState('');
  const [negation, setNegation] = useState('');
  const rows = useMemo(() => {
    const hit = matcher(query);
    return lexicon.cues.filter((c) => (stance === '' || c.stance === stance) && (negation === '' || c.negation === negation) && hit(c.phrase, c.reason, c.id));
  }, [lexicon, query, stance, negation]);
  const number = useMemo(() => new Intl.NumberFormat(uiLanguage(), { maximumFractionDigits: 2 }), []);
  return (
    <section aria-labelledby={`${prefix}-cues-h`} class="lexicon-part">
      <h3 id={`${prefix}-cues-h`}>{t('optCues', lexicon.cues.length)}</h3>
      <div class="filters">
        <TextFilter id={`${prefix}-cues-q`} label={t('optFilterCues')} value={query} onInput={setQuery} />
        <SelectFilter id={`${prefix}-cues-stance`} label={t('colStance')} value={stance} onInput={setStance} options={stanceOptions()} />
        <SelectFilter
          id={`${prefix}-cues-negation`}
          label={t('colNegation')}
          value={negation}
          onInput={setNegation}
          options={NEGATIONS.map((n) => [n, t(`neg_${n}`)])}
        />
      </div>
      <table data-testid={`${prefix}-cues`}>
        <caption>{t('optShowing', rows.length, lexicon.cues.length)}</caption>
        <thead>
          <tr>
            <th scope="col">{t('colPhrase')}</th>
            <th scope="col">{t('colStance')}</th>
            <th scope="col">{t('colWeight')}</th>
            <th scope="col">{t('colNegation')}</th>
            <th scope="col">{t('colReason')}</th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </section>
  );
}

export function LexiconView({ lexicon, prefix }: { lexicon: CompiledLexicon; prefix: string }) {
  return (
    <div class="lexicon-view">
      <ActorsTable lexicon={lexicon} prefix={prefix} />
      <StatementsTable lexicon={lexicon} prefix={prefix} />
      <CuesTable lexicon={lexicon} prefix={prefix} />
    </div>
  );
}

import { useMemo, useState } from 'preact/hooks';
import type { CompiledLexicon } from '../../lexicon/types.ts';
import { t } from '../../i18n.ts';
import { matcher } from '../match.ts';
import { LexiconPart } from './LexiconPart.tsx';
import { TextFilter } from './TextFilter.tsx';

/** The lexicon's actors with their aliases, filtered by any of their names, role or affiliation. */
export function ActorsTable({ lexicon, prefix }: { lexicon: CompiledLexicon; prefix: string }) {
  const [query, setQuery] = useState('');
  const rows = useMemo(() => {
    const hit = matcher(query);
    return lexicon.actors.filter((a) => hit(a.name, a.id, a.role, a.affiliation, ...a.aliases.map((x) => x.text)));
  }, [lexicon, query]);
  return (
    <LexiconPart
      part={{ prefix, name: 'actors', total: lexicon.actors.length, shown: rows.length }}
      filters={<TextFilter id={`${prefix}-actors-q`} label={t('optFilterActors')} value={query} onInput={setQuery} />}
      columns={[t('colName'), t('colId'), t('colRole'), t('colAliases')]}
    >
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
                  {x.text}{' '}
                  <span class="muted">
                    ({x.kind}
                    {x.shared ? `, ${t('optShared')}` : ''})
                  </span>
                </li>
              ))}
            </ul>
          </td>
        </tr>
      ))}
    </LexiconPart>
  );
}

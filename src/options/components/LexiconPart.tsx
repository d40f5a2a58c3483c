import type { ComponentChildren } from 'preact';
import { t } from '../../i18n.ts';

/** A table's column headings. */
export function ColumnHeads({ labels }: { labels: string[] }) {
  return (
    <thead>
      <tr>
        {labels.map((label) => (
          <th key={label} scope="col">
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

const TITLE_KEY = { actors: 'optActors', statements: 'optStatements', cues: 'optCues' } as const;

/** Which part of which lexicon view, and how many of its entries pass the filters. */
export interface PartCount {
  prefix: string;
  name: 'actors' | 'statements' | 'cues';
  total: number;
  shown: number;
}

/**
 * One part of a lexicon (actors, statements or cues) as the options page shows it: a
 * heading, its filters, and a table saying how many of the part's entries it shows.
 */
export function LexiconPart({
  part,
  filters,
  columns,
  children,
}: {
  part: PartCount;
  filters: ComponentChildren;
  columns: string[];
  children: ComponentChildren;
}) {
  const id = `${part.prefix}-${part.name}`;
  return (
    <section aria-labelledby={`${id}-h`} class="lexicon-part">
      <h3 id={`${id}-h`}>{t(TITLE_KEY[part.name], part.total)}</h3>
      <div class="filters">{filters}</div>
      <table data-testid={id}>
        <caption>{t('optShowing', part.shown, part.total)}</caption>
        <ColumnHeads labels={columns} />
        <tbody>{children}</tbody>
      </table>
    </section>
  );
}

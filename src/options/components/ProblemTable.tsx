import type { Problem } from '../../lexicon/problems.ts';
import { t } from '../../i18n.ts';
import { ColumnHeads } from './LexiconPart.tsx';

/** Problems of a lexicon by file (when several), entry, field and message. */
export function ProblemTable({ problems, caption }: { problems: Problem[]; caption: string }) {
  const files = new Set(problems.map((p) => p.file));
  return (
    <table class="problems">
      <caption>{caption}</caption>
      <ColumnHeads labels={[...(files.size > 1 ? [t('optProblemFile')] : []), t('optProblemEntry'), t('optProblemField'), t('optProblemMessage')]} />
      <tbody>
        {problems.map((p, i) => (
          <tr key={i}>
            {files.size > 1 && <td>{p.file}</td>}
            <td>
              <code>{p.entry}</code>
            </td>
            <td>{p.field ? <code>{p.field}</code> : '—'}</td>
            <td>{p.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

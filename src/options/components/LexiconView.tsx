/**
 * Browse a compiled lexicon: actors with their aliases, statements with stance and
 * reason, cues with stance, weight, negation and reason — each a table with filters.
 * All lexicon text is rendered as text nodes (never as markup).
 */
import type { CompiledLexicon } from '../../lexicon/types.ts';
import { ActorsTable } from './ActorsTable.tsx';
import { CuesTable } from './CuesTable.tsx';
import { StatementsTable } from './StatementsTable.tsx';

export function LexiconView({ lexicon, prefix }: { lexicon: CompiledLexicon; prefix: string }) {
  return (
    <div class="lexicon-view">
      <ActorsTable lexicon={lexicon} prefix={prefix} />
      <StatementsTable lexicon={lexicon} prefix={prefix} />
      <CuesTable lexicon={lexicon} prefix={prefix} />
    </div>
  );
}

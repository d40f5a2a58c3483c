// Temporary: src/engine/analyze.ts still imports this path (it has another engineer's uncommitted edits); the module lives in src/text/quotes.ts.
export * from '../text/quotes.ts';

// Temporary: src/engine/analyze.ts still imports this path (it has another engineer's uncommitted edits); the module lives in src/text/paragraphs.ts.
export * from '../text/paragraphs.ts';

/**
 * Text extraction from the DOM, shared by the content script and the CLI.
 *
 * One TreeWalker pass (no filter callback, no getComputedStyle) turns the visible
 * article text into one string: block elements are separated by a blank line,
 * inline elements join, so a quote that spans <a> or <em> stays one string, and
 * whitespace runs collapse to one space. Every character of the string that comes
 * from the page maps back to its text node and offset (`locate`); the few
 * characters we add (paragraph breaks, the quote marks a <q> renders) map to null.
 *
 * Standard DOM API only: this file runs in the browser and under happy-dom. The
 * parts: walk.ts (the walk), text-map.ts (the text and its map back to the DOM),
 * skip.ts (what is not read), main-content.ts (where the article is).
 */
import { runSteps } from '../text/steps.ts';
import type { Extraction } from './text-map.ts';
import { extractTextSteps, type ExtractOptions } from './walk.ts';

export { isJunkName, frameDocument } from './skip.ts';
export { locate, type Extraction, type Location, type Segment } from './text-map.ts';
export { mainContentRoot } from './main-content.ts';
export { extractTextSteps, type ExtractOptions } from './walk.ts';

export function extractText(root: Document | Element, options: ExtractOptions = {}): Extraction {
  return runSteps(extractTextSteps(root, options));
}

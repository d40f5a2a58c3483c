import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Report } from '../../engine/types.ts';

/** Where the keyboard focus is in the list: a statement (by key) or a speaker's row. */
type Place = { statement: string } | { row: string };

function placeOf(el: Element | null, root: HTMLElement | null, keys: readonly string[]): Place | null {
  if (!el || !root || !root.contains(el)) return null;
  const index = el.closest<HTMLElement>('li.statement')?.dataset.index;
  if (index !== undefined && el.matches('button.jump')) {
    const key = keys[Number(index)];
    return key === undefined ? null : { statement: key };
  }
  const row = el.closest<HTMLElement>('li.speaker');
  if (row && el.matches('button.row-button')) return { row: row.dataset.speaker ?? '' };
  return null;
}

function elementAt(place: Place, root: HTMLElement, keys: readonly string[]): HTMLElement | null {
  if ('statement' in place) {
    const i = keys.indexOf(place.statement);
    return i < 0 ? null : root.querySelector<HTMLElement>(`li.statement[data-index="${i}"] button.jump`);
  }
  const row = [...root.querySelectorAll<HTMLElement>('li.speaker')].find((li) => (li.dataset.speaker ?? '') === place.row);
  return row?.querySelector<HTMLElement>('button.row-button') ?? null;
}

/**
 * A new report of the same tab (the page changed while the popup is open) must not
 * take the reader's place: the focused statement or row keeps the focus even when the
 * list around it changes (rows re-sorted, statements inserted before it).
 */
export function useKeepFocus(report: Report, keys: readonly string[], root: { current: HTMLElement | null }) {
  const shown = useRef({ report, keys });
  const place = useRef<Place | null>(null);
  // read while rendering the new report, before the DOM changes under the focus
  if (shown.current.report !== report) place.current = placeOf(document.activeElement, root.current, shown.current.keys);
  useLayoutEffect(() => {
    shown.current = { report, keys };
    const p = place.current;
    place.current = null;
    if (!p || !root.current) return;
    const el = elementAt(p, root.current, keys);
    if (el && document.activeElement !== el) el.focus({ preventScroll: true });
  }, [report, keys, root]);
}

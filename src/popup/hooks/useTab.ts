import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { TabState } from '../../messages.ts';
import { call, errorMessage } from '../api.ts';
import { followTab } from '../follow.ts';
import { t } from '../i18n.ts';

/**
 * The tab the popup shows and its state from the background: asked for once, then
 * followed while the popup is open; and the highlights switch.
 */
export function useTab(given: number | null) {
  const [tabId, setTabId] = useState<number | null>(given);
  const [st, setSt] = useState<TabState | null>(null);
  const [error, setError] = useState<string | null>(null);

  const fail = useCallback((e: unknown) => setError(errorMessage(e)), []);

  // which tab
  useEffect(() => {
    if (given !== null) return;
    browser.tabs
      .query({ active: true, currentWindow: true })
      .then(([tab]) => (tab?.id !== undefined ? setTabId(tab.id) : setError(t('popupNoTab'))))
      .catch(fail);
  }, [given, fail]);

  // answers may arrive out of order: only the last request's counts
  const asked = useRef(0);
  // an unchanged state keeps its object, so nothing re-renders under the reader
  const show = useCallback((next: TabState) => setSt((prev) => (prev && JSON.stringify(prev) === JSON.stringify(next) ? prev : next)), []);

  const refresh = useCallback(async () => {
    if (tabId === null) return;
    const n = ++asked.current;
    try {
      const next = await call('tab/get', { tabId });
      if (n === asked.current) show(next);
    } catch (e) {
      if (n === asked.current) fail(e);
    }
  }, [tabId, fail, show]);

  // follow the tab while open (scanning → ready, a report after the page changed, a
  // reload); subscribed before the first tab/get so that no change falls in between
  useEffect(() => (tabId === null ? undefined : followTab(tabId, () => void refresh())), [tabId, refresh]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const setHighlights = async (on: boolean) => {
    if (tabId === null) return;
    setError(null);
    const n = ++asked.current;
    try {
      const next = await call('highlights/set', { tabId, on });
      if (n === asked.current) show(next);
    } catch (e) {
      fail(e);
    }
  };

  return { tabId, st, error, setError, fail, setHighlights };
}

/**
 * An open popup follows its tab. The background keeps every tab's state in
 * storage.session under one key (worker.ts, save()), and storage.onChanged tells every
 * extension page of each write, in Chromium and Firefox alike. So a report the content
 * script sends after the page changed (its MutationObserver rescans) reaches an open
 * popup without polling, and without a new message type.
 */
import browser from 'webextension-polyfill';
import { STORAGE_KEYS } from '../storage-keys.ts';

/** The storage.session key of the tab states (src/storage-keys.ts). */
export const TAB_STATES_KEY = STORAGE_KEYS.tabs;

interface StorageChange {
  oldValue?: unknown;
  newValue?: unknown;
}

/** Whether a write of the tab states changed tab `tabId`'s entry (the background writes them all at once). */
export function tabChanged(change: StorageChange, tabId: number): boolean {
  const entry = (all: unknown): unknown => (all && typeof all === 'object' ? (all as Record<string, unknown>)[String(tabId)] : undefined);
  return JSON.stringify(entry(change.oldValue)) !== JSON.stringify(entry(change.newValue));
}

/** Calls `onChange` after each write that changed tab `tabId`'s state; returns the unsubscribe. */
export function followTab(tabId: number, onChange: () => void): () => void {
  const listener = (changes: Record<string, StorageChange>, area: string): void => {
    const change = changes[TAB_STATES_KEY];
    if (area === 'session' && change && tabChanged(change, tabId)) onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

import browser from 'webextension-polyfill';
import { alwaysOnOrigins, parseSites, STORAGE_KEYS } from '../storage-keys.ts';

/** Sites the user set to "always on" (kept by the background under `sites`; read only here). */
export async function alwaysOnSites(): Promise<string[]> {
  try {
    const got = (await browser.storage.local.get(STORAGE_KEYS.sites)) as Record<string, unknown>;
    return alwaysOnOrigins(parseSites(got[STORAGE_KEYS.sites]));
  } catch {
    return [];
  }
}

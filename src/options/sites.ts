import browser from 'webextension-polyfill';

/** Sites the user set to "always on" (kept by the background under `sites`; read only here). */
export async function alwaysOnSites(): Promise<string[]> {
  try {
    const got = (await browser.storage.local.get('sites')) as { sites?: unknown };
    const sites = got.sites;
    if (!sites || typeof sites !== 'object') return [];
    return Object.entries(sites as Record<string, unknown>)
      .filter(([, mode]) => mode === 'always-on')
      .map(([origin]) => origin)
      .sort();
  } catch {
    return [];
  }
}

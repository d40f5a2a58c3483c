import { useEffect, useMemo, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { SiteMode, TabState } from '../../messages.ts';
import { call } from '../api.ts';
import { t } from '../i18n.ts';
import { siteOf } from '../model.ts';
import { STORAGE_KEYS } from '../../storage-keys.ts';

/** The page's web site and its default ("always on" or ask), and the ways to change it. */
export function useSiteMode(
  st: TabState | null,
  setHighlights: (on: boolean) => Promise<void>,
  setError: (e: string | null) => void,
  fail: (e: unknown) => void,
) {
  const [siteMode, setSiteMode] = useState<SiteMode | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const site = useMemo(() => (st && st.status !== 'unsupported' ? siteOf(st.url) : null), [st?.url, st?.status]);
  useEffect(() => {
    if (!site) return;
    call('site/get', { origin: site.origin })
      .then((r) => setSiteMode(r.mode))
      .catch(fail);
  }, [site?.origin, fail]);

  const alwaysOn = () => {
    if (!site) return;
    setNotice(null);
    setError(null);
    // first thing in the click handler: the permission prompt needs the user's gesture
    const asked = browser.permissions.request({ origins: [site.pattern] });
    // Firefox may close the popup while its prompt is open: the background finishes
    // the job when the permission arrives (permissions.onAdded)
    void browser.storage?.session?.set({ [STORAGE_KEYS.pendingAlwaysOn]: site.origin }).catch(() => undefined);
    void asked
      .then(async (granted) => {
        if (!granted) {
          setNotice(t('popupPermissionDenied', site.host));
          return;
        }
        const r = await call('site/set', { origin: site.origin, mode: 'always-on' });
        setSiteMode(r.mode);
        if (st && !st.on) await setHighlights(true);
      })
      .catch(fail);
  };

  const stopAlwaysOn = async () => {
    if (!site) return;
    setNotice(null);
    setError(null);
    try {
      const r = await call('site/set', { origin: site.origin, mode: 'ask' });
      setSiteMode(r.mode);
      // give the site's access back; a permission the build requires cannot be removed, which is fine
      await browser.permissions.remove({ origins: [site.pattern] }).catch(() => false);
    } catch (e) {
      fail(e);
    }
  };

  return { site, siteMode, notice, alwaysOn, stopAlwaysOn };
}

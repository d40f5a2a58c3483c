import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { acknowledgeProblems, loadSettings, saveSettings, type DefaultMode, type Settings, type SettingsPatch } from '../../settings.ts';
import { t, uiLanguage } from '../../i18n.ts';
import { alwaysOnSites } from '../sites.ts';
import { errorText } from '../text.ts';

/**
 * The settings as stored, the repairs made while loading them (shown once), the
 * always-on sites, and saving a change.
 */
export function useSettings() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [repairs, setRepairs] = useState<string[]>([]);
  const [sites, setSites] = useState<string[]>([]);
  const [saved, setSaved] = useState('');
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    document.documentElement.lang = uiLanguage();
    document.title = t('optPageTitle');
    void (async () => {
      try {
        const { settings: s, problems } = await loadSettings();
        setSettings(s);
        setRepairs(problems);
        // shown now: each repair is reported once
        if (problems.length > 0) await acknowledgeProblems();
      } catch (e) {
        setLoadError(t('optLoadFailed', errorText(e)));
      }
      setSites(await alwaysOnSites());
    })();
  }, []);

  useEffect(() => {
    if (settings) document.documentElement.dataset.palette = settings.palette;
  }, [settings?.palette]);

  const save = async (patch: SettingsPatch) => {
    try {
      setSettings(await saveSettings(patch));
      setSaved(t('optSaved'));
    } catch (e) {
      setSaved(t('optSaveFailed', errorText(e)));
    }
  };

  /**
   * "Automatic on all sites" needs access to every site: ask in the click (a user
   * gesture), and keep the old mode when the user says no.
   */
  const chooseMode = (m: DefaultMode) => {
    if (m !== 'automatic') return void save({ mode: m });
    const asked = browser.permissions.request({ origins: ['http://*/*', 'https://*/*'] }).catch(() => false);
    void asked.then((granted) => (granted ? save({ mode: m }) : setSaved(t('optModeRefused'))));
  };

  return { settings, setSettings, repairs, sites, saved, loadError, save, chooseMode };
}

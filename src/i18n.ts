/**
 * Localised strings for the options page and the settings module: browser.i18n
 * (src/static/_locales/{en,uk}/messages.json). A key the browser does not know comes
 * back as the key itself, so a missing translation is visible rather than blank.
 */
import browser from 'webextension-polyfill';

export function t(key: string, ...subs: Array<string | number>): string {
  let text = '';
  try {
    text = browser.i18n.getMessage(key, subs.map(String));
  } catch {
    // no i18n API (e.g. the page opened outside the extension)
  }
  return text || key;
}

/** The UI language as a BCP 47 tag for <html lang> and number/date formatting. */
export function uiLanguage(): string {
  try {
    return browser.i18n.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}

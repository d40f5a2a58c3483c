/**
 * UI strings through browser.i18n (src/static/_locales/{en,uk}/messages.json).
 * Substitutions are plain text: the result is rendered as text, never as markup.
 */
import browser from 'webextension-polyfill';
import type { Overall } from '../engine/types.ts';

export type MessageKey = keyof typeof import('../static/_locales/en/messages.json');

export function t(key: MessageKey, ...subs: Array<string | number>): string {
  const s = browser.i18n.getMessage(key, subs.map(String));
  // a missing key shows itself rather than an empty control
  return s || key;
}

const STANCE_KEY: Record<Overall, MessageKey> = {
  'pro-ukraine': 'popupStancePro',
  'contra-ukraine': 'popupStanceContra',
  neutral: 'popupStanceNeutral',
  unknown: 'popupStanceUnknown',
  mixed: 'popupStanceMixed',
};

/** The stance as a word in the UI language. */
export const stanceWord = (s: Overall): string => t(STANCE_KEY[s]);

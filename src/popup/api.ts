/** Calls to the background: every reply is {ok, value} or {ok: false, error}. */
import browser from 'webextension-polyfill';
import type { AnyBackgroundCall, BackgroundCalls, Result } from '../messages.ts';
import { t } from './i18n.ts';

/** The background said no, or did not answer; `message` is for the user. */
export class CallError extends Error {}

export async function call<K extends keyof BackgroundCalls>(msg: Extract<AnyBackgroundCall, { type: K }>): Promise<BackgroundCalls[K]['res']> {
  let reply: Result<BackgroundCalls[K]['res']> | undefined;
  try {
    reply = (await browser.runtime.sendMessage(msg)) as Result<BackgroundCalls[K]['res']> | undefined;
  } catch (e) {
    throw new CallError(t('popupBackgroundError', e instanceof Error ? e.message : String(e)));
  }
  if (!reply || typeof reply !== 'object') throw new CallError(t('popupNoAnswer'));
  if (!reply.ok) throw new CallError(t('popupBackgroundError', reply.error));
  return reply.value;
}

export const errorMessage = (e: unknown): string =>
  e instanceof CallError ? e.message : t('popupBackgroundError', e instanceof Error ? e.message : String(e));

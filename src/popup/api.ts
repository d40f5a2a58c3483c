/** Calls to the background, typed from BackgroundCalls (src/messages.ts). */
import browser from 'webextension-polyfill';
import { MessageError, sender, type BackgroundCalls, type Req, type Res } from '../messages.ts';
import { t } from './i18n.ts';

/** The background said no, or did not answer; `message` is for the user. */
export class CallError extends Error {}

const send = sender<BackgroundCalls>((m) => browser.runtime.sendMessage(m));

export async function call<K extends keyof BackgroundCalls>(type: K, req: Req<BackgroundCalls, K>): Promise<Res<BackgroundCalls, K>> {
  try {
    return await send(type, req);
  } catch (e) {
    if (e instanceof MessageError && e.kind === 'no-answer') throw new CallError(t('popupNoAnswer'));
    throw new CallError(t('popupBackgroundError', e instanceof Error ? e.message : String(e)));
  }
}

export const errorMessage = (e: unknown): string =>
  e instanceof CallError ? e.message : t('popupBackgroundError', e instanceof Error ? e.message : String(e));

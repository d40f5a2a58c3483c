/**
 * The few extension APIs the content script uses, without webextension-polyfill: its
 * wrappers cost every page several milliseconds of start-up, and both browsers give
 * what is needed natively. Firefox's `browser` and Chromium's `chrome` (MV3) both
 * answer runtime.sendMessage with a promise; a listener answers through sendResponse
 * (returning true keeps the channel open), which both support.
 */

interface Sender {
  id?: string;
}

type Listener = (message: unknown, sender: Sender, sendResponse?: (reply: unknown) => void) => unknown;

interface Api {
  runtime: {
    id: string;
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: { addListener(l: Listener): void };
  };
  storage: { onChanged: { addListener(l: (changes: Record<string, unknown>, area: string) => void): void } };
}

const g = globalThis as unknown as { browser?: Api; chrome?: Api };

function api(): Api {
  const a = g.browser ?? g.chrome;
  if (!a?.runtime) throw new Error('Stance Lens: no extension API here');
  return a;
}

export const runtime = {
  get id(): string {
    return api().runtime.id;
  },
  sendMessage: (message: unknown): Promise<unknown> => api().runtime.sendMessage(message),
  /** `listener` answers with a promise, or undefined for a message it does not take. */
  onMessage(listener: (message: unknown, sender: Sender) => Promise<unknown> | undefined): void {
    api().runtime.onMessage.addListener((message, sender, sendResponse) => {
      const reply = listener(message, sender);
      if (reply === undefined) return undefined;
      if (typeof sendResponse !== 'function') return reply;
      void reply.then(sendResponse, (e: unknown) => sendResponse({ ok: false, error: e instanceof Error ? e.message : String(e) }));
      return true;
    });
  },
};

export const storage = {
  onChanged(listener: (changes: Record<string, unknown>, area: string) => void): void {
    api().storage.onChanged.addListener(listener);
  },
};

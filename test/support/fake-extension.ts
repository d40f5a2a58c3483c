/**
 * The rest of webextension-polyfill for unit tests of the background and the content
 * script, on top of the in-memory stand-in of fake-browser.ts (its storage.local,
 * storage.onChanged and i18n are the same objects): runtime, tabs, scripting, action,
 * permissions, contextMenus, commands and storage.session. Every API function is a
 * vi.fn with a harmless default; every event records its listeners and can be fired.
 *
 *   vi.mock('webextension-polyfill', async () => ({ default: (await import('../../test/support/fake-extension.ts')).ext.browser }));
 *   beforeEach(() => ext.reset());
 *
 * reset() replaces the functions on the same objects, so a module that imported the
 * default export keeps seeing the current ones; and the same fake survives
 * vi.resetModules(), so a module loaded afresh in a test gets it too.
 */
import { vi } from 'vitest';
import { fake } from './fake-browser.ts';

type Fn = (...args: never[]) => unknown;

/** A browser event: listeners in order; fire() calls each and returns what they returned. */
export class FakeEvent<L extends Fn> {
  readonly listeners: L[] = [];
  addListener = (l: L): void => void this.listeners.push(l);
  removeListener = (l: L): void => {
    const i = this.listeners.indexOf(l);
    if (i >= 0) this.listeners.splice(i, 1);
  };
  hasListener = (l: L): boolean => this.listeners.includes(l);
  fire(...args: Parameters<L>): unknown[] {
    return this.listeners.map((l) => l(...args));
  }
}

type Changes = Record<string, { oldValue?: unknown; newValue?: unknown }>;
type MessageListener = (message: unknown, sender: Record<string, unknown>) => Promise<unknown> | undefined;

export const EXTENSION_ID = 'stance-lens-test-id';
const ORIGIN = `chrome-extension://${EXTENSION_ID}/`;

function makeExtension() {
  const session = { store: {} as Record<string, unknown> };
  const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));
  const notify = (changes: Changes, area: string) => {
    for (const l of [...fake.state.listeners]) l(changes, area);
  };

  const runtime = {
    id: EXTENSION_ID,
    getURL: (path: string) => `${ORIGIN}${path.replace(/^\//, '')}`,
    sendMessage: vi.fn<(message: unknown) => Promise<unknown>>(),
    onMessage: new FakeEvent<MessageListener>(),
    onStartup: new FakeEvent<() => void>(),
    onInstalled: new FakeEvent<() => void>(),
  };
  const tabs = {
    get: vi.fn<(tabId: number) => Promise<{ id: number; url?: string; title?: string }>>(),
    query: vi.fn<(q: unknown) => Promise<Array<{ id?: number; url?: string }>>>(),
    sendMessage: vi.fn<(tabId: number, message: unknown) => Promise<unknown>>(),
    onRemoved: new FakeEvent<(tabId: number) => void>(),
    onUpdated: new FakeEvent<(tabId: number, change: { status?: string; url?: string }) => void>(),
  };
  const scripting = {
    executeScript: vi.fn<(d: unknown) => Promise<unknown[]>>(),
    insertCSS: vi.fn<(d: unknown) => Promise<void>>(),
    removeCSS: vi.fn<(d: unknown) => Promise<void>>(),
    registerContentScripts: vi.fn<(d: unknown[]) => Promise<void>>(),
    unregisterContentScripts: vi.fn<(d: unknown) => Promise<void>>(),
  };
  const action = {
    setBadgeText: vi.fn<(d: { tabId: number; text: string }) => Promise<void>>(),
    setBadgeBackgroundColor: vi.fn<(d: unknown) => Promise<void>>(),
    setTitle: vi.fn<(d: { tabId: number; title: string }) => Promise<void>>(),
  };
  const permissions = {
    request: vi.fn<(p: { origins: string[] }) => Promise<boolean>>(),
    contains: vi.fn<(p: { origins: string[] }) => Promise<boolean>>(),
    remove: vi.fn<(p: { origins: string[] }) => Promise<boolean>>(),
    onAdded: new FakeEvent<() => void>(),
  };
  const contextMenus = {
    removeAll: vi.fn<() => Promise<void>>(),
    create: vi.fn<(d: unknown) => void>(),
    onClicked: new FakeEvent<(info: { menuItemId: string | number }, tab?: { id?: number }) => void>(),
  };
  const commands = { onCommand: new FakeEvent<(command: string, tab?: { id?: number }) => void>() };
  const storageSession = {
    async get(keys?: string | string[] | null) {
      const list = keys == null ? Object.keys(session.store) : Array.isArray(keys) ? keys : [keys];
      const out: Record<string, unknown> = {};
      for (const k of list) if (k in session.store) out[k] = clone(session.store[k]);
      return out;
    },
    set: vi.fn(async (items: Record<string, unknown>) => {
      const changes: Changes = {};
      for (const [k, v] of Object.entries(items)) {
        changes[k] = { oldValue: session.store[k], newValue: clone(v) };
        session.store[k] = clone(v);
      }
      notify(changes, 'session');
    }),
    async remove(keys: string | string[]) {
      for (const k of Array.isArray(keys) ? keys : [keys]) delete session.store[k];
    },
  };

  const browser = {
    ...fake.browser,
    storage: { ...fake.browser.storage, session: storageSession },
    runtime,
    tabs,
    scripting,
    action,
    permissions: { ...fake.browser.permissions, ...permissions },
    contextMenus,
    commands,
  };

  const events = [
    runtime.onMessage,
    runtime.onStartup,
    runtime.onInstalled,
    tabs.onRemoved,
    tabs.onUpdated,
    browser.permissions.onAdded,
    contextMenus.onClicked,
    commands.onCommand,
  ] as Array<FakeEvent<Fn>>;

  /** No listeners on any event (what a stopped worker leaves behind); storage is kept. */
  function clearListeners(): void {
    for (const e of events) e.listeners.length = 0;
    fake.state.listeners.clear();
  }

  /** Everything back to an empty browser: no listeners, nothing stored, every function its default again. */
  function reset(): void {
    clearListeners();
    fake.state.store = {};
    fake.state.writes = 0;
    session.store = {};
    runtime.sendMessage = vi.fn(async () => undefined);
    tabs.get = vi.fn(async (tabId: number) => {
      throw new Error(`No tab with id: ${tabId}.`);
    });
    tabs.query = vi.fn(async () => []);
    // no content script in any tab until a test says so
    tabs.sendMessage = vi.fn(async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    scripting.executeScript = vi.fn(async () => []);
    scripting.insertCSS = vi.fn(async () => undefined);
    scripting.removeCSS = vi.fn(async () => undefined);
    scripting.registerContentScripts = vi.fn(async () => undefined);
    scripting.unregisterContentScripts = vi.fn(async () => undefined);
    action.setBadgeText = vi.fn(async () => undefined);
    action.setBadgeBackgroundColor = vi.fn(async () => undefined);
    action.setTitle = vi.fn(async () => undefined);
    browser.permissions.request = vi.fn(async () => true);
    browser.permissions.contains = vi.fn(async () => true);
    browser.permissions.remove = vi.fn(async () => true);
    contextMenus.removeAll = vi.fn(async () => undefined);
    contextMenus.create = vi.fn();
    storageSession.set.mockClear();
  }

  /** A message from one of the extension's own pages (the popup). */
  const fromPage = (path = 'src/popup/index.html') => ({ id: EXTENSION_ID, url: runtime.getURL(path) });
  /** A message from the extension's content script in tab `tabId` (frame 0 is the top frame). */
  const fromContent = (tabId: number, frameId = 0, url = 'https://news.example/a') => ({ id: EXTENSION_ID, url, frameId, tab: { id: tabId, url } });

  /** Sends `message` to the listeners of runtime.onMessage, as the browser does: the first answer wins. */
  async function send(message: unknown, sender: Record<string, unknown>): Promise<unknown> {
    const answers = runtime.onMessage.fire(message, sender).filter((a) => a !== undefined);
    return answers.length ? await answers[0] : undefined;
  }

  reset();
  return { browser, session, reset, clearListeners, fromPage, fromContent, send };
}

/**
 * One fake per test file, whatever vi.resetModules() does: a test that reloads the
 * module under test gets this same fake from its vi.mock factory.
 */
const scope = globalThis as { __stanceLensFakeExtension?: ReturnType<typeof makeExtension> };
export const ext = (scope.__stanceLensFakeExtension ??= makeExtension());

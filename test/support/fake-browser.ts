/**
 * An in-memory stand-in for webextension-polyfill in unit tests: storage.local with
 * change events and a write counter, i18n reading the messages a test loads, and
 * permissions that are granted. Use it from vi.mock:
 *   vi.mock('webextension-polyfill', async () => ({ default: (await import('../support/fake-browser.ts')).fake.browser }));
 */
function makeFake() {
  type Listener = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => void;
  const state = {
    store: {} as Record<string, unknown>,
    listeners: new Set<Listener>(),
    messages: {} as Record<string, { message: string; placeholders?: Record<string, { content: string }> }>,
    writes: 0,
  };
  const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));
  const notify = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>) => {
    for (const l of state.listeners) l(changes, 'local');
  };
  const browser = {
    storage: {
      local: {
        async get(keys?: string | string[] | null) {
          const list = keys == null ? Object.keys(state.store) : Array.isArray(keys) ? keys : [keys];
          const out: Record<string, unknown> = {};
          for (const k of list) if (k in state.store) out[k] = clone(state.store[k]);
          return out;
        },
        async set(items: Record<string, unknown>) {
          state.writes++;
          const changes: Record<string, { oldValue?: unknown; newValue?: unknown }> = {};
          for (const [k, v] of Object.entries(items)) {
            changes[k] = { oldValue: state.store[k], newValue: clone(v) };
            state.store[k] = clone(v);
          }
          notify(changes);
        },
        async remove(keys: string | string[]) {
          state.writes++;
          for (const k of Array.isArray(keys) ? keys : [keys]) delete state.store[k];
        },
      },
      onChanged: {
        addListener: (l: Listener) => state.listeners.add(l),
        removeListener: (l: Listener) => state.listeners.delete(l),
      },
    },
    i18n: {
      getMessage(key: string, subs?: string | string[]) {
        const m = state.messages[key];
        if (!m) return '';
        const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
        return m.message
          .replace(/\$([A-Za-z0-9_]+)\$/g, (_, name: string) => m.placeholders?.[name.toLowerCase()]?.content ?? '')
          .replace(/\$(\d)/g, (_, n: string) => list[Number(n) - 1] ?? '');
      },
      getUILanguage: () => 'en',
    },
    // "automatic" asks for access to all sites; the user says yes here
    permissions: { request: async () => true, contains: async () => true },
  };
  return { state, browser };
}

export const fake = makeFake();

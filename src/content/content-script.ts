/**
 * Content script entry: wiring only. Injected on demand (scripting.executeScript) or
 * registered for sites set to "always on"; a second injection into the same page is
 * a no-op.
 *
 * It carries no lexicon and no settings code: the background answers `content/hello`
 * with whether to start and the lexicon and display settings in use, and
 * `content/config` after the settings changed. That keeps the script the browser
 * parses on every page small.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { SETTINGS_STORAGE_KEY, type AnyContentCall, type ContentConfig, type Result } from '../messages.ts';
import { Controller } from './controller.ts';

const KEY = '__stanceLensController';
const scope = globalThis as unknown as Record<string, Promise<Controller> | undefined>;

function isConfig(v: unknown): v is ContentConfig {
  const c = v as ContentConfig | undefined;
  return !!c && typeof c.showMentions === 'boolean' && typeof c.css === 'string' && !!c.lexicon && Array.isArray(c.lexicon.actors);
}

if (!scope[KEY]) {
  let controller: Controller | null = null;

  // whether to start, and with what: the background decides
  const started = browser.runtime.sendMessage({ type: 'content/hello', url: location.href }).then((reply: unknown) => {
    const r = reply as Result<{ on: boolean; config: ContentConfig }> | undefined;
    if (!r || !r.ok || !isConfig(r.value.config)) throw new Error('Stance Lens: the background did not answer; reload the page.');
    const c = new Controller(document, r.value.config.lexicon, {
      report(report, on) {
        void browser.runtime.sendMessage({ type: 'content/report', report, url: location.href, title: document.title, on }).catch(() => undefined);
      },
    });
    c.configure(r.value.config.lexicon, r.value.config.showMentions, r.value.config.css);
    controller = c;
    if (r.value.on) void c.setOn(true);
    return c;
  });
  scope[KEY] = started;
  started.catch(() => undefined);

  const fail = (e: unknown): Result<never> => ({ ok: false, error: e instanceof Error ? e.message : String(e) });

  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender): Promise<Result<unknown>> | undefined => {
    if (sender.id !== browser.runtime.id) return undefined;
    const msg = message as AnyContentCall;
    switch (msg?.type) {
      case 'content/set':
        return started.then((c) => c.setOn(msg.on === true).then(() => ({ ok: true as const, value: { on: c.on } })), fail);
      case 'content/jump':
        return started.then((c) => ({ ok: true as const, value: { index: c.jump(Number(msg.index) | 0) } }), fail);
      case 'content/step':
        return started.then((c) => ({ ok: true as const, value: { index: c.step(Number(msg.delta) < 0 ? -1 : 1) } }), fail);
      case 'content/ping':
        return Promise.resolve({ ok: true, value: { on: controller?.on ?? false, ready: controller?.report != null } });
      default:
        return undefined;
    }
  });

  // the user changed the lexicon or the display settings: ask for the new config
  browser.storage.onChanged.addListener((changes: Record<string, unknown>, area: string) => {
    if (area !== 'local' || !(SETTINGS_STORAGE_KEY in changes)) return;
    void started
      .then(async (c) => {
        const r = (await browser.runtime.sendMessage({ type: 'content/config' })) as Result<ContentConfig> | undefined;
        if (r && r.ok && isConfig(r.value)) c.configure(r.value.lexicon, r.value.showMentions, r.value.css);
      })
      .catch(() => undefined);
  });

  // history API navigations show up as DOM changes; the controller checks the URL then
  window.addEventListener('popstate', () => controller?.checkNavigation());
}

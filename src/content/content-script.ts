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
const scope = globalThis as unknown as Record<string, boolean | undefined>;

function isConfig(v: unknown): v is ContentConfig {
  const c = v as ContentConfig | undefined;
  return (
    !!c &&
    typeof c.showMentions === 'boolean' &&
    typeof c.css === 'string' &&
    typeof c.lexiconKey === 'string' &&
    typeof c.modelKey === 'string' &&
    !!c.lexicon &&
    Array.isArray(c.lexicon.actors)
  );
}

if (!scope[KEY]) {
  scope[KEY] = true;
  let controller: Controller | null = null;
  let lexiconKey = '';
  let modelKey = '';
  /** config replies applied in the order they were asked for: an older one arriving late is dropped */
  let asked = 0;
  let applied = 0;

  const apply = (c: Controller, config: ContentConfig, seq: number) => {
    if (seq < applied) return;
    applied = seq;
    // the same key: the same lexicon, kept as the object the engine's tables were built for
    const lexicon = config.lexiconKey === lexiconKey ? c.lexiconInUse : config.lexicon;
    lexiconKey = config.lexiconKey;
    // the same for the model: its file is read (in a task of the controller's) only when it changed
    if (config.modelKey !== modelKey) c.useModel(config.model);
    modelKey = config.modelKey;
    c.configure(lexicon, config.showMentions, config.css);
  };

  // whether to start, and with what: the background decides. A failed hello (the
  // background restarting) is asked again by the next call rather than leaving the tab dead.
  let starting: Promise<Controller> | null = null;
  const start = (): Promise<Controller> => {
    starting ??= (async () => {
      const seq = ++asked;
      const reply = (await browser.runtime.sendMessage({ type: 'content/hello', url: location.href })) as
        Result<{ on: boolean; config: ContentConfig }> | undefined;
      if (!reply || !reply.ok || !isConfig(reply.value.config)) throw new Error(reply && !reply.ok ? reply.error : 'the extension did not answer');
      const config = reply.value.config;
      const c =
        controller ??
        new Controller(document, config.lexicon, {
          report(report, on) {
            void browser.runtime.sendMessage({ type: 'content/report', report, url: location.href, title: document.title, on }).catch(() => undefined);
          },
        });
      controller = c;
      apply(c, config, seq);
      if (reply.value.on) void c.setOn(true);
      return c;
    })().catch((e: unknown) => {
      starting = null;
      throw e;
    });
    return starting;
  };
  start().catch(() => undefined);

  const fail = (e: unknown): Result<never> => ({ ok: false, error: e instanceof Error ? e.message : String(e) });

  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender): Promise<Result<unknown>> | undefined => {
    if (sender.id !== browser.runtime.id) return undefined;
    const msg = message as AnyContentCall;
    switch (msg?.type) {
      case 'content/set':
        return start().then((c) => c.setOn(msg.on === true).then(() => ({ ok: true as const, value: { on: c.on } })), fail);
      case 'content/jump':
        return start().then((c) => ({ ok: true as const, value: { index: c.jump(Number(msg.index) | 0) } }), fail);
      case 'content/step':
        return start().then((c) => ({ ok: true as const, value: { index: c.step(Number(msg.delta) < 0 ? -1 : 1) } }), fail);
      case 'content/ping':
        return Promise.resolve({ ok: true, value: { on: controller?.on ?? false, ready: controller?.report != null } });
      default:
        return undefined;
    }
  });

  // the user changed the lexicon or the display settings: ask for the new config
  browser.storage.onChanged.addListener((changes: Record<string, unknown>, area: string) => {
    if (area !== 'local' || !(SETTINGS_STORAGE_KEY in changes) || !controller) return;
    const c = controller;
    const seq = ++asked;
    void (browser.runtime.sendMessage({ type: 'content/config' }) as Promise<Result<ContentConfig> | undefined>)
      .then((r) => {
        if (r && r.ok && isConfig(r.value)) apply(c, r.value, seq);
      })
      .catch(() => undefined);
  });

  // history API navigations show up as DOM changes; the controller checks the URL then
  window.addEventListener('popstate', () => controller?.checkNavigation());
}

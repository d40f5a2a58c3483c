/**
 * Content script entry: wiring only. Injected on demand (scripting.executeScript) or
 * registered for sites set to "always on"; a second injection into the same page is
 * a no-op.
 *
 * It carries no engine, no lexicon, no model and no settings code: the background
 * answers `content/hello` with whether to start and the display settings in use
 * (`content/config` after the settings changed), analyses the text this script sends
 * (`content/analyze`, in parts) and answers with the report, which the controller
 * paints. That keeps the script the browser parses on every page small, and the
 * page's thread free of the engine's work.
 */
import {
  handler,
  MessageError,
  parseConfig,
  parseContentCall,
  PART_CHARS,
  sender,
  type ContentCalls,
  type ContentConfig,
  type ContentToBackgroundCalls,
} from '../messages.ts';
import { STORAGE_KEYS } from '../storage-keys.ts';
import { Controller, type Analyzer } from './controller.ts';
import { runtime, storage } from './runtime.ts';

const KEY = '__stanceLensController';
const scope = globalThis as unknown as Record<string, boolean | undefined>;
/** A background that restarted mid-scan is asked again, this many times. */
const ATTEMPTS = 3;

const send = sender<ContentToBackgroundCalls>((m) => runtime.sendMessage(m));

/** Gives the page its thread back between the parts of a long text. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The background as the controller's analyzer: the text in parts, each in a task of its
 * own; the background asks for the part it wants next (from the first again, when it
 * restarted and lost the others). A background that stopped mid-scan is asked again.
 */
const background: Analyzer = {
  async analyze(text, url, seq) {
    const parts = Math.max(1, Math.ceil(text.length / PART_CHARS));
    for (let attempt = 1; ; attempt++) {
      try {
        let part = 0;
        for (let sent = 0; sent <= parts * 2; sent++) {
          const reply = await send('content/analyze', { seq, url, part, parts, text: text.slice(part * PART_CHARS, (part + 1) * PART_CHARS) });
          if ('report' in reply) return reply;
          part = reply.next;
          if (parts > 1) await nextTask();
        }
        throw new Error('the background did not take the page’s text');
      } catch (e) {
        if (e instanceof MessageError && e.kind === 'refused' && e.message.startsWith('cancelled')) return null;
        if (!(e instanceof MessageError) || e.kind === 'refused' || attempt >= ATTEMPTS) throw e;
      }
    }
  },
};

if (!scope[KEY]) {
  scope[KEY] = true;
  let controller: Controller | null = null;
  /** config replies applied in the order they were asked for: an older one arriving late is dropped */
  let asked = 0;
  let applied = 0;

  const apply = (c: Controller, config: ContentConfig, seq: number) => {
    if (seq < applied) return;
    applied = seq;
    c.configure(config.key, config.showMentions, config.css);
  };

  const hooks = {
    report(_report: unknown, on: boolean, seq: number) {
      if (!on) {
        void send('content/state', { on: false }).catch(() => undefined);
        return;
      }
      // the background restarted and lost the report it made: the page is analysed again
      void send('content/painted', { seq, url: location.href, title: document.title })
        .then((r) => r.known || controller?.refresh())
        .catch(() => undefined);
    },
  };

  // whether to start, and with what: the background decides. A failed hello (the
  // background restarting) is asked again by the next call rather than leaving the tab dead.
  let starting: Promise<Controller> | null = null;
  const start = (): Promise<Controller> => {
    starting ??= (async () => {
      const seq = ++asked;
      const hello = await send('content/hello', { url: location.href });
      const config = parseConfig(hello.config);
      if (!config) throw new Error('the extension sent no settings');
      const c = controller ?? new Controller(document, background, hooks);
      controller = c;
      apply(c, config, seq);
      if (hello.on) c.setOn(true, hello.since).catch(() => undefined);
      return c;
    })().catch((e: unknown) => {
      starting = null;
      throw e;
    });
    return starting;
  };
  start().catch(() => undefined);

  const onCall = handler<ContentCalls, { id?: string }>((from) => from.id === runtime.id, parseContentCall, {
    'content/set': async ({ on, since }) => {
      const c = await start();
      await c.setOn(on, since);
      return { on: c.on };
    },
    'content/jump': async ({ index }) => ({ index: (await start()).jump(index) }),
    'content/step': async ({ delta }) => ({ index: (await start()).step(delta) }),
    'content/ping': () => ({ on: controller?.on ?? false, ready: controller?.report != null }),
  });
  runtime.onMessage((message, from) => onCall(message, from));

  // the user changed the lexicon or the display settings: ask for the new config
  storage.onChanged((changes, area) => {
    if (area !== 'local' || !(STORAGE_KEYS.settings in changes) || !controller) return;
    const c = controller;
    const seq = ++asked;
    void send('content/config', {})
      .then((r) => {
        const config = parseConfig(r);
        if (config) apply(c, config, seq);
      })
      .catch(() => undefined);
  });

  // history API navigations show up as DOM changes; the controller checks the URL then
  window.addEventListener('popstate', () => controller?.checkNavigation());
}

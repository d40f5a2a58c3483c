/**
 * Content script entry: wiring only. Injected on demand (scripting.executeScript) or
 * registered for sites set to "always on"; a second injection into the same page is
 * a no-op.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { bundledLexicon } from '../lexicon/bundled.ts';
import { activeLexicon, onSettingsChanged, readSettings } from '../settings.ts';
import type { AnyContentCall, Result } from '../messages.ts';
import { Controller } from './controller.ts';

const KEY = '__stanceLensController';
const scope = globalThis as unknown as Record<string, Controller | undefined>;

if (!scope[KEY]) {
  const controller = new Controller(document, bundledLexicon, {
    report(report, on) {
      void browser.runtime.sendMessage({ type: 'content/report', report, url: location.href, title: document.title, on }).catch(() => undefined);
    },
  });
  scope[KEY] = controller;

  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender): Promise<Result<unknown>> | undefined => {
    if (sender.id !== browser.runtime.id) return undefined;
    const msg = message as AnyContentCall;
    switch (msg?.type) {
      case 'content/set':
        return controller.setOn(msg.on === true).then(() => ({ ok: true, value: { on: controller.on } }));
      case 'content/jump':
        return Promise.resolve({ ok: true, value: { index: controller.jump(Number(msg.index) | 0) } });
      case 'content/step':
        return Promise.resolve({ ok: true, value: { index: controller.step(Number(msg.delta) < 0 ? -1 : 1) } });
      case 'content/ping':
        return Promise.resolve({ ok: true, value: { on: controller.on, ready: controller.report !== null } });
      default:
        return undefined;
    }
  });

  // the user's lexicon and display settings, then ask whether to start
  const settingsReady = Promise.all([activeLexicon(), readSettings()])
    .then(([lexicon, settings]) => controller.configure(lexicon, settings.showMentions))
    .catch(() => undefined);
  onSettingsChanged((settings) => {
    void activeLexicon().then((lexicon) => controller.configure(lexicon, settings.showMentions));
  });

  void settingsReady
    .then(() => browser.runtime.sendMessage({ type: 'content/hello', url: location.href }))
    .then((reply: unknown) => {
      const r = reply as Result<{ on: boolean }> | undefined;
      if (r && r.ok && r.value.on) return controller.setOn(true);
    })
    .catch(() => undefined);

  // history API navigations show up as DOM changes; the controller checks the URL then
  window.addEventListener('popstate', () => controller.checkNavigation());
}

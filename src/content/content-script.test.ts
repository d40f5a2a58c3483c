// @vitest-environment happy-dom
/**
 * The content script's entry (content-script.ts) as the background meets it: the
 * hello that decides whether to start and with what, the config after a settings
 * change, and the background's content/set, content/jump, content/step and
 * content/ping. The page work itself (the Controller) is a recording stand-in here;
 * it has its own tests (src/engine/merge.test.ts, src/engine/pathological.test.ts, src/page/paint.test.ts).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ext, EXTENSION_ID } from '../../test/support/fake-extension.ts';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../../test/support/fake-extension.ts')).ext.browser }));

/** Every Controller the script made, with what it was told. */
const made = vi.hoisted(() => [] as FakeController[]);
interface FakeController {
  lexiconInUse: unknown;
  on: boolean;
  report: unknown;
  configure: ReturnType<typeof vi.fn>;
  setOn: ReturnType<typeof vi.fn>;
  jump: ReturnType<typeof vi.fn>;
  step: ReturnType<typeof vi.fn>;
  checkNavigation: ReturnType<typeof vi.fn>;
  useModel: ReturnType<typeof vi.fn>;
  hooks: { report(report: unknown, on: boolean): void };
}
vi.mock('./controller.ts', () => ({
  Controller: class {
    lexiconInUse: unknown;
    on = false;
    report: unknown = null;
    configure = vi.fn((lexicon: unknown) => {
      this.lexiconInUse = lexicon;
    });
    setOn = vi.fn(async (on: boolean) => {
      this.on = on;
    });
    useModel = vi.fn();
    jump = vi.fn((index: number) => index);
    step = vi.fn((delta: number) => 10 + delta);
    checkNavigation = vi.fn();
    constructor(
      readonly doc: Document,
      lexicon: unknown,
      readonly hooks: { report(report: unknown, on: boolean): void },
    ) {
      this.lexiconInUse = lexicon;
      made.push(this as unknown as FakeController);
    }
  },
}));

import { SETTINGS_STORAGE_KEY, type ContentConfig } from '../messages.ts';

const lexicon = (id: string) => ({ id, version: '1', actors: [] }) as unknown as ContentConfig['lexicon'];
const config = (over: Partial<ContentConfig> = {}): ContentConfig => ({
  lexicon: lexicon('bundled'),
  lexiconKey: 'bundled:1',
  showMentions: true,
  css: 'mark{}',
  model: null,
  modelKey: 'none',
  ...over,
});
const fromBackground = { id: EXTENSION_ID };

/** The background's answers to the script's calls, by type; the default: start off. */
let answer: Record<string, (msg: Record<string, unknown>) => unknown>;
const sent = (type: string) => ext.browser.runtime.sendMessage.mock.calls.map(([m]) => m as Record<string, unknown>).filter((m) => m.type === type);

async function inject(): Promise<void> {
  vi.resetModules();
  await import('./content-script.ts');
}
const settle = () => new Promise((r) => setTimeout(r, 0));
const ask = (msg: unknown, sender: Record<string, unknown> = fromBackground) =>
  ext.send(msg, sender) as Promise<{ ok: boolean; value?: Record<string, unknown>; error?: string } | undefined>;
/** The user changed a setting (the options page writes storage.local). */
const settingsChanged = () => ext.browser.storage.local.set({ [SETTINGS_STORAGE_KEY]: { changed: Math.random() } });

beforeEach(() => {
  ext.reset();
  made.length = 0;
  delete (globalThis as Record<string, unknown>).__stanceLensController;
  answer = { 'content/hello': () => ({ ok: true, value: { on: false, config: config() } }), 'content/config': () => ({ ok: true, value: config() }) };
  ext.browser.runtime.sendMessage.mockImplementation(async (m: unknown) => answer[(m as { type: string }).type]?.(m as Record<string, unknown>));
});

describe('content script: hello', () => {
  it('says hello with the page address, and starts with the lexicon and settings the background sends', async () => {
    answer['content/hello'] = () => ({ ok: true, value: { on: true, config: config({ showMentions: false, css: 'mark.x{}' }) } });
    await inject();
    await settle();
    expect(sent('content/hello')).toEqual([{ type: 'content/hello', url: location.href }]);
    expect(made).toHaveLength(1);
    const c = made[0]!;
    expect(c.configure).toHaveBeenCalledWith(expect.objectContaining({ id: 'bundled' }), false, 'mark.x{}');
    expect(c.setOn).toHaveBeenCalledWith(true);
  });

  it('a page the background keeps off: configured, not switched on', async () => {
    await inject();
    await settle();
    expect(made).toHaveLength(1);
    expect(made[0]!.setOn).not.toHaveBeenCalled();
  });

  it('a second injection into the same page does nothing', async () => {
    await inject();
    await settle();
    await inject();
    await settle();
    expect(sent('content/hello')).toHaveLength(1);
    expect(ext.browser.runtime.onMessage.listeners).toHaveLength(1);
  });

  it('a failed hello (the background restarting) is asked again by the next call, not left dead', async () => {
    let fail = true;
    answer['content/hello'] = () => (fail ? undefined : { ok: true, value: { on: false, config: config() } });
    await inject();
    await settle();
    expect(made).toHaveLength(0);
    expect(await ask({ type: 'content/set', on: true })).toEqual({ ok: false, error: 'the extension did not answer' });
    fail = false;
    expect(await ask({ type: 'content/set', on: true })).toEqual({ ok: true, value: { on: true } });
    expect(sent('content/hello')).toHaveLength(3);
    expect(made).toHaveLength(1);
  });

  it('a hello answered with something that is not a config is refused', async () => {
    answer['content/hello'] = () => ({ ok: true, value: { on: true, config: { lexicon: 'all of it' } } });
    await inject();
    expect(await ask({ type: 'content/jump', index: 0 })).toMatchObject({ ok: false });
    expect(made).toHaveLength(0);
  });

  it('the report the controller makes goes to the background with the page address and title', async () => {
    document.title = 'Talks begin';
    await inject();
    await settle();
    made[0]!.hooks.report({ statements: [], speakers: [] }, true);
    expect(sent('content/report')).toEqual([
      { type: 'content/report', report: { statements: [], speakers: [] }, url: location.href, title: 'Talks begin', on: true },
    ]);
  });
});

describe('content script: the background’s calls', () => {
  beforeEach(async () => {
    await inject();
    await settle();
  });

  it('content/set switches the highlights and answers with the state', async () => {
    expect(await ask({ type: 'content/set', on: true })).toEqual({ ok: true, value: { on: true } });
    expect(made[0]!.setOn).toHaveBeenLastCalledWith(true);
    expect(await ask({ type: 'content/set', on: false })).toEqual({ ok: true, value: { on: false } });
    // anything but true is off
    expect(await ask({ type: 'content/set', on: 'yes' })).toEqual({ ok: true, value: { on: false } });
    expect(made[0]!.setOn).toHaveBeenLastCalledWith(false);
  });

  it('content/jump shows statement `index` (a whole number), content/step the next or previous one', async () => {
    expect(await ask({ type: 'content/jump', index: 3 })).toEqual({ ok: true, value: { index: 3 } });
    expect(await ask({ type: 'content/jump', index: '2.7' })).toEqual({ ok: true, value: { index: 2 } });
    expect(await ask({ type: 'content/jump', index: 'x' })).toEqual({ ok: true, value: { index: 0 } });
    expect(made[0]!.jump.mock.calls.map(([i]) => i)).toEqual([3, 2, 0]);
    expect(await ask({ type: 'content/step', delta: -5 })).toEqual({ ok: true, value: { index: 9 } });
    expect(await ask({ type: 'content/step', delta: 1 })).toEqual({ ok: true, value: { index: 11 } });
    expect(made[0]!.step.mock.calls.map(([d]) => d)).toEqual([-1, 1]);
  });

  it('content/ping tells whether it is on and has a report', async () => {
    expect(await ask({ type: 'content/ping' })).toEqual({ ok: true, value: { on: false, ready: false } });
    await ask({ type: 'content/set', on: true });
    made[0]!.report = { statements: [] };
    expect(await ask({ type: 'content/ping' })).toEqual({ ok: true, value: { on: true, ready: true } });
  });

  it('ignores other extensions, and messages it does not know', async () => {
    expect(await ask({ type: 'content/set', on: true }, { id: 'another-extension' })).toBeUndefined();
    expect(await ask({ type: 'content/jump', index: 1 }, {})).toBeUndefined();
    expect(await ask({ type: 'tab/get', tabId: 1 })).toBeUndefined();
    expect(await ask(null)).toBeUndefined();
    expect(made[0]!.setOn).not.toHaveBeenCalled();
    expect(made[0]!.jump).not.toHaveBeenCalled();
  });

  it('a history navigation (popstate) makes the controller check the address', () => {
    window.dispatchEvent(new Event('popstate'));
    expect(made[0]!.checkNavigation).toHaveBeenCalledTimes(1);
  });
});

describe('content script: settings changed', () => {
  it('asks for the config again and applies it; the same lexicon key keeps the lexicon object the tables were built for', async () => {
    await inject();
    await settle();
    const c = made[0]!;
    const first = c.lexiconInUse;
    answer['content/config'] = () => ({ ok: true, value: config({ lexicon: lexicon('bundled'), showMentions: false, css: 'mark.hc{}' }) });
    await settingsChanged();
    await vi.waitFor(() => expect(c.configure).toHaveBeenCalledTimes(2));
    expect(sent('content/config')).toEqual([{ type: 'content/config' }]);
    expect(c.configure.mock.calls[1]![0]).toBe(first);
    expect(c.configure.mock.calls[1]!.slice(1)).toEqual([false, 'mark.hc{}']);

    // a new lexicon (another key): the new object
    const other = lexicon('imported');
    answer['content/config'] = () => ({ ok: true, value: config({ lexicon: other, lexiconKey: 'imported:2' }) });
    await settingsChanged();
    await vi.waitFor(() => expect(c.configure).toHaveBeenCalledTimes(3));
    expect(c.configure.mock.calls[2]![0]).toBe(other);

    // the model: read once for its key, not again while the key stays
    expect(c.useModel).toHaveBeenCalledTimes(1);
    const model = { format: 'stance-lens-model' };
    answer['content/config'] = () => ({ ok: true, value: config({ lexicon: other, lexiconKey: 'imported:2', model, modelKey: 'another' }) });
    await settingsChanged();
    await vi.waitFor(() => expect(c.configure).toHaveBeenCalledTimes(4));
    expect(c.useModel).toHaveBeenCalledTimes(2);
    expect(c.useModel.mock.calls[1]![0]).toBe(model);
  });

  it('replies are applied in the order they were asked for: an older one arriving late is dropped', async () => {
    await inject();
    await settle();
    const c = made[0]!;
    const replies: Array<(v: unknown) => void> = [];
    answer['content/config'] = () => new Promise((r) => replies.push(r));
    await settingsChanged();
    await settingsChanged();
    expect(replies).toHaveLength(2);
    replies[1]!({ ok: true, value: config({ lexicon: lexicon('newer'), lexiconKey: 'newer', css: 'newer' }) });
    await vi.waitFor(() => expect(c.configure).toHaveBeenCalledTimes(2));
    replies[0]!({ ok: true, value: config({ lexicon: lexicon('older'), lexiconKey: 'older', css: 'older' }) });
    await settle();
    await settle();
    expect(c.configure).toHaveBeenCalledTimes(2);
    expect(c.configure.mock.calls.at(-1)![2]).toBe('newer');
  });

  it('other storage changes, and a config that is not one, change nothing', async () => {
    await inject();
    await settle();
    const c = made[0]!;
    await ext.browser.storage.local.set({ sites: {} });
    answer['content/config'] = () => ({ ok: true, value: { lexicon: null } });
    await settingsChanged();
    await settle();
    await settle();
    expect(sent('content/config')).toHaveLength(1);
    expect(c.configure).toHaveBeenCalledTimes(1);
  });
});

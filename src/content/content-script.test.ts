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

// the content script uses the browser's own API (runtime.ts), not webextension-polyfill: Firefox's `browser` stands in
(globalThis as unknown as { browser: unknown }).browser = ext.browser;

/** Every Controller the script made, with what it was told. */
const made = vi.hoisted(() => [] as FakeController[]);
interface FakeController {
  key: string;
  on: boolean;
  report: unknown;
  configure: ReturnType<typeof vi.fn>;
  setOn: ReturnType<typeof vi.fn>;
  jump: ReturnType<typeof vi.fn>;
  step: ReturnType<typeof vi.fn>;
  refresh: ReturnType<typeof vi.fn>;
  checkNavigation: ReturnType<typeof vi.fn>;
  analyzer: Analyzer;
  hooks: { report(report: unknown, on: boolean, seq: number): void };
}
vi.mock('./controller.ts', () => ({
  Controller: class {
    key = '';
    on = false;
    report: unknown = null;
    configure = vi.fn((key: string) => {
      this.key = key;
    });
    setOn = vi.fn(async (on: boolean) => {
      this.on = on;
    });
    refresh = vi.fn();
    jump = vi.fn((index: number) => index);
    step = vi.fn((delta: number) => 10 + delta);
    checkNavigation = vi.fn();
    constructor(
      readonly doc: Document,
      readonly analyzer: unknown,
      readonly hooks: { report(report: unknown, on: boolean, seq: number): void },
    ) {
      made.push(this as unknown as FakeController);
    }
  },
}));

import { PART_CHARS, type ContentConfig } from '../messages.ts';
import { STORAGE_KEYS } from '../storage-keys.ts';
import type { Analyzer } from './controller.ts';

const config = (over: Partial<ContentConfig> = {}): ContentConfig => ({ key: 'bundled:1', showMentions: true, css: 'mark{}', ...over });
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
const settingsChanged = () => ext.browser.storage.local.set({ [STORAGE_KEYS.settings]: { changed: Math.random() } });

beforeEach(() => {
  ext.reset();
  made.length = 0;
  delete (globalThis as Record<string, unknown>).__stanceLensController;
  answer = { 'content/hello': () => ({ ok: true, value: { on: false, config: config() } }), 'content/config': () => ({ ok: true, value: config() }) };
  ext.browser.runtime.sendMessage.mockImplementation(async (m: unknown) => answer[(m as { type: string }).type]?.(m as Record<string, unknown>));
});

describe('content script: hello', () => {
  it('says hello with the page address, and starts with the settings the background sends (no lexicon, no model)', async () => {
    answer['content/hello'] = () => ({ ok: true, value: { on: true, config: config({ showMentions: false, css: 'mark.x{}' }), since: 1234 } });
    await inject();
    await settle();
    expect(sent('content/hello')).toEqual([{ type: 'content/hello', url: location.href }]);
    expect(made).toHaveLength(1);
    const c = made[0]!;
    expect(c.configure).toHaveBeenCalledWith('bundled:1', false, 'mark.x{}');
    expect(c.setOn).toHaveBeenCalledWith(true, 1234);
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

  it('a painted scan is told to the background; one it no longer knows (it restarted) is analysed again', async () => {
    document.title = 'Talks begin';
    answer['content/painted'] = () => ({ ok: true, value: { known: true } });
    await inject();
    await settle();
    made[0]!.hooks.report({ statements: [], speakers: [] }, true, 7);
    await settle();
    expect(sent('content/painted')).toEqual([{ type: 'content/painted', seq: 7, url: location.href, title: 'Talks begin' }]);
    expect(made[0]!.refresh).not.toHaveBeenCalled();
    answer['content/painted'] = () => ({ ok: true, value: { known: false } });
    made[0]!.hooks.report({ statements: [], speakers: [] }, true, 8);
    await vi.waitFor(() => expect(made[0]!.refresh).toHaveBeenCalledTimes(1));
    // off: only the state
    made[0]!.hooks.report({ statements: [], speakers: [] }, false, 8);
    expect(sent('content/state')).toEqual([{ type: 'content/state', on: false }]);
  });
});

describe('content script: the text goes to the background, the report comes back', () => {
  const report = { statements: [{ text: 'x' }], speakers: [] };
  beforeEach(async () => {
    await inject();
    await settle();
  });

  it('a short page: one part, answered with the report', async () => {
    answer['content/analyze'] = () => ({ ok: true, value: { report, analysed: 1 } });
    expect(await made[0]!.analyzer.analyze('Some text.', 'https://x.test/a', 3)).toEqual({ report, analysed: 1 });
    expect(sent('content/analyze')).toEqual([{ type: 'content/analyze', seq: 3, url: 'https://x.test/a', part: 0, parts: 1, text: 'Some text.' }]);
  });

  it('a long page streams in parts; a background that restarted mid-scan gets the text again from the start', async () => {
    const text = 'a'.repeat(PART_CHARS) + 'b'.repeat(PART_CHARS) + 'c';
    let restarted = false;
    answer['content/analyze'] = (m) => {
      if (m.part === 1 && !restarted) {
        restarted = true;
        return { ok: true, value: { next: 0 } };
      }
      return m.part === 2 ? { ok: true, value: { report, analysed: 2 } } : { ok: true, value: { next: (m.part as number) + 1 } };
    };
    expect(await made[0]!.analyzer.analyze(text, 'u', 1)).toEqual({ report, analysed: 2 });
    const parts = sent('content/analyze');
    expect(parts.map((m) => m.part)).toEqual([0, 1, 0, 1, 2]);
    expect(parts.every((m) => m.parts === 3 && (m.text as string).length <= PART_CHARS)).toBe(true);
    expect(
      parts
        .slice(2)
        .map((m) => m.text)
        .join(''),
    ).toBe(text);
  });

  it('a background that stopped mid-scan (no answer) is asked again; a cancelled scan is null, a refusal an error', async () => {
    let calls = 0;
    answer['content/analyze'] = () => (++calls === 1 ? undefined : { ok: true, value: { report, analysed: 1 } });
    expect(await made[0]!.analyzer.analyze('t', 'u', 1)).toEqual({ report, analysed: 1 });
    expect(calls).toBe(2);
    answer['content/analyze'] = () => ({ ok: false, error: 'cancelled: the tab left the page' });
    expect(await made[0]!.analyzer.analyze('t', 'u', 2)).toBeNull();
    answer['content/analyze'] = () => ({ ok: false, error: 'the page has more than 8,000,000 characters of text' });
    await expect(made[0]!.analyzer.analyze('t', 'u', 3)).rejects.toThrow(/8,000,000/);
  });
});

describe('content script: the background’s calls', () => {
  beforeEach(async () => {
    await inject();
    await settle();
  });

  it('content/set switches the highlights and answers with the state', async () => {
    expect(await ask({ type: 'content/set', on: true, since: 99 })).toEqual({ ok: true, value: { on: true } });
    expect(made[0]!.setOn).toHaveBeenLastCalledWith(true, 99);
    expect(await ask({ type: 'content/set', on: false })).toEqual({ ok: true, value: { on: false } });
    // anything but true is off
    expect(await ask({ type: 'content/set', on: 'yes' })).toEqual({ ok: true, value: { on: false } });
    expect(made[0]!.setOn).toHaveBeenLastCalledWith(false, undefined);
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
  it('asks for the config again and applies it', async () => {
    await inject();
    await settle();
    const c = made[0]!;
    answer['content/config'] = () => ({ ok: true, value: config({ showMentions: false, css: 'mark.hc{}' }) });
    await settingsChanged();
    await vi.waitFor(() => expect(c.configure).toHaveBeenCalledTimes(2));
    expect(sent('content/config')).toEqual([{ type: 'content/config' }]);
    expect(c.configure.mock.calls[1]).toEqual(['bundled:1', false, 'mark.hc{}']);
    answer['content/config'] = () => ({ ok: true, value: config({ key: 'imported:2' }) });
    await settingsChanged();
    await vi.waitFor(() => expect(c.configure).toHaveBeenCalledTimes(3));
    expect(c.configure.mock.calls[2]![0]).toBe('imported:2');
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
    replies[1]!({ ok: true, value: config({ key: 'newer', css: 'newer' }) });
    await vi.waitFor(() => expect(c.configure).toHaveBeenCalledTimes(2));
    replies[0]!({ ok: true, value: config({ key: 'older', css: 'older' }) });
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

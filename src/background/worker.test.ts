/**
 * The background as the popup and the content script meet it: what each message does,
 * what is refused (forged or malformed messages, senders that are not this extension's
 * own pages or content scripts), and how a tab's state moves (off → scanning → ready,
 * a new document, a closed tab, a restarted worker). Each test loads a fresh worker
 * into an empty fake browser (test/support/fake-extension.ts).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ext, EXTENSION_ID } from '../../test/support/fake-extension.ts';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../../test/support/fake-extension.ts')).ext.browser }));
// what crxjs makes of the content script in a build: the path of its file
vi.mock('../content/content-script.ts?script&iife', () => ({ default: 'assets/content-script.js' }));
// (vitest reads no CSS: the paint rules stand in as text)
vi.mock('../content/highlights.css?raw', () => ({ default: 'mark[data-stance-lens] { color: blue }' }));
vi.mock('../content/high-contrast.css?raw', () => ({ default: 'mark[data-stance-lens] { color: black }' }));
const PLAIN = 'mark[data-stance-lens] { color: blue }';
const CONTRAST = 'mark[data-stance-lens] { color: black }';

import { analyze } from '../engine/analyze.ts';
import type { Report } from '../engine/types.ts';
import { bundledModelFile } from '../lexicon/bundled-model.ts';
import { bundledLexicon } from '../lexicon/bundled.ts';
import { MAX_PAGE_CHARS, PART_CHARS, type TabState } from '../messages.ts';
import { runSteps } from '../text/steps.ts';
import { analyzePageSteps, prepareEngine, SliceCache } from './analysis.ts';
import { TAB_STATES_KEY } from '../popup/follow.ts';
import { SETTINGS_KEY } from '../settings.ts';

const TAB = 4;
const URL_ = 'https://news.example/world/talks';
const TITLE = 'Talks begin';
// a report as the engine makes them (whatever it carries), with three statements: two attributed
const report: Report = {
  ...analyze('', bundledLexicon, { source: URL_ }),
  speakers: [],
  statements: [
    {
      text: 'a',
      kind: 'direct',
      speaker: 'kallas',
      attribution: 'explicit',
      stance: 'pro-ukraine',
      confidence: 1,
      evidence: [],
      seedMatch: 'none',
      flags: [],
      start: 0,
      end: 1,
    },
    {
      text: 'b',
      kind: 'direct',
      speaker: 'trump',
      attribution: 'explicit',
      stance: 'neutral',
      confidence: 1,
      evidence: [],
      seedMatch: 'none',
      flags: [],
      start: 2,
      end: 3,
    },
    {
      text: 'c',
      kind: 'direct',
      speaker: null,
      attribution: 'none',
      stance: 'unknown',
      confidence: 0,
      evidence: [],
      seedMatch: 'none',
      flags: [],
      start: 4,
      end: 5,
    },
  ],
};

/** The browser's tabs: id → url and title. */
let pages: Record<number, { url?: string; title?: string }>;
/** What the content script in a tab answers (when there is one). */
let content: Record<number, (msg: { type: string; [k: string]: unknown }) => unknown>;

async function loadWorker(): Promise<void> {
  vi.resetModules();
  await import('./worker.ts');
}

beforeEach(async () => {
  ext.reset();
  pages = { [TAB]: { url: URL_, title: TITLE } };
  content = {};
  ext.browser.tabs.get.mockImplementation(async (id: number) => {
    const p = pages[id];
    if (!p) throw new Error(`No tab with id: ${id}.`);
    return { id, ...p };
  });
  ext.browser.tabs.sendMessage.mockImplementation(async (id: number, msg: unknown) => {
    const c = content[id];
    if (!c) throw new Error('Could not establish connection. Receiving end does not exist.');
    return c(msg as { type: string });
  });
  await loadWorker();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A call from the popup, answered as the popup sees it. */
const call = (msg: unknown) =>
  ext.send(msg, ext.fromPage()) as Promise<{ ok: boolean; value?: TabState & Record<string, unknown>; error?: string } | undefined>;
const notice = (msg: unknown, tabId = TAB, frameId = 0) => ext.send(msg, ext.fromContent(tabId, frameId));
const tabGet = async (tabId = TAB): Promise<TabState> => (await call({ type: 'tab/get', tabId }))!.value as TabState;
/** A content script that is there and answers like one. */
function contentScript(tabId = TAB, state = { on: false, ready: false }) {
  const calls: Array<{ type: string; [k: string]: unknown }> = [];
  content[tabId] = (msg) => {
    calls.push(msg);
    switch (msg.type) {
      case 'content/ping':
        return { ok: true, value: state };
      case 'content/set':
        state.on = msg.on as boolean;
        return { ok: true, value: { on: state.on } };
      case 'content/jump':
        return { ok: true, value: { index: msg.index } };
      default:
        return { ok: true, value: {} };
    }
  };
  return calls;
}
/** A page with three statements, two of them attributed. */
const TEXT = [
  '“We will never abandon Ukraine,” Donald Trump said on Tuesday.',
  '“In any negotiation, Europe must have a central role,” Kaja Kallas said.',
  'A sign read: “No more war.”',
].join('\n\n');
let seq = 0;
/** The tab's content script scans: its text goes to the background, the report comes back and is painted. */
async function scan(text = TEXT, tabId = TAB, frameId = 0): Promise<Report> {
  const n = ++seq;
  const r = (await notice({ type: 'content/analyze', seq: n, url: URL_, part: 0, parts: 1, text }, tabId, frameId)) as { ok: true; value: { report: Report } };
  expect(r.ok).toBe(true);
  await notice({ type: 'content/painted', seq: n, url: URL_, title: TITLE }, tabId, frameId);
  return r.value.report;
}
const badge = (tabId = TAB) => ext.browser.action.setBadgeText.mock.calls.filter(([d]) => d.tabId === tabId).at(-1)?.[0].text;

describe('worker: calls from the popup', () => {
  it('tab/get: a tab never switched on is idle and off, with its page and title', async () => {
    expect(await call({ type: 'tab/get', tabId: TAB })).toEqual({
      ok: true,
      value: { tabId: TAB, on: false, status: 'idle', url: URL_, title: TITLE, report: null },
    });
  });

  it('tab/get: browser pages and extension stores are unsupported, with the reason', async () => {
    pages[5] = { url: 'chrome://settings/', title: 'Settings' };
    pages[6] = { url: 'https://chromewebstore.google.com/detail/x', title: 'Store' };
    expect(await tabGet(5)).toMatchObject({ status: 'unsupported', message: 'Browser pages cannot be highlighted.' });
    expect(await tabGet(6)).toMatchObject({ status: 'unsupported', message: 'Extension stores do not allow extensions to run on their pages.' });
  });

  it('highlights/set on a tab without the content script: injects the script, scanning, until the report is painted', async () => {
    const r = await call({ type: 'highlights/set', tabId: TAB, on: true });
    expect(r).toEqual({ ok: true, value: expect.objectContaining({ tabId: TAB, on: true, status: 'scanning' }) });
    expect(ext.browser.scripting.executeScript).toHaveBeenCalledWith({ target: { tabId: TAB }, files: ['assets/content-script.js'] });
    // no stylesheet until there is something to paint
    expect(ext.browser.scripting.insertCSS).not.toHaveBeenCalled();
    expect(badge()).toBe('');

    const report = await scan();
    expect(report.statements.filter((s) => s.speaker).map((s) => s.speaker)).toEqual(['trump', 'kallas']);
    expect(ext.browser.scripting.insertCSS).toHaveBeenCalledWith({ target: { tabId: TAB, frameIds: [0] }, css: PLAIN });
    expect(await tabGet()).toMatchObject({ on: true, status: 'ready', report });
    // the badge counts the attributed statements
    expect(badge()).toBe('2');
    expect(ext.browser.action.setTitle).toHaveBeenLastCalledWith({ tabId: TAB, title: 'Stance Lens: 2 attributed statements (on)' });
  });

  it('highlights/set where the page may not be read: an error the user can act on, and off', async () => {
    ext.browser.scripting.executeScript.mockRejectedValue(new Error('Cannot access contents of the page'));
    const r = await call({ type: 'highlights/set', tabId: TAB, on: true });
    expect(r?.value).toMatchObject({ on: false, status: 'error' });
    expect(r?.value?.message).toBe(
      'Stance Lens may not read this page yet: Cannot access contents of the page. Click the toolbar button or allow the site in the popup.',
    );
  });

  it('highlights/set on an unsupported page injects nothing', async () => {
    pages[TAB] = { url: 'about:addons', title: 'Add-ons' };
    expect((await call({ type: 'highlights/set', tabId: TAB, on: true }))?.value).toMatchObject({ on: false, status: 'unsupported' });
    expect(ext.browser.scripting.executeScript).not.toHaveBeenCalled();
    expect(ext.browser.scripting.insertCSS).not.toHaveBeenCalled();
  });

  it('highlights/set with the content script there tells it (content/set), and off clears the badge', async () => {
    const calls = contentScript();
    await call({ type: 'highlights/set', tabId: TAB, on: true });
    expect(calls.map((c) => c.type)).toEqual(['content/ping', 'content/set']);
    expect(calls[1]).toEqual({ type: 'content/set', on: true, since: expect.any(Number) });
    expect(ext.browser.scripting.executeScript).not.toHaveBeenCalled();
    await scan();
    expect(badge()).toBe('2');

    const off = await call({ type: 'highlights/set', tabId: TAB, on: false });
    expect(off?.value).toMatchObject({ on: false });
    expect(calls.at(-1)).toEqual({ type: 'content/set', on: false, since: expect.any(Number) });
    expect(badge()).toBe('');
  });

  it('highlights/set: a content script that refuses is an error state', async () => {
    contentScript();
    const c = content[TAB]!;
    content[TAB] = (msg) => (msg.type === 'content/set' ? { ok: false, error: 'boom' } : c(msg));
    const r = await call({ type: 'highlights/set', tabId: TAB, on: true });
    expect(r?.value).toMatchObject({ on: false, status: 'error' });
    expect(r?.value?.message).toContain('could not start on this page: boom');
  });

  it('statement/jump asks the tab’s content script and answers with the index shown', async () => {
    const calls = contentScript();
    expect(await call({ type: 'statement/jump', tabId: TAB, index: 2 })).toEqual({ ok: true, value: { index: 2 } });
    expect(calls).toEqual([{ type: 'content/jump', index: 2 }]);
    // no content script: an error the popup shows, never a throw
    expect(await call({ type: 'statement/jump', tabId: 9, index: 0 })).toEqual({ ok: false, error: expect.stringContaining('Receiving end does not exist') });
  });

  it('site/set and site/get: always on registers the content script for the site, ask forgets it', async () => {
    expect(await call({ type: 'site/get', origin: 'https://news.example' })).toEqual({ ok: true, value: { mode: 'ask' } });
    expect(await call({ type: 'site/set', origin: 'https://news.example:8443', mode: 'always-on' })).toEqual({ ok: true, value: { mode: 'always-on' } });
    expect(ext.browser.permissions.contains).toHaveBeenCalledWith({ origins: ['https://news.example/*'] });
    expect(ext.browser.scripting.registerContentScripts).toHaveBeenCalledWith([
      {
        id: 'site:https://news.example:8443',
        matches: ['https://news.example/*'],
        js: ['assets/content-script.js'],
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
    expect(await call({ type: 'site/get', origin: 'https://news.example:8443' })).toEqual({ ok: true, value: { mode: 'always-on' } });

    await call({ type: 'site/set', origin: 'https://news.example:8443', mode: 'ask' });
    expect(ext.browser.scripting.unregisterContentScripts).toHaveBeenLastCalledWith({ ids: ['site:https://news.example:8443'] });
    expect(await call({ type: 'site/get', origin: 'https://news.example:8443' })).toEqual({ ok: true, value: { mode: 'ask' } });
  });

  it('site/set always on without the site’s permission, or for something that is not a web site, is refused', async () => {
    ext.browser.permissions.contains.mockResolvedValue(false);
    expect(await call({ type: 'site/set', origin: 'https://news.example', mode: 'always-on' })).toEqual({
      ok: false,
      error: 'Allow Stance Lens to read https://news.example first (the popup asks for it).',
    });
    expect(await call({ type: 'site/set', origin: 'file:///etc/passwd', mode: 'always-off' })).toMatchObject({ ok: false });
    expect(ext.browser.scripting.registerContentScripts).not.toHaveBeenCalled();
    expect(await call({ type: 'site/get', origin: 'https://news.example' })).toEqual({ ok: true, value: { mode: 'ask' } });
  });
});

describe('worker: what it refuses', () => {
  it('forged or malformed calls from its own pages get no answer and change nothing', async () => {
    for (const msg of [
      null,
      'tab/get',
      { type: 'highlights/set', tabId: '4', on: true },
      { type: 'highlights/set', tabId: TAB, on: 'yes' },
      { type: 'statement/jump', tabId: TAB, index: -1 },
      { type: 'site/set', origin: 'https://news.example', mode: 'always-on-please' },
      { type: 'content/analyze', seq: 1, url: URL_, part: 0, parts: 1, text: TEXT },
      { type: 'content/painted', seq: 1, url: URL_, title: TITLE },
      { type: 'eval' },
    ]) {
      expect(await call(msg), JSON.stringify(msg)).toBeUndefined();
    }
    expect(ext.browser.tabs.get).not.toHaveBeenCalled();
    expect(ext.browser.scripting.executeScript).not.toHaveBeenCalled();
    expect(ext.browser.scripting.registerContentScripts).not.toHaveBeenCalled();
  });

  it('calls from another extension, a web page, or without a sender id are ignored', async () => {
    const senders = [
      { id: 'some-other-extension', url: `chrome-extension://some-other-extension/popup.html` },
      { id: 'some-other-extension', url: ext.browser.runtime.getURL('src/popup/index.html') },
      { url: ext.browser.runtime.getURL('src/popup/index.html') },
      { id: EXTENSION_ID, url: 'https://evil.example/' },
      { id: 'some-other-extension', url: URL_, frameId: 0, tab: { id: TAB, url: URL_ } },
    ];
    for (const sender of senders) {
      expect(await ext.send({ type: 'highlights/set', tabId: TAB, on: true }, sender), JSON.stringify(sender)).toBeUndefined();
      expect(await ext.send({ type: 'content/analyze', seq: 1, url: URL_, part: 0, parts: 1, text: TEXT }, sender), JSON.stringify(sender)).toBeUndefined();
    }
    expect(ext.browser.scripting.executeScript).not.toHaveBeenCalled();
    expect(await tabGet()).toMatchObject({ on: false, status: 'idle', report: null });
  });

  it('a content script cannot make the popup’s calls (a page could drive it otherwise)', async () => {
    expect(await notice({ type: 'highlights/set', tabId: 7, on: true })).toBeUndefined();
    expect(await notice({ type: 'site/set', origin: 'https://evil.example', mode: 'always-on' })).toBeUndefined();
    expect(await notice({ type: 'tab/get', tabId: 7 })).toBeUndefined();
    expect(ext.browser.tabs.get).not.toHaveBeenCalled();
    expect(ext.browser.scripting.registerContentScripts).not.toHaveBeenCalled();
  });

  it('text that is not one, a painted scan it never analysed, or a frame’s report: not the tab’s report', async () => {
    for (const msg of [
      { type: 'content/analyze', seq: 1, url: URL_, part: 0, parts: 1, text: 42 },
      { type: 'content/analyze', seq: 1, url: URL_, part: 2, parts: 2, text: 'x' },
      { type: 'content/analyze', seq: -1, url: URL_, part: 0, parts: 1, text: 'x' },
      { type: 'content/analyze', seq: 1, url: URL_, part: 0, parts: 1, text: 'x'.repeat(PART_CHARS + 1) },
      { type: 'content/analyze', seq: 1, url: URL_, part: 0, parts: 10_000, text: 'x' },
      { type: 'content/report', report, url: URL_, title: TITLE, on: true },
    ])
      expect(await notice(msg), JSON.stringify(msg).slice(0, 80)).toBeUndefined();
    expect(await notice({ type: 'content/painted', seq: 99, url: URL_, title: 'forged' })).toEqual({ ok: true, value: { known: false } });
    await scan(TEXT, TAB, 3);
    expect(await tabGet()).toMatchObject({ status: 'idle', report: null, url: URL_, title: TITLE });
  });
});

describe('worker: the analysis', () => {
  const analyze = (m: Record<string, unknown>, tabId = TAB) =>
    notice({ type: 'content/analyze', url: URL_, part: 0, parts: 1, text: TEXT, ...m }, tabId) as Promise<{
      ok: boolean;
      value?: Record<string, unknown>;
      error?: string;
    }>;

  it('gives the same report the engine gives for the text, judged with the bundled model', async () => {
    const got = await scan();
    const direct = runSteps(analyzePageSteps(TEXT, URL_, prepareEngine(bundledLexicon, 'x', bundledModelFile, 'y'), new SliceCache())).report;
    expect(got).toEqual(direct);
    expect(got.model).toMatchObject({ status: 'ok', id: 'stance-lr' });
  });

  it('judges with the model the user imported in the options page, and with the bundled one again after a reset', async () => {
    const settings = await import('../settings.ts');
    const { testModelFile } = await import('../../test/support/test-model.ts');
    await settings.saveSettings({ model: { source: 'imported', name: 'newsroom.model.json', importedAt: '2026-11-30T10:00:00.000Z', file: testModelFile() } });
    await vi.waitFor(async () => expect((await scan()).model).toMatchObject({ status: 'ok', id: 'my-newsroom-model' }));
    await settings.saveSettings({ model: null });
    await vi.waitFor(async () => expect((await scan()).model).toMatchObject({ status: 'ok', id: 'stance-lr' }));
  });

  it('puts a long text together from its parts, asks again from the first when it lost them, and reuses unchanged slices', async () => {
    const paragraphs = Array.from({ length: 400 }, (_, i) => `“Ukraine must get air defence now, number ${i},” Kaja Kallas said in Brussels.`);
    const text = paragraphs.join('\n\n');
    const parts = Math.ceil(text.length / 5000);
    // parts are cut by the content script at PART_CHARS; any cut will do
    const cut = (i: number) => text.slice(i * 5000, (i + 1) * 5000);
    expect(await analyze({ seq: 1, part: 1, parts, text: cut(1) })).toEqual({ ok: true, value: { next: 0 } });
    let reply: Record<string, unknown> | undefined;
    for (let i = 0; i < parts; i++) reply = (await analyze({ seq: 1, part: i, parts, text: cut(i) })).value;
    const first = reply as { report: Report; analysed: number };
    expect(first.report.statements).toHaveLength(400);
    expect(first.analysed).toBeGreaterThan(1);
    // the same text again: every slice from the tab's cache
    for (let i = 0; i < parts; i++) reply = (await analyze({ seq: 2, part: i, parts, text: cut(i) })).value;
    expect((reply as { analysed: number }).analysed).toBe(0);
    expect((reply as { report: Report }).report).toEqual(first.report);
  });

  it('a background stopped mid-scan (Chromium stops idle workers): the tab sends its text again and ends ready, not scanning', async () => {
    await call({ type: 'highlights/set', tabId: TAB, on: true });
    const text = `${TEXT}\n\n${'Filler paragraph. '.repeat(20)}`;
    const half = Math.ceil(text.length / 2);
    expect(await analyze({ seq: 1, part: 0, parts: 2, text: text.slice(0, half) })).toEqual({ ok: true, value: { next: 1 } });
    // the worker stops: its memory is gone, the tab states are in storage.session
    await vi.waitFor(() => expect((ext.session.store[TAB_STATES_KEY] as Record<string, TabState>)?.[TAB]?.status).toBe('scanning'), { timeout: 2000 });
    ext.clearListeners();
    await loadWorker();
    expect(await analyze({ seq: 1, part: 1, parts: 2, text: text.slice(half) })).toEqual({ ok: true, value: { next: 0 } });
    expect((await analyze({ seq: 1, part: 0, parts: 2, text: text.slice(0, half) })).value).toEqual({ next: 1 });
    const done = (await analyze({ seq: 1, part: 1, parts: 2, text: text.slice(half) })).value as { report: Report };
    expect(done.report.statements.length).toBeGreaterThan(0);
    expect(await notice({ type: 'content/painted', seq: 1, url: URL_, title: TITLE })).toEqual({ ok: true, value: { known: true } });
    expect(await tabGet()).toMatchObject({ on: true, status: 'ready', report: done.report });
  });

  it('a newer scan of the tab cancels the older one; a closed tab cancels its work', async () => {
    const long = Array.from({ length: 300 }, (_, i) => `“Ukraine must win, number ${i},” Kaja Kallas said.`).join('\n\n');
    const older = analyze({ seq: 1, text: long.slice(0, PART_CHARS) });
    const newer = analyze({ seq: 2 });
    expect(await older).toEqual({ ok: false, error: 'cancelled: a newer scan of the page' });
    expect((await newer).ok).toBe(true);
    expect(await analyze({ seq: 1 })).toEqual({ ok: false, error: 'cancelled: a newer scan of the page' });
    const closing = analyze({ seq: 3, text: long.slice(0, PART_CHARS) });
    ext.browser.tabs.onRemoved.fire(TAB);
    expect(await closing).toEqual({ ok: false, error: 'cancelled: the tab closed' });
  });

  it('ten tabs asked at once are all answered, in the order they were asked', async () => {
    const done: number[] = [];
    const asked = Array.from({ length: 10 }, (_, i) => analyze({ seq: 1 }, 10 + i).then((r) => (expect(r.ok).toBe(true), done.push(10 + i))));
    await Promise.all(asked);
    expect(done).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  });

  it('a page over the size limit gets a message, and the tab is not left scanning', async () => {
    await call({ type: 'highlights/set', tabId: TAB, on: true });
    const parts = Math.ceil(MAX_PAGE_CHARS / PART_CHARS);
    let last: { ok: boolean; error?: string } | undefined;
    for (let i = 0; i < parts; i++) last = await analyze({ seq: 1, part: i, parts, text: 'x'.repeat(PART_CHARS) });
    expect(last?.ok).toBe(false);
    expect(last?.error).toMatch(/more than 8,000,000 characters/);
    expect(await tabGet()).toMatchObject({ status: 'error', message: expect.stringMatching(/8,000,000/) });
  });
});

describe('worker: the content script', () => {
  it('content/hello on a page asked for nothing: off, with the default display settings and no lexicon or model', async () => {
    const r = (await notice({ type: 'content/hello', url: URL_ })) as {
      ok: true;
      value: { on: boolean; config: Record<string, unknown> };
    };
    expect(r.ok).toBe(true);
    expect(r.value.on).toBe(false);
    expect(Object.keys(r.value.config).sort()).toEqual(['css', 'key', 'showMentions']);
    expect(r.value.config.key).toBe(`bundled:${bundledLexicon.id}@${bundledLexicon.version}|bundled`);
    expect(r.value.config.showMentions).toBe(true);
    expect(r.value.config.css).toBe(PLAIN);
    expect(ext.browser.scripting.insertCSS).not.toHaveBeenCalled();
  });

  it('content/hello on a site set to always on: on, scanning; the stylesheet comes with the first report to paint', async () => {
    await call({ type: 'site/set', origin: 'https://news.example', mode: 'always-on' });
    const r = (await notice({ type: 'content/hello', url: URL_ }, TAB, 0)) as { value: { on: boolean } };
    expect(r.value.on).toBe(true);
    expect(await tabGet()).toMatchObject({ on: true, status: 'scanning' });
    await scan('Nothing to see here.');
    expect(ext.browser.scripting.insertCSS).not.toHaveBeenCalled();
    await scan();
    expect(ext.browser.scripting.insertCSS).toHaveBeenCalledWith({ target: { tabId: TAB, frameIds: [0] }, css: expect.any(String) });
  });

  it('content/hello in automatic mode: on everywhere except a site set to always off', async () => {
    ext.browser.permissions.contains.mockResolvedValue(true);
    await import('../settings.ts').then((s) => s.saveSettings({ mode: 'automatic' }));
    expect(((await notice({ type: 'content/hello', url: URL_ })) as { value: { on: boolean } }).value.on).toBe(true);
    await call({ type: 'site/set', origin: 'https://quiet.example', mode: 'always-off' });
    pages[8] = { url: 'https://quiet.example/', title: 'Quiet' };
    expect(((await notice({ type: 'content/hello', url: 'https://quiet.example/' }, 8)) as { value: { on: boolean } }).value.on).toBe(false);
  });

  it('content/config: the lexicon and display settings now in use (palette, mentions)', async () => {
    const settings = await import('../settings.ts');
    await settings.saveSettings({ showMentions: false, palette: 'high-contrast' });
    const r = (await notice({ type: 'content/config' })) as { ok: true; value: { showMentions: boolean; css: string; key: string } };
    expect(r.value.showMentions).toBe(false);
    expect(r.value.css).toBe(`${PLAIN}\n${CONTRAST}`);
    expect(r.value.key).toBe(`bundled:${bundledLexicon.id}@${bundledLexicon.version}|bundled`);
  });

  it('content/state: the page switched itself off (its own toggle), and the badge follows', async () => {
    await call({ type: 'highlights/set', tabId: TAB, on: true });
    await scan();
    await notice({ type: 'content/state', on: false });
    expect(await tabGet()).toMatchObject({ on: false });
    expect(badge()).toBe('');
  });
});

describe('worker: a tab’s life', () => {
  it('every change is written to storage.session under the key the popup follows', async () => {
    await call({ type: 'highlights/set', tabId: TAB, on: true });
    const report = await scan();
    await vi.waitFor(() => expect((ext.session.store[TAB_STATES_KEY] as Record<string, TabState>)?.[TAB]).toMatchObject({ status: 'ready', report }), {
      timeout: 2000,
    });
  });

  it('a new document (a reload, a link) drops the report and the stylesheet; "on" stays, and the script comes back', async () => {
    await call({ type: 'highlights/set', tabId: TAB, on: true });
    await scan();
    ext.browser.scripting.executeScript.mockClear();
    ext.browser.scripting.insertCSS.mockClear();

    ext.browser.tabs.onUpdated.fire(TAB, { status: 'loading', url: 'https://news.example/world/next' });
    expect(await tabGet()).toMatchObject({ on: true, status: 'idle', report: null });
    expect(badge()).toBe('');

    pages[TAB] = { url: 'https://news.example/world/next', title: 'Next' };
    ext.browser.tabs.onUpdated.fire(TAB, { status: 'complete' });
    await vi.waitFor(() => expect(ext.browser.scripting.executeScript).toHaveBeenCalledWith({ target: { tabId: TAB }, files: ['assets/content-script.js'] }));
    expect(await tabGet()).toMatchObject({ on: true, status: 'scanning', url: 'https://news.example/world/next', title: 'Next' });
    // the new document gets the stylesheet again, with its first report
    await scan();
    expect(ext.browser.scripting.insertCSS).toHaveBeenCalled();
  });

  it('a tab that is off is not injected when its page loads', async () => {
    await tabGet();
    ext.browser.tabs.onUpdated.fire(TAB, { status: 'loading' });
    ext.browser.tabs.onUpdated.fire(TAB, { status: 'complete' });
    await new Promise((r) => setTimeout(r, 20));
    expect(ext.browser.scripting.executeScript).not.toHaveBeenCalled();
  });

  it('a closed tab is forgotten', async () => {
    await call({ type: 'highlights/set', tabId: TAB, on: true });
    await scan();
    ext.browser.tabs.onRemoved.fire(TAB);
    await vi.waitFor(() => expect(ext.session.store[TAB_STATES_KEY]).toEqual({}), { timeout: 2000 });
    expect(await tabGet()).toMatchObject({ on: false, status: 'idle', report: null });
  });

  it('a worker that was stopped and started again finds its tabs in storage.session', async () => {
    ext.session.store[TAB_STATES_KEY] = { [TAB]: { tabId: TAB, on: true, status: 'ready', url: URL_, title: TITLE, report } };
    ext.clearListeners();
    await loadWorker();
    expect(await tabGet()).toMatchObject({ on: true, status: 'ready', report });
  });

  it('the keyboard command toggles the active tab, and steps through its statements', async () => {
    ext.browser.tabs.query.mockResolvedValue([{ id: TAB, url: URL_ }]);
    ext.browser.commands.onCommand.fire('toggle-highlights');
    await vi.waitFor(() => expect(ext.browser.scripting.executeScript).toHaveBeenCalledTimes(1));
    await vi.waitFor(async () => expect(await tabGet()).toMatchObject({ on: true }));

    const calls = contentScript(TAB, { on: true, ready: true });
    ext.browser.commands.onCommand.fire('next-statement');
    ext.browser.commands.onCommand.fire('previous-statement');
    await vi.waitFor(() =>
      expect(calls.filter((c) => c.type === 'content/step')).toEqual([
        { type: 'content/step', delta: 1 },
        { type: 'content/step', delta: -1 },
      ]),
    );
  });

  it('a palette change restyles the pages already painted', async () => {
    await call({ type: 'highlights/set', tabId: TAB, on: true });
    await scan();
    const settings = await import('../settings.ts');
    await settings.saveSettings({ palette: 'high-contrast' });
    await vi.waitFor(() => expect(ext.browser.scripting.insertCSS).toHaveBeenLastCalledWith({ target: { tabId: TAB }, css: `${PLAIN}\n${CONTRAST}` }));
    expect(ext.browser.scripting.removeCSS).toHaveBeenCalledWith({ target: { tabId: TAB }, css: PLAIN });
  });

  it('"always on" finishes when the permission arrives, though the popup closed during the prompt', async () => {
    ext.session.store.pendingAlwaysOn = 'https://news.example';
    ext.browser.permissions.onAdded.fire();
    await vi.waitFor(async () => expect(await call({ type: 'site/get', origin: 'https://news.example' })).toEqual({ ok: true, value: { mode: 'always-on' } }));
    expect(ext.browser.scripting.registerContentScripts).toHaveBeenCalledWith([
      expect.objectContaining({ id: 'site:https://news.example', matches: ['https://news.example/*'] }),
    ]);
    expect('pendingAlwaysOn' in ext.session.store).toBe(false);
  });

  it('the settings switching to automatic register the content script on all sites, when allowed', async () => {
    const settings = await import('../settings.ts');
    ext.browser.permissions.contains.mockResolvedValue(false);
    await settings.saveSettings({ mode: 'automatic' });
    await new Promise((r) => setTimeout(r, 10));
    expect(ext.browser.scripting.registerContentScripts).not.toHaveBeenCalled();

    ext.browser.permissions.contains.mockResolvedValue(true);
    await settings.saveSettings({ mode: 'on-demand' });
    await settings.saveSettings({ mode: 'automatic' });
    await vi.waitFor(() =>
      expect(ext.browser.scripting.registerContentScripts).toHaveBeenCalledWith([
        { id: 'auto:all-sites', matches: ['http://*/*', 'https://*/*'], js: ['assets/content-script.js'], runAt: 'document_idle', persistAcrossSessions: true },
      ]),
    );
    expect(SETTINGS_KEY in (await ext.browser.storage.local.get(SETTINGS_KEY))).toBe(true);
  });
});

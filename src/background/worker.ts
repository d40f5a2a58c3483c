/**
 * Background (service worker in Chromium, event page in Firefox): per-tab state and
 * reports for the popup, the toolbar badge, the keyboard command, the context menu,
 * on-demand injection (activeTab + scripting) and per-site defaults. It accepts only
 * the typed messages of src/messages.ts, and only from this extension's own pages
 * (calls) or its content scripts (notices). It makes no network request.
 */
import browser, { type Runtime, type Tabs } from 'webextension-polyfill';
// build assets, not module imports: the content script as a separate IIFE bundle (the
// background injects it), and its style sheets as text
/* eslint-disable import-x/no-restricted-paths */
import contentScript from '../content/content-script.ts?script&iife';
import highlightCss from '../content/highlights.css?raw';
import highContrastCss from '../content/high-contrast.css?raw';
/* eslint-enable import-x/no-restricted-paths */
import { bundledLexicon } from '../lexicon/bundled.ts';
import { bundledModelFile } from '../lexicon/bundled-model.ts';

/** The bundled model never changes while the extension runs: one key. */
const BUNDLED_MODEL_KEY = 'bundled';
import { onSettingsChanged, readSettings, type Settings } from '../settings.ts';
import {
  parseBackgroundCall,
  parseContentMessage,
  type AnyBackgroundCall,
  type ContentConfig,
  type Result,
  type SiteMode,
  type TabState,
} from '../messages.ts';

const SITES_KEY = 'sites';
const MENU_ID = 'stance-lens-toggle';
const tabs = new Map<number, TabState>();
let restored: Promise<void> | null = null;

/** Tab states survive the service worker being stopped (storage.session). */
function restore(): Promise<void> {
  restored ??= (async () => {
    try {
      const saved = (await browser.storage.session.get('tabs')) as { tabs?: Record<string, TabState> };
      for (const [id, st] of Object.entries(saved.tabs ?? {})) if (!tabs.has(Number(id))) tabs.set(Number(id), st);
    } catch {
      // storage.session missing (old browser): state lives as long as the worker
    }
  })();
  return restored;
}

/** The paint rules for the palette in use. */
function paintCss(settings: Settings | null): string {
  return settings?.palette === 'high-contrast' ? `${highlightCss}\n${highContrastCss}` : highlightCss;
}

/** The lexicon and stance model (the user's, else the bundled ones) and display settings a content script scans with. */
function contentConfig(settings: Settings | null): ContentConfig {
  const imported = settings?.lexicon ?? null;
  const lexicon = imported?.compiled ?? bundledLexicon;
  const lexiconKey = imported ? `imported:${imported.importedAt}:${lexicon.id}@${lexicon.version}` : `bundled:${lexicon.id}@${lexicon.version}`;
  const model = settings?.model ?? null;
  const modelKey = model ? `imported:${model.importedAt}:${model.file.id}` : BUNDLED_MODEL_KEY;
  return { lexicon, lexiconKey, showMentions: settings?.showMentions ?? true, css: paintCss(settings), model: model?.file ?? bundledModelFile, modelKey };
}

let saveTimer: ReturnType<typeof setTimeout> | null = null;
/** Also how an open popup follows its tab: it listens to storage.onChanged for 'tabs' (src/popup/follow.ts). */
function save() {
  if (saveTimer) return;
  saveTimer = setTimeout(() => {
    saveTimer = null;
    void browser.storage.session?.set({ tabs: Object.fromEntries(tabs) }).catch(() => undefined);
  }, 200);
}

function state(tabId: number): TabState {
  let st = tabs.get(tabId);
  if (!st) tabs.set(tabId, (st = { tabId, on: false, status: 'idle', url: null, title: null, report: null }));
  return st;
}

/** A UI string in the browser's language (en, uk), with an English fallback. */
function msg(key: string, fallback: string, sub?: string): string {
  return browser.i18n.getMessage(key, sub === undefined ? undefined : [sub]) || fallback;
}

function unsupportedReason(url: string | undefined): string | null {
  if (!url) return msg('bgNoPage', 'This tab has no page the extension can read.');
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return msg('bgNoPage', 'This tab has no page the extension can read.');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:' && u.protocol !== 'file:') return msg('bgBrowserPage', 'Browser pages cannot be highlighted.');
  if (/(^|\.)chromewebstore\.google\.com$|^chrome\.google\.com$|^addons\.mozilla\.org$|^microsoftedge\.microsoft\.com$/.test(u.hostname)) {
    return msg('bgStorePage', 'Extension stores do not allow extensions to run on their pages.');
  }
  return null;
}

async function badge(st: TabState) {
  const n = st.on && st.report ? st.report.statements.filter((s) => s.speaker !== null).length : 0;
  const text = st.on && st.report ? String(n) : '';
  await browser.action.setBadgeText({ tabId: st.tabId, text }).catch(() => undefined);
  await browser.action.setBadgeBackgroundColor({ tabId: st.tabId, color: '#0072B2' }).catch(() => undefined);
  await browser.action
    .setTitle({ tabId: st.tabId, title: st.on ? `Stance Lens: ${n} attributed statements (on)` : 'Stance Lens (off)' })
    .catch(() => undefined);
}

/** The content script's state in the tab, or null when none is there yet. */
async function ping(tabId: number): Promise<{ on: boolean; ready: boolean } | null> {
  try {
    const r = (await browser.tabs.sendMessage(tabId, { type: 'content/ping' })) as Result<{ on: boolean; ready: boolean }> | undefined;
    return r && r.ok ? r.value : null;
  } catch {
    return null;
  }
}

async function setHighlights(tabId: number, on: boolean): Promise<TabState> {
  await restore();
  const st = state(tabId);
  const tab = await browser.tabs.get(tabId);
  st.url = tab.url ?? st.url;
  st.title = tab.title ?? st.title;
  const reason = unsupportedReason(tab.url);
  if (reason) {
    Object.assign(st, { on: false, status: 'unsupported', message: reason });
    save();
    return st;
  }
  st.on = on;
  delete st.message;
  const there = await ping(tabId);
  if (there) {
    if (on && !there.on) {
      await insertCss(tabId);
      st.status = 'scanning';
    } else if (on) {
      st.status = st.report && there.ready ? 'ready' : 'scanning';
    }
    // when already on, the content script answers with its report again
    const r = (await browser.tabs.sendMessage(tabId, { type: 'content/set', on }).catch((e: unknown) => ({ ok: false, error: errorText(e) }))) as
      Result<unknown> | undefined;
    if (r && !r.ok)
      Object.assign(st, {
        on: false,
        status: 'error',
        message: msg('bgNoStart', `Stance Lens could not start on this page: ${r.error}. Reload the page and try again.`, r.error),
      });
  } else if (on) {
    st.status = 'scanning';
    try {
      await insertCss(tabId);
      await browser.scripting.executeScript({ target: { tabId }, files: [contentScript] });
    } catch (e) {
      Object.assign(st, {
        on: false,
        status: 'error',
        message: msg(
          'bgNoAccess',
          `Stance Lens may not read this page yet: ${errorText(e)}. Click the toolbar button or allow the site in the popup.`,
          errorText(e),
        ),
      });
    }
  }
  save();
  await badge(st);
  return st;
}

/** Tabs whose current document has our stylesheet, and which one (reset when a document loads). */
const styled = new Map<number, string>();

async function insertCss(tabId: number, frameId?: number) {
  const css = paintCss(await readSettings().catch(() => null));
  if (frameId === undefined || frameId === 0) {
    if (styled.has(tabId)) return;
    styled.set(tabId, css);
  }
  await browser.scripting.insertCSS({ target: frameId === undefined ? { tabId } : { tabId, frameIds: [frameId] }, css });
}

/** The palette changed: pages already styled get the new rules in place of the old. */
async function restyle(settings: Settings) {
  const css = paintCss(settings);
  for (const [tabId, old] of styled) {
    if (old === css) continue;
    styled.set(tabId, css);
    await browser.scripting.removeCSS({ target: { tabId }, css: old }).catch(() => undefined);
    await browser.scripting.insertCSS({ target: { tabId }, css }).catch(() => undefined);
  }
}

// ---- "automatic on all sites" ------------------------------------------------------------------

const AUTO_ID = 'auto:all-sites';
const ALL_SITES = ['http://*/*', 'https://*/*'];

/** Registers the content script everywhere while the mode is automatic and access is granted. */
async function applyMode(settings: Settings) {
  await browser.scripting.unregisterContentScripts({ ids: [AUTO_ID] }).catch(() => undefined);
  if (settings.mode !== 'automatic') return;
  if (!(await browser.permissions.contains({ origins: ALL_SITES }).catch(() => false))) return;
  await browser.scripting
    .registerContentScripts([{ id: AUTO_ID, matches: ALL_SITES, js: [contentScript], runAt: 'document_idle', persistAcrossSessions: true }])
    .catch(() => undefined);
}

onSettingsChanged((settings) => {
  void applyMode(settings);
  void restyle(settings);
});
browser.runtime.onStartup?.addListener(
  () =>
    void readSettings()
      .then(applyMode)
      .catch(() => undefined),
);

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

// ---- per-site defaults ---------------------------------------------------------------

async function sites(): Promise<Record<string, SiteMode>> {
  const got = (await browser.storage.local.get(SITES_KEY)) as { [SITES_KEY]?: unknown };
  const raw = got[SITES_KEY];
  if (!raw || typeof raw !== 'object') return {};
  const out: Record<string, SiteMode> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) if (v === 'always-on' || v === 'always-off' || v === 'ask') out[k] = v;
  return out;
}

function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

async function setSite(origin: string, mode: SiteMode): Promise<SiteMode> {
  const o = originOf(origin);
  if (!o) throw new Error(`"${origin}" is not a web site origin (expected https://example.com)`);
  const id = `site:${o}`;
  // match patterns take no port (Firefox refuses one): the pattern covers the host
  const u = new URL(o);
  const pattern = `${u.protocol}//${u.hostname}/*`;
  await browser.scripting.unregisterContentScripts({ ids: [id] }).catch(() => undefined);
  if (mode === 'always-on') {
    const granted = await browser.permissions.contains({ origins: [pattern] });
    if (!granted) throw new Error(`Allow Stance Lens to read ${o} first (the popup asks for it).`);
    await browser.scripting.registerContentScripts([{ id, matches: [pattern], js: [contentScript], runAt: 'document_idle', persistAcrossSessions: true }]);
  }
  const all = await sites();
  if (mode === 'ask') delete all[o];
  else all[o] = mode;
  await browser.storage.local.set({ [SITES_KEY]: all, version: 1 });
  return mode;
}

/** The popup asked for a site's permission to make it always on, and may have closed since. */
browser.permissions.onAdded.addListener(() => {
  void (async () => {
    const got = (await browser.storage.session.get('pendingAlwaysOn').catch(() => ({}))) as { pendingAlwaysOn?: unknown };
    const origin = got.pendingAlwaysOn;
    if (typeof origin !== 'string') return;
    await browser.storage.session.remove('pendingAlwaysOn').catch(() => undefined);
    await setSite(origin, 'always-on').catch(() => undefined);
  })();
});

// ---- messages --------------------------------------------------------------------------

function fromOwnPage(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL(''));
}

function fromOwnContentScript(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && !!sender.tab && typeof sender.tab.id === 'number' && !fromOwnPage(sender);
}

async function handleCall(call: AnyBackgroundCall): Promise<unknown> {
  await restore();
  switch (call.type) {
    case 'highlights/set':
      return setHighlights(call.tabId, call.on);
    case 'tab/get': {
      const st = state(call.tabId);
      const tab = await browser.tabs.get(call.tabId).catch(() => null);
      if (tab) {
        st.url = tab.url ?? st.url;
        st.title = tab.title ?? st.title;
        const reason = unsupportedReason(tab.url);
        if (reason) Object.assign(st, { status: 'unsupported', message: reason });
      }
      return st;
    }
    case 'statement/jump': {
      const r = (await browser.tabs.sendMessage(call.tabId, { type: 'content/jump', index: call.index })) as Result<{ index: number }>;
      if (!r.ok) throw new Error(r.error);
      return r.value;
    }
    case 'site/get': {
      const o = originOf(call.origin);
      return { mode: (o && (await sites())[o]) || 'ask' };
    }
    case 'site/set':
      return { mode: await setSite(call.origin, call.mode) };
  }
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender): Promise<unknown> | undefined => {
  if (fromOwnPage(sender)) {
    const call = parseBackgroundCall(message);
    if (!call) return undefined;
    return handleCall(call).then(
      (value): Result<unknown> => ({ ok: true, value }),
      (e: unknown): Result<unknown> => ({ ok: false, error: errorText(e) }),
    );
  }
  if (fromOwnContentScript(sender)) {
    const msg = parseContentMessage(message);
    const tabId = sender.tab!.id!;
    if (!msg) return undefined;
    return (async (): Promise<unknown> => {
      await restore();
      const st = state(tabId);
      switch (msg.type) {
        case 'content/hello': {
          const o = originOf(msg.url);
          const settings = await readSettings().catch(() => null);
          const mode = settings?.mode;
          // a site's own choice wins; "automatic" covers every other site
          const site = o !== null ? (await sites())[o] : undefined;
          const on = st.on || site === 'always-on' || (mode === 'automatic' && site !== 'always-off');
          if (on) {
            st.on = true;
            st.status = 'scanning';
            await insertCss(tabId, sender.frameId).catch(() => undefined);
          }
          save();
          return { ok: true, value: { on, config: contentConfig(settings) } } satisfies Result<{ on: boolean; config: ContentConfig }>;
        }
        case 'content/config':
          return { ok: true, value: contentConfig(await readSettings().catch(() => null)) } satisfies Result<ContentConfig>;
        case 'content/report':
          if (sender.frameId !== 0 && sender.frameId !== undefined) return undefined; // the top frame's report is the tab's
          Object.assign(st, { report: msg.report, url: msg.url, title: msg.title, on: msg.on, status: 'ready' });
          delete st.message;
          save();
          await badge(st);
          return undefined;
        case 'content/state':
          st.on = msg.on;
          save();
          await badge(st);
          return undefined;
      }
    })();
  }
  return undefined;
});

// ---- toggles: keyboard command and context menu ----------------------------------------------

async function toggle(tab: Tabs.Tab | undefined) {
  const t = tab ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  if (!t || t.id === undefined) return;
  await restore();
  await setHighlights(t.id, !state(t.id).on);
}

async function step(tab: Tabs.Tab | undefined, delta: number) {
  const t = tab ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  if (t?.id === undefined) return;
  await browser.tabs.sendMessage(t.id, { type: 'content/step', delta }).catch(() => undefined);
}

browser.commands.onCommand.addListener((command: string, tab?: Tabs.Tab) => {
  if (command === 'toggle-highlights') void toggle(tab);
  else if (command === 'next-statement') void step(tab, 1);
  else if (command === 'previous-statement') void step(tab, -1);
});

browser.runtime.onInstalled.addListener(() => {
  void browser.contextMenus.removeAll().then(() =>
    browser.contextMenus.create({
      id: MENU_ID,
      title: browser.i18n.getMessage('menuToggle') || 'Stance Lens: highlights on/off',
      contexts: ['page', 'selection'],
    }),
  );
});

browser.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId === MENU_ID) void toggle(tab);
});

// ---- tab life cycle -------------------------------------------------------------------------------

browser.tabs.onRemoved.addListener((tabId: number) => {
  tabs.delete(tabId);
  styled.delete(tabId);
  save();
});

browser.tabs.onUpdated.addListener((tabId: number, change: Tabs.OnUpdatedChangeInfoType) => {
  const st = tabs.get(tabId);
  if (!st) return;
  if (change.status === 'loading') {
    // a new document (a reload too): its report and stylesheet are gone; "on" stays with the tab
    styled.delete(tabId);
    Object.assign(st, { report: null, status: 'idle', url: change.url ?? st.url });
    save();
    void badge(st);
  }
  if (change.status === 'complete' && st.on && !st.report) {
    // re-inject into the new document where we are allowed to (no-op if already there)
    void setHighlights(tabId, true).catch(() => undefined);
  }
});

/**
 * Background (service worker in Chromium, event page in Firefox): per-tab state and
 * reports for the popup, the toolbar badge, the keyboard command, the context menu,
 * on-demand injection (activeTab + scripting) and per-site defaults; and the engine:
 * content scripts send it the page's text and paint the report it answers with
 * (tab-analysis.ts), so the page's thread never runs the engine. It accepts only the
 * typed messages of src/messages.ts, and only from this extension's own pages (calls)
 * or its content scripts. It makes no network request.
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
import { onSettingsChanged, readSettings, type Settings } from '../settings.ts';
import {
  handler,
  parseBackgroundCall,
  parseContentMessage,
  sender,
  type BackgroundCalls,
  type ContentCalls,
  type ContentConfig,
  type ContentToBackgroundCalls,
  type SiteMode,
  type TabState,
} from '../messages.ts';
import { parsePendingOrigin, parseSites, parseTabStates, STORAGE_KEYS } from '../storage-keys.ts';
import { prepareEngine, type Engine } from './analysis.ts';
import { Cancelled, Scheduler } from './scheduler.ts';
import { TabAnalyses } from './tab-analysis.ts';

/** The bundled model never changes while the extension runs: one key. */
const BUNDLED_MODEL_KEY = 'bundled';

const MENU_ID = 'stance-lens-toggle';
const tabs = new Map<number, TabState>();
let restored: Promise<void> | null = null;

/** Tab states survive the service worker being stopped (storage.session). */
function restore(): Promise<void> {
  restored ??= (async () => {
    try {
      const saved = (await browser.storage.session.get(STORAGE_KEYS.tabs)) as Record<string, unknown>;
      for (const [id, st] of parseTabStates(saved[STORAGE_KEYS.tabs])) if (!tabs.has(id)) tabs.set(id, st);
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

/** The lexicon and stance model in use (the user's, else the bundled ones) and the key that names them. */
function lexiconOf(settings: Settings | null) {
  const imported = settings?.lexicon ?? null;
  const lexicon = imported?.compiled ?? bundledLexicon;
  const lexiconKey = imported ? `imported:${imported.importedAt}:${lexicon.id}@${lexicon.version}` : `bundled:${lexicon.id}@${lexicon.version}`;
  const importedModel = settings?.model ?? null;
  const model: unknown = importedModel?.file ?? bundledModelFile;
  const modelKey = importedModel ? `imported:${importedModel.importedAt}:${importedModel.file.id}` : BUNDLED_MODEL_KEY;
  return { lexicon, lexiconKey, model, modelKey, key: `${lexiconKey}|${modelKey}` };
}

/** The display settings a content script paints with; `key` names the analysis it gets. */
function contentConfig(settings: Settings | null): ContentConfig {
  return { key: lexiconOf(settings).key, showMentions: settings?.showMentions ?? true, css: paintCss(settings) };
}

// ---- the engine --------------------------------------------------------------------------------

/** One prepared engine (lexicon tables, model) for every tab; prepared again after a settings change. */
let engine: { key: string; ready: Promise<Engine> } | null = null;

async function currentEngine(): Promise<Engine> {
  const { lexicon, lexiconKey, model, modelKey, key } = lexiconOf(await readSettings().catch(() => null));
  if (engine?.key !== key) {
    // a background that just woke prepares it once, before the first page needs it
    const ready: Promise<Engine> = new Promise<Engine>((resolve, reject) =>
      setTimeout(() => {
        try {
          resolve(prepareEngine(lexicon, lexiconKey, model, modelKey));
        } catch (e) {
          // the next scan tries again; this one says why (the tab shows it, not "scanning")
          if (engine?.ready === ready) engine = null;
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      }, 0),
    );
    engine = { key, ready };
  }
  return engine.ready;
}

const scheduler = new Scheduler();
const analyses = new TabAnalyses(scheduler, currentEngine);
// prepare it as soon as the background (re)starts: the first tab should not wait for it
void currentEngine().catch(() => undefined);

let saveTimer: ReturnType<typeof setTimeout> | null = null;
/** Also how an open popup follows its tab: it listens to storage.onChanged for 'tabs' (src/popup/follow.ts). */
function save() {
  if (saveTimer) return;
  saveTimer = setTimeout(() => {
    saveTimer = null;
    void browser.storage.session?.set({ [STORAGE_KEYS.tabs]: Object.fromEntries(tabs) }).catch(() => undefined);
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

/** Typed calls to one tab's content script. */
const toTab = (tabId: number) => sender<ContentCalls>((m) => browser.tabs.sendMessage(tabId, m));

/** The content script's state in the tab, or null when none is there yet. */
async function ping(tabId: number): Promise<{ on: boolean; ready: boolean } | null> {
  return toTab(tabId)('content/ping', {}).catch(() => null);
}

/** When the user last switched a tab on (epoch ms): the start of its stance-lens:analyze measure. */
const switchedOn = new Map<number, number>();

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
  const since = Date.now();
  if (on) switchedOn.set(tabId, since);
  else analyses.drop(tabId, 'highlights off');
  const there = await ping(tabId);
  if (there) {
    if (on) st.status = there.on && st.report && there.ready ? 'ready' : 'scanning';
    // when already on, the content script makes sure its report is the tab's again
    await toTab(tabId)('content/set', { on, since }).catch((e: unknown) =>
      Object.assign(st, {
        on: false,
        status: 'error',
        message: msg('bgNoStart', `Stance Lens could not start on this page: ${errorText(e)}. Reload the page and try again.`, errorText(e)),
      }),
    );
  } else if (on) {
    st.status = 'scanning';
    try {
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
  const got = (await browser.storage.local.get(STORAGE_KEYS.sites)) as Record<string, unknown>;
  return parseSites(got[STORAGE_KEYS.sites]);
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
  await browser.storage.local.set({ [STORAGE_KEYS.sites]: all, version: 1 });
  return mode;
}

/** The popup asked for a site's permission to make it always on, and may have closed since. */
browser.permissions.onAdded.addListener(() => {
  void (async () => {
    const got = (await browser.storage.session.get(STORAGE_KEYS.pendingAlwaysOn).catch(() => ({}))) as Record<string, unknown>;
    const origin = parsePendingOrigin(got[STORAGE_KEYS.pendingAlwaysOn]);
    if (origin === null) return;
    await browser.storage.session.remove(STORAGE_KEYS.pendingAlwaysOn).catch(() => undefined);
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

async function tabGet(tabId: number): Promise<TabState> {
  const st = state(tabId);
  const tab = await browser.tabs.get(tabId).catch(() => null);
  if (tab) {
    st.url = tab.url ?? st.url;
    st.title = tab.title ?? st.title;
    const reason = unsupportedReason(tab.url);
    if (reason) Object.assign(st, { status: 'unsupported', message: reason });
  }
  return st;
}

const fromPages = handler<BackgroundCalls, Runtime.MessageSender>(fromOwnPage, parseBackgroundCall, {
  'highlights/set': async ({ tabId, on }) => (await restore(), setHighlights(tabId, on)),
  'tab/get': async ({ tabId }) => (await restore(), tabGet(tabId)),
  'statement/jump': ({ tabId, index }) => toTab(tabId)('content/jump', { index }),
  'site/get': async ({ origin }) => {
    const o = originOf(origin);
    return { mode: (o && (await sites())[o]) || 'ask' };
  },
  'site/set': async ({ origin, mode }) => ({ mode: await setSite(origin, mode) }),
});

const tabOf = (from: Runtime.MessageSender): number => from.tab!.id!;
const frameOf = (from: Runtime.MessageSender): number => from.frameId ?? 0;

const fromContent = handler<ContentToBackgroundCalls, Runtime.MessageSender>(fromOwnContentScript, parseContentMessage, {
  'content/hello': async ({ url }, from) => {
    await restore();
    const tabId = tabOf(from);
    const st = state(tabId);
    const o = originOf(url);
    const settings = await readSettings().catch(() => null);
    // a site's own choice wins; "automatic" covers every other site
    const site = o !== null ? (await sites())[o] : undefined;
    const on = st.on || site === 'always-on' || (settings?.mode === 'automatic' && site !== 'always-off');
    if (on) Object.assign(st, { on: true, status: 'scanning' });
    save();
    const since = switchedOn.get(tabId);
    return { on, config: contentConfig(settings), ...(since !== undefined ? { since } : {}) };
  },
  'content/config': async () => contentConfig(await readSettings().catch(() => null)),
  'content/analyze': async (part, from) => {
    const reply = await analyses.part(tabOf(from), frameOf(from), part).catch(async (e: unknown) => {
      // the tab is not left scanning: it says why (a cancelled scan has a newer one coming, or no page)
      if (!(e instanceof Cancelled) && frameOf(from) === 0) {
        await restore();
        Object.assign(state(tabOf(from)), {
          status: 'error',
          message: msg('bgAnalysisFailed', `Stance Lens could not read this page: ${errorText(e)}`, errorText(e)),
        });
        save();
      }
      throw e;
    });
    // the stylesheet only for a page that gets something painted, in the frame that paints
    if ('report' in reply && reply.report.statements.length > 0) await insertCss(tabOf(from), frameOf(from)).catch(() => undefined);
    return reply;
  },
  'content/painted': async ({ seq, title }, from) => {
    await restore();
    const got = analyses.painted(tabOf(from), frameOf(from), seq);
    if (!got) return { known: false };
    // the top frame's report is the tab's
    if (frameOf(from) !== 0) return { known: true };
    const st = state(tabOf(from));
    Object.assign(st, { report: got.report, url: got.url, title, on: true, status: 'ready' });
    delete st.message;
    save();
    await badge(st);
    return { known: true };
  },
  'content/state': async ({ on }, from) => {
    await restore();
    const st = state(tabOf(from));
    st.on = on;
    if (!on) analyses.drop(tabOf(from), 'highlights off');
    save();
    await badge(st);
    return { on };
  },
});

browser.runtime.onMessage.addListener((message: unknown, from: Runtime.MessageSender) => fromPages(message, from) ?? fromContent(message, from));

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
  await toTab(t.id)('content/step', { delta }).catch(() => undefined);
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
  analyses.drop(tabId, 'the tab closed', true);
  switchedOn.delete(tabId);
  tabs.delete(tabId);
  styled.delete(tabId);
  save();
});

browser.tabs.onUpdated.addListener((tabId: number, change: Tabs.OnUpdatedChangeInfoType) => {
  // a new document: the old one's analysis is for nobody
  if (change.status === 'loading') analyses.drop(tabId, 'the tab left the page');
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

/**
 * The typed message contract. Every user action (highlights on/off for a tab, the
 * tab's report, jump to a statement, a site's default) is one message to the
 * background; the background talks to the content script with its own messages.
 * Both ends are typed from these maps; replies are Result values, never throws.
 */
import type { Report } from './engine/types.ts';
import type { CompiledLexicon } from './lexicon/types.ts';
import { isObject } from './vocab/vocab.ts';

/**
 * What a content script needs to scan: the lexicon in use (the user's or the bundled
 * one) and the display settings. The background sends it, so the content script
 * carries no lexicon and no settings code of its own.
 */
export interface ContentConfig {
  lexicon: CompiledLexicon;
  /** names the lexicon: the same key, the same lexicon (a settings change that keeps it re-analyses nothing) */
  lexiconKey: string;
  showMentions: boolean;
  /** the paint rules (palette in use), for shadow roots and iframes the page's stylesheet does not reach */
  css: string;
  /** the stance model file (src/lexicon/stance.model.json), read with loadModel() in the content script */
  model: unknown;
  /** names the model: the same key, the same model (kept as the object its tables were built for) */
  modelKey: string;
}

/** The storage.local key of the settings; a change there means: ask for the config again. */
export const SETTINGS_STORAGE_KEY = 'settings';

export type SiteMode = 'always-on' | 'always-off' | 'ask';

export type TabStatus =
  | 'idle' // nothing injected in the tab yet
  | 'scanning'
  | 'ready'
  | 'unsupported' // a page the extension may not run on (browser pages, stores)
  | 'error';

export interface TabState {
  tabId: number;
  on: boolean;
  status: TabStatus;
  url: string | null;
  title: string | null;
  report: Report | null;
  /** why the status is unsupported or error, for the user */
  message?: string;
}

/** Calls from extension pages (popup, options, tests) to the background. */
export interface BackgroundCalls {
  'highlights/set': { req: { tabId: number; on: boolean }; res: TabState };
  'tab/get': { req: { tabId: number }; res: TabState };
  'statement/jump': { req: { tabId: number; index: number }; res: { index: number } };
  'site/get': { req: { origin: string }; res: { mode: SiteMode } };
  'site/set': { req: { origin: string; mode: SiteMode }; res: { mode: SiteMode } };
}

/** Calls from the background to a tab's content script. */
export interface ContentCalls {
  'content/set': { req: { on: boolean }; res: { on: boolean } };
  'content/jump': { req: { index: number }; res: { index: number } };
  /** next (+1) or previous (-1) statement from the one shown last */
  'content/step': { req: { delta: number }; res: { index: number } };
  'content/ping': { req: Record<string, never>; res: { on: boolean; ready: boolean } };
}

/** Calls from a content script to the background. */
export interface ContentToBackgroundCalls {
  /** sent once when the script starts: should highlights be on, and with what lexicon? */
  'content/hello': { req: { url: string }; res: { on: boolean; config: ContentConfig } };
  /** sent when the settings changed: the lexicon and display settings now in use */
  'content/config': { req: Record<never, never>; res: ContentConfig };
}

/** Notices from a content script to the background (no reply needed). */
export interface ContentNotices {
  'content/report': { report: Report; url: string; title: string; on: boolean };
  'content/state': { on: boolean };
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export type Call<M, K extends keyof M> = M[K] extends { req: infer R } ? { type: K } & R : never;
export type Reply<M, K extends keyof M> = M[K] extends { res: infer R } ? Result<R> : never;
export type Notice<K extends keyof ContentNotices> = { type: K } & ContentNotices[K];

/** One of the background calls, discriminated by `type`. */
export type AnyBackgroundCall = { [K in keyof BackgroundCalls]: { type: K } & BackgroundCalls[K]['req'] }[keyof BackgroundCalls];
export type AnyContentCall = { [K in keyof ContentCalls]: { type: K } & ContentCalls[K]['req'] }[keyof ContentCalls];
export type AnyContentToBackgroundCall = {
  [K in keyof ContentToBackgroundCalls]: { type: K } & ContentToBackgroundCalls[K]['req'];
}[keyof ContentToBackgroundCalls];
export type AnyContentNotice = { [K in keyof ContentNotices]: { type: K } & ContentNotices[K] }[keyof ContentNotices];

export const BACKGROUND_CALLS = ['highlights/set', 'tab/get', 'statement/jump', 'site/get', 'site/set'] as const;
export const CONTENT_CALLS = ['content/set', 'content/jump', 'content/step', 'content/ping'] as const;
export const CONTENT_NOTICES = ['content/report', 'content/state'] as const;

const isTabId = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const SITE_MODES: readonly SiteMode[] = ['always-on', 'always-off', 'ask'];

/** Runtime validation of what a content script may send; anything else is ignored. */
export function parseContentMessage(msg: unknown): AnyContentToBackgroundCall | AnyContentNotice | null {
  if (!isObject(msg) || typeof msg.type !== 'string') return null;
  switch (msg.type) {
    case 'content/hello':
      return typeof msg.url === 'string' ? { type: msg.type, url: msg.url } : null;
    case 'content/config':
      return { type: msg.type };
    case 'content/state':
      return typeof msg.on === 'boolean' ? { type: msg.type, on: msg.on } : null;
    case 'content/report': {
      const r = msg.report;
      if (
        !isObject(r) ||
        !Array.isArray(r.statements) ||
        !Array.isArray(r.speakers) ||
        typeof msg.url !== 'string' ||
        typeof msg.title !== 'string' ||
        typeof msg.on !== 'boolean'
      )
        return null;
      return { type: msg.type, report: r as unknown as Report, url: msg.url, title: msg.title, on: msg.on };
    }
    default:
      return null;
  }
}

/** Runtime validation of a call to the background: anything else is ignored. */
export function parseBackgroundCall(msg: unknown): AnyBackgroundCall | null {
  if (!isObject(msg) || typeof msg.type !== 'string') return null;
  switch (msg.type) {
    case 'highlights/set':
      return isTabId(msg.tabId) && typeof msg.on === 'boolean' ? { type: msg.type, tabId: msg.tabId, on: msg.on } : null;
    case 'tab/get':
      return isTabId(msg.tabId) ? { type: msg.type, tabId: msg.tabId } : null;
    case 'statement/jump':
      return isTabId(msg.tabId) && Number.isInteger(msg.index) && (msg.index as number) >= 0
        ? { type: msg.type, tabId: msg.tabId, index: msg.index as number }
        : null;
    case 'site/get':
      return typeof msg.origin === 'string' && msg.origin.length < 2048 ? { type: msg.type, origin: msg.origin } : null;
    case 'site/set':
      return typeof msg.origin === 'string' && msg.origin.length < 2048 && SITE_MODES.includes(msg.mode as SiteMode)
        ? { type: msg.type, origin: msg.origin, mode: msg.mode as SiteMode }
        : null;
    default:
      return null;
  }
}

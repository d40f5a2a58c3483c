/**
 * The typed message contract. Every user action (highlights on/off for a tab, the
 * tab's report, jump to a statement, a site's default) is one message to the
 * background; the background talks to the content script with its own messages, and
 * the content script sends the page's text to the background, which analyses it.
 *
 * Each direction is one map, type → {req, res}. `sender(post)` and `handler(parse,
 * handlers)` are derived from a map, so every call site is typed from the same place
 * and no reply is cast by hand. Replies are Result values on the wire, never throws.
 */
import type { Report } from './engine/types.ts';
import { isObject } from './vocab/vocab.ts';

/**
 * What a content script needs besides the text: the display settings. The lexicon and
 * the stance model stay in the background, which analyses; `key` names them, so a
 * settings change that keeps them re-analyses nothing.
 */
export interface ContentConfig {
  /** the lexicon and model the background analyses with: another key, another analysis */
  key: string;
  showMentions: boolean;
  /** the paint rules (palette in use), for shadow roots and iframes the page's stylesheet does not reach */
  css: string;
}

export type SiteMode = 'always-on' | 'always-off' | 'ask';
export const SITE_MODES: readonly SiteMode[] = ['always-on', 'always-off', 'ask'];

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
  /** `since`: when the user switched on (epoch ms), for the stance-lens:analyze measure */
  'content/set': { req: { on: boolean; since?: number }; res: { on: boolean } };
  'content/jump': { req: { index: number }; res: { index: number } };
  /** next (+1) or previous (-1) statement from the one shown last */
  'content/step': { req: { delta: number }; res: { index: number } };
  'content/ping': { req: Record<never, never>; res: { on: boolean; ready: boolean } };
}

/**
 * The page's text goes to the background in parts of at most PART_CHARS characters,
 * so a huge page streams in tasks of its own; a page of more than MAX_PAGE_CHARS is
 * refused with a message (the background's per-tab budget bounds the rest).
 */
export const PART_CHARS = 1 << 18;
export const MAX_PAGE_CHARS = 8_000_000;
export const MAX_PARTS = Math.ceil(MAX_PAGE_CHARS / PART_CHARS);
const MAX_URL = 1 << 16;

/** The background's answer to a part: the part it wants next, or (after the last) the report. */
export type AnalyzeReply =
  | { next: number }
  /** `analysed`: slices the engine read afresh (not taken from the tab's slice cache) */
  | { report: Report; analysed: number };

/** Calls from a content script to the background. */
export interface ContentToBackgroundCalls {
  /** sent once when the script starts: should highlights be on, and with what settings? */
  'content/hello': { req: { url: string }; res: { on: boolean; config: ContentConfig; since?: number } };
  /** sent when the settings changed: the display settings now in use */
  'content/config': { req: Record<never, never>; res: ContentConfig };
  /** part `part` of `parts` of the text of scan `seq` (a newer scan of the tab cancels an older one) */
  'content/analyze': { req: { seq: number; url: string; part: number; parts: number; text: string }; res: AnalyzeReply };
  /** scan `seq` is painted: its report is the tab's; `known` false when the background no longer has it (restarted) */
  'content/painted': { req: { seq: number; url: string; title: string }; res: { known: boolean } };
  /** highlights went on or off in the page */
  'content/state': { req: { on: boolean }; res: { on: boolean } };
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export type Req<M, K extends keyof M> = M[K] extends { req: infer R } ? R : never;
export type Res<M, K extends keyof M> = M[K] extends { res: infer R } ? R : never;
/** One call of map M, discriminated by `type`. */
export type AnyCall<M> = { [K in keyof M]: { type: K } & Req<M, K> }[keyof M];

export type AnyBackgroundCall = AnyCall<BackgroundCalls>;
export type AnyContentCall = AnyCall<ContentCalls>;
export type AnyContentToBackgroundCall = AnyCall<ContentToBackgroundCalls>;

export const BACKGROUND_CALLS = ['highlights/set', 'tab/get', 'statement/jump', 'site/get', 'site/set'] as const;
export const CONTENT_CALLS = ['content/set', 'content/jump', 'content/step', 'content/ping'] as const;

/** Why a call failed: the other end said no, did not answer, or could not be reached. */
export class MessageError extends Error {
  constructor(
    message: string,
    readonly kind: 'refused' | 'no-answer' | 'unreachable',
  ) {
    super(message);
  }
}

const isResult = (v: unknown): v is Result<unknown> => isObject(v) && (v.ok === true ? 'value' in v : v.ok === false && typeof v.error === 'string');

/**
 * The typed send of a map: `send(type, req)` resolves to the reply's value; it rejects
 * with a MessageError when the other end refused, gave no answer or was not there.
 * `post` is the transport (runtime.sendMessage, or tabs.sendMessage for one tab).
 */
export function sender<M>(post: (message: unknown) => Promise<unknown>) {
  return async <K extends keyof M & string>(type: K, req: Req<M, K>): Promise<Res<M, K>> => {
    let reply: unknown;
    try {
      reply = await post({ ...(req as object), type });
    } catch (e) {
      throw new MessageError(e instanceof Error ? e.message : String(e), 'unreachable');
    }
    if (!isResult(reply)) throw new MessageError('the extension did not answer', 'no-answer');
    if (!reply.ok) throw new MessageError(reply.error, 'refused');
    return reply.value as Res<M, K>;
  };
}

export type Handlers<M, S> = { [K in keyof M]: (call: { type: K } & Req<M, K>, sender: S) => Res<M, K> | Promise<Res<M, K>> };

/**
 * The typed handle of a map: a runtime.onMessage listener that answers the calls
 * `parse` accepts (anything else: undefined, no answer) with `{ok: true, value}`, or
 * `{ok: false, error}` when its handler threw. `accept` checks the sender first.
 */
export function handler<M, S>(
  accept: (sender: S) => boolean,
  parse: (message: unknown) => AnyCall<M> | null,
  handlers: Handlers<M, S>,
): (message: unknown, sender: S) => Promise<Result<unknown>> | undefined {
  return (message, from) => {
    if (!accept(from)) return undefined;
    const call = parse(message);
    if (!call) return undefined;
    const run = handlers[call.type] as (call: AnyCall<M>, sender: S) => unknown;
    return (async () => run(call, from))().then(
      (value): Result<unknown> => ({ ok: true, value }),
      (e: unknown): Result<unknown> => ({ ok: false, error: e instanceof Error ? e.message : String(e) }),
    );
  };
}

// ---- runtime validation -------------------------------------------------------------------

const isTabId = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isCount = (v: unknown, max: number): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= max;
const isUrl = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_URL;

/** Runtime validation of what a content script may send; anything else is ignored. */
export function parseContentMessage(msg: unknown): AnyContentToBackgroundCall | null {
  if (!isObject(msg) || typeof msg.type !== 'string') return null;
  switch (msg.type) {
    case 'content/hello':
      return isUrl(msg.url) ? { type: msg.type, url: msg.url } : null;
    case 'content/config':
      return { type: msg.type };
    case 'content/state':
      return typeof msg.on === 'boolean' ? { type: msg.type, on: msg.on } : null;
    case 'content/analyze': {
      const { seq, url, part, parts, text } = msg;
      if (!isCount(seq, Number.MAX_SAFE_INTEGER) || !isUrl(url) || !isCount(parts, MAX_PARTS) || parts < 1 || !isCount(part, parts - 1)) return null;
      if (typeof text !== 'string' || text.length > PART_CHARS) return null;
      return { type: msg.type, seq, url, part, parts, text };
    }
    case 'content/painted':
      return isCount(msg.seq, Number.MAX_SAFE_INTEGER) && isUrl(msg.url) && typeof msg.title === 'string'
        ? { type: msg.type, seq: msg.seq, url: msg.url, title: msg.title.slice(0, 4096) }
        : null;
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

/** Runtime validation of the background's calls to a content script (the sender is checked first). */
export function parseContentCall(msg: unknown): AnyContentCall | null {
  if (!isObject(msg) || typeof msg.type !== 'string') return null;
  switch (msg.type) {
    case 'content/set':
      return { type: msg.type, on: msg.on === true, ...(typeof msg.since === 'number' && Number.isFinite(msg.since) ? { since: msg.since } : {}) };
    case 'content/jump':
      return { type: msg.type, index: Number(msg.index) | 0 };
    case 'content/step':
      return { type: msg.type, delta: Number(msg.delta) < 0 ? -1 : 1 };
    case 'content/ping':
      return { type: msg.type };
    default:
      return null;
  }
}

/** A config as the background sends it, or null. */
export function parseConfig(v: unknown): ContentConfig | null {
  return isObject(v) && typeof v.key === 'string' && typeof v.showMentions === 'boolean' && typeof v.css === 'string'
    ? { key: v.key, showMentions: v.showMentions, css: v.css }
    : null;
}

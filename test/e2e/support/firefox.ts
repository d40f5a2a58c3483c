/**
 * Debian's Firefox ESR with the unpacked build installed as a temporary add-on,
 * driven over Firefox's own WebDriver BiDi (Playwright cannot drive a stock Firefox,
 * and Debian has no geckodriver).
 *
 * The profile pins the add-on's moz-extension:// UUID and turns off most of the
 * browser's own network use. Requests are recorded from BiDi `network.beforeRequestSent`
 * (web pages; Firefox reports neither moz-extension:// loads nor the background
 * page's requests) and by the test server acting as the proxy for everything that is
 * not loopback (see server.ts), which sees every context, the background included.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import WebSocket from 'ws';
import {
  BINARY,
  findTabId,
  GECKO_ID,
  HIGHLIGHT_NAMES,
  jsonCall,
  pageUrl,
  parseJsonResult,
  POPUP_PATH,
  readHighlights,
  sendRuntimeMessage,
  WEBDRIVER_KEYS,
  type Box,
  type ConsoleEntry,
  type E2EPage,
  type ExtensionBrowser,
  type Highlights,
  type RecordedRequest,
} from './browser.ts';
import type { TestServer } from './server.ts';

export interface FirefoxOptions {
  dist: string;
  server: TestServer;
  executablePath?: string;
}

type Json = Record<string, unknown>;

/** A minimal WebDriver BiDi client: commands with ids, events by method name. */
export class Bidi {
  private next = 0;
  private readonly pending = new Map<number, { ok: (v: Json) => void; fail: (e: Error) => void; method: string }>();
  private readonly handlers = new Map<string, Array<(params: Json) => void>>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as { id?: number; type?: string; method?: string; params?: Json; result?: Json; error?: string; message?: string };
      if (msg.id !== undefined && this.pending.has(msg.id)) {
        const p = this.pending.get(msg.id)!;
        this.pending.delete(msg.id);
        if (msg.type === 'error') p.fail(new Error(`BiDi ${p.method}: ${msg.error}: ${msg.message}`));
        else p.ok(msg.result ?? {});
      } else if (msg.type === 'event' && msg.method) {
        for (const h of this.handlers.get(msg.method) ?? []) h(msg.params ?? {});
      }
    });
    ws.on('close', () => {
      for (const p of this.pending.values()) p.fail(new Error(`BiDi connection closed during ${p.method}`));
      this.pending.clear();
    });
  }

  static async connect(url: string): Promise<Bidi> {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    await new Promise<void>((ok, fail) => {
      ws.once('open', () => ok());
      ws.once('error', fail);
    });
    return new Bidi(ws);
  }

  send<T = Json>(method: string, params: Json = {}): Promise<T> {
    const id = ++this.next;
    return new Promise<T>((ok, fail) => {
      this.pending.set(id, { ok: ok as (v: Json) => void, fail, method });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  on(method: string, handler: (params: Json) => void): void {
    const list = this.handlers.get(method) ?? [];
    list.push(handler);
    this.handlers.set(method, list);
  }

  close(): void {
    this.ws.close();
  }
}

interface RemoteValue {
  type: string;
  value?: unknown;
}
interface EvaluateResult {
  type: 'success' | 'exception';
  result?: RemoteValue;
  exceptionDetails?: { text?: string; exception?: RemoteValue; stackTrace?: unknown };
}

class FirefoxPage implements E2EPage {
  constructor(
    private readonly bidi: Bidi,
    readonly context: string,
    readonly url: string,
  ) {}

  async evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T> {
    const r = await this.bidi.send<EvaluateResult>('script.evaluate', {
      expression: jsonCall(fn as (a: never) => unknown, arg),
      target: { context: this.context },
      awaitPromise: true,
      resultOwnership: 'none',
    });
    if (r.type === 'exception') {
      const d = r.exceptionDetails;
      const ex = d?.exception?.value;
      throw new Error(`in page ${this.url}: ${d?.text ?? 'exception'}${typeof ex === 'string' ? ` (${ex})` : ''}`);
    }
    return parseJsonResult<T>(r.result?.value);
  }

  async evaluateScript(source: string): Promise<void> {
    const r = await this.bidi.send<EvaluateResult>('script.evaluate', {
      expression: source,
      target: { context: this.context },
      awaitPromise: false,
      resultOwnership: 'none',
    });
    if (r.type === 'exception') throw new Error(`script failed in ${this.url}: ${r.exceptionDetails?.text ?? 'exception'}`);
  }

  async mouseMove(x: number, y: number): Promise<void> {
    await this.bidi.send('input.performActions', {
      context: this.context,
      actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [{ type: 'pointerMove', x: Math.round(x), y: Math.round(y), duration: 50 }] }],
    });
  }

  async press(key: string): Promise<void> {
    const value = (WEBDRIVER_KEYS as Record<string, string>)[key] ?? ([...key].length === 1 ? key : null);
    if (value === null) throw new Error(`press: unknown key "${key}" (one character, or one of ${Object.keys(WEBDRIVER_KEYS).join(', ')})`);
    await this.bidi.send('input.performActions', {
      context: this.context,
      actions: [{ type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value }, { type: 'keyUp', value }] }],
    });
  }

  async setInputFiles(selector: string, paths: string[]): Promise<void> {
    const found = await this.bidi.send<{ nodes: Array<{ sharedId?: string }> }>('browsingContext.locateNodes', {
      context: this.context,
      locator: { type: 'css', value: selector },
    });
    const sharedId = found.nodes[0]?.sharedId;
    if (!sharedId) throw new Error(`setInputFiles: nothing matches ${selector} in ${this.url}`);
    await this.bidi.send('input.setFiles', { context: this.context, element: { sharedId }, files: paths });
  }

  async setViewport(width: number, height: number): Promise<void> {
    await this.bidi.send('browsingContext.setViewport', { context: this.context, viewport: { width, height } });
  }

  async colorScheme(): Promise<boolean> {
    // WebDriver BiDi has no prefers-color-scheme override (only forced colours)
    return false;
  }

  async screenshot(file: string, opts: { clip?: Box } = {}): Promise<void> {
    const params: Json = { context: this.context, origin: opts.clip ? 'document' : 'viewport' };
    if (opts.clip) params.clip = { type: 'box', ...opts.clip };
    const shot = await this.bidi.send<{ data: string }>('browsingContext.captureScreenshot', params);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, Buffer.from(shot.data, 'base64'));
  }

  async close(): Promise<void> {
    await this.bidi.send('browsingContext.close', { context: this.context }).catch(() => {});
  }
}

/** Prefs that keep Firefox quiet on the network and let the test know the add-on's UUID. */
function userJs(uuid: string, proxyPort: number): string {
  const prefs: Record<string, string | number | boolean> = {
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
    // anything that is not loopback goes to the test server, which records and refuses it
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.share_proxy_settings': true,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': false,
    'network.proxy.socks_remote_dns': true,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.http.speculative-parallel-limit': 0,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'network.trr.mode': 5,
    'browser.startup.page': 0,
    'browser.startup.homepage': 'about:blank',
    'browser.newtabpage.enabled': false,
    'browser.newtabpage.activity-stream.feeds.topsites': false,
    'browser.newtabpage.activity-stream.feeds.section.topstories': false,
    'browser.newtabpage.activity-stream.default.sites': '',
    'browser.shell.checkDefaultBrowser': false,
    'browser.aboutwelcome.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.downloads.remote.enabled': false,
    'browser.safebrowsing.blockedURIs.enabled': false,
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'browser.safebrowsing.provider.google4.updateURL': '',
    'browser.safebrowsing.provider.google.updateURL': '',
    'browser.search.update': false,
    'browser.search.geoip.url': '',
    'browser.region.network.url': '',
    'browser.region.update.enabled': false,
    'browser.ping-centre.telemetry': false,
    'browser.urlbar.suggest.quicksuggest.sponsored': false,
    'browser.urlbar.suggest.quicksuggest.nonsponsored': false,
    'browser.discovery.enabled': false,
    'browser.contentblocking.report.lockwise.enabled': false,
    'browser.tabs.remote.separatePrivilegedMozillaWebContentProcess': false,
    'app.update.enabled': false,
    'app.update.auto': false,
    'app.update.disabledForTesting': true,
    'app.normandy.enabled': false,
    'app.normandy.api_url': '',
    'app.shield.optoutstudies.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'toolkit.telemetry.archive.enabled': false,
    'toolkit.telemetry.server': '',
    'toolkit.coverage.opt-out': true,
    'extensions.update.enabled': false,
    'extensions.update.autoUpdateDefault': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.blocklist.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'extensions.htmlaboutaddons.recommendations.enabled': false,
    'extensions.recommendations.enabled': false,
    'services.settings.server': 'http://127.0.0.1:9/remote-settings-disabled/v1',
    'services.sync.engine.addons': false,
    'identity.fxaccounts.enabled': false,
    'media.gmp-manager.url': '',
    'media.gmp-manager.updateEnabled': false,
    'media.gmp-provider.enabled': false,
    'media.gmp-widevinecdm.visible': false,
    'media.eme.enabled': false,
    'media.gmp-gmpopenh264.enabled': false,
    'media.gmp-widevinecdm.enabled': false,
    'geo.provider.network.url': '',
    'dom.push.enabled': false,
    'dom.push.connection.enabled': false,
    'messaging-system.rsexperimentloader.enabled': false,
    'nimbus.rollouts.enabled': false,
    'security.OCSP.enabled': 0,
    'security.remote_settings.crlite_filters.enabled': false,
    'security.remote_settings.intermediates.enabled': false,
    'privacy.sanitize.sanitizeOnShutdown': false,
    'devtools.console.stdout.content': true,
  };
  return Object.entries(prefs)
    .map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`)
    .join('\n');
}

/** Splits Firefox's output into lines and hands on each error entry (first line plus its indented continuation). */
function outputCollector(onError: (entry: string) => void): { push(chunk: string): void; flush(): void } {
  let partial = '';
  let current: string[] | null = null;
  let idle: NodeJS.Timeout | undefined;
  const end = (): void => {
    if (current) onError(current.join('\n'));
    current = null;
  };
  const line = (l: string): void => {
    if (current && /^\s/.test(l)) current.push(l);
    else {
      end();
      if (/^(JavaScript error|console\.error):/.test(l)) current = [l];
    }
  };
  return {
    push(chunk) {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      lines.forEach(line);
      // an entry ends at the next unindented line, or when the output goes quiet
      clearTimeout(idle);
      idle = setTimeout(end, 200);
      idle.unref();
    },
    flush() {
      clearTimeout(idle);
      if (partial) line(partial);
      partial = '';
      end();
    },
  };
}

/** Starts Firefox and resolves with its BiDi URL (from stderr). */
function startFirefox(binary: string, profile: string, stdout: { push(chunk: string): void }): Promise<{ child: ChildProcess; wsUrl: string }> {
  const child = spawn(binary, ['--headless', '--no-remote', '--remote-debugging-port=0', '--remote-allow-system-access', '--profile', profile], {
    env: { ...process.env, MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1', MOZ_CRASHREPORTER_DISABLE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((ok, fail) => {
    let buf = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`Firefox did not announce WebDriver BiDi within 30 s. Output:\n${buf.slice(-2000)}`));
    }, 30_000);
    const onData = (d: Buffer): void => {
      const s = d.toString();
      buf += s;
      const m = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(buf);
      if (m?.[1]) {
        clearTimeout(timer);
        ok({ child, wsUrl: m[1] });
      }
    };
    child.stderr!.on('data', onData);
    child.stdout!.on('data', (d: Buffer) => stdout.push(d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`Firefox exited (${code}) before BiDi was up. Output:\n${buf.slice(-2000)}`));
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      fail(e);
    });
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export async function launchFirefox(opts: FirefoxOptions): Promise<ExtensionBrowser> {
  const dist = resolve(opts.dist);
  const { server } = opts;
  const profile = mkdtempSync(join(tmpdir(), 'stance-lens-firefox-'));
  const uuid = randomUUID();
  writeFileSync(join(profile, 'user.js'), userJs(uuid, server.port));
  const requests: RecordedRequest[] = [];
  const consoleErrors: ConsoleEntry[] = [];
  // BiDi does not see the add-on's background page; its errors reach only Firefox's
  // stdout (console.error via devtools.console.stdout.content, uncaught ones as
  // "JavaScript error: moz-extension://…"). Keep those entries, with their indented tail.
  const output = outputCollector((entry) => consoleErrors.push({ kind: 'firefox-output', text: entry }));

  let child: ChildProcess | null = null;
  let bidi: Bidi | null = null;
  const cleanup = async (): Promise<void> => {
    output.flush();
    if (bidi) {
      await Promise.race([bidi.send('session.end').catch(() => {}), new Promise((r) => setTimeout(r, 2_000))]);
      bidi.close();
    }
    if (child) await stopProcess(child);
    rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    const started = await startFirefox(opts.executablePath ?? BINARY.firefox, profile, output);
    child = started.child;
    // a crashed or interrupted test run must not leave Firefox behind
    const orphan = started.child;
    process.once('exit', () => orphan.kill('SIGKILL'));
    bidi = await Bidi.connect(`${started.wsUrl}/session`);
    await bidi.send('session.new', { capabilities: {} });

    const contextUrls = new Map<string, string>();
    bidi.on('browsingContext.contextCreated', (p) => contextUrls.set(String(p.context), String(p.url)));
    bidi.on('browsingContext.navigationStarted', (p) => contextUrls.set(String(p.context), String(p.url)));
    bidi.on('browsingContext.load', (p) => contextUrls.set(String(p.context), String(p.url)));
    bidi.on('network.beforeRequestSent', (p) => {
      const req = p.request as { url: string };
      const ctx = typeof p.context === 'string' ? p.context : null;
      const initiator = ctx ? contextUrls.get(ctx) : undefined;
      const source = !ctx ? 'no-context' : req.url.startsWith('moz-extension://') || initiator?.startsWith('moz-extension://') ? 'extension-page' : 'page';
      requests.push(initiator === undefined ? { url: req.url, source } : { url: req.url, source, initiator });
    });
    bidi.on('log.entryAdded', (p) => {
      if (p.level !== 'error') return;
      const src = p.source as { context?: string } | undefined;
      const stack = p.stackTrace as { callFrames?: Array<{ url: string; lineNumber: number; columnNumber: number }> } | undefined;
      const top = stack?.callFrames?.[0];
      const entry: ConsoleEntry = { kind: `log:${String(p.type)}`, text: String(p.text ?? '') };
      const url = src?.context ? contextUrls.get(src.context) : undefined;
      if (url) entry.url = url;
      if (top) entry.location = stack!.callFrames!.map((f) => `${f.url}:${f.lineNumber}:${f.columnNumber}`).join(' < ');
      consoleErrors.push(entry);
    });
    await bidi.send('session.subscribe', { events: ['browsingContext.contextCreated', 'browsingContext.navigationStarted', 'browsingContext.load', 'network.beforeRequestSent', 'log.entryAdded'] });

    const installed = await bidi.send<{ extension: string }>('webExtension.install', { extensionData: { type: 'path', path: dist } });
    if (installed.extension !== GECKO_ID) {
      throw new Error(`installed add-on id is ${installed.extension}, expected ${GECKO_ID} (is ${dist} the Firefox build?)`);
    }
  } catch (e) {
    await cleanup().catch(() => {});
    throw e;
  }
  const b = bidi;
  const extensionOrigin = `moz-extension://${uuid}`;

  const open = async (url: string): Promise<FirefoxPage> => {
    const { context } = await b.send<{ context: string }>('browsingContext.create', { type: 'tab' });
    await b.send('browsingContext.navigate', { context, url, wait: 'complete' });
    return new FirefoxPage(b, context, url);
  };

  let extPage: FirefoxPage | null = null;
  const extensionPage = async (): Promise<E2EPage> => {
    if (extPage) return extPage;
    const page = await open(`${extensionOrigin}/${POPUP_PATH}`);
    extPage = page;
    return page;
  };

  return {
    name: 'firefox',
    extensionOrigin,
    server,
    requests,
    consoleErrors,
    openPage: (path) => open(pageUrl(server.origin, path)),
    extensionPage,
    async send<T>(msg: Record<string, unknown>): Promise<T> {
      return (await extensionPage()).evaluate(sendRuntimeMessage, msg) as Promise<T>;
    },
    async tabId(page) {
      return (await extensionPage()).evaluate(findTabId, page.url);
    },
    async highlights(page): Promise<Highlights> {
      return page.evaluate(readHighlights, HIGHLIGHT_NAMES) as Promise<Highlights>;
    },
    close: cleanup,
  };
}

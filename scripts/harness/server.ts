/**
 * The one local web server of the tests and tools, on 127.0.0.1 (a free port). It
 * serves
 *
 *   /seed.html, /dynamic.html, /composed.html   the generated news pages (news-page.ts)
 *   /corpus/<path>                               a saved corpus page, read in place
 *   /p/<index>/                                  the bench's and sweep's pages (pages.ts)
 *
 * and answers everything else 404, so saved pages stay offline. With `pages`, a
 * navigation to anything but a page (a page or frame loading another path) gets 204 No
 * Content instead, which leaves the page where it is, and the pages are served
 * cross-origin isolated (COOP + COEP) so that performance.now() has 5 µs resolution
 * instead of 100 µs.
 *
 * It is also the browsers' HTTP proxy when a driver is given its port (chromium.ts /
 * firefox.ts): loopback goes direct, so anything that reaches it in proxy form (an
 * absolute URL in the request line, or CONNECT) is a request to the outside world,
 * from whichever part of the browser made it. Those are recorded in `outbound` and
 * refused. Every other request is logged in `log`.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import { CORPUS } from './browser.ts';
import { articlePage, COMPOSED_PAGE } from './news-page.ts';
import type { BenchPage } from './pages.ts';

export interface LoggedRequest {
  method: string;
  url: string;
  at: number;
}

export interface PageServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  /** the URL of pages[index] */
  url(index: number): string;
  /** every request served, in order */
  log: LoggedRequest[];
  /** proxy-form requests: the browser tried to reach something other than loopback */
  outbound: LoggedRequest[];
  /** requests answered 404 or 405 (sub-resources of saved pages) */
  readonly notFound: number;
  /** navigations to anything but a page, answered 204 (the page stays) */
  readonly navigationsCancelled: number;
  /** serve this page with `Content-Security-Policy: script-src 'none'` from now on (its own scripts send it away) */
  withoutScripts(index: number): void;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** served as /p/<index>/ */
  pages?: BenchPage[];
  /** serve the pages cross-origin isolated (default true) */
  isolate?: boolean;
  /** print each request to stderr (default: when STANCE_LENS_E2E_VERBOSE is set) */
  verbose?: boolean;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.css': 'text/css',
  '.js': 'text/javascript',
};

const CHARSET_SNIFF = /<meta[^>]+charset/i;

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

async function serveCorpus(pathname: string, res: ServerResponse): Promise<boolean> {
  let rel: string;
  try {
    rel = decodeURIComponent(pathname.slice('/corpus/'.length));
  } catch {
    send(res, 400, 'bad path');
    return true;
  }
  const file = resolve(CORPUS, rel);
  if (!file.startsWith(CORPUS + sep)) {
    send(res, 403, 'outside the corpus');
    return true;
  }
  try {
    send(res, 200, await readFile(file), TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
    return true;
  } catch {
    return false;
  }
}

export async function startServer(opts: ServerOptions = {}): Promise<PageServer> {
  const { pages = [], isolate = true } = opts;
  const verbose = opts.verbose ?? !!process.env.STANCE_LENS_E2E_VERBOSE;
  const cancelNavigations = opts.pages !== undefined;
  const log: LoggedRequest[] = [];
  const outbound: LoggedRequest[] = [];
  const scriptless = new Set<number>();
  let notFound = 0;
  let navigationsCancelled = 0;
  const t0 = Date.now();
  const note = (list: LoggedRequest[], method: string, url: string, tag: string): void => {
    list.push({ method, url, at: Date.now() - t0 });
    if (verbose) process.stderr.write(`[server] ${tag}${method} ${url}\n`);
  };

  const servePage = (index: number, page: BenchPage, head: boolean, res: ServerResponse): void => {
    let body: Buffer;
    try {
      body = page.html();
    } catch (e) {
      return send(res, 500, String(e));
    }
    // a page that does not declare its charset is UTF-8 here (saved pages are)
    const declared = CHARSET_SNIFF.test(body.subarray(0, 4096).toString('latin1'));
    const headers: Record<string, string> = {
      'content-type': declared ? 'text/html' : 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-length': String(body.length),
    };
    if (scriptless.has(index)) headers['content-security-policy'] = "script-src 'none'";
    if (isolate) {
      headers['cross-origin-opener-policy'] = 'same-origin';
      headers['cross-origin-embedder-policy'] = 'require-corp';
    }
    res.writeHead(200, headers);
    res.end(head ? undefined : body);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const raw = req.url ?? '/';
    if (!raw.startsWith('/')) {
      // proxy form: the browser wanted a host that is not loopback
      note(outbound, method, raw, 'OUTBOUND ');
      return send(res, 403, 'outbound requests are refused');
    }
    note(log, method, raw, '');
    const { pathname } = new URL(raw, 'http://127.0.0.1');
    if (method !== 'GET' && method !== 'HEAD') {
      notFound++;
      return send(res, 405, 'method not allowed');
    }
    const m = /^\/p\/(\d+)\/$/.exec(pathname);
    const page = m ? pages[Number(m[1])] : undefined;
    if (page) return servePage(Number(m![1]), page, method === 'HEAD', res);
    if (pathname === '/seed.html') return send(res, 200, articlePage(), TYPES['.html']);
    if (pathname === '/dynamic.html') return send(res, 200, articlePage({ late: true }), TYPES['.html']);
    if (pathname === '/composed.html') return send(res, 200, COMPOSED_PAGE, TYPES['.html']);
    if (pathname === '/favicon.ico') return send(res, 204, '');
    const missing = (): void => {
      const dest = req.headers['sec-fetch-dest'];
      if (cancelNavigations && (dest === 'document' || dest === 'iframe' || dest === 'frame')) {
        // a page navigating itself (reload to another path, a redirect script) or a frame:
        // 204 No Content cancels the navigation and the page stays as it is
        navigationsCancelled++;
        return send(res, 204, '');
      }
      notFound++;
      send(res, 404, 'not found');
    };
    if (pathname.startsWith('/corpus/')) return void serveCorpus(pathname, res).then((served) => served || missing());
    missing();
  });
  server.on('connect', (req: IncomingMessage, socket) => {
    note(outbound, 'CONNECT', req.url ?? '', 'OUTBOUND ');
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  // a refused keep-alive connection must not hold close() open
  server.keepAliveTimeout = 500;

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    url: (index) => `${origin}/p/${index}/`,
    log,
    outbound,
    get notFound() {
      return notFound;
    },
    get navigationsCancelled() {
      return navigationsCancelled;
    },
    withoutScripts: (index) => void scriptless.add(index),
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

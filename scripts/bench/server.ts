/**
 * The benchmark's page server on 127.0.0.1 (port 0): /p/<index>/ answers the page's
 * HTML, everything else (images, styles, scripts, favicons) 404, so saved pages stay
 * offline; a navigation anywhere else (a page or frame loading another path) gets
 * 204 No Content, which leaves the page where it is. Pages are served cross-origin isolated (COOP + COEP) so that
 * performance.now() has 5 µs resolution instead of 100 µs: the floor is a fraction of
 * a millisecond.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BenchPage } from './pages.ts';

export interface PageServer {
  origin: string;
  port: number;
  url(index: number): string;
  /** requests answered 404 (sub-resources) */
  notFound: number;
  /** navigations to anything but a page, answered 204 (the page stays) */
  navigationsCancelled: number;
  /** serve this page with `Content-Security-Policy: script-src 'none'` from now on (its own scripts send it away) */
  withoutScripts(index: number): void;
  close(): Promise<void>;
}

const CHARSET_SNIFF = /<meta[^>]+charset/i;

export async function startPageServer(pages: BenchPage[], isolate = true): Promise<PageServer> {
  const scriptless = new Set<number>();
  let notFound = 0;
  let navigationsCancelled = 0;
  const server: Server = createServer((req, res) => {
    const m = /^\/p\/(\d+)\/$/.exec((req.url ?? '').split('?')[0]!);
    const page = m ? pages[Number(m[1])] : undefined;
    const dest = req.headers['sec-fetch-dest'];
    if (!page && (dest === 'document' || dest === 'iframe' || dest === 'frame')) {
      // a page navigating itself (reload to another path, a redirect script) or a frame:
      // 204 No Content cancels the navigation and the page stays as it is
      navigationsCancelled++;
      res.writeHead(204, { 'cache-control': 'no-store' });
      res.end();
      return;
    }
    if (!page || (req.method !== 'GET' && req.method !== 'HEAD')) {
      notFound++;
      res.writeHead(404, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
      res.end('not found');
      return;
    }
    let body: Buffer;
    try {
      body = page.html();
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(e));
      return;
    }
    // a page that does not declare its charset is UTF-8 here (saved pages are)
    const declared = CHARSET_SNIFF.test(body.subarray(0, 4096).toString('latin1'));
    const headers: Record<string, string> = {
      'content-type': declared ? 'text/html' : 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-length': String(body.length),
    };
    if (scriptless.has(Number(m![1]))) headers['content-security-policy'] = "script-src 'none'";
    if (isolate) {
      headers['cross-origin-opener-policy'] = 'same-origin';
      headers['cross-origin-embedder-policy'] = 'require-corp';
    }
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    url: (index) => `${origin}/p/${index}/`,
    get notFound() {
      return notFound;
    },
    get navigationsCancelled() {
      return navigationsCancelled;
    },
    withoutScripts: (index) => void scriptless.add(index),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The pages the bench and the sweep serve (server.ts, /p/<index>/): the saved news
 * pages of ../shared/corpus/ (read in place, never copied), the project's fixture and
 * a page rendered from the seed article.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ROOT, SEED } from './browser.ts';

export interface BenchPage {
  /** short name for the table */
  name: string;
  /** where it comes from (a file path, relative to the corpus or the project) */
  source: string;
  kind: 'fixture' | 'corpus';
  /** the page's HTML bytes, read when served */
  html(): Buffer;
}

/** Saved pages: *.html / *.htm, possibly gzipped (by name or by content), in the folder or one level down. */
export function corpusFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string, depth: number): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) {
        if (depth < 2) walk(path, depth + 1);
      } else if (/\.html?(\.gz)?$/i.test(entry.name)) found.push(path);
    }
  };
  walk(dir, 0);
  return found.sort((a, b) => (relative(dir, a) < relative(dir, b) ? -1 : 1));
}

export function corpusAvailable(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory();
}

/** Reads a saved page; gunzips it when it is gzipped (.gz name or the 1f 8b magic). */
export function readHtml(path: string): Buffer {
  const bytes = readFileSync(path);
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return gunzipSync(bytes);
  return bytes;
}

/** "article-extraction-benchmark/9to5mac.com--ad82….html" → "aeb/9to5mac.com--ad826691"; "readability/aclu.html" → "rdb/aclu". */
export function shortName(rel: string): string {
  const parts = rel.split(/[\\/]/);
  const file = basename(rel).replace(/\.html?(\.gz)?$/i, '');
  const dir = parts.length > 1 ? parts[parts.length - 2]! : '';
  const prefix = dir === 'article-extraction-benchmark' ? 'aeb/' : dir === 'readability' ? 'rdb/' : dir ? `${dir}/` : '';
  const m = /^(.*--)([0-9a-f]{8})[0-9a-f]{20,}$/.exec(file);
  return prefix + (m ? m[1]! + m[2]! : file);
}

export function corpusPages(dir: string, limit: number): BenchPage[] {
  return corpusFiles(dir)
    .slice(0, limit)
    .map((path) => ({ name: shortName(relative(dir, path)), source: relative(dir, path), kind: 'corpus' as const, html: () => readHtml(path) }));
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A plain-text article as a page: one <p> per paragraph (blank-line separated) inside <article>. */
export function renderTextPage(text: string, title: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const body = paragraphs.map((p) => `<p>${escapeHtml(p.replace(/\s*\n\s*/g, ' '))}</p>`).join('\n');
  return `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body>\n<article>\n${body}\n</article>\n</body>\n</html>\n`;
}

export function fixturePages(root = ROOT): BenchPage[] {
  const fixture = join(root, 'test', 'fixtures', 'news-article.html');
  const seed = join(root, relative(ROOT, SEED));
  const pages: BenchPage[] = [];
  if (existsSync(fixture))
    pages.push({ name: 'fixture/news-article', source: 'test/fixtures/news-article.html', kind: 'fixture', html: () => readFileSync(fixture) });
  if (existsSync(seed)) {
    pages.push({
      name: 'seed/000_9cad41e5',
      source: 'seeds/000_9cad41e55c3eddb4.txt',
      kind: 'fixture',
      html: () => Buffer.from(renderTextPage(readFileSync(seed, 'utf8'), 'Seed article 000_9cad41e55c3eddb4'), 'utf8'),
    });
  }
  return pages;
}

export interface PageChoice {
  /** the corpus folder */
  corpus: string;
  /** the first N corpus pages (after --only) */
  limit: number;
  /** only the pages whose name or source contains one of these */
  only: string[] | null;
}

/**
 * The pages a bench or sweep run asks for: the fixture pages, then the corpus pages
 * (--only, then --limit), each list filtered by --only; `say` hears what was chosen.
 * `full` is true when the whole corpus was asked for and is there.
 */
export function choosePages(o: PageChoice, tool: string, say: (line: string) => void): { pages: BenchPage[]; fixtures: number; full: boolean } {
  const wanted = (p: BenchPage) => !o.only || o.only.some((t) => p.name.includes(t) || p.source.includes(t));
  const pages = fixturePages().filter(wanted);
  const fixtures = pages.length;
  const there = corpusAvailable(o.corpus);
  if (there) {
    const corpus = corpusPages(o.corpus, Infinity).filter(wanted).slice(0, o.limit);
    say(
      `${tool}: ${corpus.length} corpus pages from ${o.corpus}${Number.isFinite(o.limit) ? ` (--limit ${o.limit})` : ''}${o.only ? ` (--only ${o.only.join(',')})` : ''}`,
    );
    pages.push(...corpus);
  } else {
    say(`${tool}: SKIPPING the corpus — ${o.corpus} is absent; only the fixture pages`);
  }
  return { pages, fixtures, full: there && !o.only && !Number.isFinite(o.limit) };
}

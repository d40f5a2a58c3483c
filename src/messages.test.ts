/** Hostile input: every message to the background and the content script passes a runtime validation first. */
import { describe, expect, it } from 'vitest';
import { handler, MAX_PARTS, MessageError, parseBackgroundCall, parseContentMessage, PART_CHARS, sender } from './messages.ts';

describe('messages: only the typed shapes pass', () => {
  it('ignores anything that is not one of the background calls, whatever it carries', () => {
    const forged: unknown[] = [
      null,
      undefined,
      42,
      'highlights/set',
      [],
      { type: 'highlights/set' },
      { type: 'highlights/set', tabId: '3', on: true },
      { type: 'highlights/set', tabId: -1, on: true },
      { type: 'highlights/set', tabId: 1.5, on: true },
      { type: 'highlights/set', tabId: 3, on: 'yes' },
      { type: 'statement/jump', tabId: 3, index: -2 },
      { type: 'site/set', origin: 'https://x.test', mode: 'always-on-please' },
      { type: 'site/get', origin: 'x'.repeat(5000) },
      { type: 'settings/set', mode: 'automatic' },
      { type: '__proto__' },
      JSON.parse('{"type":"tab/get","__proto__":{"tabId":3}}'),
    ];
    for (const msg of forged) expect(parseBackgroundCall(msg), JSON.stringify(msg)?.slice(0, 80)).toBeNull();
    expect(parseBackgroundCall({ type: 'highlights/set', tabId: 3, on: true, extra: '<img onerror=x>' })).toEqual({
      type: 'highlights/set',
      tabId: 3,
      on: true,
    });
  });

  it('ignores content-script messages of the wrong shape (a report must look like one)', () => {
    const forged: unknown[] = [
      { type: 'content/hello' },
      { type: 'content/hello', url: 5 },
      { type: 'content/state', on: 1 },
      { type: 'content/report', report: { statements: 'all' }, url: 'u', title: 't', on: true },
      { type: 'content/report', report: { statements: [], speakers: [] }, url: 'u', title: 7, on: true },
      { type: 'highlights/set', tabId: 1, on: true }, // a page call does not pass as a content message
      // the page's text: a whole number of parts, each no longer than PART_CHARS, the page no longer than MAX_PAGE_CHARS
      { type: 'content/analyze', seq: 1, url: 'u', part: 0, parts: 1, text: { toString: 'x' } },
      { type: 'content/analyze', seq: 1, url: 'u', part: 1, parts: 1, text: 'x' },
      { type: 'content/analyze', seq: 1, url: 'u', part: 0, parts: 0, text: '' },
      { type: 'content/analyze', seq: 1.5, url: 'u', part: 0, parts: 1, text: 'x' },
      { type: 'content/analyze', seq: 1, url: 'u', part: 0, parts: MAX_PARTS + 1, text: 'x' },
      { type: 'content/analyze', seq: 1, url: 'u', part: 0, parts: 1, text: 'x'.repeat(PART_CHARS + 1) },
      { type: 'content/analyze', seq: 1, url: 'u'.repeat(70_000), part: 0, parts: 1, text: 'x' },
      { type: 'content/painted', seq: '1', url: 'u', title: 't' },
      { type: 'content/report', report: { statements: [], speakers: [] }, url: 'u', title: 't', on: true }, // a report never comes from a page
    ];
    for (const msg of forged) expect(parseContentMessage(msg), JSON.stringify(msg)?.slice(0, 80)).toBeNull();
    expect(parseContentMessage({ type: 'content/analyze', seq: 2, url: 'u', part: 1, parts: 2, text: 'x', html: '<b>' })).toEqual({
      type: 'content/analyze',
      seq: 2,
      url: 'u',
      part: 1,
      parts: 2,
      text: 'x',
    });
  });

  it('the typed send and handle: a reply is the value, a refusal or no answer an error of its own kind', async () => {
    type M = { 'x/echo': { req: { n: number }; res: { n: number } } };
    const handle = handler<M, { id: string }>(
      (from) => from.id === 'me',
      (m) => (m && typeof m === 'object' && (m as { type?: unknown }).type === 'x/echo' ? { type: 'x/echo', n: Number((m as { n: unknown }).n) } : null),
      {
        'x/echo': ({ n }) => {
          if (n < 0) throw new Error('negative');
          return { n };
        },
      },
    );
    const send = sender<M>((m) => handle(m, { id: 'me' }) ?? Promise.resolve(undefined));
    expect(await send('x/echo', { n: 2 })).toEqual({ n: 2 });
    await expect(send('x/echo', { n: -1 })).rejects.toMatchObject({ kind: 'refused', message: 'negative' });
    expect(handle({ type: 'x/echo', n: 1 }, { id: 'someone else' })).toBeUndefined();
    const silent = sender<M>(() => Promise.resolve(undefined));
    await expect(silent('x/echo', { n: 1 })).rejects.toMatchObject({ kind: 'no-answer' });
    const gone = sender<M>(() => Promise.reject(new Error('Could not establish connection')));
    await expect(gone('x/echo', { n: 1 })).rejects.toBeInstanceOf(MessageError);
  });
});

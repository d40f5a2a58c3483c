/** Hostile input: every message to the background and the content script passes a runtime validation first. */
import { describe, expect, it } from 'vitest';
import { parseBackgroundCall, parseContentMessage } from './messages.ts';

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
    ];
    for (const msg of forged) expect(parseContentMessage(msg), JSON.stringify(msg)).toBeNull();
  });
});

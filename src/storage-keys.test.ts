/** What storage gives back is checked: a damaged value reads as the empty one, and the rest is kept. */
import { describe, expect, it } from 'vitest';
import { alwaysOnOrigins, parsePendingOrigin, parseSites, parseTabStates } from './storage-keys.ts';

describe('storage keys and their parsers', () => {
  it('sites: only known modes are kept, whatever else the object holds', () => {
    expect(parseSites({ 'https://a.test': 'always-on', 'https://b.test': 'sometimes', 'https://c.test': 'always-off', 'https://d.test': 7 })).toEqual({
      'https://a.test': 'always-on',
      'https://c.test': 'always-off',
    });
    for (const raw of [undefined, null, 'always-on', [], 42]) expect(parseSites(raw)).toEqual({});
    expect(alwaysOnOrigins({ 'https://z.test': 'always-on', 'https://a.test': 'always-on', 'https://m.test': 'always-off' })).toEqual([
      'https://a.test',
      'https://z.test',
    ]);
  });

  it('tab states: an entry that does not look like one is left out; a report that is not one reads as none', () => {
    const tabs = parseTabStates({
      4: { tabId: 4, on: true, status: 'ready', url: 'https://x.test/', title: 'X', report: { statements: [], speakers: [] } },
      5: { on: 'yes', status: 'ready' },
      6: { on: true, status: 'dancing' },
      7: { on: false, status: 'idle', url: 9, title: null, report: { statements: 'all' } },
      '-1': { on: true, status: 'ready' },
      x: { on: true, status: 'ready' },
    });
    expect([...tabs.keys()]).toEqual([4, 7]);
    expect(tabs.get(7)).toEqual({ tabId: 7, on: false, status: 'idle', url: null, title: null, report: null });
    expect(parseTabStates('garbage').size).toBe(0);
  });

  it('the pending origin is a string or nothing', () => {
    expect(parsePendingOrigin('https://a.test')).toBe('https://a.test');
    for (const raw of [undefined, 3, {}, 'x'.repeat(3000)]) expect(parsePendingOrigin(raw)).toBeNull();
  });
});

/**
 * How an open popup follows its tab (follow.ts): the background writes every tab's
 * state to storage.session under one key; the popup reacts to a write only when its
 * own tab's entry changed, and stops when it closes. (What the popup keeps in place
 * when a new report arrives — open rows, the current statement, the focus — is tested
 * on the whole popup, in App.test.tsx: "popup: following the tab".)
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake } from '../../test/support/fake-browser.ts';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../../test/support/fake-browser.ts')).fake.browser }));

import { followTab, TAB_STATES_KEY, tabChanged } from './follow.ts';

type Change = { oldValue?: unknown; newValue?: unknown };
/** A storage write as the browser reports it to every extension page. */
const write = (changes: Record<string, Change>, area = 'session') => {
  for (const l of [...fake.state.listeners]) l(changes, area);
};
const tab = (status: string, statements = 0) => ({
  tabId: 7,
  on: true,
  status,
  report: statements ? { statements: Array.from({ length: statements }, (_, i) => ({ text: `s${i}` })) } : null,
});

beforeEach(() => {
  fake.state.listeners.clear();
});

describe('tabChanged', () => {
  it('is true when the tab’s own entry changed: scanning → ready, a new report, the tab first seen, the tab closed', () => {
    expect(tabChanged({ oldValue: { 7: tab('scanning') }, newValue: { 7: tab('ready', 3) } }, 7)).toBe(true);
    expect(tabChanged({ oldValue: { 7: tab('ready', 3) }, newValue: { 7: tab('ready', 4) } }, 7)).toBe(true);
    expect(tabChanged({ newValue: { 7: tab('idle') } }, 7)).toBe(true);
    expect(tabChanged({ oldValue: { 7: tab('ready', 3) }, newValue: {} }, 7)).toBe(true);
  });

  it('is false when only other tabs changed, or the same state was written again', () => {
    expect(tabChanged({ oldValue: { 7: tab('ready', 3), 8: tab('scanning') }, newValue: { 7: tab('ready', 3), 8: tab('ready', 1) } }, 7)).toBe(false);
    expect(tabChanged({ oldValue: { 7: tab('ready', 3) }, newValue: structuredClone({ 7: tab('ready', 3) }) }, 7)).toBe(false);
    expect(tabChanged({ oldValue: { 8: tab('idle') }, newValue: { 8: tab('ready') } }, 7)).toBe(false);
  });

  it('treats whatever else is stored there as no entry', () => {
    expect(tabChanged({ oldValue: null, newValue: 'garbage' }, 7)).toBe(false);
    expect(tabChanged({ oldValue: 42, newValue: { 7: tab('idle') } }, 7)).toBe(true);
  });
});

describe('followTab', () => {
  it('calls back for each session write that changed the tab, and for nothing else', () => {
    const onChange = vi.fn();
    followTab(7, onChange);
    write({ [TAB_STATES_KEY]: { oldValue: { 7: tab('scanning') }, newValue: { 7: tab('ready', 2) } } });
    expect(onChange).toHaveBeenCalledTimes(1);
    // another tab, the same state again, another key, another storage area: no call
    write({ [TAB_STATES_KEY]: { oldValue: { 7: tab('ready', 2), 8: tab('idle') }, newValue: { 7: tab('ready', 2), 8: tab('scanning') } } });
    write({ [TAB_STATES_KEY]: { oldValue: { 7: tab('ready', 2) }, newValue: { 7: tab('ready', 2) } } });
    write({ pendingAlwaysOn: { newValue: 'https://news.example' } });
    write({ [TAB_STATES_KEY]: { oldValue: { 7: tab('ready', 2) }, newValue: { 7: tab('ready', 5) } } }, 'local');
    expect(onChange).toHaveBeenCalledTimes(1);
    write({ [TAB_STATES_KEY]: { oldValue: { 7: tab('ready', 2) }, newValue: { 7: tab('ready', 3) } } });
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it('each popup follows its own tab', () => {
    const seven = vi.fn();
    const eight = vi.fn();
    followTab(7, seven);
    followTab(8, eight);
    write({ [TAB_STATES_KEY]: { oldValue: { 7: tab('idle') }, newValue: { 7: tab('idle'), 8: tab('scanning') } } });
    expect(seven).not.toHaveBeenCalled();
    expect(eight).toHaveBeenCalledTimes(1);
  });

  it('the returned function stops following (the popup closed)', () => {
    const onChange = vi.fn();
    const stop = followTab(7, onChange);
    expect(fake.state.listeners.size).toBe(1);
    stop();
    expect(fake.state.listeners.size).toBe(0);
    write({ [TAB_STATES_KEY]: { oldValue: {}, newValue: { 7: tab('ready', 1) } } });
    expect(onChange).not.toHaveBeenCalled();
  });
});

// @vitest-environment happy-dom
/**
 * The popup as a user sees it, on happy-dom with @testing-library/preact. The
 * background is a mock of webextension-polyfill whose tab/get answers with TabStates
 * built by the real engine on the seed article (plus an altered quote, a misattributed
 * one and a speaker the lexicon does not know).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { analyze } from '../engine/analyze.ts';
import type { Report } from '../engine/types.ts';
import { bundledLexicon } from '../lexicon/bundled.ts';
import { bundledModelFile } from '../lexicon/bundled-model.ts';
import { loadModel } from '../engine/model/classifier.ts';
import type { TabState } from '../messages.ts';
import { App } from './App.tsx';
import { groupsOf, statementKeys, step, tabIdParam } from './model.ts';
import { EXPORT_CSV_HEADER, exportFileName } from '../report/format.ts';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
// (happy-dom replaces the global URL, so paths are joined by hand)
const HERE = dirname(fileURLToPath(import.meta.url));
const read = (rel: string): string => readFileSync(join(HERE, rel), 'utf8');
const readJson = <T,>(rel: string): T => JSON.parse(read(rel)) as T;
/** The popup's source files (this folder and below, tests left out), relative to it. */
const sources = (dir = HERE): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [relative(HERE, join(dir, e.name))] : [],
  );

type StorageListener = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => void;

const fake = vi.hoisted(() => ({
  /** storage.onChanged listeners: the popup follows its tab through them */
  storageListeners: new Set<StorageListener>(),
  sendMessage: vi.fn<(msg: Record<string, unknown>) => Promise<unknown>>(),
  query: vi.fn<(q: unknown) => Promise<Array<{ id?: number }>>>(),
  request: vi.fn<(p: { origins: string[] }) => Promise<boolean>>(),
  remove: vi.fn<(p: { origins: string[] }) => Promise<boolean>>(),
  messages: {} as Record<string, { message: string; placeholders?: Record<string, { content: string }> }>,
}));

/** browser.i18n.getMessage as the browsers do it: named placeholders → $n → substitutions. */
function getMessage(key: string, subs: string[] = []): string {
  const m = fake.messages[key];
  if (!m) return '';
  let s = m.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (all, name: string) => {
    const ph = Object.entries(m.placeholders ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase());
    return ph ? ph[1].content : all;
  });
  s = s.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
  return s;
}

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: { sendMessage: (m: Record<string, unknown>) => fake.sendMessage(m) },
    tabs: { query: (q: unknown) => fake.query(q) },
    permissions: { request: (p: { origins: string[] }) => fake.request(p), remove: (p: { origins: string[] }) => fake.remove(p) },
    storage: {
      onChanged: { addListener: (l: StorageListener) => fake.storageListeners.add(l), removeListener: (l: StorageListener) => fake.storageListeners.delete(l) },
    },
    i18n: { getMessage: (k: string, s?: string[]) => getMessage(k, s), getUILanguage: () => 'en' },
  },
}));

fake.messages = readJson<Messages>('../static/_locales/en/messages.json');

// ---- fixtures from the real engine -----------------------------------------------------

const URL_ = 'https://news.example.com/world/2025/02/13/trump-putin-call';
const TAB = 7;
const seed = read('../../seeds/000_9cad41e55c3eddb4.txt');
const EXTRA = [
  '“In every negotiation, Europe must play a central role,” Kallas said.',
  '“It sounds like abandoning Ukraine,” Trump said.',
  '“Russia is the aggressor,” said Maria Smolenska, a Kyiv resident.',
].join('\n\n');
const report: Report = analyze(`${seed}\n\n${EXTRA}`, bundledLexicon, { source: URL_ });
const TITLE = 'Trump and Putin agree to start Ukraine talks';
/** the same page after a statement was added at its top, as the content script reports it after a change */
const later: Report = analyze(`“Russia is the aggressor,” said Oksana Late, a Kyiv resident.\n\n${seed}\n\n${EXTRA}`, bundledLexicon, { source: URL_ });

const state = (over: Partial<TabState> = {}): TabState => ({ tabId: TAB, on: true, status: 'ready', url: URL_, title: TITLE, report, ...over });

/** The mock background: answers from `tab` and records every call. */
let tab: TabState;
let siteMode: 'always-on' | 'ask' | 'always-off';
function background(msg: Record<string, unknown>): Promise<unknown> {
  switch (msg.type) {
    case 'tab/get':
      return Promise.resolve({ ok: true, value: tab });
    case 'highlights/set':
      tab = { ...tab, on: msg.on as boolean, status: msg.on ? 'scanning' : tab.status };
      return Promise.resolve({ ok: true, value: tab });
    case 'statement/jump':
      return Promise.resolve({ ok: true, value: { index: msg.index } });
    case 'site/get':
      return Promise.resolve({ ok: true, value: { mode: siteMode } });
    case 'site/set':
      siteMode = msg.mode as typeof siteMode;
      return Promise.resolve({ ok: true, value: { mode: siteMode } });
    default:
      return Promise.resolve({ ok: false, error: `unknown ${String(msg.type)}` });
  }
}
const calls = (type: string) => fake.sendMessage.mock.calls.map((c) => c[0]).filter((m) => m.type === type);

/** What the background does when a tab's state changes: it writes all tab states to storage.session. */
function publish(next: TabState, others: Record<string, TabState> = {}) {
  const oldValue = { ...others, [String(tab.tabId)]: tab };
  tab = next;
  const newValue = { ...others, [String(next.tabId)]: next };
  for (const l of fake.storageListeners) l({ tabs: { oldValue, newValue } }, 'session');
}

let clipboard: string[];
beforeEach(() => {
  tab = state();
  fake.storageListeners.clear();
  siteMode = 'ask';
  fake.sendMessage.mockReset().mockImplementation(background);
  fake.query.mockReset().mockResolvedValue([{ id: TAB }]);
  fake.request.mockReset().mockResolvedValue(true);
  fake.remove.mockReset().mockResolvedValue(true);
  clipboard = [];
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: vi.fn(async (s: string) => void clipboard.push(s)) },
  });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

async function ready() {
  const utils = render(<App tabId={TAB} />);
  await screen.findByRole('heading', { name: 'Speakers' });
  return utils;
}

const rows = () => [...document.querySelectorAll<HTMLLIElement>('li.speaker')];
const row = (name: string) => {
  const r = rows().find((li) => li.querySelector('.name')?.textContent === name);
  if (!r)
    throw new Error(
      `no row for ${name}; rows: ${rows()
        .map((li) => li.querySelector('.name')?.textContent)
        .join(', ')}`,
    );
  return r;
};
const rowButton = (name: string) => within(row(name)).getAllByRole('button')[0]!;
const index = (words: string) => report.statements.findIndex((s) => s.text.includes(words));

describe('fixture', () => {
  it('has what the tests need', () => {
    expect(report.statements.some((s) => s.seedMatch === 'altered')).toBe(true);
    expect(report.statements.some((s) => s.flags.some((f) => f.kind === 'misattributed'))).toBe(true);
    expect(report.statements.some((s) => s.speaker === null)).toBe(true);
    expect(report.speakers.some((s) => !s.inLexicon && s.stance['pro-ukraine'] > 0)).toBe(true);
  });
});

describe('popup: header and legend', () => {
  it('shows the title, the host, the switch and a legend with glyph and word', async () => {
    await ready();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(TITLE);
    expect(screen.getByText('news.example.com')).toBeTruthy();
    const sw = screen.getByRole('switch', { name: 'Highlights' });
    expect(sw.getAttribute('aria-checked')).toBe('true');
    const legend = screen.getByRole('region', { name: 'Stance markers' });
    const items = within(legend)
      .getAllByRole('listitem')
      .map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(items).toEqual(['▲ pro-Ukraine', '▼ contra-Ukraine', '● neutral', '? unknown']);
  });

  it('the switch turns highlights off with highlights/set', async () => {
    await ready();
    fireEvent.click(screen.getByRole('switch'));
    await waitFor(() => expect(calls('highlights/set')).toEqual([{ type: 'highlights/set', tabId: TAB, on: false }]));
    await waitFor(() => expect(screen.getByRole('switch').getAttribute('aria-checked')).toBe('false'));
  });

  it('without a tabId it asks for the active tab', async () => {
    render(<App />);
    await screen.findByRole('heading', { name: 'Speakers' });
    expect(fake.query).toHaveBeenCalledWith({ active: true, currentWindow: true });
    expect(calls('tab/get')[0]).toEqual({ type: 'tab/get', tabId: TAB });
  });
});

describe('popup: speakers', () => {
  it('one row per speaker with statements, most statements first, with counts and the overall label', async () => {
    await ready();
    const withStatements = report.speakers.filter((s) => report.statements.some((st) => st.speaker === s.id));
    const names = rows().map((li) => li.querySelector('.name')?.textContent);
    // speakers, then the unattributed group
    expect(names.slice(0, -1).sort()).toEqual(withStatements.map((s) => s.name).sort());
    expect(names.at(-1)).toBe('Unattributed statements');
    const sizes = rows()
      .slice(0, -1)
      .map((li) => report.statements.filter((st) => st.speaker === li.dataset.speaker).length);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));

    for (const sp of withStatements) {
      const r = row(sp.name);
      for (const [stance, word] of [
        ['pro-ukraine', 'pro-Ukraine'],
        ['contra-ukraine', 'contra-Ukraine'],
        ['neutral', 'neutral'],
        ['unknown', 'unknown'],
      ] as const) {
        const n = sp.stance[stance];
        const marker = r.querySelector(`.count.${stance}`);
        if (n === 0) expect(marker, `${sp.name} ${stance}`).toBeNull();
        else
          expect(marker?.textContent, `${sp.name} ${stance}`).toBe(
            `${stance === 'pro-ukraine' ? '▲' : stance === 'contra-ukraine' ? '▼' : stance === 'neutral' ? '●' : '?'}${word}: ${n}${n}`,
          );
      }
      expect(r.querySelector('.overall')?.getAttribute('data-overall')).toBe(sp.overall);
    }
    // Trump says both: mixed; the page-only speaker is marked
    expect(within(row('Donald Trump')).getByText('Overall: mixed')).toBeTruthy();
    expect(within(row('Maria Smolenska')).getByText('not in lexicon')).toBeTruthy();
    expect(within(row('Kaja Kallas')).queryByText('not in lexicon')).toBeNull();
  });

  it('expanding a row lists its statements with stance, evidence and seed match', async () => {
    await ready();
    const btn = rowButton('Pete Hegseth');
    expect(btn.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(btn);
    expect(btn.getAttribute('aria-expanded')).toBe('true');
    const list = document.getElementById(btn.getAttribute('aria-controls')!)!;
    const items = within(list)
      .getAllByRole('listitem')
      .filter((li) => li.classList.contains('statement'));
    expect(items.length).toBe(report.statements.filter((s) => s.speaker === 'hegseth').length);
    const troops = items.find((li) => li.textContent?.includes('the US wouldn’t contribute troops'))!;
    expect(within(troops).getByText('Stance: contra-Ukraine')).toBeTruthy();
    expect(troops.querySelector('.evidence .seed')?.textContent).toMatch(/^Seed quote matched: “.*troops.*” — /);
    expect(within(troops).getByText('Seed match: verbatim')).toBeTruthy();
    fireEvent.click(btn);
    expect(btn.getAttribute('aria-expanded')).toBe('false');
    expect(document.getElementById('group-hegseth')).toBeNull();
  });

  it('shows cue phrases with their reason, and the unattributed statements in their own group', async () => {
    await ready();
    fireEvent.click(rowButton('Maria Smolenska'));
    const cue = row('Maria Smolenska').querySelector('.evidence .cue')!;
    expect(cue.textContent).toMatch(/^Cue phrase “Russia is the aggressor” → ▲ pro-Ukraine — Names Russia as the aggressor/);
    fireEvent.click(rowButton('Unattributed statements'));
    expect(row('Unattributed statements').textContent).toContain('Nothing about Ukraine without Ukraine');
  });

  it('a statement the stance model judged shows its decision and the words behind it, each with direction and weight', async () => {
    const model = loadModel(bundledModelFile).model!;
    const page = '“Russia must be held accountable for the war crimes of its occupiers and for its aggression,” said Maria Smolenska, a Kyiv resident.';
    tab = state({ report: analyze(page, bundledLexicon, { source: URL_, model }) });
    await ready();
    fireEvent.click(rowButton('Maria Smolenska'));
    const ev = row('Maria Smolenska').querySelector('.evidence .model')!;
    expect(ev.textContent).toMatch(/^Stance model(:| leans) (▲ pro-Ukraine|▼ contra-Ukraine|● neutral|not about the war) \(\d+ %\)/);
    const terms = [...ev.querySelectorAll('.terms li')].map((li) => li.textContent ?? '');
    expect(terms.length).toBeGreaterThan(0);
    for (const t of terms) expect(t).toMatch(/^“.+” → (▲ pro-Ukraine|▼ contra-Ukraine|● neutral|not about the war) \(weight \d+\.\d\d\)/);
  });

  it('an altered seed quote shows the word difference as <del>/<ins>; a misattributed one says so', async () => {
    await ready();
    fireEvent.click(rowButton('Kaja Kallas'));
    const item = [...row('Kaja Kallas').querySelectorAll('li.statement')].find((li) => li.textContent?.includes('In every negotiation'))!;
    // two words changed inside quote marks: a changed quotation, a warning, with the seed's sentence beside it
    expect(within(item as HTMLElement).getByText(/^Quotation changed: in quote marks, the words differ/)).toBeTruthy();
    expect(item.querySelector('.seed-text')?.textContent).toBe('In the seed: “In any negotiation, Europe must have a central role”');
    const del = [...item.querySelectorAll('del')].map((d) => d.textContent);
    const ins = [...item.querySelectorAll('ins')].map((d) => d.textContent);
    expect(del).toEqual(['removed: any', 'removed: have']);
    expect(ins).toEqual(['added: every', 'added: play']);
    fireEvent.click(rowButton('Donald Trump'));
    const mis = [...row('Donald Trump').querySelectorAll('li.statement')].find((li) => li.textContent?.includes('It sounds like abandoning Ukraine'))!;
    expect(mis.querySelector('.misattributed')?.textContent).toMatch(/^Attributed to someone else in the seed: .*Landsbergis/);
    // the page's own attribution words, to check in one look
    expect(mis.querySelector('.page-attribution')?.textContent).toMatch(/^This page attributes it with: “.*Trump.*”$/);
  });

  it('page text is rendered as text, never as markup', async () => {
    const evil = analyze('“<img src=x onerror=alert(1)> <b>Russia is the aggressor</b>,” Kallas said.', bundledLexicon, { source: URL_ });
    tab = state({ report: evil, title: '<i>title</i>' });
    await ready();
    fireEvent.click(rowButton('Kaja Kallas'));
    expect(document.querySelector('main img, main b, main i')).toBeNull();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('<i>title</i>');
    expect(row('Kaja Kallas').textContent).toContain('<img src=x onerror=alert(1)>');
  });
});

describe('popup: jump and keyboard', () => {
  it('clicking a statement sends statement/jump with its index in report.statements', async () => {
    await ready();
    fireEvent.click(rowButton('Don Bacon'));
    const i = index('consequences of rewarding the invader');
    const btn = within(row('Don Bacon')).getByRole('button', { name: /consequences of rewarding the invader/ });
    fireEvent.click(btn);
    await waitFor(() => expect(calls('statement/jump')).toEqual([{ type: 'statement/jump', tabId: TAB, index: i }]));
    expect(btn.getAttribute('aria-current')).toBe('true');
  });

  it('j/k and ArrowDown/ArrowUp move to the next/previous statement, focus it and jump', async () => {
    await ready();
    const groups = groupsOf(report);
    const order = groups.flatMap((g) => g.statements);
    const first = rowButton(groups[0]!.speaker!.name);
    first.focus();
    fireEvent.keyDown(first, { key: 'j' });
    await waitFor(() => expect(calls('statement/jump').at(-1)).toEqual({ type: 'statement/jump', tabId: TAB, index: order[0] }));
    await waitFor(() => expect((document.activeElement as HTMLElement).closest('li.statement')?.getAttribute('data-index')).toBe(String(order[0])));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    await waitFor(() => expect(calls('statement/jump').at(-1)?.index).toBe(order[1]));
    fireEvent.keyDown(document.activeElement!, { key: 'j' });
    await waitFor(() => expect(calls('statement/jump').at(-1)?.index).toBe(order[2]));
    fireEvent.keyDown(document.activeElement!, { key: 'k' });
    await waitFor(() => expect(calls('statement/jump').at(-1)?.index).toBe(order[1]));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    await waitFor(() => expect(calls('statement/jump').at(-1)?.index).toBe(order[0]));
    await waitFor(() => expect((document.activeElement as HTMLElement).closest('li.statement')?.getAttribute('data-index')).toBe(String(order[0])));
  });

  it('typing j in the name filter is typing, not a jump', async () => {
    await ready();
    const input = screen.getByRole('searchbox', { name: 'Speaker name' });
    fireEvent.keyDown(input, { key: 'j' });
    expect(calls('statement/jump')).toEqual([]);
  });

  it('step stays at the ends and starts at the first (or last) statement', () => {
    expect(step([3, 5, 9], null, 1)).toBe(3);
    expect(step([3, 5, 9], null, -1)).toBe(9);
    expect(step([3, 5, 9], 9, 1)).toBe(9);
    expect(step([3, 5, 9], 3, -1)).toBe(3);
    expect(step([], null, 1)).toBeNull();
  });
});

describe('popup: filters', () => {
  it('turning a stance off hides its statements and the rows left without any', async () => {
    await ready();
    const pro = screen.getByRole('button', { name: /pro-Ukraine/, pressed: true });
    fireEvent.click(pro);
    expect(pro.getAttribute('aria-pressed')).toBe('false');
    // Bacon and Maria Smolenska said only pro-Ukraine things
    expect(rows().some((li) => li.dataset.speaker === 'bacon')).toBe(false);
    expect(rows().some((li) => li.dataset.speaker === 'page:maria-smolenska')).toBe(false);
    fireEvent.click(rowButton('Donald Trump'));
    const stances = [...row('Donald Trump').querySelectorAll('li.statement')].map((li) => li.getAttribute('data-stance'));
    expect(stances.length).toBeGreaterThan(0);
    expect(stances).not.toContain('pro-ukraine');
    const notPro = report.statements.filter((s) => s.stance !== 'pro-ukraine').length;
    expect(screen.getByText(`Shown: ${notPro} of ${report.statements.length}`)).toBeTruthy();
  });

  it('the name filter keeps matching speakers (case and accents ignored)', async () => {
    await ready();
    fireEvent.input(screen.getByRole('searchbox', { name: 'Speaker name' }), { target: { value: 'KALLAS' } });
    expect(rows().map((li) => li.dataset.speaker)).toEqual(['kallas']);
    fireEvent.input(screen.getByRole('searchbox', { name: 'Speaker name' }), { target: { value: 'nobody at all' } });
    expect(rows()).toEqual([]);
    expect(screen.getByText('No statements match the filters.')).toBeTruthy();
  });

  it('flagged only: just the altered and the misattributed statements', async () => {
    await ready();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Flagged statements only' }));
    const flagged = report.statements.map((s, i) => [s, i] as const).filter(([s]) => s.flags.length > 0);
    expect(
      rows()
        .map((li) => li.dataset.speaker)
        .sort(),
    ).toEqual([...new Set(flagged.map(([s]) => s.speaker))].sort());
    for (const li of rows()) fireEvent.click(within(li).getAllByRole('button')[0]!);
    const shown = [...document.querySelectorAll('li.statement')].map((li) => Number(li.getAttribute('data-index'))).sort((a, b) => a - b);
    expect(shown).toEqual(flagged.map(([, i]) => i));
  });
});

describe('popup: states', () => {
  it('nothing found on this page', async () => {
    tab = state({ report: analyze('No quotes here at all.', bundledLexicon, { source: URL_ }) });
    render(<App tabId={TAB} />);
    expect((await screen.findByText('No quoted statements found on this page.')).getAttribute('role')).toBe('status');
    expect(screen.queryByRole('heading', { name: 'Speakers' })).toBeNull();
  });

  it('a page the extension may not run on shows the background’s reason', async () => {
    tab = state({
      on: false,
      status: 'unsupported',
      url: 'chrome://settings/',
      title: 'Settings',
      report: null,
      message: 'Browser pages cannot be highlighted.',
    });
    render(<App tabId={TAB} />);
    await screen.findByText('Browser pages cannot be highlighted.');
    expect((screen.getByRole('switch') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Always on for this site' })).toBeNull();
  });

  it('still loading: before the first answer, and while scanning', async () => {
    let answer: (v: unknown) => void = () => {};
    fake.sendMessage.mockImplementation((m) => (m.type === 'tab/get' ? new Promise((r) => (answer = r)) : background(m)));
    render(<App tabId={TAB} />);
    expect(screen.getByText('Loading…')).toBeTruthy();
    answer({ ok: true, value: state({ status: 'scanning', report: null }) });
    await screen.findByText('Reading the page…');
  });

  it('an error state shows the message as an alert', async () => {
    tab = state({ on: false, status: 'error', report: null, message: 'Stance Lens may not read this page yet: denied.' });
    render(<App tabId={TAB} />);
    expect((await screen.findByText('Stance Lens may not read this page yet: denied.')).getAttribute('role')).toBe('alert');
  });

  it('a background that answers {ok:false} is shown', async () => {
    fake.sendMessage.mockImplementation(() => Promise.resolve({ ok: false, error: 'no such tab' }));
    render(<App tabId={TAB} />);
    expect((await screen.findByRole('alert')).textContent).toBe('The extension could not do that: no such tab');
  });

  it('a background that does not answer is shown', async () => {
    fake.sendMessage.mockImplementation(() => Promise.resolve(undefined));
    render(<App tabId={TAB} />);
    expect((await screen.findByRole('alert')).textContent).toBe('The extension’s background did not answer.');
  });
});

describe('popup: following the tab', () => {
  it('highlights off: one click turns them on; the report shows when the background stores it, and a later report updates the list', async () => {
    tab = state({ on: false, status: 'idle', report: null });
    render(<App tabId={TAB} />);
    await screen.findByText('Highlights are off for this tab.');
    fireEvent.click(screen.getByRole('button', { name: 'Turn on highlights' }));
    await waitFor(() => expect(calls('highlights/set')).toEqual([{ type: 'highlights/set', tabId: TAB, on: true }]));
    await screen.findByText('Reading the page…');
    // no polling: the popup waits for the background's write
    const asked = calls('tab/get').length;
    await new Promise((r) => setTimeout(r, 700));
    expect(calls('tab/get').length, 'no tab/get without a change').toBe(asked);

    publish(state());
    await screen.findByRole('heading', { name: 'Speakers' });
    expect(rows().some((li) => li.dataset.speaker === 'page:oksana-late')).toBe(false);

    // the page changed while the popup is open: the content script's new report reaches the list
    publish(state({ report: later }));
    await waitFor(() => expect(row('Oksana Late')).toBeTruthy());
    expect(screen.getByText(`Statements: ${later.statements.length}`)).toBeTruthy();
  });

  it('ignores changes to other tabs', async () => {
    await ready();
    const asked = calls('tab/get').length;
    publish(tab, { 99: state({ tabId: 99, report: later }) });
    await new Promise((r) => setTimeout(r, 50));
    expect(calls('tab/get').length).toBe(asked);
    expect(rows().some((li) => li.querySelector('.name')?.textContent === 'Oksana Late')).toBe(false);
  });
});

describe('popup: following the tab keeps the reader’s place', () => {
  it('a later report keeps the reader’s place: open rows, the current statement and the focus, even when indices shift', async () => {
    await ready();
    fireEvent.click(rowButton('Ben Wallace'));
    const chosen = within(row('Ben Wallace')).getAllByRole('button', { name: /History shall be the judge/ })[0]!;
    chosen.focus();
    fireEvent.click(chosen);
    const was = index('History shall be the judge');
    await waitFor(() => expect(calls('statement/jump').at(-1)).toEqual({ type: 'statement/jump', tabId: TAB, index: was }));

    // a statement at the top of the page: every index moves by one
    publish(state({ report: later }));
    await waitFor(() => expect(row('Oksana Late')).toBeTruthy());
    const now = later.statements.findIndex((s) => s.text.includes('History shall be the judge'));
    expect(now).toBe(was + 1);
    expect(rowButton('Ben Wallace').getAttribute('aria-expanded')).toBe('true');
    const focused = (document.activeElement as HTMLElement).closest('li.statement');
    expect(focused?.getAttribute('data-index'), 'the same statement keeps the focus').toBe(String(now));
    expect(focused?.textContent).toContain('History shall be the judge');
    const current = document.querySelector('button.jump[aria-current="true"]');
    expect(current?.closest('li.statement')?.getAttribute('data-index'), 'and stays the current one').toBe(String(now));

    // j goes on from there, in the new report
    const order = groupsOf(later).flatMap((g) => g.statements);
    fireEvent.keyDown(document.activeElement!, { key: 'j' });
    await waitFor(() => expect(calls('statement/jump').at(-1)?.index).toBe(order[order.indexOf(now) + 1]));
  });

  it('a focused row that moves up the list keeps the focus', async () => {
    await ready();
    const before = rows().map((li) => li.dataset.speaker);
    rowButton('Don Bacon').focus();
    const more = [
      '“Ukraine must get what it needs to win,” Bacon said.',
      '“Putin is a war criminal,” Bacon said.',
      '“We cannot reward aggression,” Bacon said.',
    ].join('\n\n');
    publish(state({ report: analyze(`${seed}\n\n${EXTRA}\n\n${more}`, bundledLexicon, { source: URL_ }) }));
    await waitFor(() =>
      expect(
        rows()
          .map((li) => li.dataset.speaker)
          .indexOf('bacon'),
      ).toBeLessThan(before.indexOf('bacon')),
    );
    expect(document.activeElement).toBe(rowButton('Don Bacon'));
  });

  it('statementKeys name the same statement across reports and tell repeats apart', () => {
    const a = statementKeys(report);
    const b = statementKeys(later);
    expect(new Set(a).size).toBe(a.length);
    expect(b.slice(1)).toEqual(a);
    const twice = analyze('“Peace now,” Kallas said.\n\n“Peace now,” Kallas said.', bundledLexicon, { source: URL_ });
    const k = statementKeys(twice);
    expect(k).toHaveLength(2);
    expect(k[0]).not.toBe(k[1]);
  });
});

describe('popup: following the tab as statements come and go', () => {
  it('a statement removed above the current one: the same statement stays open, current and focused', async () => {
    // the page loses its first statement while the popup is open
    tab = state({ report: later });
    await ready();
    fireEvent.click(rowButton('Ben Wallace'));
    const chosen = within(row('Ben Wallace')).getAllByRole('button', { name: /History shall be the judge/ })[0]!;
    chosen.focus();
    fireEvent.click(chosen);
    const was = later.statements.findIndex((s) => s.text.includes('History shall be the judge'));
    await waitFor(() => expect(calls('statement/jump').at(-1)?.index).toBe(was));

    publish(state({ report }));
    await waitFor(() => expect(rows().some((li) => li.querySelector('.name')?.textContent === 'Oksana Late')).toBe(false));
    const now = index('History shall be the judge');
    expect(now).toBe(was - 1);
    expect(rowButton('Ben Wallace').getAttribute('aria-expanded')).toBe('true');
    expect((document.activeElement as HTMLElement).closest('li.statement')?.getAttribute('data-index')).toBe(String(now));
    expect(document.querySelector('button.jump[aria-current="true"]')?.closest('li.statement')?.getAttribute('data-index')).toBe(String(now));
    // following the tab sends no jump of its own: the page is not scrolled under the reader
    expect(calls('statement/jump')).toHaveLength(1);
  });

  it('the current statement gone from the page: nothing is current, the row stays open, j starts again at the top', async () => {
    await ready();
    fireEvent.click(rowButton('Kaja Kallas'));
    const gone = within(row('Kaja Kallas')).getByRole('button', { name: /In every negotiation/ });
    fireEvent.click(gone);
    await waitFor(() => expect(gone.getAttribute('aria-current')).toBe('true'));

    const without = analyze(seed, bundledLexicon, { source: URL_ });
    expect(without.statements.some((s) => s.text.includes('In every negotiation'))).toBe(false);
    publish(state({ report: without }));
    await waitFor(() => expect(screen.getByText(`Statements: ${without.statements.length}`)).toBeTruthy());
    expect(document.querySelector('button.jump[aria-current="true"]')).toBeNull();
    expect(rowButton('Kaja Kallas').getAttribute('aria-expanded')).toBe('true');
    rowButton('Kaja Kallas').focus();
    fireEvent.keyDown(rowButton('Kaja Kallas'), { key: 'j' });
    await waitFor(() => expect(calls('statement/jump').at(-1)?.index).toBe(groupsOf(without)[0]!.statements[0]));
  });

  it('a later report keeps the filters the reader set', async () => {
    await ready();
    fireEvent.click(screen.getByRole('button', { name: /pro-Ukraine/, pressed: true }));
    const pro = (r: Report) => r.statements.filter((s) => s.stance === 'pro-ukraine').length;
    const shownText = (r: Report) => `Shown: ${r.statements.length - pro(r)} of ${r.statements.length}`;
    await waitFor(() => expect(screen.getByText(shownText(report))).toBeTruthy());
    publish(state({ report: later }));
    await waitFor(() => expect(screen.getByText(shownText(later))).toBeTruthy());
    expect(screen.getByRole('button', { name: /pro-Ukraine/, pressed: false })).toBeTruthy();
    // Oksana Late's one statement is pro-Ukraine: filtered out, her row is not shown
    expect(rows().some((li) => li.querySelector('.name')?.textContent === 'Oksana Late')).toBe(false);
  });

  it('a write that leaves the tab as it was changes nothing under the reader', async () => {
    await ready();
    fireEvent.click(rowButton('Don Bacon'));
    const before = within(row('Don Bacon')).getAllByRole('button')[1]!;
    // as through real messaging: every answer is a copy
    fake.sendMessage.mockImplementation((m) => (m.type === 'tab/get' ? Promise.resolve({ ok: true, value: structuredClone(tab) }) : background(m)));
    const asked = calls('tab/get').length;
    publish(structuredClone(tab));
    await new Promise((r) => setTimeout(r, 50));
    expect(calls('tab/get').length, 'no tab/get for an unchanged tab').toBe(asked);
    // a changed title: asked again, and the list keeps its elements
    publish(state({ title: 'A new headline' }));
    await screen.findByRole('heading', { level: 1, name: 'A new headline' });
    expect(within(row('Don Bacon')).getAllByRole('button')[1]).toBe(before);
    expect(rowButton('Don Bacon').getAttribute('aria-expanded')).toBe('true');
  });

  it('a closed popup stops following its tab', async () => {
    await ready();
    expect(fake.storageListeners.size).toBe(1);
    cleanup();
    await waitFor(() => expect(fake.storageListeners.size).toBe(0));
  });
});

describe('popup: always on for this site', () => {
  it('asks for the site permission inside the click, then sets the site to always-on', async () => {
    await ready();
    const btn = await screen.findByRole('button', { name: 'Always on for this site' });
    fireEvent.click(btn);
    // synchronously, in the click handler (the user gesture)
    expect(fake.request).toHaveBeenCalledWith({ origins: ['https://news.example.com/*'] });
    await waitFor(() => expect(calls('site/set')).toEqual([{ type: 'site/set', origin: 'https://news.example.com', mode: 'always-on' }]));
    const stop = await screen.findByRole('button', { name: 'Stop always on for this site' });
    fireEvent.click(stop);
    await waitFor(() => expect(calls('site/set').at(-1)).toEqual({ type: 'site/set', origin: 'https://news.example.com', mode: 'ask' }));
    await screen.findByRole('button', { name: 'Always on for this site' });
    expect(fake.remove).toHaveBeenCalledWith({ origins: ['https://news.example.com/*'] });
  });

  it('a refused permission changes nothing and says so', async () => {
    fake.request.mockResolvedValue(false);
    await ready();
    fireEvent.click(await screen.findByRole('button', { name: 'Always on for this site' }));
    await screen.findByText('Permission to read news.example.com was not granted.');
    expect(calls('site/set')).toEqual([]);
  });
});

describe('popup: export', () => {
  const schema = readJson<object>('../report/report.schema.json');
  const exportedAt = new Date('2026-11-28T14:03:05.123Z');

  async function copied(label: string): Promise<string> {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(exportedAt);
    await ready();
    fireEvent.click(screen.getByRole('button', { name: `Copy ${label}` }));
    await screen.findByText(`${label} copied to the clipboard.`);
    expect(clipboard).toHaveLength(1);
    return clipboard[0]!;
  }

  it('JSON is the report, valid against report.schema.json', async () => {
    const text = await copied('JSON');
    const value = JSON.parse(text) as unknown;
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
    expect(value).toEqual(report);
  });

  it('CSV: a header and one row per statement, with the URL, the time, evidence and seed provenance', async () => {
    const text = await copied('CSV');
    const table = parseCsv(text);
    expect(table[0]).toEqual([...EXPORT_CSV_HEADER]);
    const body = table.slice(1);
    expect(body).toHaveLength(report.statements.length);
    const col = (name: string) => EXPORT_CSV_HEADER.indexOf(name as (typeof EXPORT_CSV_HEADER)[number]);
    expect(new Set(body.map((r) => r[col('page_url')]))).toEqual(new Set([URL_]));
    expect(new Set(body.map((r) => r[col('exported_at')]))).toEqual(new Set([exportedAt.toISOString()]));
    const kallas = body[index('In every negotiation')]!;
    expect(kallas[col('speaker_name')]).toBe('Kaja Kallas');
    expect(kallas[col('seed_match')]).toBe('altered');
    expect(kallas[col('seed_text')]).toBe('In any negotiation, Europe must have a central role');
    expect(kallas[col('seed_diff')]).toContain('−[any] +[every]');
    expect(kallas[col('evidence')]).toMatch(/^seed quote q-kallas-1/);
    const mis = body[index('It sounds like abandoning Ukraine')]!;
    expect(mis[col('flags')]).toMatch(/misattributed: /);
    expect(body.every((r, i) => r[col('stance')] === report.statements[i]!.stance)).toBe(true);
  });

  it('Markdown: the URL, the time and each statement with speaker, stance, evidence and seed', async () => {
    const text = await copied('Markdown');
    expect(text).toContain(`- Page: ${URL_}`);
    expect(text).toContain(`- Exported: ${exportedAt.toISOString()}`);
    expect(text).toContain('**Don Bacon** ▲ pro-ukraine');
    expect(text).toContain('Seed quote `q-kallas-1`');
    expect(text).toContain('−\\[any\\] +\\[every\\]');
    expect(text).toMatch(/⚑ \*\*misattributed\*\*/);
  });

  it('download: a Blob through an object URL and <a download> named after the page and the time; the URL is revoked after', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    vi.setSystemTime(exportedAt);
    const blobs: Blob[] = [];
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return 'blob:popup/1';
    });
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicked: Array<{ href: string; download: string }> = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    });
    try {
      render(<App tabId={TAB} />);
      await vi.waitFor(() => screen.getByRole('button', { name: 'Download CSV' }));
      fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
      const name = exportFileName({ url: URL_, exportedAt: exportedAt.toISOString() }, 'csv');
      expect(name).toBe('stance-lens_news.example.com-world-2025-02-13-trump-putin-call_2026-11-28T14-03-05Z.csv');
      expect(clicked).toEqual([{ href: 'blob:popup/1', download: name }]);
      expect(document.querySelector('a[download]'), 'the link is removed').toBeNull();
      const text = await blobs[0]!.text();
      expect(text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(EXPORT_CSV_HEADER.join(','));
      expect(revoke).not.toHaveBeenCalled();
      vi.advanceTimersByTime(10_000);
      expect(revoke).toHaveBeenCalledWith('blob:popup/1');
    } finally {
      create.mockRestore();
      revoke.mockRestore();
      click.mockRestore();
    }
  });
});

describe('popup: details', () => {
  it('?tabId=N targets tab N', () => {
    expect(tabIdParam('?tabId=12')).toBe(12);
    expect(tabIdParam('?tabId=12&e2e=3')).toBe(12);
    expect(tabIdParam('')).toBeNull();
    expect(tabIdParam('?tabId=-1')).toBeNull();
    expect(tabIdParam('?tabId=abc')).toBeNull();
  });

  it('every popup string exists in English and Ukrainian, with the same placeholders', () => {
    const en = readJson<Messages>('../static/_locales/en/messages.json');
    const uk = readJson<Messages>('../static/_locales/uk/messages.json');
    const source = sources()
      .map((f) => read(f))
      .join('\n');
    const used = new Set([...source.matchAll(/\bt\('([A-Za-z]+)'/g)].map((m) => m[1]!));
    for (const k of ['popupStancePro', 'popupStanceContra', 'popupStanceNeutral', 'popupStanceUnknown', 'popupStanceMixed']) used.add(k);
    expect(used.size).toBeGreaterThan(30);
    for (const key of used) {
      expect(en[key], `en ${key}`).toBeDefined();
      expect(uk[key], `uk ${key}`).toBeDefined();
      expect(Object.keys(uk[key]!.placeholders ?? {}), `uk ${key} placeholders`).toEqual(Object.keys(en[key]!.placeholders ?? {}));
      if (key !== 'extName' && !/^\$[A-Z]+\$: \$[A-Z]+\$$/.test(en[key]!.message))
        expect(uk[key]!.message, `uk ${key} is translated`).not.toBe(en[key]!.message);
    }
  });

  it('no markup from strings: the popup never uses innerHTML or dangerouslySetInnerHTML', () => {
    const files = sources();
    expect(files).toEqual(expect.arrayContaining(['App.tsx', 'main.tsx', 'exports.ts', 'model.ts', 'api.ts', 'i18n.ts']));
    for (const f of files) {
      const src = read(f);
      expect(src, f).not.toMatch(/innerHTML|dangerouslySetInnerHTML|insertAdjacentHTML|outerHTML/);
    }
  });
});

/** RFC 4180 reader, enough for the export. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

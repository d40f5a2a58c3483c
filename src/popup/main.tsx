/**
 * The popup, minimal for now (the full reader/fact-checker popup is the next issue):
 * the page, the highlights switch for this tab, and each speaker with stance counts.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { AnyBackgroundCall, Result, TabState } from '../messages.ts';

const GLYPH = { 'pro-ukraine': '▲', 'contra-ukraine': '▼', neutral: '●', unknown: '?' } as const;

async function call<T>(msg: AnyBackgroundCall): Promise<T> {
  const r = (await browser.runtime.sendMessage(msg)) as Result<T>;
  if (!r || !r.ok) throw new Error(r ? r.error : 'no answer from the background');
  return r.value;
}

function App() {
  const [tabId, setTabId] = useState<number | null>(null);
  const [st, setSt] = useState<TabState | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => {
      if (tab?.id !== undefined) setTabId(tab.id);
    });
  }, []);
  useEffect(() => {
    if (tabId === null) return;
    let stop = false;
    const poll = async () => {
      try {
        const s = await call<TabState>({ type: 'tab/get', tabId });
        if (!stop) setSt(s);
      } catch (e) {
        if (!stop) setError(String(e));
      }
      if (!stop) setTimeout(poll, 1000);
    };
    void poll();
    return () => {
      stop = true;
    };
  }, [tabId]);

  const toggle = async () => {
    if (tabId === null || !st) return;
    try {
      setSt(await call<TabState>({ type: 'highlights/set', tabId, on: !st.on }));
    } catch (e) {
      setError(String(e));
    }
  };

  const host = st?.url ? safeHost(st.url) : '';
  const report = st?.report ?? null;
  return (
    <main>
      <header>
        <div style={{ flex: 1, minWidth: 0 }}>
          <h1>{st?.title || 'Stance Lens'}</h1>
          <div class="host">{host}</div>
        </div>
        <button role="switch" aria-checked={st?.on ? 'true' : 'false'} aria-label="Highlights in this tab" onClick={toggle} disabled={!st || st.status === 'unsupported'}>
          {st?.on ? 'On' : 'Off'}
        </button>
      </header>
      <div class="legend">▲ pro-Ukraine · ▼ contra-Ukraine · ● neutral · ? unknown</div>
      <div class="status" role="status">
        {error ?? statusText(st)}
      </div>
      {report && (
        <ul aria-label="Speakers">
          {report.speakers
            .filter((s) => s.stance['pro-ukraine'] + s.stance['contra-ukraine'] + s.stance.neutral + s.stance.unknown > 0)
            .map((s) => (
              <li key={s.id}>
                <span class="name">
                  {s.name}
                  {s.inLexicon ? '' : ' (not in lexicon)'}
                </span>
                <span aria-label={`${s.stance['pro-ukraine']} pro-Ukraine, ${s.stance['contra-ukraine']} contra-Ukraine, ${s.stance.neutral} neutral, ${s.stance.unknown} unknown`}>
                  {GLYPH['pro-ukraine']}
                  {s.stance['pro-ukraine']} {GLYPH['contra-ukraine']}
                  {s.stance['contra-ukraine']} {GLYPH.neutral}
                  {s.stance.neutral} {GLYPH.unknown}
                  {s.stance.unknown}
                </span>
              </li>
            ))}
        </ul>
      )}
    </main>
  );
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

function statusText(st: TabState | null): string {
  if (!st) return 'Loading…';
  switch (st.status) {
    case 'unsupported':
      return st.message ?? 'Stance Lens cannot run on this page.';
    case 'error':
      return st.message ?? 'Something went wrong.';
    case 'scanning':
      return 'Reading the page…';
    case 'ready':
      if (!st.report || st.report.statements.length === 0) return 'No quoted speakers found on this page.';
      return `${st.report.statements.length} statements from ${st.report.speakers.filter((s) => s.stance['pro-ukraine'] + s.stance['contra-ukraine'] + s.stance.neutral + s.stance.unknown > 0).length} speakers.`;
    default:
      return st.on ? 'Waiting for the page…' : 'Highlights are off for this tab.';
  }
}

render(<App />, document.getElementById('app')!);

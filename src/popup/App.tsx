/**
 * The popup, for readers and fact-checkers: the page and the highlights switch, a
 * legend, one row per speaker with stance markers and the statements behind them
 * (evidence, seed provenance), filters, keyboard navigation that jumps in the page,
 * and export. Everything from the page is rendered as text.
 */
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { Overall, Report, Statement } from '../engine/types.ts';
import type { SiteMode, TabState } from '../messages.ts';
import { STANCE_GLYPH, type ExportFormat } from '../report/format.ts';
import { call, errorMessage } from './api.ts';
import { copy, download, EXPORT_FORMATS, FORMAT_LABEL } from './exports.ts';
import { followTab } from './follow.ts';
import { stanceWord, t } from './i18n.ts';
import {
  ALL,
  groupsOf,
  hostOf,
  isFiltering,
  navOrder,
  siteOf,
  STANCES,
  statementKeys,
  step,
  UNATTRIBUTED,
  visibleGroups,
  type Filters,
  type VisibleGroup,
} from './model.ts';

export interface AppProps {
  /** the tab to show; when absent, the active tab of this window */
  tabId?: number | null;
}

export function App({ tabId: given = null }: AppProps) {
  const [tabId, setTabId] = useState<number | null>(given);
  const [st, setSt] = useState<TabState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [siteMode, setSiteMode] = useState<SiteMode | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const fail = useCallback((e: unknown) => setError(errorMessage(e)), []);

  // which tab
  useEffect(() => {
    if (given !== null) return;
    browser.tabs
      .query({ active: true, currentWindow: true })
      .then(([tab]) => (tab?.id !== undefined ? setTabId(tab.id) : setError(t('popupNoTab'))))
      .catch(fail);
  }, [given, fail]);

  // answers may arrive out of order: only the last request's counts
  const asked = useRef(0);
  // an unchanged state keeps its object, so nothing re-renders under the reader
  const show = useCallback((next: TabState) => setSt((prev) => (prev && JSON.stringify(prev) === JSON.stringify(next) ? prev : next)), []);

  const refresh = useCallback(async () => {
    if (tabId === null) return;
    const n = ++asked.current;
    try {
      const next = await call<'tab/get'>({ type: 'tab/get', tabId });
      if (n === asked.current) show(next);
    } catch (e) {
      if (n === asked.current) fail(e);
    }
  }, [tabId, fail, show]);

  // follow the tab while open (scanning → ready, a report after the page changed, a
  // reload); subscribed before the first tab/get so that no change falls in between
  useEffect(() => (tabId === null ? undefined : followTab(tabId, () => void refresh())), [tabId, refresh]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const site = useMemo(() => (st && st.status !== 'unsupported' ? siteOf(st.url) : null), [st?.url, st?.status]);
  useEffect(() => {
    if (!site) return;
    call<'site/get'>({ type: 'site/get', origin: site.origin })
      .then((r) => setSiteMode(r.mode))
      .catch(fail);
  }, [site?.origin, fail]);

  const setHighlights = async (on: boolean) => {
    if (tabId === null) return;
    setError(null);
    const n = ++asked.current;
    try {
      const next = await call<'highlights/set'>({ type: 'highlights/set', tabId, on });
      if (n === asked.current) show(next);
    } catch (e) {
      fail(e);
    }
  };

  const alwaysOn = () => {
    if (!site) return;
    setNotice(null);
    setError(null);
    // first thing in the click handler: the permission prompt needs the user's gesture
    const asked = browser.permissions.request({ origins: [site.pattern] });
    // Firefox may close the popup while its prompt is open: the background finishes
    // the job when the permission arrives (permissions.onAdded)
    void browser.storage?.session?.set({ pendingAlwaysOn: site.origin }).catch(() => undefined);
    void asked
      .then(async (granted) => {
        if (!granted) {
          setNotice(t('popupPermissionDenied', site.host));
          return;
        }
        const r = await call<'site/set'>({ type: 'site/set', origin: site.origin, mode: 'always-on' });
        setSiteMode(r.mode);
        if (st && !st.on) await setHighlights(true);
      })
      .catch(fail);
  };

  const stopAlwaysOn = async () => {
    if (!site) return;
    setNotice(null);
    setError(null);
    try {
      const r = await call<'site/set'>({ type: 'site/set', origin: site.origin, mode: 'ask' });
      setSiteMode(r.mode);
      // give the site's access back; a permission the build requires cannot be removed, which is fine
      await browser.permissions.remove({ origins: [site.pattern] }).catch(() => false);
    } catch (e) {
      fail(e);
    }
  };

  const report = st?.report ?? null;
  const canSwitch = !!st && st.status !== 'unsupported' && tabId !== null;
  const showReport = !!st && st.on && st.status === 'ready' && !!report && report.statements.length > 0;

  return (
    <main>
      <header class="top">
        <div class="page">
          <h1 title={st?.title ?? undefined}>{st?.title || t('extName')}</h1>
          <p class="host">{hostOf(st?.url)}</p>
        </div>
        <div class="switch">
          <span id="hl-label">{t('popupHighlights')}</span>
          <button
            type="button"
            role="switch"
            aria-checked={st?.on ? 'true' : 'false'}
            aria-labelledby="hl-label"
            disabled={!canSwitch}
            onClick={() => void setHighlights(!st?.on)}
          >
            {st?.on ? t('popupOn') : t('popupOff')}
          </button>
        </div>
      </header>
      <Legend />
      {error && (
        <p role="alert" class="message error">
          {error}
        </p>
      )}
      <StateMessage st={st} error={error} onTurnOn={() => void setHighlights(true)} />
      {site && siteMode !== null && (
        <div class="site">
          {siteMode === 'always-on' ? (
            <>
              <p>{t('popupAlwaysOnActive', site.host)}</p>
              <button type="button" onClick={() => void stopAlwaysOn()}>
                {t('popupAlwaysOnStop')}
              </button>
            </>
          ) : (
            <button type="button" onClick={alwaysOn}>
              {t('popupAlwaysOn')}
            </button>
          )}
          {notice && <p role="status">{notice}</p>}
        </div>
      )}
      {showReport && tabId !== null && <ReportView report={report} tabId={tabId} url={st.url ?? report.source} onError={fail} />}
    </main>
  );
}

function Legend() {
  return (
    <section class="legend" aria-labelledby="legend-h">
      <h2 id="legend-h" class="sr-only">
        {t('popupLegend')}
      </h2>
      <ul>
        {STANCES.map((s) => (
          <li key={s}>
            <StanceBadge stance={s} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Glyph + colour + word: never colour alone. */
export function StanceBadge({ stance, children }: { stance: Overall; children?: ComponentChildren }) {
  return (
    <span class={`badge ${stance}`} data-stance={stance}>
      <span aria-hidden="true">{STANCE_GLYPH[stance]}</span> {children ?? stanceWord(stance)}
    </span>
  );
}

function StateMessage({ st, error, onTurnOn }: { st: TabState | null; error: string | null; onTurnOn: () => void }) {
  let text = '';
  let action: ComponentChildren = null;
  let kind = 'info';
  if (!st) {
    text = error ? '' : t('popupLoading');
  } else if (st.status === 'unsupported') {
    text = st.message || t('popupUnsupported');
    kind = 'unsupported';
  } else if (st.status === 'error') {
    text = st.message || t('popupErrorGeneric');
    kind = 'error';
  } else if (!st.on) {
    text = t('popupOffState');
    kind = 'off';
    action = (
      <button type="button" class="primary" onClick={onTurnOn}>
        {t('popupTurnOn')}
      </button>
    );
  } else if (st.status !== 'ready' || !st.report) {
    text = t('popupScanning');
    kind = 'scanning';
  } else if (st.report.statements.length === 0) {
    text = t('popupNothingFound');
    kind = 'empty';
  }
  return (
    <div class={`state ${kind}`} data-state={kind}>
      {/* kept in the page (even empty) so that changes are announced */}
      <p role={kind === 'error' ? 'alert' : 'status'} class="message">
        {text}
      </p>
      {action}
    </div>
  );
}

/** Where the keyboard focus is in the list: a statement (by key) or a speaker's row. */
type Place = { statement: string } | { row: string };

function placeOf(el: Element | null, root: HTMLElement | null, keys: readonly string[]): Place | null {
  if (!el || !root || !root.contains(el)) return null;
  const index = el.closest<HTMLElement>('li.statement')?.dataset.index;
  if (index !== undefined && el.matches('button.jump')) {
    const key = keys[Number(index)];
    return key === undefined ? null : { statement: key };
  }
  const row = el.closest<HTMLElement>('li.speaker');
  if (row && el.matches('button.row-button')) return { row: row.dataset.speaker ?? '' };
  return null;
}

function elementAt(place: Place, root: HTMLElement, keys: readonly string[]): HTMLElement | null {
  if ('statement' in place) {
    const i = keys.indexOf(place.statement);
    return i < 0 ? null : root.querySelector<HTMLElement>(`li.statement[data-index="${i}"] button.jump`);
  }
  const row = [...root.querySelectorAll<HTMLElement>('li.speaker')].find((li) => (li.dataset.speaker ?? '') === place.row);
  return row?.querySelector<HTMLElement>('button.row-button') ?? null;
}

/**
 * A new report of the same tab (the page changed while the popup is open) must not
 * take the reader's place: the focused statement or row keeps the focus even when the
 * list around it changes (rows re-sorted, statements inserted before it).
 */
function useKeepFocus(report: Report, keys: readonly string[], root: { current: HTMLElement | null }) {
  const shown = useRef({ report, keys });
  const place = useRef<Place | null>(null);
  // read while rendering the new report, before the DOM changes under the focus
  if (shown.current.report !== report) place.current = placeOf(document.activeElement, root.current, shown.current.keys);
  useLayoutEffect(() => {
    shown.current = { report, keys };
    const p = place.current;
    place.current = null;
    if (!p || !root.current) return;
    const el = elementAt(p, root.current, keys);
    if (el && document.activeElement !== el) el.focus({ preventScroll: true });
  }, [report, keys, root]);
}

function ReportView({ report, tabId, url, onError }: { report: Report; tabId: number; url: string; onError: (e: unknown) => void }) {
  const [filters, setFilters] = useState<Filters>(ALL);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  // the current statement by key, so that it stays the same statement in a later report
  const [currentKey, setCurrentKey] = useState<string | null>(null);
  const [focusTo, setFocusTo] = useState<number | null>(null);
  const buttons = useRef(new Map<number, HTMLButtonElement>());
  const root = useRef<HTMLDivElement>(null);

  const keys = useMemo(() => statementKeys(report), [report]);
  const current = useMemo(() => {
    const i = currentKey === null ? -1 : keys.indexOf(currentKey);
    return i < 0 ? null : i;
  }, [keys, currentKey]);
  useKeepFocus(report, keys, root);

  const groups = useMemo(() => groupsOf(report), [report]);
  const visible = useMemo(() => visibleGroups(report, groups, filters), [report, groups, filters]);
  const order = useMemo(() => navOrder(visible), [visible]);
  const filtering = isFiltering(filters);

  useEffect(() => {
    if (focusTo === null) return;
    buttons.current.get(focusTo)?.focus();
    setFocusTo(null);
  }, [focusTo, expanded]);

  const jump = (index: number) => {
    setCurrentKey(keys[index] ?? null);
    call<'statement/jump'>({ type: 'statement/jump', tabId, index }).catch(onError);
  };

  const toggle = (key: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const move = (delta: number) => {
    const next = step(order, current, delta);
    if (next === null) return;
    const group = visible.find((g) => g.shown.includes(next));
    if (group && !expanded.has(group.key)) setExpanded(new Set([...expanded, group.key]));
    setFocusTo(next);
    jump(next);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const arrow = e.key === 'ArrowDown' || e.key === 'ArrowUp';
    const letter = e.key === 'j' || e.key === 'k';
    if (!arrow && !letter) return;
    const target = e.target as HTMLElement | null;
    // typing in the name filter is typing
    if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
    e.preventDefault();
    move(e.key === 'j' || e.key === 'ArrowDown' ? 1 : -1);
  };

  const total = report.statements.length;
  const shown = order.length;

  return (
    <div class="report" ref={root} onKeyDown={onKeyDown}>
      <FilterBar filters={filters} onChange={setFilters} />
      <p class="count" role="status">
        {filtering ? t('popupShownCount', shown, total) : t('popupStatementCount', total)}
      </p>
      <section aria-labelledby="speakers-h">
        <h2 id="speakers-h">{t('popupSpeakers')}</h2>
        <p class="hint">{t('popupKeyboardHint')}</p>
        {visible.length === 0 ? (
          <p class="message">{t('popupNoMatch')}</p>
        ) : (
          <ul class="speakers">
            {visible.map((g) => (
              <SpeakerRow
                key={g.key}
                group={g}
                report={report}
                keys={keys}
                open={expanded.has(g.key)}
                filtering={filtering}
                current={current}
                onToggle={() => toggle(g.key)}
                onJump={jump}
                register={(i, el) => {
                  if (el) buttons.current.set(i, el);
                  else buttons.current.delete(i);
                }}
              />
            ))}
          </ul>
        )}
      </section>
      <ExportPanel report={report} url={url} />
    </div>
  );
}

function FilterBar({ filters, onChange }: { filters: Filters; onChange: (f: Filters) => void }) {
  return (
    <section class="filters" aria-labelledby="filters-h">
      <h2 id="filters-h" class="sr-only">
        {t('popupFilters')}
      </h2>
      <div role="group" aria-labelledby="stance-filter-label" class="stance-toggles">
        <span id="stance-filter-label" class="label">
          {t('popupFilterStance')}
        </span>
        {STANCES.map((s) => (
          <button
            type="button"
            key={s}
            class="toggle"
            aria-pressed={filters.stances[s] ? 'true' : 'false'}
            onClick={() => onChange({ ...filters, stances: { ...filters.stances, [s]: !filters.stances[s] } })}
          >
            <StanceBadge stance={s} />
          </button>
        ))}
      </div>
      <div class="row">
        <label>
          <span>{t('popupFilterSpeaker')}</span>
          <input type="search" value={filters.name} onInput={(e) => onChange({ ...filters, name: (e.currentTarget as HTMLInputElement).value })} />
        </label>
        <label class="check">
          <input type="checkbox" checked={filters.flaggedOnly} onChange={(e) => onChange({ ...filters, flaggedOnly: (e.currentTarget as HTMLInputElement).checked })} />
          <span>{t('popupFilterFlagged')}</span>
        </label>
      </div>
    </section>
  );
}

interface RowProps {
  group: VisibleGroup;
  report: Report;
  /** statementKeys(report): statements keep their element across reports */
  keys: readonly string[];
  open: boolean;
  filtering: boolean;
  current: number | null;
  onToggle: () => void;
  onJump: (index: number) => void;
  register: (index: number, el: HTMLButtonElement | null) => void;
}

function SpeakerRow({ group, report, keys, open, filtering, current, onToggle, onJump, register }: RowProps) {
  const sp = group.speaker;
  const id = `group-${group.key === UNATTRIBUTED ? 'unattributed' : group.key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const name = sp ? sp.name : t('popupUnattributed');
  return (
    <li class="speaker" data-speaker={sp ? sp.id : ''}>
      <button type="button" class="row-button" aria-expanded={open ? 'true' : 'false'} aria-controls={open ? id : undefined} onClick={onToggle}>
        <span class="chevron" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        <span class="who">
          <span class={sp ? 'name' : 'name unattributed'}>{name}</span>
          {sp && !sp.inLexicon && <span class="tag">{t('popupNotInLexicon')}</span>}
          {sp?.role && <span class="role">{sp.role}</span>}
        </span>
        <span class="markers">
          {STANCES.filter((s) => group.counts[s] > 0).map((s) => (
            <span key={s} class={`badge count ${s}`} data-stance={s} data-count={group.counts[s]}>
              <span aria-hidden="true">{STANCE_GLYPH[s]}</span>
              <span class="sr-only">{t('popupStanceCount', stanceWord(s), group.counts[s])}</span>
              <span aria-hidden="true">{group.counts[s]}</span>
            </span>
          ))}
          {group.overall && (
            <span class={`badge overall ${group.overall}`} data-overall={group.overall}>
              <span class="sr-only">{t('popupOverall', stanceWord(group.overall))}</span>
              <span aria-hidden="true">
                {STANCE_GLYPH[group.overall]} {stanceWord(group.overall)}
              </span>
            </span>
          )}
          {filtering && <span class="shown">{t('popupShownCount', group.shown.length, group.statements.length)}</span>}
        </span>
      </button>
      {open && (
        <ol id={id} class="statements" aria-label={sp ? t('popupStatementsBy', sp.name) : t('popupUnattributed')}>
          {group.shown.map((i) => (
            <StatementItem key={keys[i]} index={i} st={report.statements[i]!} report={report} current={current === i} onJump={onJump} register={register} />
          ))}
        </ol>
      )}
    </li>
  );
}

interface StatementProps {
  index: number;
  st: Statement;
  report: Report;
  current: boolean;
  onJump: (index: number) => void;
  register: (index: number, el: HTMLButtonElement | null) => void;
}

function StatementItem({ index, st, report, current, onJump, register }: StatementProps) {
  const metaId = `st-${index}-meta`;
  return (
    <li class={current ? 'statement current' : 'statement'} data-index={index} data-stance={st.stance}>
      <button
        type="button"
        class={`jump ${st.stance}`}
        ref={(el) => register(index, el)}
        aria-current={current ? 'true' : undefined}
        aria-describedby={metaId}
        title={t('popupShowInPage')}
        onClick={() => onJump(index)}
      >
        <span aria-hidden="true" class="glyph">
          {STANCE_GLYPH[st.stance]}
        </span>{' '}
        <q>{st.text.replace(/\s+/g, ' ').trim()}</q>
      </button>
      <div id={metaId} class="meta">
        <p>
          <StanceBadge stance={st.stance}>{t('popupStance', stanceWord(st.stance))}</StanceBadge>
        </p>
        <Evidence st={st} />
        <SeedMatch st={st} report={report} />
        {st.attributionNote && <p class="note">{t('popupAttribution', st.attributionNote)}</p>}
      </div>
    </li>
  );
}

function Evidence({ st }: { st: Statement }) {
  if (st.evidence.length === 0) return <p class="evidence none">{t('popupEvidenceNone')}</p>;
  return (
    <ul class="evidence" aria-label={t('popupEvidence')}>
      {st.evidence.map((ev, i) =>
        ev.kind === 'seed-quote' ? (
          <li key={i} class="seed">
            {t('popupEvidenceSeed', ev.seedText, ev.reason)}
          </li>
        ) : (
          <li key={i} class="cue">
            {t('popupEvidenceCue', ev.match, `${STANCE_GLYPH[ev.stance]} ${stanceWord(ev.stance)}`, ev.reason)}
            {ev.negated && ` ${t('popupEvidenceNegated')}`}
          </li>
        ),
      )}
    </ul>
  );
}

function SeedMatch({ st, report }: { st: Statement; report: Report }) {
  const altered = st.flags.find((f) => f.kind === 'altered-quote');
  const misattributed = st.flags.find((f) => f.kind === 'misattributed');
  const who = (id: string | null | undefined): string | null => (id ? (report.speakers.find((s) => s.id === id)?.name ?? null) : null);
  return (
    <div class="seed-match" data-seed={st.seedMatch}>
      {st.seedMatch === 'verbatim' && <p>{t('popupSeedVerbatim')}</p>}
      {st.seedMatch === 'altered' && (
        <>
          <p>{t('popupSeedAltered')}</p>
          {altered?.diff ? (
            <p class="diff">
              {altered.diff.map((d, i) => (
                <span key={i}>
                  {i > 0 && ' '}
                  {d.op === 'same' ? (
                    d.text
                  ) : d.op === 'removed' ? (
                    <del>
                      <span class="sr-only">{t('popupDiffRemoved')} </span>
                      {d.text}
                    </del>
                  ) : (
                    <ins>
                      <span class="sr-only">{t('popupDiffAdded')} </span>
                      {d.text}
                    </ins>
                  )}
                </span>
              ))}
            </p>
          ) : (
            altered && <p class="diff">{altered.message}</p>
          )}
        </>
      )}
      {st.seedMatch === 'none' && <p>{t('popupSeedNone')}</p>}
      {misattributed && <p class="flag misattributed">{t('popupMisattributed', who(misattributed.seedSpeaker) ?? misattributed.message)}</p>}
    </div>
  );
}

function ExportPanel({ report, url }: { report: Report; url: string }) {
  const [msg, setMsg] = useState('');
  const meta = () => ({ url, exportedAt: new Date().toISOString() });
  const save = (f: ExportFormat) => {
    try {
      setMsg(t('popupDownloaded', download(report, f, meta())));
    } catch (e) {
      setMsg(t('popupCopyFailed', e instanceof Error ? e.message : String(e)));
    }
  };
  const toClipboard = async (f: ExportFormat) => {
    try {
      await copy(report, f, meta());
      setMsg(t('popupCopied', FORMAT_LABEL[f]));
    } catch (e) {
      setMsg(t('popupCopyFailed', e instanceof Error ? e.message : String(e)));
    }
  };
  return (
    <section class="export" aria-labelledby="export-h">
      <h2 id="export-h">{t('popupExport')}</h2>
      <p class="hint">{t('popupExportNote')}</p>
      <div class="export-buttons">
        {EXPORT_FORMATS.map((f) => (
          <div role="group" aria-label={FORMAT_LABEL[f]} key={f} class="export-format">
            <button type="button" data-export={f} data-action="download" onClick={() => save(f)}>
              {t('popupDownload', FORMAT_LABEL[f])}
            </button>
            <button type="button" data-export={f} data-action="copy" onClick={() => void toClipboard(f)}>
              {t('popupCopy', FORMAT_LABEL[f])}
            </button>
          </div>
        ))}
      </div>
      <p role="status" class="message">
        {msg}
      </p>
    </section>
  );
}

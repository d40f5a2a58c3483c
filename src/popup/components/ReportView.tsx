import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Report } from '../../engine/types.ts';
import { call } from '../api.ts';
import { useKeepFocus } from '../hooks/useKeepFocus.ts';
import { t } from '../i18n.ts';
import { ALL, groupsOf, isFiltering, navOrder, statementKeys, step, visibleGroups, type Filters } from '../model.ts';
import { ExportPanel } from './ExportPanel.tsx';
import { FilterBar } from './FilterBar.tsx';
import { SpeakerRow } from './SpeakerRow.tsx';

interface ReportViewProps {
  report: Report;
  tabId: number;
  url: string;
  onError: (e: unknown) => void;
}

/** The report: filters, one row per speaker, keyboard navigation that jumps in the page, export. */
export function ReportView({ report, tabId, url, onError }: ReportViewProps) {
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
    call('statement/jump', { tabId, index }).catch(onError);
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

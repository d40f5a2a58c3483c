/**
 * The popup, for readers and fact-checkers: the page and the highlights switch, a
 * legend, one row per speaker with stance markers and the statements behind them
 * (evidence, seed provenance), filters, keyboard navigation that jumps in the page,
 * and export. Everything from the page is rendered as text.
 *
 * This file is the composition only: the tab's state (hooks/useTab.ts), the site's
 * default (hooks/useSiteMode.ts), and one component per file under components/.
 */
import { Legend } from './components/Legend.tsx';
import { PageHeader } from './components/PageHeader.tsx';
import { ReportView } from './components/ReportView.tsx';
import { SiteControls } from './components/SiteControls.tsx';
import { StateMessage } from './components/StateMessage.tsx';
import { useSiteMode } from './hooks/useSiteMode.ts';
import { useTab } from './hooks/useTab.ts';

export interface AppProps {
  /** the tab to show; when absent, the active tab of this window */
  tabId?: number | null;
}

export function App({ tabId: given = null }: AppProps) {
  const { tabId, st, error, setError, fail, setHighlights } = useTab(given);
  const { site, siteMode, notice, alwaysOn, stopAlwaysOn } = useSiteMode(st, setHighlights, setError, fail);

  const report = st?.report ?? null;
  const canSwitch = !!st && st.status !== 'unsupported' && tabId !== null;
  const showReport = !!st && st.on && st.status === 'ready' && !!report && report.statements.length > 0;

  return (
    <main>
      <PageHeader st={st} canSwitch={canSwitch} onSwitch={(on) => void setHighlights(on)} />
      <Legend />
      {error && (
        <p role="alert" class="message error">
          {error}
        </p>
      )}
      <StateMessage st={st} error={error} onTurnOn={() => void setHighlights(true)} />
      {site && siteMode !== null && <SiteControls site={site} mode={siteMode} notice={notice} onAlwaysOn={alwaysOn} onStop={() => void stopAlwaysOn()} />}
      {showReport && tabId !== null && <ReportView report={report} tabId={tabId} url={st.url ?? report.source} onError={fail} />}
    </main>
  );
}

/**
 * The options page: default mode, speaker mentions, palette, and the lexicon — see it,
 * import one (a source file with its seeds, or a compiled lexicon), export the one in
 * use, go back to the bundled one. A refused import names every problem (entry and
 * field) and leaves the lexicon in use as it was.
 */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { Problem } from '../lexicon/compile.ts';
import { bundledLexicon } from '../lexicon/bundled.ts';
import { stringifyCompiled } from '../lexicon/compile.ts';
import type { CompiledLexicon } from '../lexicon/types.ts';
import {
  acknowledgeProblems,
  loadSettings,
  MODES,
  PALETTES,
  saveSettings,
  type DefaultMode,
  type Palette,
  type Settings,
  type SettingsPatch,
} from '../settings.ts';
import { t, uiLanguage } from './i18n.ts';
import { importFiles } from './import.ts';
import { GLYPH, LexiconView, stanceLabel } from './LexiconView.tsx';

type Notice =
  | { kind: 'refused'; problems: Problem[]; kept: string }
  | { kind: 'imported'; text: string; warnings: Problem[] }
  | { kind: 'info'; text: string }
  | { kind: 'error'; text: string };

const key = (s: string): string => s.replace('-', '_');

function lexiconLabel(l: CompiledLexicon): string {
  return `${l.title} (${l.id} ${l.version})`;
}

/** Saves `lexicon` as a JSON download (an anchor with a blob URL: no permission needed). */
export function downloadLexicon(lexicon: CompiledLexicon): void {
  const blob = new Blob([stringifyCompiled(lexicon)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${lexicon.id}-${lexicon.version}.compiled.json`;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Sites the user set to "always on" (kept by the background under `sites`; read only here). */
async function alwaysOnSites(): Promise<string[]> {
  try {
    const got = (await browser.storage.local.get('sites')) as { sites?: unknown };
    const sites = got.sites;
    if (!sites || typeof sites !== 'object') return [];
    return Object.entries(sites as Record<string, unknown>)
      .filter(([, mode]) => mode === 'always-on')
      .map(([origin]) => origin)
      .sort();
  } catch {
    return [];
  }
}

function ProblemTable({ problems, caption }: { problems: Problem[]; caption: string }) {
  const files = new Set(problems.map((p) => p.file));
  return (
    <table class="problems">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {files.size > 1 && <th scope="col">{t('optProblemFile')}</th>}
          <th scope="col">{t('optProblemEntry')}</th>
          <th scope="col">{t('optProblemField')}</th>
          <th scope="col">{t('optProblemMessage')}</th>
        </tr>
      </thead>
      <tbody>
        {problems.map((p, i) => (
          <tr key={i}>
            {files.size > 1 && <td>{p.file}</td>}
            <td>
              <code>{p.entry}</code>
            </td>
            <td>{p.field ? <code>{p.field}</code> : '—'}</td>
            <td>{p.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function App() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [repairs, setRepairs] = useState<string[]>([]);
  const [sites, setSites] = useState<string[]>([]);
  const [saved, setSaved] = useState('');
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const [view, setView] = useState<'active' | 'bundled'>('active');

  useEffect(() => {
    document.documentElement.lang = uiLanguage();
    document.title = t('optPageTitle');
    void (async () => {
      try {
        const { settings: s, problems } = await loadSettings();
        setSettings(s);
        setRepairs(problems);
        // shown now: each repair is reported once
        if (problems.length > 0) await acknowledgeProblems();
      } catch (e) {
        setNotice({ kind: 'error', text: t('optLoadFailed', errorText(e)) });
      }
      setSites(await alwaysOnSites());
    })();
  }, []);

  useEffect(() => {
    if (settings) document.documentElement.dataset.palette = settings.palette;
  }, [settings?.palette]);

  if (!settings) {
    return (
      <main>
        <h1>{t('optHeading')}</h1>
        {notice?.kind === 'error' ? <p role="alert">{notice.text}</p> : <p role="status">{t('optLoading')}</p>}
      </main>
    );
  }

  const active = settings.lexicon?.compiled ?? bundledLexicon;

  const save = async (patch: SettingsPatch) => {
    try {
      setSettings(await saveSettings(patch));
      setSaved(t('optSaved'));
    } catch (e) {
      setSaved(t('optSaveFailed', errorText(e)));
    }
  };

  /**
   * "Automatic on all sites" needs access to every site: ask in the click (a user
   * gesture), and keep the old mode when the user says no.
   */
  const chooseMode = (m: DefaultMode) => {
    if (m !== 'automatic') return void save({ mode: m });
    const asked = browser.permissions.request({ origins: ['http://*/*', 'https://*/*'] }).catch(() => false);
    void asked.then((granted) => (granted ? save({ mode: m }) : setSaved(t('optModeRefused'))));
  };

  const onImport = async (input: HTMLInputElement) => {
    const files = input.files;
    if (!files || files.length === 0) return;
    setBusy(true);
    setNotice(null);
    try {
      const outcome = await importFiles(files);
      if (!outcome.ok) {
        setNotice({ kind: 'refused', problems: outcome.problems, kept: lexiconLabel(active) });
        return;
      }
      const l = outcome.lexicon;
      try {
        const next = await saveSettings({ lexicon: { source: 'imported', name: outcome.name, importedAt: new Date().toISOString(), compiled: l } });
        setSettings(next);
        setView('active');
        setNotice({
          kind: 'imported',
          text: t('optImportOk', lexiconLabel(l), l.actors.length, l.statements.length, l.cues.length),
          warnings: outcome.warnings,
        });
      } catch (e) {
        setNotice({ kind: 'error', text: t('optStoreLexiconFailed', errorText(e), lexiconLabel(active)) });
      }
    } catch (e) {
      setNotice({ kind: 'error', text: t('optStoreLexiconFailed', errorText(e), lexiconLabel(active)) });
    } finally {
      setBusy(false);
      input.value = '';
    }
  };

  const onReset = async () => {
    try {
      setSettings(await saveSettings({ lexicon: null }));
      setView('active');
      setNotice({ kind: 'info', text: t('optResetDone', lexiconLabel(bundledLexicon)) });
    } catch (e) {
      setNotice({ kind: 'error', text: t('optSaveFailed', errorText(e)) });
    }
  };

  const shown = view === 'bundled' ? bundledLexicon : active;
  const imported = settings.lexicon;
  const dateFormat = new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <>
      <header class="page-header">
        <h1>{t('optHeading')}</h1>
      </header>
      <main>
        {repairs.length > 0 && (
          <section class="notice warning" role="alert" aria-labelledby="repairs-h">
            <h2 id="repairs-h">{t('optRepairedHeading')}</h2>
            <ul>
              {repairs.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          </section>
        )}

        <section aria-labelledby="highlighting-h">
          <h2 id="highlighting-h">{t('optHighlightingHeading')}</h2>
          <fieldset>
            <legend>{t('optModeLegend')}</legend>
            {MODES.map((m: DefaultMode) => (
              <div class="choice" key={m}>
                <input type="radio" id={`mode-${m}`} name="mode" value={m} checked={settings.mode === m} onChange={() => void chooseMode(m)} />
                <label for={`mode-${m}`}>{t(`optMode_${key(m)}`)}</label>
              </div>
            ))}
            {settings.mode === 'sites' && (
              <div class="sites" id="sites-list">
                {sites.length === 0 ? (
                  <p>{t('optSitesEmpty')}</p>
                ) : (
                  <>
                    <p>{t('optSitesList')}</p>
                    <ul>
                      {sites.map((s) => (
                        <li key={s}>{s}</li>
                      ))}
                    </ul>
                  </>
                )}
              </div>
            )}
          </fieldset>

          <div class="choice checkbox">
            <input
              type="checkbox"
              id="show-mentions"
              checked={settings.showMentions}
              aria-describedby="show-mentions-hint"
              onChange={(e) => void save({ showMentions: (e.currentTarget as HTMLInputElement).checked })}
            />
            <label for="show-mentions">{t('optShowMentions')}</label>
            <p class="hint" id="show-mentions-hint">
              {t('optShowMentionsHint')}
            </p>
          </div>

          <fieldset>
            <legend>{t('optPaletteLegend')}</legend>
            {PALETTES.map((p: Palette) => (
              <div class="choice" key={p}>
                <input type="radio" id={`palette-${p}`} name="palette" value={p} checked={settings.palette === p} onChange={() => void save({ palette: p })} />
                <label for={`palette-${p}`}>{t(`optPalette_${key(p)}`)}</label>
              </div>
            ))}
            <p class="swatches" aria-label={t('optPalettePreview')} role="group">
              {(['pro-ukraine', 'contra-ukraine', 'neutral'] as const).map((s) => (
                <span key={s} class={`swatch stance-${s}`}>
                  <span aria-hidden="true">{GLYPH[s]} </span>
                  {stanceLabel(s)}
                </span>
              ))}
            </p>
          </fieldset>
          <p role="status" class="saved">
            {saved}
          </p>
        </section>

        <section aria-labelledby="lexicon-h">
          <h2 id="lexicon-h">{t('optLexiconHeading')}</h2>
          <dl class="lexicon-summary" data-testid="active-lexicon" data-lexicon-id={active.id} data-lexicon-version={active.version}>
            <dt>{t('optLexiconInUse')}</dt>
            <dd>{active.title}</dd>
            <dt>{t('colId')}</dt>
            <dd>
              <code>{active.id}</code>
            </dd>
            <dt>{t('optLexiconVersion')}</dt>
            <dd>{active.version}</dd>
            <dt>{t('optLexiconOrigin')}</dt>
            <dd>{imported ? t('optLexiconOriginImported', imported.name, dateFormat.format(new Date(imported.importedAt))) : t('optLexiconOriginBundled')}</dd>
            <dt>{t('optLexiconSize')}</dt>
            <dd>{t('optLexiconCounts', active.actors.length, active.statements.length, active.cues.length)}</dd>
          </dl>

          <div class="import">
            <label for="import-file">{t('optImportLabel')}</label>
            <p class="hint" id="import-hint">
              {t('optImportHint')}
            </p>
            <input
              type="file"
              id="import-file"
              multiple
              accept=".json,.txt,application/json,text/plain"
              aria-describedby="import-hint"
              disabled={busy}
              onChange={(e) => void onImport(e.currentTarget as HTMLInputElement)}
            />
          </div>
          <div class="actions">
            <button type="button" id="export" onClick={() => downloadLexicon(active)}>
              {t('optExport')}
            </button>
            <button type="button" id="reset" onClick={() => void onReset()} disabled={!imported} aria-describedby={imported ? undefined : 'reset-hint'}>
              {t('optReset')}
            </button>
            {!imported && (
              <span class="hint" id="reset-hint">
                {t('optResetNothing')}
              </span>
            )}
          </div>

          <div id="import-result" role={notice?.kind === 'refused' || notice?.kind === 'error' ? 'alert' : 'status'}>
            {notice?.kind === 'refused' && (
              <div class="notice error">
                <p>
                  <strong>{t('optImportRefused', notice.problems.length)}</strong> {t('optImportKept', notice.kept)}
                </p>
                <ProblemTable problems={notice.problems} caption={t('optProblemsCaption')} />
              </div>
            )}
            {notice?.kind === 'imported' && (
              <div class="notice ok">
                <p>{notice.text}</p>
                {notice.warnings.length > 0 && (
                  <details>
                    <summary>{t('optImportWarnings', notice.warnings.length)}</summary>
                    <ProblemTable problems={notice.warnings} caption={t('optWarningsCaption')} />
                  </details>
                )}
              </div>
            )}
            {(notice?.kind === 'info' || notice?.kind === 'error') && <p class={`notice ${notice.kind === 'error' ? 'error' : 'ok'}`}>{notice.text}</p>}
          </div>
        </section>

        <section aria-labelledby="browse-h">
          <h2 id="browse-h">{t('optBrowseHeading')}</h2>
          {imported && (
            <fieldset>
              <legend>{t('optViewWhich')}</legend>
              <div class="choice">
                <input type="radio" id="view-active" name="view" checked={view === 'active'} onChange={() => setView('active')} />
                <label for="view-active">{t('optViewActive', lexiconLabel(active))}</label>
              </div>
              <div class="choice">
                <input type="radio" id="view-bundled" name="view" checked={view === 'bundled'} onChange={() => setView('bundled')} />
                <label for="view-bundled">{t('optViewBundled', lexiconLabel(bundledLexicon))}</label>
              </div>
            </fieldset>
          )}
          <LexiconView key={`${view}:${shown.id}@${shown.version}`} lexicon={shown} prefix="lex" />
        </section>
      </main>
    </>
  );
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

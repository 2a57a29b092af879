import { useEffect, useMemo, useState } from 'react';
import type { HostApi } from '../../../shared/contract/host-api';
import { createDefaultLayout } from '../../../shared/domain/outputs/layout/defaults';
import { LAYOUT_NAME, parseLayout, type Layout } from '../../../shared/domain/outputs/layout/layout-schema';
import { buildLegend } from '../../../shared/domain/outputs/layout/legend';
import { renderLayoutSvg } from '../../../shared/domain/outputs/layout/render';
import { createFontMetrics, type TextMetrics } from '../../../shared/domain/outputs/layout/text-metrics';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { AppState } from '../../state/app-state';
import type { Store } from '../../state/store';
import { loadBrowserFonts } from './browser-render';
import { LayoutForm } from './LayoutForm';
import { atlasPagesFor, exportLayout, openTemplate, pickLogo, saveLayoutInProject, saveTemplate } from './layout-tasks';
import { useLayoutData } from './use-layout-data';
import { formatAppError } from '../../../shared/base/errors';
import { withPrivacy } from '../../../shared/domain/outputs/layout/privacy';
import { listProfileNames, readProfileDocument } from '../../../shared/domain/privacy';
import './layout.css';

/** Layout documents saved in the project, by name. */
function savedLayouts(documents: Readonly<Record<string, unknown>>): Layout[] {
  return Object.entries(documents).flatMap(([k, v]) => {
    if (!k.startsWith('layouts/')) return [];
    const p = parseLayout(v, k);
    return p.ok ? [p.value] : [];
  });
}

export interface LayoutViewProps {
  state: AppState;
  store: Store;
  host: HostApi;
  engine: Promise<SqlEngine>;
  onClose: () => void;
}

/** "Briefing map…": a full-window layout editor with a live preview and PNG/PDF/atlas export. */
export function LayoutView({ state, store, host, engine, onClose }: LayoutViewProps) {
  const documents = state.doc.documents;
  const saved = useMemo(() => savedLayouts(documents), [documents]);
  const [layout, setLayout] = useState<Layout>(
    () =>
      saved[0] ??
      createDefaultLayout({ title: state.project.title, referenceLayers: state.project.layers.map((l) => l.meta.id) }),
  );
  const [metrics, setMetrics] = useState<TextMetrics | null>(null);
  const [status, setStatus] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const [dpi, setDpi] = useState(150);
  const [atlas, setAtlas] = useState('none');
  const { data: rawData, error: dataError } = useLayoutData(state, engine, layout);
  // A privacy profile (project or built-in) generalizes the points and is printed on the page.
  const profileResult = useMemo(() => (layout.privacy.profile ? readProfileDocument(documents, layout.privacy.profile) : null), [documents, layout.privacy.profile]);
  const data = useMemo(() => (rawData && profileResult?.ok ? withPrivacy(rawData, profileResult.value) : rawData), [rawData, profileResult]);
  const error = dataError ?? (profileResult && !profileResult.ok ? formatAppError(profileResult.error) : null);
  useEffect(() => {
    void loadBrowserFonts().then((f) => setMetrics(createFontMetrics(f)));
  }, []);

  // The preview follows edits after a short pause (a city's streets take a moment to draw).
  const [shown, setShown] = useState(layout);
  useEffect(() => {
    const t = setTimeout(() => setShown(layout), 250);
    return () => clearTimeout(t);
  }, [layout]);
  const preview = useMemo(() => (metrics && data ? renderLayoutSvg(shown, data, metrics, new Date().toISOString().slice(0, 10)) : null), [metrics, data, shown]);
  const legend = useMemo(() => (data ? buildLegend({ ...layout, legend: { ...layout.legend, hidden: [] } }, data) : []), [layout, data]);
  const designs = Object.keys(documents).filter((k) => k.startsWith('designs/')).map((k) => k.slice(8));
  const nameOk = LAYOUT_NAME.test(layout.name);

  const run = async (what: () => Promise<string>) => {
    setBusy(true);
    setStatus('Working…');
    try {
      setStatus(await what());
    } catch (e) {
      setStatus(`Failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };
  const doExport = (format: 'png' | 'pdf') =>
    run(async () => {
      if (!data) return 'The map data is still loading.';
      const pages = atlasPagesFor(atlas, state.project.layers, documents);
      if (typeof pages === 'string') return pages;
      return exportLayout(host, layout, data, format, dpi, pages, (entry) => store.dispatch({ type: 'append-log', entry }));
    });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div className="layout-view" role="dialog" aria-label="Briefing map layout">
      <header className="layout-bar">
        <h2>Briefing map</h2>
        <label className="layout-inline">
          Layout{' '}
          <input type="text" aria-label="Layout name" className={nameOk ? '' : 'invalid'} value={layout.name} onChange={(e) => setLayout({ ...layout, name: e.target.value })} />
        </label>
        {saved.length > 0 && (
          <select aria-label="Saved layouts" value="" onChange={(e) => { const l = saved.find((x) => x.name === e.target.value); if (l) setLayout(l); }}>
            <option value="">Open saved…</option>
            {saved.map((l) => (
              <option key={l.name}>{l.name}</option>
            ))}
          </select>
        )}
        <button type="button" disabled={!nameOk || busy} onClick={() => setStatus(saveLayoutInProject(store, layout))}>
          Save layout
        </button>
        <button type="button" disabled={busy} onClick={() => void run(() => saveTemplate(host, layout))}>
          Save template…
        </button>
        <button type="button" disabled={busy} onClick={() => void run(async () => { const t = await openTemplate(host); if (t === null) return ''; if (typeof t === 'string') return t; setLayout(t); return `Opened template "${t.name}".`; })}>
          Open template…
        </button>
        <span className="layout-spacer" />
        <select aria-label="Privacy profile" value={layout.privacy.profile ?? ''} onChange={(e) => setLayout({ ...layout, privacy: { ...layout.privacy, visible: true, profile: e.target.value || null } })}>
          <option value="">No privacy profile (internal)</option>
          {listProfileNames(documents).map((n) => (
            <option key={n} value={n}>
              Privacy: {n}
            </option>
          ))}
        </select>
        <select aria-label="Resolution" value={dpi} onChange={(e) => setDpi(Number(e.target.value))}>
          <option value={150}>150 dpi</option>
          <option value={300}>300 dpi</option>
        </select>
        <select aria-label="Atlas" value={atlas} onChange={(e) => setAtlas(e.target.value)}>
          <option value="none">One page</option>
          <option value="beats">Atlas: one page per beat</option>
          {designs.map((d) => (
            <option key={d} value={`design:${d}`}>
              Atlas: targets of {d}
            </option>
          ))}
        </select>
        <button type="button" disabled={busy || !data} onClick={() => void doExport('png')}>
          Export PNG
        </button>
        <button type="button" disabled={busy || !data} onClick={() => void doExport('pdf')}>
          Export PDF
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      <div className="layout-body">
        <aside className="layout-side">
          <LayoutForm
            layout={layout}
            onChange={setLayout}
            layers={state.project.layers}
            designs={designs}
            legend={legend}
            onPickLogo={() => void run(async () => { const logo = await pickLogo(host); if (logo === null) return ''; if (typeof logo === 'string') return logo; setLayout({ ...layout, logo: { ...layout.logo, image: logo, visible: true } }); return `Logo ${logo.fileName} added.`; })}
          />
        </aside>
        <main className="layout-stage">
          {(status || error) && (
            <p className="layout-status" role="status" data-testid="layout-status">
              {[error, status].filter(Boolean).join(' ')}
            </p>
          )}
          {preview ? (
            <div className="layout-paper" data-testid="layout-preview" data-scale={preview.page.scaleBar?.ratio ?? ''} dangerouslySetInnerHTML={{ __html: preview.svg }} />
          ) : (
            <p className="progress">Preparing the preview…</p>
          )}
        </main>
      </div>
    </div>
  );
}

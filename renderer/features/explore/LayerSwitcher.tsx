import type { ClassingMethod } from '../../../shared/domain/explore/classing';
import { CLASSING_LABELS } from '../../../shared/domain/explore/classing';
import { METRES_RANGE, type LayerKind, type LayerSettings } from '../../../shared/domain/explore/layer-settings';
import type { GridShape } from '../../../shared/domain/geo/grid';
import type { Store } from '../../state/store';
import { LayerLegend } from './LayerLegend';
import { MetresField } from './metres-field';
import type { ExploreView } from './use-explore';

const KINDS: { kind: LayerKind; label: string }[] = [
  { kind: 'points', label: 'Points' },
  { kind: 'kde', label: 'Kernel density' },
  { kind: 'grid', label: 'Grid counts' },
];

/**
 * "Show incidents as": points, kernel density or grid counts, with the chosen layer's settings
 * and legend. Every change is a map-document edit (saved in the project, undoable).
 */
export function LayerSwitcher({ settings, view, store }: { settings: LayerSettings; view: ExploreView; store: Store }) {
  const set = (layer: LayerSettings) => store.dispatch({ type: 'set-layer', layer });
  const classing = (value: ClassingMethod, classes: number, onChange: (m: ClassingMethod, k: number) => void, id: string) => (
    <>
      <label className="field">
        Classes by
        <select data-testid={`${id}-classing`} value={value} onChange={(e) => onChange(e.target.value as ClassingMethod, classes)}>
          {(Object.keys(CLASSING_LABELS) as ClassingMethod[]).map((m) => (
            <option key={m} value={m}>
              {CLASSING_LABELS[m]}
            </option>
          ))}
        </select>
      </label>
      {value !== 'stddev' && (
        <label className="field">
          Number of classes
          <select value={classes} onChange={(e) => onChange(value, Number(e.target.value))}>
            {[3, 4, 5, 6, 7].map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
      )}
    </>
  );
  return (
    <section className="panel explore-layers">
      <h3>Show incidents as</h3>
      <div className="segmented" role="radiogroup" aria-label="Layer type">
        {KINDS.map(({ kind, label }) => (
          <label key={kind}>
            <input type="radio" name="layer-kind" checked={settings.kind === kind} onChange={() => set({ ...settings, kind })} />
            {label}
          </label>
        ))}
      </div>
      <p className="note">A pixel-radius heat map is not offered: it is not a density estimate. Kernel density is in incidents per km².</p>
      {settings.kind === 'kde' && (
        <div className="layer-settings">
          <label className="field">
            Kernel
            <select value={settings.kde.kernel} onChange={(e) => set({ ...settings, kde: { ...settings.kde, kernel: e.target.value as 'quartic' | 'gaussian' } })}>
              <option value="quartic">Quartic (ArcGIS)</option>
              <option value="gaussian">Gaussian (CrimeStat normal; slower, reaches 5 × radius)</option>
            </select>
          </label>
          <MetresField label="Radius, m" testId="kde-radius" allowDefault value={settings.kde.radius} {...METRES_RANGE} onCommit={(radius) => set({ ...settings, kde: { ...settings.kde, radius } })} />
          <MetresField label="Cell size, m" testId="kde-cell" allowDefault value={settings.kde.cell} {...METRES_RANGE} onCommit={(cell) => set({ ...settings, kde: { ...settings.kde, cell } })} />
          {classing(settings.kde.classing, settings.kde.classes, (m, k) => set({ ...settings, kde: { ...settings.kde, classing: m, classes: k } }), 'kde')}
        </div>
      )}
      {settings.kind === 'grid' && (
        <div className="layer-settings">
          <label className="field">
            Cell shape
            <select data-testid="grid-shape" value={settings.grid.shape} onChange={(e) => set({ ...settings, grid: { ...settings.grid, shape: e.target.value as GridShape } })}>
              <option value="square">Squares</option>
              <option value="hex-pointy">Hexagons</option>
            </select>
          </label>
          <MetresField label="Cell size, m" testId="grid-cell" allowDefault={false} value={settings.grid.cell} {...METRES_RANGE} onCommit={(cell) => cell !== null && set({ ...settings, grid: { ...settings.grid, cell } })} />
          <label className="field">
            Colour cells by
            <select data-testid="grid-statistic" value={settings.grid.statistic ?? 'count'} onChange={(e) => set({ ...settings, grid: { ...settings.grid, statistic: e.target.value as 'count' | 'gistar' } })}>
              <option value="count">Incident counts</option>
              <option value="gistar">Hot spots (Getis-Ord Gi*)</option>
            </select>
          </label>
          {settings.grid.statistic === 'gistar' ? (
            <>
              <MetresField label="Distance band, m" testId="grid-band" allowDefault={false} value={settings.grid.band ?? 2 * settings.grid.cell} {...METRES_RANGE} onCommit={(band) => band !== null && set({ ...settings, grid: { ...settings.grid, band } })} />
              <label className="field-inline">
                <input type="checkbox" checked={settings.grid.fdr ?? false} onChange={(e) => set({ ...settings, grid: { ...settings.grid, fdr: e.target.checked } })} /> False discovery rate correction (Benjamini-Hochberg)
              </label>
            </>
          ) : (
            classing(settings.grid.classing, settings.grid.classes, (m, k) => set({ ...settings, grid: { ...settings.grid, classing: m, classes: k } }), 'grid')
          )}
        </div>
      )}
      {settings.kind !== 'points' && (
        <label className="slider">
          Opacity
          <input type="range" min={0.1} max={1} step={0.05} value={settings.opacity} onChange={(e) => set({ ...settings, opacity: Number(e.target.value) })} />
        </label>
      )}
      {settings.kind !== 'points' && view.busy && <p className="progress" role="status">{view.busy}</p>}
      {settings.kind !== 'points' && view.error && <p className="error" role="alert">{view.error}</p>}
      {settings.kind !== 'points' && view.layer?.kind === settings.kind && <LayerLegend view={view} settings={settings} />}
    </section>
  );
}

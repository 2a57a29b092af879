import type { ClassingMethod } from '../../../shared/domain/explore/classing';
import { CLASSING_LABELS } from '../../../shared/domain/explore/classing';
import { INTENSITY_RANGE, METRES_RANGE, PIXEL_RADIUS_RANGE, type LayerKind, type LayerSettings } from '../../../shared/domain/explore/layer-settings';
import type { GridShape } from '../../../shared/domain/geo/grid';
import type { HostApi } from '../../../shared/contract/host-api';
import { useStore, type Store } from '../../state/store';
import { useChoroplethView } from '../../map/choropleth-view';
import { ChoroplethSettings } from './ChoroplethSettings';
import { LayerLegend } from './LayerLegend';
import { ChoroplethLegend, ClusterLegend, HeatLegend } from './MapLayerLegends';
import { MetresField } from './metres-field';
import type { ExploreView } from './use-explore';

const KINDS: { kind: LayerKind; label: string }[] = [
  { kind: 'points', label: 'Points' },
  { kind: 'clusters', label: 'Clusters' },
  { kind: 'heat', label: 'Heat map (visual)' },
  { kind: 'kde', label: 'Kernel density' },
  { kind: 'grid', label: 'Grid counts' },
  { kind: 'choropleth', label: 'By polygon' },
];

/**
 * "Show incidents as": points, clusters, a visual heat map, kernel density, grid counts or
 * counts by polygon, with the chosen layer's settings and legend. Every change is a
 * map-document edit (saved in the project, undoable).
 */
export function LayerSwitcher({ settings, view, store, host }: { settings: LayerSettings; view: ExploreView; store: Store; host: HostApi }) {
  const set = (layer: LayerSettings) => store.dispatch({ type: 'set-layer', layer });
  const projectLayers = useStore(store, (s) => s.project.layers);
  const choropleth = useChoroplethView(view.points, view.base?.crs ?? null, projectLayers, settings.kind, settings.choropleth);
  const pixels = (label: string, testId: string, value: number, onCommit: (v: number) => void) => (
    <MetresField label={label} testId={testId} allowDefault={false} value={value} {...PIXEL_RADIUS_RANGE} onCommit={(v) => v !== null && onCommit(v)} />
  );
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
            <input type="radio" name="layer-kind" data-testid={`layer-kind-${kind}`} checked={settings.kind === kind} onChange={() => set({ ...settings, kind })} />
            {label}
          </label>
        ))}
      </div>
      {settings.kind === 'clusters' && <div className="layer-settings">{pixels('Cluster radius, screen pixels', 'cluster-radius', settings.clusters.radius, (radius) => set({ ...settings, clusters: { radius } }))}</div>}
      {settings.kind === 'heat' && (
        <div className="layer-settings">
          {pixels('Radius, screen pixels', 'heat-radius', settings.heat.radius, (radius) => set({ ...settings, heat: { ...settings.heat, radius } }))}
          <label className="slider">
            Intensity {settings.heat.intensity.toFixed(1)}
            <input type="range" data-testid="heat-intensity" min={INTENSITY_RANGE.min} max={3} step={0.1} value={settings.heat.intensity} onChange={(e) => set({ ...settings, heat: { ...settings.heat, intensity: Number(e.target.value) } })} />
          </label>
        </div>
      )}
      {settings.kind === 'choropleth' && <ChoroplethSettings settings={settings} view={choropleth} layers={projectLayers} onChange={set} />}
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
      {settings.kind !== 'points' && settings.kind !== 'clusters' && (
        <label className="slider">
          Opacity
          <input type="range" min={0.1} max={1} step={0.05} value={settings.opacity} onChange={(e) => set({ ...settings, opacity: Number(e.target.value) })} />
        </label>
      )}
      {(settings.kind === 'kde' || settings.kind === 'grid') && view.busy && <p className="progress" role="status">{view.busy}</p>}
      {(settings.kind === 'kde' || settings.kind === 'grid') && view.error && <p className="error" role="alert">{view.error}</p>}
      {(settings.kind === 'kde' || settings.kind === 'grid') && view.layer?.kind === settings.kind && <LayerLegend view={view} settings={settings} host={host} />}
      {settings.kind === 'clusters' && <ClusterLegend settings={settings} />}
      {settings.kind === 'heat' && <HeatLegend settings={settings} />}
      {settings.kind === 'choropleth' && choropleth && !choropleth.ok && <p className="error" role="alert">{choropleth.error}</p>}
      {settings.kind === 'choropleth' && choropleth?.ok && <ChoroplethLegend view={choropleth} settings={settings} />}
    </section>
  );
}

import { CLASSING_LABELS } from '../../../shared/domain/explore/classing';
import type { LayerSettings } from '../../../shared/domain/explore/layer-settings';
import { HEAT_RAMP } from '../../../shared/domain/explore/screen-heat';
import type { ChoroplethView } from '../../map/choropleth-view';
import { CLUSTER_MAX_ZOOM } from '../../map/use-incident-layers';
import { clusterRadius } from '../../map/cluster-layer';
import './map-layers.css';

const num = (v: number, digits = 0) => v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const rgb = (c: readonly number[]) => `rgb(${c[0]},${c[1]},${c[2]})`;

function fmt(v: number): string {
  if (v === 0) return '0';
  return num(v, Math.max(0, Math.min(3, 2 - Math.floor(Math.log10(Math.abs(v))))));
}

/** Clustered points: what a circle means and how to split it. */
export function ClusterLegend({ settings }: { settings: LayerSettings }) {
  return (
    <div className="layer-legend" data-testid="layer-legend">
      <p className="note">
        Clustered points: incidents within {num(settings.clusters.radius)} screen pixels of each other are drawn as one circle with their count (its
        area grows with the count). Clusters split as you zoom in; click one to zoom to it. Beyond zoom {CLUSTER_MAX_ZOOM} every incident is shown on its
        own, in its offense-group colour; click a point to identify it.
      </p>
      <ul className="legend cluster-sizes" aria-label="Cluster sizes">
        {[2, 10, 50].map((n) => (
          <li key={n}>
            <span className="cluster-swatch" style={{ width: 2 * clusterRadius(n), height: 2 * clusterRadius(n) }} />
            <span className="legend-label">{num(n)} incidents</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Screen heat map: labelled as a picture, not a measurement. */
export function HeatLegend({ settings }: { settings: LayerSettings }) {
  return (
    <div className="layer-legend" data-testid="layer-legend">
      <p className="note heat-warning" data-testid="heat-warning">
        <strong>Visual heat map — not a density estimate.</strong> Each incident is blurred over {num(settings.heat.radius)} screen pixels (Gaussian),
        intensity {num(settings.heat.intensity, 1)}; the colours are relative to the hottest spot on screen and change with zoom. For numbers, use
        Kernel density (incidents per km²).
      </p>
      <div className="heat-ramp" aria-label="Heat colours, cooler to hotter" style={{ background: `linear-gradient(to right, ${HEAT_RAMP.map(rgb).join(', ')})` }} />
      <div className="heat-ramp-labels">
        <span>fewer</span>
        <span>more (on screen)</span>
      </div>
    </div>
  );
}

/** Counts by polygon: the layer, the rate, the classes with their ranges and unit counts. */
export function ChoroplethLegend({ view, settings }: { view: ChoroplethView; settings: LayerSettings }) {
  if (!view.ok) return null;
  const d = view.data;
  const lower = (i: number) => (i === 0 ? Math.min(...Array.from(d.values).filter(Number.isFinite)) : (d.breaks[i - 1] as number));
  const classing = settings.choropleth.classing === 'equal' ? 'Equal intervals' : CLASSING_LABELS[settings.choropleth.classing];
  return (
    <div className="layer-legend" data-testid="layer-legend">
      <p className="note">
        {d.label} by polygon of “{view.layer.meta.name}” ({num(d.names.length)} polygons; {num(d.points - d.outside)} incidents inside,{' '}
        {num(d.outside)} outside every polygon). Each incident counts in the first polygon that contains it. {classing}; areas are planar in the analysis
        CRS.
      </p>
      <ul className="legend" aria-label="Choropleth classes">
        {d.colors.map((c, i) => (
          <li key={i}>
            <span className="swatch square" style={{ background: rgb(c) }} />
            <span className="legend-label">
              {i === 0 ? fmt(lower(0)) : `> ${fmt(lower(i))}`} – {fmt(d.breaks[i] as number)}
            </span>
            <span className="legend-count">{num(d.classCounts[i] ?? 0)} polygons</span>
          </li>
        ))}
        {(d.classCounts[d.breaks.length] ?? 0) > 0 && (
          <li>
            <span className="swatch square" style={{ background: 'rgba(170,170,170,0.45)' }} />
            <span className="legend-label">No rate (denominator missing or 0)</span>
            <span className="legend-count">{num(d.classCounts[d.breaks.length] ?? 0)} polygons</span>
          </li>
        )}
      </ul>
      <p className="note" data-testid="layer-timing">Counted in {num(view.ms)} ms.</p>
    </div>
  );
}

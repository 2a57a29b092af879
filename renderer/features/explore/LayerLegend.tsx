import { useState } from 'react';
import { CLASSING_LABELS } from '../../../shared/domain/explore/classing';
import { HOT_SPOT_COLORS } from '../../../shared/domain/explore/grid-layer';
import type { LayerSettings } from '../../../shared/domain/explore/layer-settings';
import type { HostApi } from '../../../shared/contract/host-api';
import type { KdeLayerData } from '../../../shared/domain/explore/density-layer';
import { formatAppError } from '../../../shared/base/errors';
import { encodeGeoTiff } from '../../../shared/domain/geo/geotiff-write';
import type { ExploreView } from './use-explore';

/**
 * Saves the density surface shown as a Float32 GeoTIFF in the analysis CRS (incidents per km²,
 * the same cells as on the map), through the host's save dialog or a browser download.
 */
async function saveKdeGeoTiff(host: HostApi, d: KdeLayerData, setStatus: (s: string) => void): Promise<void> {
  const tif = encodeGeoTiff({
    width: d.width,
    height: d.height,
    values: d.density,
    west: d.origin[0],
    north: d.origin[1],
    cellX: d.cell,
    cellY: d.cell,
    crs: d.crs,
    description: `Kernel density (${d.kernel}), incidents per km2, radius ${d.radius} m, cell ${d.cell} m`,
  });
  if (!tif.ok) return setStatus(formatAppError(tif.error));
  const saved = await host.saveFile({ suggestedName: 'density.tif', bytes: tif.value as Uint8Array<ArrayBuffer>, filters: [{ name: 'GeoTIFF', extensions: ['tif'] }] });
  setStatus(saved.ok ? (saved.value.saved ? 'Saved the GeoTIFF.' : '') : formatAppError(saved.error));
}

const num = (v: number, digits = 0) => v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const rgb = (c: readonly number[]) => `rgb(${c[0]},${c[1]},${c[2]})`;

/** Significant digits that keep neighbouring class bounds apart. */
function fmtBreak(v: number): string {
  if (v === 0) return '0';
  const digits = Math.max(0, Math.min(3, 2 - Math.floor(Math.log10(Math.abs(v)))));
  return num(v, digits);
}

/** Integer counts c with lo < c <= hi, as "a – b" (or "a" for one value). */
function countRange(lo: number, hi: number): string {
  const a = Math.floor(lo) + 1;
  const b = Math.floor(hi);
  return a >= b ? num(b) : `${num(a)} – ${num(b)}`;
}

/** On a weighted combination: says the layer is weighted and gives the weighted total (testid layer-weighted). */
function WeightedNote({ weighted }: { weighted: { total: number } | undefined }) {
  if (!weighted) return null;
  return (
    <p className="note" data-testid="layer-weighted">
      Weighted: each record counts its source&apos;s weight (source_weight of the combination); weighted total {num(weighted.total, 2)}.
    </p>
  );
}

/**
 * Legend of the density or grid layer: what was computed (kernel, radius, cell, units, CRS,
 * classing) and one swatch per class with its range, so a printed map can be audited.
 */
const HOT_SPOT_LABELS: Record<number, string> = {
  3: 'Hot spot, 99% confidence',
  2: 'Hot spot, 95% confidence',
  1: 'Hot spot, 90% confidence',
  0: 'Not significant',
  [-1]: 'Cold spot, 90% confidence',
  [-2]: 'Cold spot, 95% confidence',
  [-3]: 'Cold spot, 99% confidence',
};

export function LayerLegend({ view, settings, host }: { view: ExploreView; settings: LayerSettings; host?: HostApi }) {
  const [status, setStatus] = useState('');
  const layer = view.layer;
  if (!layer) return null;
  const breaks = layer.data.breaks;
  const lower = (i: number) => (i === 0 ? 0 : (breaks[i - 1] as number));
  const classing = layer.kind === 'kde' ? settings.kde.classing : settings.grid.classing;
  if (layer.kind === 'grid' && layer.data.hotSpots) {
    const hs = layer.data.hotSpots;
    return (
      <div className="layer-legend" data-testid="layer-legend">
        <p className="note">
          Getis-Ord Gi* of incidents per {layer.data.shape === 'square' ? 'square' : 'hexagon'} cell ({num(layer.data.cell)} m, {num(layer.data.cells)} cells, empty
          cells included) in {layer.data.crs}: binary weights within {num(hs.band)} m of a cell&apos;s centre, the cell itself included; two-sided normal p
          {hs.fdr ? ', Benjamini-Hochberg adjusted' : ''}. Bins: 99% p &lt; .01, 95% p &lt; .05, 90% p &lt; .10. Hot spots are places with more incidents
          around them than chance would give; they are not a forecast.
        </p>
        <WeightedNote weighted={layer.data.weighted} />
        <ul className="legend" aria-label="Hot spot bins">
          {[3, 2, 1, 0, -1, -2, -3].map((b) => (
            <li key={b}>
              <span className="swatch square" style={{ background: rgb(HOT_SPOT_COLORS[b] as readonly [number, number, number]) }} />
              <span className="legend-label">{HOT_SPOT_LABELS[b]}</span>
              <span className="legend-count">{num(hs.binCounts[String(b)] ?? 0)} cells</span>
            </li>
          ))}
        </ul>
        <p className="note" data-testid="layer-timing">Computed off the UI thread in {num(layer.ms)} ms.</p>
      </div>
    );
  }
  return (
    <div className="layer-legend" data-testid="layer-legend">
      {layer.kind === 'kde' ? (
        <p className="note">
          Kernel density, {layer.data.kernel} kernel ({layer.data.kernel === 'quartic' ? '3/(πr²)·(1−d²/r²)²' : 'exp(−d²/2h²)/(2πh²)'}), radius{' '}
          {num(layer.data.radius)} m{layer.data.radiusSource === 'arcgis-default' ? ' (ArcGIS default rule)' : ''}, cell {num(layer.data.cell, 1)} m
          {layer.data.cellSource === 'arcgis-default' ? ' (extent/250)' : ''}, in {layer.data.crs}.{' '}
          {layer.data.weighted ? `Weighted records per km², ${num(layer.data.points)} records.` : `Incidents per km², ${num(layer.data.points)} incidents.`}
          {' '}{CLASSING_LABELS[classing]} of cells with density above 0; zero cells are clear.
        </p>
      ) : (
        <p className="note">
          {layer.data.shape === 'square' ? 'Square' : 'Hexagon'} grid, cell {num(layer.data.cell)} m ({num(layer.data.cellArea / 1e6, 3)} km²) in {layer.data.crs}:{' '}
          {layer.data.weighted ? 'weighted records' : 'incidents'} per cell, {num(layer.data.cells)} cells, {num(layer.data.nonEmpty)} with incidents.
          {' '}{CLASSING_LABELS[classing]} of the cells with incidents; empty cells are faint grey.
        </p>
      )}
      <WeightedNote weighted={layer.data.weighted} />
      <ul className="legend" aria-label="Layer classes">
        {layer.kind === 'grid' && (
          <li>
            <span className="swatch square" style={{ background: 'rgba(128,128,128,0.2)' }} />
            <span className="legend-label">0</span>
            <span className="legend-count">{num(layer.data.cells - layer.data.nonEmpty)} cells</span>
          </li>
        )}
        {layer.data.colors.map((c, i) => (
          <li key={i}>
            <span className="swatch square" style={{ background: rgb(c) }} />
            <span className="legend-label">
              {layer.kind === 'kde'
                ? `${i === 0 ? '> 0' : fmtBreak(lower(i))} – ${fmtBreak(breaks[i] as number)} per km²`
                : layer.data.weighted
                  ? `${i === 0 ? '> 0' : `> ${fmtBreak(lower(i))}`} – ${fmtBreak(breaks[i] as number)}`
                  : countRange(i === 0 ? 0 : lower(i), breaks[i] as number)}
            </span>
          </li>
        ))}
      </ul>
      <p className="note" data-testid="layer-timing">Computed off the UI thread in {num(layer.ms)} ms.</p>
      {layer.kind === 'kde' && host && (
        <p className="layer-export">
          <button type="button" data-testid="kde-save-tif" onClick={() => void saveKdeGeoTiff(host, layer.data, setStatus)} title="Float32 GeoTIFF in the analysis CRS, incidents per km², for GIS">
            Save surface as GeoTIFF (.tif)…
          </button>{' '}
          {status && <span role="status">{status}</span>}
        </p>
      )}
    </div>
  );
}

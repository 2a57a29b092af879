import { useMemo } from 'react';
import { countBySource, type SourceWeights } from '../../../shared/domain/explore/point-weights';
import type { DatasetView } from '../../state/app-state';
import type { Store } from '../../state/store';
import type { ExploreView } from '../explore/use-explore';
import { sourceColor } from './source-points';
import './datasets.css';

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

/**
 * The points legend of a weighted combination: one row per source dataset with its colour, its
 * weight, its points on the map (after the filters) and their weighted sum, plus the dataset
 * facts and the point size, in place of the offense-group legend.
 */
export function SourceLegend(props: { dataset: DatasetView; sources: SourceWeights; view: ExploreView; pointRadius: number; store: Store }) {
  const { dataset, sources, view, pointRadius, store } = props;
  const rowId = view.points?.rowId ?? dataset.points.rowId;
  const counts = useMemo(() => countBySource(rowId, sources), [rowId, sources]);
  const total = counts.weighted.reduce((a, b) => a + b, 0);
  return (
    <section className="panel source-legend" data-testid="source-legend">
      <h2>{dataset.name}</h2>
      <dl className="facts" data-testid="dataset-facts">
        <dt>Rows</dt>
        <dd>{fmt(dataset.rows)}</dd>
        <dt>On the map</dt>
        <dd>{fmt(dataset.points.lon.length)}</dd>
        <dt>No usable coordinates</dt>
        <dd>{fmt(dataset.rows - dataset.points.lon.length)}</dd>
      </dl>
      <h3 data-testid="legend-kind">Records by source (weighted)</h3>
      <ul className="legend" aria-label="Legend">
        {sources.sources.map((s, i) => {
          const [r, g, b] = sourceColor(i);
          return (
            <li key={s.dataset} data-testid="source-legend-row" className="source-legend-row">
              <span className="swatch" style={{ background: `rgb(${r},${g},${b})` }} />
              <span className="legend-label">
                {s.dataset} × {fmt(s.weight, 6)}
              </span>{' '}
              <span className="legend-count" title={`${fmt(counts.points[i] ?? 0)} points on the map × ${fmt(s.weight, 6)}`}>
                {fmt(counts.points[i] ?? 0)} pts → {fmt(counts.weighted[i] ?? 0, 2)}
              </span>
            </li>
          );
        })}
      </ul>
      <p className="note" data-testid="source-legend-total">
        Weighted total on the map: {fmt(total, 2)}. Grid, density and heat layers weigh each record by its source&apos;s weight.
      </p>
      <label className="slider">
        Point size
        <input type="range" min={1} max={8} step={0.5} value={pointRadius} onChange={(e) => store.dispatch({ type: 'set-radius', pixels: Number(e.target.value) })} />
      </label>
    </section>
  );
}

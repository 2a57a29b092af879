import { useMemo } from 'react';
import { countBySource, type SourceWeights } from '../../../shared/domain/explore/point-weights';
import type { DatasetView } from '../../state/app-state';
import { useStore, type Store } from '../../state/store';
import type { ExploreView } from '../explore/use-explore';
import { sourceColor } from './source-points';
import './datasets.css';

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

/** The project document listing the source datasets whose points the map hides: `{ datasets: string[] }`. */
export const HIDDEN_SOURCES_DOC = 'legend/hidden-sources';

/** The dataset ids hidden on the map (document {@link HIDDEN_SOURCES_DOC}; none when missing or malformed). */
export function hiddenSourceIds(documents: Readonly<Record<string, unknown>>): readonly string[] {
  const v = documents[HIDDEN_SOURCES_DOC] as { datasets?: unknown } | undefined;
  return Array.isArray(v?.datasets) ? v.datasets.filter((d): d is string => typeof d === 'string') : [];
}

/**
 * hidden[i] for `sources.sources[i]` (null when no combination is shown): whether the map leaves
 * that source's points off. Only the points: counts, totals and analyses keep every source.
 */
export function hiddenSourceFlags(documents: Readonly<Record<string, unknown>>, sources: SourceWeights | null): boolean[] | null {
  if (!sources) return null;
  const hidden = hiddenSourceIds(documents);
  return sources.sources.map((s) => hidden.includes(s.dataset));
}

/**
 * The points legend of a weighted combination: one row per source dataset with its colour, its
 * weight, its points on the map (after the filters) and their weighted sum, and a checkbox to
 * show or hide that source's points on the map (document {@link HIDDEN_SOURCES_DOC}, undoable;
 * the counts and the weighted total still include hidden sources, as every analysis does), plus
 * the dataset facts and the point size, in place of the offense-group legend.
 */
export function SourceLegend(props: { dataset: DatasetView; sources: SourceWeights; view: ExploreView; pointRadius: number; store: Store }) {
  const { dataset, sources, view, pointRadius, store } = props;
  const hiddenDoc = useStore(store, (s) => s.doc.documents[HIDDEN_SOURCES_DOC]);
  const hidden = hiddenSourceIds({ [HIDDEN_SOURCES_DOC]: hiddenDoc });
  const toggle = (id: string) => {
    const next = hidden.includes(id) ? hidden.filter((d) => d !== id) : [...hidden, id];
    store.dispatch({ type: 'set-document', path: HIDDEN_SOURCES_DOC, value: next.length ? { datasets: next } : undefined });
  };
  const anyHidden = sources.sources.some((s) => hidden.includes(s.dataset));
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
          const off = hidden.includes(s.dataset);
          return (
            <li key={s.dataset} data-testid="source-legend-row" className={off ? 'source-legend-row source-hidden' : 'source-legend-row'}>
              <input type="checkbox" checked={!off} aria-label={`Show ${s.dataset} points on the map`} onChange={() => toggle(s.dataset)} />
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
      <p className="note" data-testid="source-legend-hidden">
        {anyHidden ? 'Some sources are hidden: their points are left off the map only; ' : 'Untick a source to hide its points on the map only; '}
        the counts above, the weighted total and every analysis still include all sources.
      </p>
      <label className="slider">
        Point size
        <input type="range" min={1} max={8} step={0.5} value={pointRadius} onChange={(e) => store.dispatch({ type: 'set-radius', pixels: Number(e.target.value) })} />
      </label>
    </section>
  );
}

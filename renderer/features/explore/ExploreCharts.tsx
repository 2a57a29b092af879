import { useState } from 'react';
import type { TimeWeighting } from '../../../shared/domain/explore/chart-queries';
import type { ExploreFilter } from '../../../shared/domain/explore/filters';
import type { LayerSettings } from '../../../shared/domain/explore/layer-settings';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { DatasetView } from '../../state/app-state';
import type { Store } from '../../state/store';
import { HourDowGrid } from './HourDowGrid';
import { RankedChart } from './RankedChart';
import './ranked.css';
import { TimeHistogram } from './TimeHistogram';
import { useAoristicCharts } from './use-aoristic-charts';
import './aoristic.css';
import type { ExploreView } from './use-explore';

/**
 * The chart strip under the map: time histogram (with a rolling average), hour x day grid and a
 * ranked chart (top offenses, top addresses or counts by beat), all acting as filters.
 * The strip has a fixed height and is there from the start, so the map is not resized (and its
 * fitted view cropped) when the charts arrive. With `engine`, `dataset` and `sqlFilter` given,
 * a toggle switches both charts between counting each incident once at its occurred-from time
 * and spreading it over its occurred-from..to window (aoristic, 7-day cap).
 */
export function ExploreCharts({ view, filter, layer, store, engine, dataset, sqlFilter }: { view: ExploreView; filter: ExploreFilter; layer: LayerSettings; store: Store; engine?: Promise<SqlEngine>; dataset?: DatasetView | null; sqlFilter?: ExploreFilter }) {
  const [weighting, setWeighting] = useState<TimeWeighting>('from');
  const canSpread = engine !== undefined && dataset !== undefined && sqlFilter !== undefined;
  const aoristic = useAoristicCharts(engine ?? NO_ENGINE, dataset ?? null, sqlFilter ?? filter, layer.timeBucket, canSpread ? weighting : 'from');
  if (!view.histogram && !view.hourDow) {
    return (
      <section className="explore-charts" aria-label="Charts">
        <p className="note">{view.base && !view.base.columns ? 'No occurred date column: no time charts for this table.' : 'Counting incidents over time…'}</p>
      </section>
    );
  }
  const setFilter = (patch: Partial<ExploreFilter>) => store.dispatch({ type: 'set-filter', filter: { ...filter, ...patch } });
  const spread = weighting === 'aoristic';
  const histogram = spread && aoristic.histogram ? aoristic.histogram : view.histogram;
  const hourDow = spread && aoristic.hourDow ? aoristic.hourDow.counts : view.hourDow;
  const toggle = canSpread ? (
    <label className="weighting-toggle" title="Aoristic (Ratcliffe 2000): an incident known only to have happened between occurred-from and occurred-to counts 1/k in each of the k clock hours of that window (at most 7 days)">
      <input type="checkbox" checked={spread} onChange={(e) => setWeighting(e.target.checked ? 'aoristic' : 'from')} data-testid="aoristic-toggle" />
      aoristic{spread && aoristic.busy ? ' …' : ''}
    </label>
  ) : null;
  const note = spread && aoristic.histogram && !aoristic.hasWindow ? 'no occurred-to column: each incident at its from hour' : null;
  return (
    <section className={canSpread ? 'explore-charts with-ranked' : 'explore-charts'} aria-label="Charts">
      {histogram && (
        <TimeHistogram
          histogram={histogram}
          // The bars highlight the dates the SQL runs with: a playback window shows as it moves.
          filter={sqlFilter ? { ...filter, dateFrom: sqlFilter.dateFrom, dateTo: sqlFilter.dateTo } : filter}
          onDates={(dateFrom, dateTo) => setFilter({ dateFrom, dateTo })}
          onBucket={(timeBucket) => store.dispatch({ type: 'set-layer', layer: { ...layer, timeBucket } })}
        />
      )}
      {hourDow && (
        <HourDowGrid
          counts={hourDow}
          filter={filter}
          weighting={spread && aoristic.hourDow ? 'aoristic' : 'from'}
          capped={spread ? (aoristic.hourDow?.capped ?? 0) : 0}
          note={note}
          toggle={toggle}
          onSelect={(daysOfWeek, hours) => setFilter({ daysOfWeek, hours })}
        />
      )}
      {canSpread && <RankedChart engine={engine} dataset={dataset} base={view.base} filter={filter} sqlFilter={sqlFilter} onFilter={(f) => store.dispatch({ type: 'set-filter', filter: f })} />}
    </section>
  );
}

const NO_ENGINE = new Promise<SqlEngine>(() => undefined);

import type { ExploreFilter } from '../../../shared/domain/explore/filters';
import type { LayerSettings } from '../../../shared/domain/explore/layer-settings';
import type { Store } from '../../state/store';
import { HourDowGrid } from './HourDowGrid';
import { TimeHistogram } from './TimeHistogram';
import type { ExploreView } from './use-explore';

/**
 * The chart strip under the map: time histogram and hour x day grid, both acting as filters.
 * The strip has a fixed height and is there from the start, so the map is not resized (and its
 * fitted view cropped) when the charts arrive.
 */
export function ExploreCharts({ view, filter, layer, store }: { view: ExploreView; filter: ExploreFilter; layer: LayerSettings; store: Store }) {
  if (!view.histogram && !view.hourDow) {
    return (
      <section className="explore-charts" aria-label="Charts">
        <p className="note">{view.base && !view.base.columns ? 'No occurred date column: no time charts for this table.' : 'Counting incidents over time…'}</p>
      </section>
    );
  }
  const setFilter = (patch: Partial<ExploreFilter>) => store.dispatch({ type: 'set-filter', filter: { ...filter, ...patch } });
  return (
    <section className="explore-charts" aria-label="Charts">
      {view.histogram && (
        <TimeHistogram
          histogram={view.histogram}
          filter={filter}
          onDates={(dateFrom, dateTo) => setFilter({ dateFrom, dateTo })}
          onBucket={(timeBucket) => store.dispatch({ type: 'set-layer', layer: { ...layer, timeBucket } })}
        />
      )}
      {view.hourDow && <HourDowGrid counts={view.hourDow} filter={filter} onSelect={(daysOfWeek, hours) => setFilter({ daysOfWeek, hours })} />}
    </section>
  );
}

import { EMPTY_FILTER, isEmptyFilter, type ExploreFilter } from '../../../shared/domain/explore/filters';
import type { Store } from '../../state/store';
import { FieldFilterEditor } from './FieldFilterEditor';
import { FilterChips } from './FilterChips';
import './filters.css';
import type { ExploreView } from './use-explore';

/** Day labels in DuckDB `dayofweek` order (0 = Sunday). */
export const DAY_LABELS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

const fmt = (n: number) => n.toLocaleString('en-US');

/** Adds or removes `v` from an optional list filter; a list holding every value becomes null. */
export function toggleInList(list: readonly number[] | null, v: number, all: number): readonly number[] | null {
  const current = list ?? Array.from({ length: all }, (_, i) => i);
  const next = current.includes(v) ? current.filter((x) => x !== v) : [...current, v].sort((a, b) => a - b);
  return next.length === all ? null : next;
}

/** First and last hour of a (possibly midnight-wrapping) hour list; 0..23 for none. */
export function hourRange(hours: readonly number[] | null): { from: number; to: number } {
  if (!hours || hours.length === 0) return { from: 0, to: 23 };
  const set = new Set(hours);
  const from = hours.find((h) => !set.has((h + 23) % 24)) ?? (hours[0] as number);
  const to = hours.find((h) => !set.has((h + 1) % 24)) ?? (hours.at(-1) as number);
  return { from, to };
}

/**
 * The filters shared by the map, the counts and the charts: date range, day of week, hour of day,
 * beat, conditions on any field and the drawn area (drawn with the map's "Draw area" tool; offense
 * groups are the legend's toggles), with the filtered count always shown.
 */
export function FilterPanel({ filter, view, totalRows, store, noun = 'incidents' }: { filter: ExploreFilter; view: ExploreView; totalRows: number; store: Store; noun?: string }) {
  const set = (patch: Partial<ExploreFilter>) => store.dispatch({ type: 'set-filter', filter: { ...filter, ...patch } });
  const { from: hourFrom, to: hourTo } = hourRange(filter.hours);
  const setHours = (from: number, to: number) =>
    set({ hours: from === 0 && to === 23 ? null : from <= to ? Array.from({ length: to - from + 1 }, (_, i) => from + i) : [...Array.from({ length: 24 - from }, (_, i) => from + i), ...Array.from({ length: to + 1 }, (_, i) => i)] });
  const noDates = view.base !== null && view.base.columns === null;
  return (
    <section className="panel explore-filters">
      <p className="filtered-count" data-testid="filtered-count" role="status">
        {view.count === null ? 'Counting…' : `${fmt(view.count)} of ${fmt(totalRows)} ${noun}`}
        {view.points && view.count !== null ? ` · ${fmt(view.points.lon.length)} on the map` : ''}
      </p>
      {view.base?.warning && (
        <p className="error" role="alert" data-testid="explore-warning">
          {view.base.warning}
        </p>
      )}
      {view.queryError && (
        <p className="error" role="alert">
          {view.queryError}
        </p>
      )}
      <h3>Filters</h3>
      <FilterChips filter={filter} onChange={(f) => store.dispatch({ type: 'set-filter', filter: f })} />
      {noDates && <p className="note">This table has no occurred date or offense code column the filters recognise.</p>}
      <div className="filter-dates">
        <label className="field">
          From
          <input type="date" data-testid="filter-date-from" value={filter.dateFrom ?? ''} onChange={(e) => set({ dateFrom: e.target.value || null })} />
        </label>
        <label className="field">
          To
          <input type="date" data-testid="filter-date-to" value={filter.dateTo ?? ''} onChange={(e) => set({ dateTo: e.target.value || null })} />
        </label>
      </div>
      <div className="toggle-row" role="group" aria-label="Day of week">
        {DAY_LABELS.map((d, i) => {
          const on = filter.daysOfWeek === null || filter.daysOfWeek.includes(i);
          return (
            <button key={d} type="button" className={on ? 'toggle on' : 'toggle'} aria-pressed={on} onClick={() => set({ daysOfWeek: toggleInList(filter.daysOfWeek, i, 7) })}>
              {d}
            </button>
          );
        })}
      </div>
      <div className="filter-hours">
        <label className="field">
          Hours from
          <select data-testid="filter-hour-from" value={hourFrom} onChange={(e) => setHours(Number(e.target.value), hourTo)}>
            {Array.from({ length: 24 }, (_, h) => (
              <option key={h} value={h}>{`${String(h).padStart(2, '0')}:00`}</option>
            ))}
          </select>
        </label>
        <label className="field">
          to
          <select data-testid="filter-hour-to" value={hourTo} onChange={(e) => setHours(hourFrom, Number(e.target.value))}>
            {Array.from({ length: 24 }, (_, h) => (
              <option key={h} value={h}>{`${String(h).padStart(2, '0')}:59`}</option>
            ))}
          </select>
        </label>
      </div>
      {view.base && view.base.beats.length > 0 && (
        <label className="field">
          Beat
          <select data-testid="filter-beat" value={filter.beats?.[0] ?? ''} onChange={(e) => set({ beats: e.target.value ? [e.target.value] : null })}>
            <option value="">All beats</option>
            {view.base.beats.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </label>
      )}
      {view.base && view.base.fields.length > 0 && <FieldFilterEditor fields={view.base.fields} onAdd={(f) => set({ fields: [...(filter.fields ?? []), f] })} />}
      <button type="button" disabled={isEmptyFilter(filter)} onClick={() => store.dispatch({ type: 'set-filter', filter: EMPTY_FILTER })}>
        Clear filters
      </button>
      <p className="note">Dates, days and hours are of “Occurred From”; rows whose date cannot be read drop out when any of these is set.</p>
    </section>
  );
}

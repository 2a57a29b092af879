import type { DatasetView } from '../../state/app-state';
import type { Store } from '../../state/store';
import { GROUP_COLORS, GROUP_LABELS } from '../../map/group-colors';

const fmt = (n: number) => n.toLocaleString('en-US');

/** "incidents" -> "Incidents", "field-interviews" -> "Field interviews": the legend's heading. */
const kindTitle = (kind: string) => (kind.charAt(0).toUpperCase() + kind.slice(1)).replace(/[-_]/g, ' ');

/** Dataset summary and the points legend: one row per offense group, with its count and a toggle. */
export function LegendPanel(props: { dataset: DatasetView; visibleGroups: readonly boolean[]; pointRadius: number; store: Store }) {
  const { dataset, visibleGroups, pointRadius, store } = props;
  const mapped = dataset.points.lon.length;
  const notMapped = dataset.rows - mapped;
  return (
    <section className="panel">
      <h2>{dataset.name}</h2>
      <dl className="facts" data-testid="dataset-facts">
        <dt>Rows</dt>
        <dd>{fmt(dataset.rows)}</dd>
        <dt>On the map</dt>
        <dd>{fmt(mapped)}</dd>
        <dt>No usable coordinates</dt>
        <dd title="Missing, zero or out-of-range coordinates. Swapped latitude/longitude pairs are swapped back and shown.">{fmt(notMapped)}</dd>
      </dl>
      <h3 data-testid="legend-kind">{kindTitle(dataset.stored?.meta.kind ?? dataset.imported?.kind ?? 'incidents')} by offense group</h3>
      <ul className="legend" aria-label="Legend">
        {GROUP_LABELS.map((label, i) => {
          const count = dataset.countsByGroup[i] ?? 0;
          if (count === 0) return null;
          const [r, g, b] = GROUP_COLORS[i] ?? [0, 0, 0];
          return (
            <li key={label}>
              <label>
                <input
                  type="checkbox"
                  checked={visibleGroups[i] ?? false}
                  onChange={() => store.dispatch({ type: 'toggle-group', index: i })}
                />
                <span className="swatch" style={{ background: `rgb(${r},${g},${b})` }} />
                <span className="legend-label">{label}</span>
                <span className="legend-count">{fmt(count)}</span>
              </label>
            </li>
          );
        })}
      </ul>
      <label className="slider">
        Point size
        <input
          type="range"
          min={1}
          max={8}
          step={0.5}
          value={pointRadius}
          onChange={(e) => store.dispatch({ type: 'set-radius', pixels: Number(e.target.value) })}
        />
      </label>
      <p className="note">Points are drawn where the export's coordinates put them. Offense groups follow the NIBRS dictionary; click a point to see its record.</p>
    </section>
  );
}

import { CHANGE_COLORS, changeClassLabels, type ChangeMapData } from '../../../shared/domain/explore/compstat-change-map';

const CELL_SIZES = [250, 500, 1000, 2000] as const;

/**
 * The change map's switch, cell size and legend: five diverging classes of the change (scaled to
 * the current period's length), with how many cells are in each and how many changed
 * significantly by the exact test (outlined on the map).
 */
export function ChangeMapLegend(props: { on: boolean; cell: number; data: ChangeMapData | null; error: string | null; onToggle: (on: boolean) => void; onCell: (m: number) => void }) {
  const { on, cell, data, error, onToggle, onCell } = props;
  const labels = data ? changeClassLabels(data.threshold) : [];
  return (
    <div className="change-map" data-testid="change-map-legend">
      <div className="change-map-controls">
        <label>
          <input type="checkbox" checked={on} onChange={(e) => onToggle(e.target.checked)} data-testid="change-map-toggle" /> Change map
        </label>
        <label className="field-inline">
          cells
          <select value={cell} onChange={(e) => onCell(Number(e.target.value))} aria-label="Change map cell size" disabled={!on}>
            {CELL_SIZES.map((m) => <option key={m} value={m}>{m >= 1000 ? `${m / 1000} km` : `${m} m`}</option>)}
          </select>
        </label>
      </div>
      {on && error && <p className="error" role="alert">Change map: {error}</p>}
      {on && data && (
        <>
          <ul className="change-map-classes">
            {CHANGE_COLORS.map((c, i) => (
              <li key={i}>
                <span className="swatch" style={{ background: `rgb(${c.join(',')})` }} />
                {labels[i]} <span className="note">({data.classCounts[i]})</span>
              </li>
            ))}
            <li>
              <span className="swatch swatch-outline" /> significant (p &lt; {data.alpha}): {data.rises} up, {data.falls} down
            </li>
          </ul>
          <p className="note">
            {data.cells.toLocaleString('en-US')} cells of {data.cellSize} m with an incident in either period. Change = now − before × (days now / days before). Faded cells: the change could be chance.
          </p>
        </>
      )}
    </div>
  );
}

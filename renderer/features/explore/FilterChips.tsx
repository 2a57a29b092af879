import { describeFieldFilter } from '../../../shared/domain/explore/area-field-filters';
import type { ExploreFilter } from '../../../shared/domain/explore/filters';

/**
 * Chips for the drawn area and each any-field condition, each with a × that removes it (one
 * undoable filter change). Nothing when neither is set.
 */
export function FilterChips({ filter, onChange }: { filter: ExploreFilter; onChange: (f: ExploreFilter) => void }) {
  const fields = filter.fields ?? [];
  if (!filter.polygon && fields.length === 0) return null;
  return (
    <ul className="filter-chips" aria-label="Active area and field filters">
      {filter.polygon && (
        <li className="chip" data-testid="chip-area">
          Drawn area ({filter.polygon.length} corners)
          <button type="button" aria-label="Clear the drawn area" onClick={() => onChange({ ...filter, polygon: null })}>
            ×
          </button>
        </li>
      )}
      {fields.map((f, i) => (
        <li key={`${i}:${f.column}`} className="chip" data-testid="chip-field">
          {describeFieldFilter(f)}
          <button type="button" aria-label={`Remove ${describeFieldFilter(f)}`} onClick={() => onChange({ ...filter, fields: fields.length === 1 ? null : fields.filter((_, k) => k !== i) })}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

import { describeFieldFilter } from '../../../shared/domain/explore/area-field-filters';
import type { ExploreFilter } from '../../../shared/domain/explore/filters';
import { offenseLabel } from '../../../shared/domain/explore/ranked-charts';

/**
 * Chips for the drawn area, each any-field condition, the offense codes chosen in the ranked chart
 * and, when more than one is chosen there, the beats (the Beat list shows a single beat), each with
 * a × that removes it (one undoable filter change). Nothing when none is set.
 */
export function FilterChips({ filter, onChange }: { filter: ExploreFilter; onChange: (f: ExploreFilter) => void }) {
  const fields = filter.fields ?? [];
  const codes = filter.codes ?? [];
  const beats = filter.beats ?? [];
  if (!filter.polygon && fields.length === 0 && codes.length === 0 && beats.length < 2) return null;
  const codesText = codes.length === 1 ? `Offense ${offenseLabel(codes[0] as string)}` : `Offenses ${codes.join(', ')}`;
  const beatsText = `Beats ${beats.join(', ')}`;
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
      {codes.length > 0 && (
        <li className="chip" data-testid="chip-codes" title={codes.map(offenseLabel).join('\n')}>
          {codesText}
          <button type="button" aria-label={`Remove ${codesText}`} onClick={() => onChange({ ...filter, codes: null })}>
            ×
          </button>
        </li>
      )}
      {beats.length > 1 && (
        <li className="chip" data-testid="chip-beats">
          {beatsText}
          <button type="button" aria-label={`Remove ${beatsText}`} onClick={() => onChange({ ...filter, beats: null })}>
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

import { useState } from 'react';
import type { IngestSummary } from '../../../shared/domain/ingest/summary';

const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`);
const n = (v: number) => v.toLocaleString('en-US');

/** What an import did: rows read = loaded + quarantined (by reason), CRSs, hit rate with the 85% rule, highlights. */
export function ImportSummary({
  summary,
  sensitive = [],
  onDownloadQuarantine,
}: {
  summary: IngestSummary;
  /** Columns marked sensitive: named here; the quarantine export leaves them out unless included. */
  sensitive?: readonly string[];
  onDownloadQuarantine: (includeSensitive: boolean) => void;
}) {
  const [include, setInclude] = useState(false);
  const q = summary.quality;
  const reasons = Object.entries(summary.quarantined_by_reason).filter(([, v]) => (v ?? 0) > 0);
  return (
    <div className="ingest-summary" aria-label="Import summary">
      <p className="ingest-accounting">
        <strong>{n(summary.rows_read)}</strong> rows read = <strong>{n(summary.rows_loaded)}</strong> loaded + <strong>{n(summary.rows_quarantined)}</strong> quarantined
      </p>
      {reasons.length > 0 && (
        <table className="ingest-reasons">
          <tbody>
            {reasons.map(([r, v]) => (
              <tr key={r}>
                <td>{r}</td>
                <td>{n(v ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className={q.geocoding.below_85 ? 'ingest-warn' : 'note'}>
        Geocoding hit rate <strong>{pct(q.geocoding.hit_rate)}</strong>
        {q.geocoding.below_85 ? ' — below the 85% minimum for reliable hot-spot maps (Ratcliffe 2004)' : ' (85% minimum met)'}
      </p>
      <dl className="facts">
        <dt>Dates</dt>
        <dd>
          {q.dates.occurred_min ?? '?'} to {q.dates.occurred_max ?? '?'}
        </dd>
        <dt>Days without records</dt>
        <dd>{n(q.dates.days_without_records)}</dd>
        <dt>Case numbers on several rows</dt>
        <dd>{n(q.duplicates.case_numbers_with_several_rows)}</dd>
        <dt>Rows with unmapped offense codes</dt>
        <dd>{n(q.offenses.rows_unmapped)}</dd>
        <dt>Median occurred window</dt>
        <dd>{q.occurred_window.median_hours === null ? 'n/a' : `${q.occurred_window.median_hours.toFixed(1)} h`}</dd>
        <dt>Source CRS</dt>
        <dd>{summary.source_crs?.code ?? 'none'}</dd>
        <dt>Analysis CRS</dt>
        <dd>{summary.analysis_crs?.code ?? 'none'}</dd>
      </dl>
      {q.geocoding.by_offense_group.length > 1 && (
        <table className="ingest-reasons" aria-label="Hit rate by offense group">
          <tbody>
            {q.geocoding.by_offense_group.map((g) => (
              <tr key={g.group} className={g.below_85 ? 'ingest-warn' : undefined}>
                <td>{g.group}</td>
                <td>{pct(g.hit_rate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {q.warnings.length > 0 && (
        <ul className="ingest-warnings">
          {q.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <p className="note" data-testid="sensitive-summary">
        {sensitive.length > 0 ? `Sensitive (masked when shown, left out of exports): ${sensitive.join(', ')}.` : 'No column is marked sensitive.'}
      </p>
      {summary.rows_quarantined > 0 && (
        <div className="ingest-row">
          <button type="button" onClick={() => onDownloadQuarantine(include)}>
            Download quarantine.csv
          </button>
          {sensitive.length > 0 && (
            <label className="ingest-include" title="The export and this choice are recorded in the project log">
              <input type="checkbox" checked={include} onChange={(e) => setInclude(e.target.checked)} />
              include sensitive fields (and the raw source lines)
            </label>
          )}
        </div>
      )}
    </div>
  );
}

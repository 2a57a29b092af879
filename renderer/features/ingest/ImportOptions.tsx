import { useState } from 'react';
import { formatAppError } from '../../../shared/base/errors';
import type { HostApi } from '../../../shared/contract/host-api';
import type { FlatPolygon } from '../../../shared/domain/geo/point-in-polygon';
import { DATASET_KINDS, type DatasetKind } from '../../../shared/domain/ingest/mapping';
import { parseJurisdiction } from '../../../shared/domain/ingest/jurisdiction';

/** A chosen jurisdiction boundary: its file name and lon/lat polygons. */
export interface ChosenJurisdiction {
  readonly file: string;
  readonly polygons: readonly FlatPolygon[];
}

/** The dataset kind (incidents, calls, arrests, ...): steers role detection. */
export function KindField({ kind, onChange }: { kind: DatasetKind; onChange: (k: DatasetKind) => void }) {
  return (
    <label className="ingest-field">
      <span>Dataset kind</span>
      <select aria-label="Dataset kind" value={kind} onChange={(e) => onChange(e.target.value as DatasetKind)}>
        {DATASET_KINDS.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The sheet of an Excel workbook to import (listed from the workbook; default the first). */
export function SheetField({ sheets, value, onChange }: { sheets: readonly string[]; value: string | undefined; onChange: (sheet: string) => void }) {
  return (
    <label className="ingest-field">
      <span>Excel sheet</span>
      <select aria-label="Excel sheet" value={value ?? sheets[0] ?? ''} onChange={(e) => onChange(e.target.value)}>
        {sheets.map((s, i) => (
          <option key={`${i}-${s}`} value={s}>
            {s}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The agency's boundary (GeoJSON polygons in WGS 84, as `spi ingest --jurisdiction`): points
 * outside it are quarantined as "outside jurisdiction". Without one the data's robust extent is used.
 */
export function JurisdictionField({ host, value, onChange }: { host: HostApi; value: ChosenJurisdiction | null; onChange: (j: ChosenJurisdiction | null) => void }) {
  const [problem, setProblem] = useState<string | null>(null);
  const choose = async () => {
    setProblem(null);
    const r = await host.openFiles({ title: 'Jurisdiction boundary', filters: [{ name: 'GeoJSON polygons', extensions: ['geojson', 'json'] }], multiple: false });
    if (!r.ok) return setProblem(formatAppError(r.error));
    const f = r.value[0];
    if (!f) return;
    const parsed = parseJurisdiction(new TextDecoder().decode(f.bytes), f.name);
    if (!parsed.ok) return setProblem(formatAppError(parsed.error));
    onChange({ file: f.name, polygons: parsed.value });
  };
  return (
    <div className="ingest-field">
      <span>Jurisdiction boundary</span>
      <div className="ingest-row" style={{ margin: 0 }}>
        <span data-testid="jurisdiction">{value ? `${value.file} (${value.polygons.length} polygon${value.polygons.length === 1 ? '' : 's'})` : "the data's extent"}</span>
        <button type="button" onClick={() => void choose()}>
          Choose…
        </button>
        {value && (
          <button type="button" onClick={() => onChange(null)}>
            Clear
          </button>
        )}
      </div>
      {problem && <span className="error">{problem}</span>}
    </div>
  );
}

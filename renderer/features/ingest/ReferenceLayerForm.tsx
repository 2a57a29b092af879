import { useState } from 'react';
import { formatAppError } from '../../../shared/base/errors';
import type { HostApi } from '../../../shared/contract/host-api';
import type { ReferenceLayer } from '../../../shared/domain/ingest/reference-layer';
import type { IngestError } from '../../../shared/domain/ingest/raw-table';
import type { LayerMeta } from '../../../shared/domain/project/manifest';
import type { Store } from '../../state/store';
import { CrsField } from './CrsField';
import { describeImportError } from './import-task';
import { addReferenceLayer, guessLayerRole, LAYER_ROLES, readLayerFile } from './layer-task';

const LAYER_FILTERS = [{ name: 'GeoJSON or zipped shapefile', extensions: ['geojson', 'json', 'zip'] }];

type Picked = { name: string; bytes: Uint8Array; layer: ReferenceLayer | null; error: IngestError | null };

/**
 * "Reference layer": beats, districts, streets or any polygons/lines from a GeoJSON or a zipped
 * shapefile (CRS from .prj, the GeoJSON, or chosen here), added to the project's layers; the
 * base map draws beats, districts and streets. Features without usable geometry are counted.
 */
export function ReferenceLayerForm({ host, store }: { host: HostApi; store: Store }) {
  const [picked, setPicked] = useState<Picked | null>(null);
  const [role, setRole] = useState<LayerMeta['role']>('beats');
  const [name, setName] = useState('');
  const [crs, setCrs] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState<string | null>(null);

  const read = (p: { name: string; bytes: Uint8Array }, code: string | undefined) => {
    const r = readLayerFile(p.bytes, p.name, code);
    setPicked({ ...p, layer: r.ok ? r.value : null, error: r.ok ? null : r.error });
  };

  const choose = async () => {
    setMessage(null);
    const r = await host.openFiles({ title: 'Import a reference layer', filters: LAYER_FILTERS, multiple: false });
    if (!r.ok) return setMessage(formatAppError(r.error));
    const f = r.value[0];
    if (!f) return;
    setRole(guessLayerRole(f.name));
    setName(f.name.replace(/\.(geojson|json|zip)$/i, ''));
    setCrs(undefined);
    read({ name: f.name, bytes: f.bytes }, undefined);
  };

  const add = () => {
    if (!picked?.layer) return;
    const added = addReferenceLayer(store, picked.layer, name.trim() || picked.name, role);
    setMessage(`Added layer "${added.meta.name}" (${role}, ${added.meta.features} features${picked.layer.invalid.length ? `, ${picked.layer.invalid.length} left out` : ''}).`);
    setPicked(null);
  };

  const candidates = picked?.error?.kind === 'crs-required' ? picked.error.candidates : [];
  return (
    <section className="ingest-layer" aria-label="Reference layer">
      <h3>Reference layer</h3>
      <p className="note">Beats, districts, street centerlines or other polygons and lines: GeoJSON or a zipped shapefile (.shp, .dbf, .prj).</p>
      <div className="ingest-row">
        <button type="button" onClick={() => void choose()}>
          Import a reference layer…
        </button>
      </div>
      {picked?.error && <p className="error" role="alert">{describeImportError(picked.error)}</p>}
      {picked && (picked.layer || candidates.length > 0) && (
        <div className="ingest-row">
          <label className="ingest-field">
            <span>Layer role</span>
            <select aria-label="Layer role" value={role} onChange={(e) => setRole(e.target.value as LayerMeta['role'])}>
              {LAYER_ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
          <label className="ingest-field">
            <span>Layer name</span>
            <input aria-label="Layer name" value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <CrsField
            label="CRS of the layer"
            value={crs}
            onChange={(c) => {
              setCrs(c);
              read(picked, c);
            }}
            suggestions={candidates}
          />
          <button type="button" disabled={!picked.layer} onClick={add}>
            Add layer to project
          </button>
        </div>
      )}
      {picked?.layer && (
        <p className="note" data-testid="layer-preview">
          {picked.name}: {picked.layer.features.length} features ({picked.layer.geometryTypes.join(', ') || 'none'}), CRS {picked.layer.sourceCrs.code} ({picked.layer.sourceCrs.how})
          {picked.layer.invalid.length ? `; ${picked.layer.invalid.length} left out: ${picked.layer.invalid.slice(0, 3).map((i) => `feature ${i.feature}: ${i.reason}`).join('; ')}` : ''}
        </p>
      )}
      {message && <p className="notice" role="status">{message}</p>}
    </section>
  );
}

import { useMemo, useState, useSyncExternalStore } from 'react';
import type { StyleSpecification } from 'maplibre-gl';
import { formatAppError } from '../../../shared/base/errors';
import type { HostApi } from '../../../shared/contract/host-api';
import { BASEMAP_DOC, basemapKindOf, parseBasemapDoc, type BasemapDoc, type BasemapStyleName } from '../../../shared/domain/explore/basemap-doc';
import type { AppState } from '../../state/app-state';
import type { Store } from '../../state/store';
import { logEntry } from '../project/project-tasks';
import { basemapFiles, loadBasemapFile, loadedBasemap } from './basemap-files';
import { withOfflineBasemap } from './offline-style';
import './basemap.css';

/** The map style with the project's offline basemap file (when loaded in this window) under the reference layers. */
export function useOfflineBasemapStyle(style: StyleSpecification | null, state: AppState): StyleSpecification | null {
  const version = useSyncExternalStore(basemapFiles.subscribe, basemapFiles.version);
  const doc = parseBasemapDoc(state.doc.documents[BASEMAP_DOC]);
  const file = loadedBasemap(doc);
  const styleName = doc?.style ?? 'none';
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => (style ? withOfflineBasemap(style, file, styleName) : null), [style, file, styleName, version]);
}

const MBTILES =
  'MBTiles is a SQLite database, and this app has no SQLite reader (the database engine here cannot read SQLite without an extension, and extensions are off for an offline app). Convert it once with the offline "pmtiles convert file.mbtiles file.pmtiles" and load the .pmtiles.';

/**
 * "Basemap": load the agency's own PMTiles archive (vector or raster tiles) or GeoTIFF image
 * from local disk, pick light/dark/none, remove it. The project keeps the choice by reference
 * (name, size, path); reopening a project asks for the file again.
 */
export function BasemapPanel({ state, store, host }: { state: AppState; store: Store; host: HostApi }) {
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useSyncExternalStore(basemapFiles.subscribe, basemapFiles.version);
  const doc = parseBasemapDoc(state.doc.documents[BASEMAP_DOC]);
  const file = loadedBasemap(doc);
  const save = (value: BasemapDoc | undefined, action: string) => store.dispatch({ type: 'set-document', path: BASEMAP_DOC, value, log: logEntry(action, value ? { file: value.file, kind: value.kind, style: value.style } : {}) });

  const pick = async () => {
    setMessage(null);
    const picked = await host.openFiles({ title: 'Basemap file', filters: [{ name: 'Basemaps (PMTiles, GeoTIFF)', extensions: ['pmtiles', 'tif', 'tiff', 'mbtiles'] }] });
    if (!picked.ok) return setMessage(formatAppError(picked.error));
    const f = picked.value[0];
    if (!f) return;
    const kind = basemapKindOf(f.name);
    if (kind === 'mbtiles') return setMessage(`${f.name}: ${MBTILES}`);
    if (!kind) return setMessage(`${f.name}: not a basemap file (.pmtiles, .tif or .tiff)`);
    if (doc && doc.file === f.name && doc.size !== f.size) setMessage(`${f.name} differs from the saved one (${doc.size.toLocaleString('en-US')} bytes then, ${f.size.toLocaleString('en-US')} now); using this file.`);
    const next: BasemapDoc = { kind, file: f.name, size: f.size, path: f.path, style: doc?.style && doc.style !== 'none' ? doc.style : 'light' };
    setBusy(true);
    const error = await loadBasemapFile(next, f.bytes);
    setBusy(false);
    if (error) return setMessage(error);
    save(next, 'basemap.set');
  };

  return (
    <section className="panel basemap-panel" aria-label="Basemap">
      <h3>Basemap</h3>
      {!doc && <p className="note">Offline: reference layers on a neutral background. Add the agency&apos;s own basemap from a local file (PMTiles or GeoTIFF); nothing is fetched.</p>}
      {doc && (
        <p className="note" data-testid="basemap-file">
          {doc.file} ({doc.kind === 'pmtiles' ? 'PMTiles' : 'GeoTIFF'}, {(doc.size / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB)
          {file?.kind === 'pmtiles' && `: ${file.archive.header.tileType === 'mvt' ? 'vector' : file.archive.header.tileType} tiles, zoom ${file.archive.header.minZoom}–${file.archive.header.maxZoom}`}
          {file?.kind === 'geotiff' && `: ${file.image.width.toLocaleString('en-US')} × ${file.image.height.toLocaleString('en-US')} px in ${file.image.georef.crs}`}
          {!file && ' — saved by reference and not loaded in this window: load it again to show it.'}
        </p>
      )}
      <div className="basemap-actions">
        <button type="button" data-testid="basemap-load" disabled={busy} onClick={() => void pick()}>
          {busy ? 'Reading…' : doc && !file ? `Load ${doc.file} again…` : 'Load basemap file…'}
        </button>
        {doc && (
          <>
            <label className="field-inline">
              Style{' '}
              <select data-testid="basemap-style" value={doc.style} onChange={(e) => save({ ...doc, style: e.target.value as BasemapStyleName }, 'basemap.style')}>
                <option value="light">Light</option>
                <option value="dark">Dark</option>
                <option value="none">None (hide)</option>
              </select>
            </label>
            <button type="button" className="link" onClick={() => save(undefined, 'basemap.remove')}>
              Remove
            </button>
          </>
        )}
      </div>
      {message && <p className="error" role="alert">{message}</p>}
    </section>
  );
}

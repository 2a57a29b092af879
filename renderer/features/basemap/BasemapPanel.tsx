import { useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { StyleSpecification } from 'maplibre-gl';
import { formatAppError } from '../../../shared/base/errors';
import type { HostApi, HostFile } from '../../../shared/contract/host-api';
import { normalizeCrsCode } from '../../../shared/domain/geo/crs';
import { isWorldFileName } from '../../../shared/domain/geo/world-file';
import { fitMapBounds } from '../../map/MapView';
import { BASEMAP_DOC, basemapKindOf, parseBasemapDoc, type BasemapDoc, type BasemapStyleName } from '../../../shared/domain/explore/basemap-doc';
import type { AppState } from '../../state/app-state';
import type { Store } from '../../state/store';
import { logEntry } from '../project/project-tasks';
import { basemapBounds, basemapFiles, loadBasemapFile, loadedBasemap } from './basemap-files';
import type { ImageCompanions } from './image-file';
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

const CRS_FROM = { prj: 'from its .prj', chosen: 'as chosen', guessed: 'lon/lat by its numbers', project: "the project's analysis CRS" } as const;
const KIND_NAMES = { pmtiles: 'PMTiles', mbtiles: 'MBTiles', geotiff: 'GeoTIFF', image: 'image + world file' } as const;
const EXTENSIONS = ['pmtiles', 'mbtiles', 'tif', 'tiff', 'png', 'jpg', 'jpeg', 'pgw', 'pngw', 'jgw', 'jpgw', 'jpegw', 'wld', 'prj'];

/** "12.3 MB", or "45 KB" under a megabyte. */
function sizeText(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB` : `${Math.max(1, Math.round(bytes / 1e3)).toLocaleString('en-US')} KB`;
}

/** The project's analysis CRS, if the dataset has one: the default CRS of a world file without a .prj. */
function analysisCrsOf(state: AppState): string | null {
  const d = state.dataset;
  return d?.stored?.meta.crs.analysis ?? d?.imported?.analysisCrs ?? null;
}

/** Splits a multi-file pick into the basemap file and an image's world file and .prj. */
function splitPick(files: HostFile[]): { main: HostFile | null; companions: ImageCompanions } {
  const text = (f: HostFile | undefined) => (f ? { name: f.name, text: new TextDecoder().decode(f.bytes) } : null);
  return {
    main: files.find((f) => basemapKindOf(f.name) !== null) ?? null,
    companions: { worldFile: text(files.find((f) => isWorldFileName(f.name))), prj: text(files.find((f) => /\.prj$/i.test(f.name))) },
  };
}

/**
 * "Basemap": load the agency's own tile set (PMTiles or MBTiles, vector or raster), GeoTIFF, or
 * PNG/JPEG with its world file (and .prj) from local disk, pick light/dark/none, zoom to it,
 * remove it. Loading keeps the current map view. The project keeps the choice by reference
 * (name, size, path, and an image's CRS); reopening a project asks for the file again.
 */
export function BasemapPanel({ state, store, host }: { state: AppState; store: Store; host: HostApi }) {
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [crsText, setCrsText] = useState<string | null>(null);
  const lastImage = useRef<{ bytes: Uint8Array; companions: ImageCompanions } | null>(null);
  useSyncExternalStore(basemapFiles.subscribe, basemapFiles.version);
  const doc = parseBasemapDoc(state.doc.documents[BASEMAP_DOC]);
  const file = loadedBasemap(doc);
  const save = (value: BasemapDoc | undefined, action: string) => store.dispatch({ type: 'set-document', path: BASEMAP_DOC, value, log: logEntry(action, value ? { file: value.file, kind: value.kind, style: value.style, ...(value.crs ? { crs: value.crs } : {}) } : {}) });

  const load = async (next: BasemapDoc, bytes: Uint8Array, companions: ImageCompanions) => {
    setBusy(true);
    const error = await loadBasemapFile(next, bytes, companions, analysisCrsOf(state));
    setBusy(false);
    if (error) return setMessage(error);
    const loadedNow = loadedBasemap(next);
    const placed = loadedNow?.kind === 'image' ? loadedNow.image : null;
    if (placed) {
      lastImage.current = { bytes, companions };
      setCrsText(placed.crs);
      if (placed.rotated) setMessage(`${next.file}: the world file rotates the image; it is drawn rotated.`);
    }
    save(placed ? { ...next, crs: placed.crs } : next, 'basemap.set');
  };

  const pick = async () => {
    setMessage(null);
    const picked = await host.openFiles({ title: 'Basemap file (an image with its world file and .prj)', multiple: true, filters: [{ name: 'Basemaps (PMTiles, MBTiles, GeoTIFF, PNG/JPEG + world file)', extensions: EXTENSIONS }] });
    if (!picked.ok) return setMessage(formatAppError(picked.error));
    if (picked.value.length === 0) return;
    const { main: f, companions } = splitPick(picked.value);
    if (!f) return setMessage(`${picked.value.map((p) => p.name).join(', ')}: no basemap file (.pmtiles, .mbtiles, .tif, or .png/.jpg with its world file)`);
    const kind = basemapKindOf(f.name)!;
    if (doc && doc.file === f.name && doc.size !== f.size) setMessage(`${f.name} differs from the saved one (${doc.size.toLocaleString('en-US')} bytes then, ${f.size.toLocaleString('en-US')} now); using this file.`);
    const keepCrs = kind === 'image' && doc?.kind === 'image' && doc.file === f.name && doc.crs ? { crs: doc.crs } : {};
    await load({ kind, file: f.name, size: f.size, path: f.path, style: doc?.style && doc.style !== 'none' ? doc.style : 'light', ...keepCrs }, f.bytes, companions);
  };

  const applyCrs = async () => {
    if (!doc || doc.kind !== 'image' || !lastImage.current || !crsText) return;
    setMessage(null);
    await load({ ...doc, crs: normalizeCrsCode(crsText) }, lastImage.current.bytes, { ...lastImage.current.companions, prj: null });
  };

  return (
    <section className="panel basemap-panel" aria-label="Basemap">
      <h3>Basemap</h3>
      {!doc && <p className="note">Offline: reference layers on a neutral background. Add the agency&apos;s own basemap from a local file (PMTiles, MBTiles, GeoTIFF, or PNG/JPEG with its world file); nothing is fetched.</p>}
      {doc && (
        <p className="note" data-testid="basemap-file">
          {doc.file} ({KIND_NAMES[doc.kind]}, {sizeText(doc.size)})
          {(file?.kind === 'pmtiles' || file?.kind === 'mbtiles') && `: ${file.archive.header.tileType === 'mvt' ? 'vector' : file.archive.header.tileType} tiles, zoom ${file.archive.header.minZoom}–${file.archive.header.maxZoom}`}
          {file?.kind === 'geotiff' && `: ${file.image.width.toLocaleString('en-US')} × ${file.image.height.toLocaleString('en-US')} px in ${file.image.georef.crs}`}
          {file?.kind === 'image' && `: ${file.image.width.toLocaleString('en-US')} × ${file.image.height.toLocaleString('en-US')} px in ${file.image.crs} (${CRS_FROM[file.image.crsFrom]})`}
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
            {file && (
              <button type="button" data-testid="basemap-zoom" onClick={() => fitMapBounds(basemapBounds(file))}>
                Zoom to basemap
              </button>
            )}
            <button type="button" className="link" onClick={() => save(undefined, 'basemap.remove')}>
              Remove
            </button>
          </>
        )}
      </div>
      {doc?.kind === 'image' && file && (
        <div className="basemap-actions">
          <label className="field-inline">
            CRS{' '}
            <input data-testid="basemap-crs" size={11} value={crsText ?? doc.crs ?? ''} onChange={(e) => setCrsText(e.target.value)} />
          </label>
          <button type="button" data-testid="basemap-crs-apply" disabled={busy || !lastImage.current} onClick={() => void applyCrs()} title="Place the image again in this CRS (overrides its .prj)">
            Apply
          </button>
        </div>
      )}
      {message && <p className="error" role="alert">{message}</p>}
    </section>
  );
}

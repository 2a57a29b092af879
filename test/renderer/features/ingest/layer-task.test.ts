import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { guessLayerRole, readLayerFile, toProjectLayer } from '../../../../renderer/features/ingest/layer-task';
import { listWorkbookSheets } from '../../../../renderer/features/ingest/workbook-sheets';
import { reduce, INITIAL_STATE } from '../../../../renderer/state/app-state';

const square = { type: 'Feature', properties: { beat: 'Z1' }, geometry: { type: 'Polygon', coordinates: [[[-90, 35], [-89.9, 35], [-89.9, 35.1], [-90, 35.1], [-90, 35]]] } };
const geojson = (features: unknown[]) => strToU8(JSON.stringify({ type: 'FeatureCollection', features }));

describe('reference layers from the import dialog', () => {
  it('guesses the role from the file name', () => {
    expect(guessLayerRole('Beats_2024.geojson')).toBe('beats');
    expect(guessLayerRole('precincts.zip')).toBe('districts');
    expect(guessLayerRole('street_centerlines.zip')).toBe('streets');
    expect(guessLayerRole('city_limits.geojson')).toBe('jurisdiction');
    expect(guessLayerRole('schools.geojson')).toBe('other');
  });

  it('reads a GeoJSON, counts unusable features, and makes a project layer with a free id', () => {
    const read = readLayerFile(geojson([square, { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [] } }]), 'beats.geojson');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.features).toHaveLength(1);
    expect(read.value.invalid).toHaveLength(1);
    const layer = toProjectLayer(read.value, 'Beats 2024', 'beats', ['beats-beats-2024']);
    expect(layer.meta).toEqual({ id: 'beats-beats-2024-2', name: 'Beats 2024', role: 'beats', features: 1 });
    expect(layer.geojson.features).toHaveLength(1);
  });

  it('add-layer puts the layer first (the base map draws the first of a role), logs it and marks the project unsaved', () => {
    const read = readLayerFile(geojson([square]), 'beats.geojson');
    if (!read.ok) throw new Error('unreadable');
    const layer = toProjectLayer(read.value, 'Z', 'beats', []);
    const old = { ...layer, meta: { ...layer.meta, id: 'old' } };
    const start = { ...INITIAL_STATE, project: { ...INITIAL_STATE.project, layers: [old] } };
    const basemap = { style: { version: 8 as const, sources: {}, layers: [] }, bounds: null, labels: [], title: 't' };
    const log = { at: '2024-05-01T10:00:00.000Z', by: 'analyst', action: 'layer.import', parameters: {}, dataHashes: {} };
    const next = reduce(start, { type: 'add-layer', layer, basemap, log });
    expect(next.project.layers.map((l) => l.meta.id)).toEqual([layer.meta.id, 'old']);
    expect(next.basemap).toBe(basemap);
    expect(next.project.log.at(-1)).toBe(log);
    expect(next.dataDirty).toBe(true);
    // The same id again replaces it.
    expect(reduce(next, { type: 'add-layer', layer, basemap, log }).project.layers).toHaveLength(2);
  });
});

describe('listWorkbookSheets', () => {
  it('lists the sheet names of a workbook in order, XML entities decoded', () => {
    const wb = '<workbook><sheets><sheet name="Notes" sheetId="1" r:id="rId1"/><sheet name="R&amp;D 2024" sheetId="2" r:id="rId2"/></sheets></workbook>';
    const bytes = zipSync({ 'xl/workbook.xml': strToU8(wb), 'xl/worksheets/sheet1.xml': strToU8('<worksheet/>') });
    expect(listWorkbookSheets(bytes, 'two.xlsx')).toEqual({ ok: true, value: ['Notes', 'R&D 2024'] });
  });

  it('names the file when it is not a zip', () => {
    const r = listWorkbookSheets(strToU8('not a zip'), 'bad.xlsx');
    expect(r.ok).toBe(false);
    expect(!r.ok && 'path' in r.error && r.error.path).toBe('bad.xlsx');
  });
});

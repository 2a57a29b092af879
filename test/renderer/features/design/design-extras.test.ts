/**
 * The design panel's unit and extra-covariate choices (design-extras.ts): which layers serve as
 * segment or polygon units, the unit spec from the settings with plain-words errors, the numeric
 * polygon fields offered (ids and codes left out), the other datasets of the project, and the
 * unit in words.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import type { ProjectDataset, ProjectLayer } from '../../../../shared/domain/project/project';
import { describeUnit, fieldChoices, otherDatasetChoices, unitLayers, unitSpecOf } from '../../../../renderer/features/design/design-extras';
import { forgetProjectDatasets, rememberProjectDatasets } from '../../../../renderer/features/datasets/project-datasets';
import { DEFAULT_SETTINGS } from '../../../../renderer/features/design/workbench-defaults';

const layer = (id: string, role: string, geometry: object, properties: object = {}): ProjectLayer => ({
  meta: { id, name: id.toUpperCase(), role, features: 1 } as ProjectLayer['meta'],
  geojson: { type: 'FeatureCollection', features: [{ type: 'Feature', properties, geometry }] },
});
const STREETS = layer('streets', 'streets', { type: 'LineString', coordinates: [[0, 0], [1, 1]] });
const CENTER = layer('centerlines', 'other', { type: 'MultiLineString', coordinates: [[[0, 0], [1, 1]]] });
const BEATS = layer('beats', 'beats', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }, { beat: '12', name: 'B12', population: 1200, median_income: '51000.5', note: 'x' });

afterEach(() => forgetProjectDatasets());

describe('design-extras', () => {
  it('offers line layers for segments and polygon layers for polygons', () => {
    expect(unitLayers([BEATS, STREETS, CENTER], 'segments').map((l) => l.meta.id)).toEqual(['streets', 'centerlines']);
    expect(unitLayers([BEATS, STREETS, CENTER], 'polygons').map((l) => l.meta.id)).toEqual(['beats']);
  });

  it('turns the settings into a unit spec, defaulting to the streets layer', () => {
    expect(unwrap(unitSpecOf({ ...DEFAULT_SETTINGS, unitKind: 'segments' }, [CENTER, STREETS])).spec).toEqual({ kind: 'segments', layer: 'streets', snapM: 30 });
    expect(unwrap(unitSpecOf({ ...DEFAULT_SETTINGS, unitKind: 'segments', unitLayer: 'centerlines', snapM: 12 }, [CENTER, STREETS])).spec).toEqual({ kind: 'segments', layer: 'centerlines', snapM: 12 });
    expect(unwrap(unitSpecOf({ ...DEFAULT_SETTINGS, unitKind: 'polygons' }, [STREETS, BEATS])).spec).toEqual({ kind: 'polygons', layer: 'beats' });
    expect(unwrap(unitSpecOf({ ...DEFAULT_SETTINGS, unitKind: 'circles', circleRadiusM: 120 }, [])).spec).toEqual({ kind: 'circles', radiusM: 120 });
    expect(unwrap(unitSpecOf(DEFAULT_SETTINGS, [])).spec).toEqual({ kind: 'grid', sizeM: 250 });
    expect(unitSpecOf({ ...DEFAULT_SETTINGS, unitKind: 'polygons' }, [STREETS])).toEqual({ ok: false, error: 'Polygon units need a layer of polygons such as beats (add one with “Add layer…”).' });
    expect(unitSpecOf({ ...DEFAULT_SETTINGS, unitKind: 'segments' }, [BEATS]).ok).toBe(false);
  });

  it('offers numeric polygon fields but not ids and codes', () => {
    expect(fieldChoices([STREETS, BEATS])).toEqual([
      { key: 'beats.median_income', label: 'BEATS: median_income' },
      { key: 'beats.population', label: 'BEATS: population' },
    ]);
  });

  it('lists the other datasets of the open project with a table', () => {
    const ds = (id: string, kind: string, table: boolean): ProjectDataset => ({ meta: { id, name: id, kind } as ProjectDataset['meta'], table: table ? ({} as ProjectDataset['table']) : null, quarantine: null, quality: null });
    rememberProjectDatasets('t0', [ds('incidents', 'incidents', true), ds('src-calls', 'calls', true), ds('broken', 'arrests', false)]);
    expect(otherDatasetChoices('t0', 'incidents')).toEqual([{ id: 'src-calls', label: 'src-calls (calls)' }]);
    expect(otherDatasetChoices('other project', 'incidents')).toEqual([]);
  });

  it('says the unit in words', () => {
    expect(describeUnit({ kind: 'grid', sizeM: 250 })).toBe('grid cells of 250 m');
    expect(describeUnit({ kind: 'segments', sizeM: 60, layer: 'streets', snapM: 30 })).toBe('street segments of layer streets (incidents snapped within 30 m)');
    expect(describeUnit({ kind: 'polygons', sizeM: 900, layer: 'beats' })).toBe('polygons of layer beats');
    expect(describeUnit({ kind: 'circles', sizeM: 300, radiusM: 150 })).toBe('circles of radius 150 m');
  });
});

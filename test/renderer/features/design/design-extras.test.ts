/**
 * The design panel's unit and extra-covariate choices (design-extras.ts): which layers serve as
 * segment or polygon units, the unit spec from the settings with plain-words errors (hexagons
 * included), the numeric polygon fields offered (ids and codes left out), the other datasets of
 * the project with their offense groups and dates, the unit in words, and the unit picker and
 * covariate box as rendered (hexagon option and size label; total, monthly history and group
 * counts of another dataset).
 */
import { tableFromArrays } from 'apache-arrow';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import type { ProjectDataset, ProjectLayer } from '../../../../shared/domain/project/project';
import { describeUnit, fieldChoices, otherDatasetChoices, unitLayers, unitSpecOf } from '../../../../renderer/features/design/design-extras';
import { forgetProjectDatasets, rememberProjectDatasets } from '../../../../renderer/features/datasets/project-datasets';
import { DEFAULT_SETTINGS } from '../../../../renderer/features/design/workbench-defaults';
import { UnitPicker } from '../../../../renderer/features/design/UnitPicker';
import { ExtraCovariates } from '../../../../renderer/features/design/ExtraCovariates';
import type { DesignController, DesignSettings } from '../../../../renderer/features/design/use-design-workbench';

/** Just what UnitPicker and ExtraCovariates read of the controller. */
const controller = (settings: DesignSettings, layers: ProjectLayer[] = []) =>
  ({ settings, setSettings: () => undefined, data: { dataset: 'incidents' }, state: { project: { createdAt: 't0', layers } } }) as unknown as DesignController;

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
    expect(unwrap(unitSpecOf({ ...DEFAULT_SETTINGS, unitKind: 'hex', cellSizeM: 300 }, [])).spec).toEqual({ kind: 'hex', sizeM: 300 });
    expect(unitSpecOf({ ...DEFAULT_SETTINGS, unitKind: 'hex', cellSizeM: 0 }, [])).toEqual({ ok: false, error: 'Set a hex size above 0 m.' });
    expect(unitSpecOf({ ...DEFAULT_SETTINGS, unitKind: 'polygons' }, [STREETS])).toEqual({ ok: false, error: 'Polygon units need a layer of polygons such as beats (add one with “Add layer…”).' });
    expect(unitSpecOf({ ...DEFAULT_SETTINGS, unitKind: 'segments' }, [BEATS]).ok).toBe(false);
  });

  it('offers numeric polygon fields but not ids and codes', () => {
    expect(fieldChoices([STREETS, BEATS])).toEqual([
      { key: 'beats.median_income', label: 'BEATS: median_income' },
      { key: 'beats.population', label: 'BEATS: population' },
    ]);
  });

  it('lists the other datasets of the open project with a table, their offense groups and whether they have dates', () => {
    const ds = (id: string, kind: string, table: ProjectDataset['table']): ProjectDataset => ({ meta: { id, name: id, kind } as ProjectDataset['meta'], table, quarantine: null, quality: null });
    const calls = tableFromArrays({ x: [1, 2, 3, 4], y: [1, 2, 3, 4], occurred_from: ['2023-01-01', '2023-01-02', '2023-02-01', '2023-03-01'], offense_group: ['violent', 'disorder', 'violent', 'a, b'] });
    const noDates = tableFromArrays({ x: [1], y: [1], offense_group: ['violent'] });
    rememberProjectDatasets('t0', [ds('incidents', 'incidents', calls), ds('src-calls', 'calls', calls), ds('partner', 'other', noDates), ds('broken', 'arrests', null)]);
    expect(otherDatasetChoices('t0', 'incidents')).toEqual([
      // A group holding a comma is left out: commas separate covariate terms.
      { id: 'src-calls', label: 'src-calls (calls)', groups: ['disorder', 'violent'], dated: true },
      { id: 'partner', label: 'partner (other)', groups: ['violent'], dated: false },
    ]);
    expect(otherDatasetChoices('other project', 'incidents')).toEqual([]);
  });

  it('renders the hexagon choice of the unit picker with its size across flats', () => {
    const grid = renderToStaticMarkup(createElement(UnitPicker, { c: controller(DEFAULT_SETTINGS) }));
    expect(grid).toContain('<option value="hex">Hexagons</option>');
    expect(grid).toContain('Cell size, m');
    const hex = renderToStaticMarkup(createElement(UnitPicker, { c: controller({ ...DEFAULT_SETTINGS, unitKind: 'hex', cellSizeM: 300 }) }));
    expect(hex).toContain('Hex size (across flats), m');
    expect(hex).toMatch(/data-testid="cell-size"[^>]*value="300"/);
  });

  it('offers the total, the monthly history and each offense group of another dataset, ticked from the settings', () => {
    const calls = tableFromArrays({ x: [1, 2], y: [1, 2], date: ['2023-01-01', '2023-01-02'], offense_group: ['violent', 'property'] });
    const undated = tableFromArrays({ x: [1], y: [1], offense_group: ['violent'] });
    rememberProjectDatasets('t0', [{ meta: { id: 'calls', name: 'Calls', kind: 'calls' } as ProjectDataset['meta'], table: calls, quarantine: null, quality: null }, { meta: { id: 'partner', name: 'Partner', kind: 'other' } as ProjectDataset['meta'], table: undated, quarantine: null, quality: null }]);
    const html = renderToStaticMarkup(createElement(ExtraCovariates, { c: controller({ ...DEFAULT_SETTINGS, otherGroups: ['violent@calls'], otherHistory: ['calls'] }) }));
    expect(html).toMatch(/data-testid="cov-dataset-calls"(?![^>]*checked)[^>]*\/> pre-period total/);
    expect(html).toMatch(/data-testid="cov-history-calls"[^>]*checked[^>]*\/> monthly history/);
    expect(html).toMatch(/data-testid="cov-group-violent@calls"[^>]*checked[^>]*\/> violent/);
    expect(html).toMatch(/data-testid="cov-group-property@calls"(?![^>]*checked)[^>]*\/> property/);
    expect(html).toContain('Partner (other) (no date column: cannot be counted by period)');
    expect(html).toMatch(/disabled=""[^>]*data-testid="cov-history-partner"|data-testid="cov-history-partner"[^>]*disabled=""/);
  });

  it('says the unit in words', () => {
    expect(describeUnit({ kind: 'grid', sizeM: 250 })).toBe('grid cells of 250 m');
    expect(describeUnit({ kind: 'hex', sizeM: 300 })).toBe('hexagons of 300 m (across flats)');
    expect(describeUnit({ kind: 'segments', sizeM: 60, layer: 'streets', snapM: 30 })).toBe('street segments of layer streets (incidents snapped within 30 m)');
    expect(describeUnit({ kind: 'polygons', sizeM: 900, layer: 'beats' })).toBe('polygons of layer beats');
    expect(describeUnit({ kind: 'circles', sizeM: 300, radiusM: 150 })).toBe('circles of radius 150 m');
  });
});

import { describe, expect, it } from 'vitest';
import { featureIds, type LayerFeatureLike } from '../../../../shared/domain/analysis/layer-geometry';

const square = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] };

describe('featureIds: the names units carry in tables, maps and saved designs', () => {
  it("prefers the analyst's name for the unit (beat 11) over a top-level feature number", () => {
    // The sample city's beats.geojson, as most GIS exports: features numbered 1..N at the top level.
    const features: LayerFeatureLike[] = [
      { id: 1, properties: { beat: '11', name: 'BEAT 11', district: '1' }, geometry: square },
      { id: 2, properties: { beat: '12', name: 'BEAT 12', district: '1' }, geometry: square },
    ];
    expect(featureIds(features)).toEqual(['11', '12']);
  });

  it('falls back to the top-level id, then the position; an explicit property wins; duplicates are numbered', () => {
    expect(featureIds([{ id: 'A-7', properties: { area: 3 } }, { properties: {} }])).toEqual(['A-7', '2']);
    expect(featureIds([{ id: 1, properties: { beat: '11', name: 'BEAT 11' } }], 'name')).toEqual(['BEAT 11']);
    expect(featureIds([{ properties: { BEAT: ' 11 ' } }, { properties: { beat: '11' } }, { properties: { beat: '' }, id: 9 }])).toEqual(['11', '11#2', '9']);
  });
});

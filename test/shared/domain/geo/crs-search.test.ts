import { describe, expect, it } from 'vitest';
import { searchCrs } from '../../../../shared/domain/geo/crs-search';

const codes = (q: string, n = 3) => searchCrs(q, n).map((d) => d.code);

describe('searchCrs', () => {
  it('finds by code in any spelling, then by code prefix', () => {
    expect(codes('2276', 1)).toEqual(['EPSG:2276']);
    expect(codes('epsg:2276', 1)).toEqual(['EPSG:2276']);
    expect(codes('227', 10)).toEqual(expect.arrayContaining(['EPSG:2276', 'EPSG:2277']));
    expect(codes('227', 10).every((c) => c.startsWith('EPSG:227'))).toBe(true);
  });

  it('finds by words of the name, plain NAD83 first, with feet, HARN, UTM and web mercator synonyms', () => {
    expect(codes('texas north central feet')).toEqual(['EPSG:2276', 'EPSG:2917', 'EPSG:6584']);
    expect(codes('harn ohio south', 1)).toEqual(['EPSG:2835']);
    expect(codes('utm 14', 2)).toEqual(['EPSG:26914', 'EPSG:32614']);
    expect(codes('web mercator', 1)).toEqual(['EPSG:3857']);
    expect(codes('illinois east ftus', 1)).toEqual(['EPSG:3435']);
    expect(searchCrs('no such place')).toEqual([]);
    expect(searchCrs('', 2)).toHaveLength(2);
  });
});

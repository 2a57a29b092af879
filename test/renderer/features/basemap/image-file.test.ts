import { describe, expect, it } from 'vitest';
import { worldFileCrs } from '../../../../renderer/features/basemap/image-file';

const WGS84_PRJ = 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const wf = { name: 'a.pgw', text: '1\n0\n0\n-1\n0\n0' };

describe('the CRS a world file is read in', () => {
  it('prefers the .prj, then the code the analyst typed, then lon/lat by the numbers, then the project CRS', () => {
    expect(worldFileCrs({ worldFile: wf, prj: { name: 'a.prj', text: WGS84_PRJ } }, 'EPSG:2276', null, 'EPSG:32616')).toEqual({ crs: 'EPSG:4326', from: 'prj' });
    expect(worldFileCrs({ worldFile: wf, prj: null }, ' epsg:2276 ', 'EPSG:4326', 'EPSG:32616')).toEqual({ crs: 'EPSG:2276', from: 'chosen' });
    expect(worldFileCrs({ worldFile: wf, prj: null }, null, 'EPSG:4326', 'EPSG:32616')).toEqual({ crs: 'EPSG:4326', from: 'guessed' });
    expect(worldFileCrs({ worldFile: wf, prj: null }, null, null, 'EPSG:32616')).toEqual({ crs: 'EPSG:32616', from: 'project' });
  });

  it('says what to do when nothing names a known CRS', () => {
    expect(worldFileCrs({ worldFile: wf, prj: null }, null, null, null)).toMatch(/no \.prj: type the image's EPSG code in "CRS"/);
    expect(worldFileCrs({ worldFile: wf, prj: null }, 'EPSG:1', null, null)).toMatch(/CRS "EPSG:1" is not one this app knows/);
    expect(worldFileCrs({ worldFile: wf, prj: { name: 'odd.prj', text: 'PROJCS["made up"]' } }, null, null, null)).toMatch(/^odd\.prj: .*type the image's EPSG code/);
  });
});

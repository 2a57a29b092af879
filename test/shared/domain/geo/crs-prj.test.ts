import { describe, expect, it } from 'vitest';
import { matchPrj } from '../../../../shared/domain/geo/crs-prj';

const GCS_NAD83 = 'GEOGCS["GCS_North_American_1983",DATUM["D_North_American_1983",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const GCS_HARN = 'GEOGCS["GCS_North_American_1983_HARN",DATUM["D_North_American_1983_HARN",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

describe('matchPrj', () => {
  it('recognizes ESRI State Plane .prj files by their parameters (LCC and Transverse Mercator, feet)', () => {
    const tx = `PROJCS["NAD_1983_StatePlane_Texas_North_Central_FIPS_4202_Feet",${GCS_NAD83},PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",1968500.0],PARAMETER["False_Northing",6561666.666666666],PARAMETER["Central_Meridian",-98.5],PARAMETER["Standard_Parallel_1",32.13333333333333],PARAMETER["Standard_Parallel_2",33.96666666666667],PARAMETER["Latitude_Of_Origin",31.66666666666667],UNIT["Foot_US",0.3048006096012192]]`;
    expect(matchPrj(tx)).toMatchObject({ kind: 'matched', code: 'EPSG:2276', how: 'parameters' });
    const il = `PROJCS["NAD_1983_StatePlane_Illinois_East_FIPS_1201_Feet",${GCS_NAD83},PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",984250.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",-88.33333333333333],PARAMETER["Scale_Factor",0.999975],PARAMETER["Latitude_Of_Origin",36.66666666666666],UNIT["Foot_US",0.3048006096012192]]`;
    expect(matchPrj(il)).toMatchObject({ kind: 'matched', code: 'EPSG:3435' });
    expect(matchPrj(il.replace(GCS_NAD83, GCS_HARN).replace('NAD_1983_StatePlane', 'NAD_1983_HARN_StatePlane'))).toMatchObject({ kind: 'matched', code: 'EPSG:3443' });
  });

  it('recognizes UTM, EPSG authorities and geographic WKT', () => {
    const utm = `PROJCS["NAD_1983_UTM_Zone_16N",${GCS_NAD83},PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",-87.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;
    expect(matchPrj(utm)).toMatchObject({ kind: 'matched', code: 'EPSG:26916' });
    expect(matchPrj('PROJCS["whatever",GEOGCS["x"],AUTHORITY["EPSG","32138"]]')).toMatchObject({ kind: 'matched', code: 'EPSG:32138', how: 'authority' });
    expect(matchPrj(GCS_NAD83)).toMatchObject({ kind: 'matched', code: 'EPSG:4326', how: 'geographic' });
  });

  it('names an unknown system instead of guessing', () => {
    const odd = `PROJCS["My_Local_Grid",${GCS_NAD83},PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",12345.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",-87.123],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",30.0],UNIT["Meter",1.0]]`;
    expect(matchPrj(odd)).toMatchObject({ kind: 'unknown', name: 'My_Local_Grid' });
    expect(matchPrj('not wkt')).toMatchObject({ kind: 'unknown' });
  });
});

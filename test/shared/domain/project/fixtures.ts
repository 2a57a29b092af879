import { tableFromArrays, vectorFromArray, Table, Utf8, TimestampMillisecond, Float64, Int32 } from 'apache-arrow';
import { createProject, type Project } from '../../../../shared/domain/project/project';

/** A small project with every kind of part: a dataset with nulls and times, quarantine, quality, a layer, docs and a log. */
export function makeProject(): Project {
  const table = new Table({
    case_id: vectorFromArray(['24-1', '24-2', '24-3', null], new Utf8()),
    offense_code: vectorFromArray(['13A', '220', '23F', '120'], new Utf8()),
    x: vectorFromArray([100.5, 200.25, null, 400], new Float64()),
    count: vectorFromArray([1, 2, 3, 4], new Int32()),
    occurred_from: vectorFromArray([Date.UTC(2024, 2, 1, 14, 5), Date.UTC(2024, 2, 2), null, Date.UTC(2024, 11, 31, 23, 59)], new TimestampMillisecond()),
  });
  const quarantine = tableFromArrays({ row: new Int32Array([7]), reason: ['unparseable date'], original: ['7,13A,31/02/2024'] });
  const project = createProject({ title: 'Test city', author: 'analyst', agency: 'Test PD', analysisCrs: 'EPSG:32614' }, '2024-05-01T10:00:00.000Z');
  project.datasets = [
    {
      meta: {
        id: 'incidents',
        name: 'incidents.csv',
        kind: 'incidents',
        rows: 4,
        source: { fileName: 'incidents.csv', sha256: 'a'.repeat(64), bytes: 1234, storage: 'embedded', path: null },
        crs: { source: 'EPSG:2276', analysis: 'EPSG:32614' },
        mapping: { case_id: 'Case Number' },
        hasQuarantine: true,
        hasQuality: true,
      },
      table,
      quarantine,
      quality: { geocodingHitRate: 0.97 },
    },
  ];
  project.layers = [
    {
      meta: { id: 'beats', name: 'Beats', role: 'beats', features: 1 },
      geojson: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { beat: '11' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } }] },
    },
  ];
  project.documents = { map: { center: [-97, 32.8], zoom: 12 }, 'designs/pilot': { targets: ['a', 'b'] } };
  project.log = [{ at: '2024-05-01T10:00:00.000Z', by: 'analyst', action: 'ingest', parameters: { file: 'incidents.csv' }, dataHashes: {}, note: 'first load' }];
  return project;
}

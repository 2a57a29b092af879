// Task: save the sample city's incidents as a project and reopen it to map points, in the app's
// engine (duckdb-wasm, Node build). Reports save and reopen times and the file size vs the CSV.
import { statSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { openNodeEngine } from '../../electron/services/duckdb-node';
import { queryIncidentPoints } from '../../shared/domain/explore/query-incident-points';
import { createProject } from '../../shared/domain/project/project';
import { readProject } from '../../shared/domain/project/read-project';
import { writeProject } from '../../shared/domain/project/write-project';
import { buildLoadCsvSql } from '../../shared/engine/sql';
import { writeTableAsParquet } from '../../shared/domain/ingest/parquet-write';
import { memorySink } from '../../shared/domain/ingest/source';
import { measure } from './measure';

const [csv] = process.argv.slice(2);
const engine = await openNodeEngine();
const loaded = await engine.query(buildLoadCsvSql('incidents', csv!));
if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
const counted = await engine.query('SELECT count(*)::DOUBLE AS n FROM incidents');
if (!counted.ok) throw new Error(JSON.stringify(counted.error));
const rows = Number(counted.value.getChild('n')?.get(0));
const out = path.join(path.dirname(csv!), 'bench.spiproj');

let saveSeconds = 0;
await measure('project', async () => {
  const t0 = performance.now();
  // As the app saves a dataset: the engine's table straight to Parquet, then the project zip.
  const sink = memorySink();
  const written = await writeTableAsParquet(engine, 'incidents', sink, { codec: 'SNAPPY' });
  if (!written.ok) throw new Error(JSON.stringify(written.error));
  const project = createProject({ title: 'bench' });
  project.datasets = [
    {
      meta: {
        id: 'incidents', name: 'incidents.csv', kind: 'incidents', rows,
        source: { fileName: 'incidents.csv', sha256: null, bytes: null, storage: 'embedded', path: null },
        crs: { source: null, analysis: null }, mapping: null, hasQuarantine: false, hasQuality: false,
      },
      table: null, parquet: sink.bytes(), quarantine: null, quality: null,
    },
  ];
  writeFileSync(out, await writeProject(project, { appVersion: 'bench' }));
  saveSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const opened = await readProject(new Uint8Array(readFileSync(out)), out);
  if (!opened.ok || opened.value.problems.length) throw new Error('reopen failed');
  const inserted = await engine.insertArrowTable('reopened', opened.value.project.datasets[0]!.table!);
  if (!inserted.ok) throw new Error(JSON.stringify(inserted.error));
  const points = await queryIncidentPoints(engine, 'reopened');
  if (!points.ok) throw new Error(JSON.stringify(points.error));
  const reopenSeconds = (performance.now() - t1) / 1000;
  return { saveSeconds, reopenSeconds, points: points.value.lon.length, projectMiB: statSync(out).size / 1024 ** 2, csvMiB: statSync(csv!).size / 1024 ** 2 };
});

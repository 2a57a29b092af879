import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppError } from '../../../shared/base/errors';
import { err, ok, type Result } from '../../../shared/base/result';
import { writeTableAsParquet } from '../../../shared/domain/ingest/parquet-write';
import { ingestSource } from '../../../shared/domain/ingest/pipeline';
import { memorySink } from '../../../shared/domain/ingest/source';
import { createProject, type ProjectLayer } from '../../../shared/domain/project/project';
import { SAMPLE_AGENCY } from '../../../shared/domain/sample/constants';
import type { SampleCity } from '../../../shared/domain/sample';
import { quoteIdent } from '../../../shared/engine/sql';
import { openNodeEngine } from '../../services/duckdb-node';
import { saveProjectFile } from '../../services/project-file';
import { nodeFileSource } from './ingest';

const LAYERS: [string, string, ProjectLayer['meta']['role']][] = [
  ['streets', 'Streets', 'streets'],
  ['beats', 'Beats', 'beats'],
  ['districts', 'Districts', 'districts'],
];

/**
 * Makes `sample-city.spiproj` from the sample files just written to `dir`: the RMS export goes
 * through the same ingest pipeline as any agency export (normalized table, quarantine, quality
 * report), the boundaries become reference layers, and the log records how it was made.
 */
export async function writeSampleProject(dir: string, city: SampleCity, appVersion: string): Promise<Result<{ file: string; bytes: number; rowsLoaded: number; rowsQuarantined: number }, AppError>> {
  const engine = await openNodeEngine();
  try {
    const ingested = await ingestSource(engine, await nodeFileSource(path.join(dir, 'incidents.csv')), {});
    if (!ingested.ok) return err({ kind: 'internal', message: `sample ingest failed: ${JSON.stringify(ingested.error)}` });
    const { table, quarantineTable, summary } = ingested.value;
    const sink = memorySink();
    const written = await writeTableAsParquet(engine, table, sink);
    if (!written.ok) return written;
    const quarantine = await engine.query(`SELECT * FROM ${quoteIdent(quarantineTable)} ORDER BY source_row`);
    if (!quarantine.ok) return quarantine;
    const now = new Date().toISOString();
    const project = createProject({ title: `Sample city (${city.name})`, author: 'spi sample', agency: SAMPLE_AGENCY, analysisCrs: summary.analysis_crs?.code ?? null }, now);
    project.datasets = [
      {
        meta: {
          id: 'incidents',
          name: 'incidents.csv',
          kind: 'incidents',
          rows: written.value.rows,
          source: { fileName: 'incidents.csv', sha256: null, bytes: null, storage: 'embedded', path: null },
          crs: { source: summary.source_crs?.code ?? null, analysis: summary.analysis_crs?.code ?? null },
          mapping: summary.mapping,
          hasQuarantine: true,
          hasQuality: true,
        },
        table: null,
        parquet: sink.bytes(),
        quarantine: quarantine.value,
        quality: summary,
      },
    ];
    for (const [id, name, role] of LAYERS) {
      const geojson = JSON.parse(await readFile(path.join(dir, `${id}.geojson`), 'utf8')) as ProjectLayer['geojson'];
      project.layers.push({ meta: { id, name, role, features: geojson.features.length }, geojson });
    }
    project.documents['sample/ground-truth'] = JSON.parse(await readFile(path.join(dir, 'ground_truth.json'), 'utf8'));
    project.log.push({
      at: now,
      by: 'spi sample',
      action: 'sample.generate',
      parameters: { ...city.options },
      dataHashes: {},
      note: 'synthetic sample city; the RMS export was loaded with the standard ingest pipeline',
    });
    const file = path.join(dir, 'sample-city.spiproj');
    const saved = await saveProjectFile(project, file, appVersion);
    if (!saved.ok) return saved;
    return ok({ file, bytes: saved.value.bytes, rowsLoaded: summary.rows_loaded, rowsQuarantined: summary.rows_quarantined });
  } finally {
    await engine.close();
  }
}

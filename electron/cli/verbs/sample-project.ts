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
import type { DatasetKind } from '../../../shared/domain/ingest/mapping';
import { sourceColumnsOf } from '../../../shared/domain/ingest/source-columns';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { ProjectDataset } from '../../../shared/domain/project/project';

/**
 * The sample's other sources: [dataset id, file, kind, CRS of its x/y when it has no lat/lon].
 * Ids start with "src-" so that "incidents" stays the first dataset of the project (datasets are
 * listed by id); verbs that name datasets also accept the kind ("calls") when one dataset has it.
 */
const SOURCE_DATASETS: [string, string, DatasetKind, string | undefined][] = [
  ['src-calls', 'calls_for_service.csv', 'calls', 'EPSG:2276'],
  ['src-arrests', 'arrests.csv', 'arrests', undefined],
  ['src-field-interviews', 'field_interviews.csv', 'field-interviews', undefined],
  ['src-probation', 'probation_parole.csv', 'probation', undefined],
  ['src-hospital', 'hospital_injuries.csv', 'hospital', undefined],
  ['src-facilities', 'facilities.csv', 'facilities', undefined],
];

/**
 * The standard columns the source datasets keep in the sample project (the rest of the
 * normalized columns are empty or repeat these for these kinds; the full export is beside it).
 */
const KEPT_COLUMNS = ['case_id', 'offense_code', 'offense_description', 'offense_group', 'occurred_from', 'occurred_to', 'address', 'beat', 'lon', 'lat', 'x', 'y', 'geo_status'];

/**
 * Loads the sample's calls, arrests and partner files (those present in `dir`) through the
 * standard ingest pipeline as datasets of their kind, all in the incidents' analysis CRS, keeping
 * KEPT_COLUMNS and the kind's own columns (the original columns are in the CSV files beside it).
 */
async function ingestSourceDatasets(engine: SqlEngine, dir: string, analysisCrs: string | null): Promise<ProjectDataset[]> {
  const out: ProjectDataset[] = [];
  for (const [id, fileName, kind, crs] of SOURCE_DATASETS) {
    const file = path.join(dir, fileName);
    const present = await readFile(file).then(() => true, () => false);
    if (!present) continue;
    const ingested = await ingestSource(engine, await nodeFileSource(file), { kind, table: `sample_${id.replace(/-/g, '_')}`, ...(crs ? { crs } : {}), ...(analysisCrs ? { analysisCrs } : {}) });
    if (!ingested.ok) throw new Error(`sample ingest of ${fileName} failed: ${JSON.stringify(ingested.error)}`);
    const { table, quarantineTable, summary } = ingested.value;
    // Only the columns analyses and links read go into the project (the export itself is beside
    // it): this keeps the default project quick to open with over a hundred thousand calls in it.
    const slim = `${table}_slim`;
    const columns = [...KEPT_COLUMNS, ...sourceColumnsOf(summary.mapping)].map(quoteIdent).join(', ');
    const made = await engine.query(`CREATE OR REPLACE TABLE ${quoteIdent(slim)} AS SELECT ${columns} FROM ${quoteIdent(table)}`);
    if (!made.ok) throw new Error(`sample ${fileName}: ${JSON.stringify(made.error)}`);
    const sink = memorySink();
    const written = await writeTableAsParquet(engine, slim, sink);
    if (!written.ok) throw new Error(`sample ${fileName}: ${JSON.stringify(written.error)}`);
    await engine.query(`DROP TABLE IF EXISTS ${quoteIdent(slim)}`);
    const quarantine = await engine.query(`SELECT * FROM ${quoteIdent(quarantineTable)} ORDER BY source_row`);
    if (!quarantine.ok) throw new Error(`sample ${fileName}: ${JSON.stringify(quarantine.error)}`);
    out.push({
      meta: {
        id,
        name: fileName,
        kind,
        rows: written.value.rows,
        source: { fileName, sha256: null, bytes: null, storage: 'embedded', path: null },
        crs: { source: summary.source_crs?.code ?? null, analysis: summary.analysis_crs?.code ?? null },
        mapping: summary.mapping,
        hasQuarantine: true,
        hasQuality: true,
      },
      table: null,
      parquet: sink.bytes(),
      quarantine: quarantine.value,
      quality: summary,
    });
    await engine.query(`DROP TABLE IF EXISTS ${quoteIdent(table)}; DROP TABLE IF EXISTS ${quoteIdent(quarantineTable)}`);
  }
  return out;
}

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
export async function writeSampleProject(dir: string, city: SampleCity, appVersion: string, options: { sources?: boolean } = {}): Promise<Result<{ file: string; bytes: number; rowsLoaded: number; rowsQuarantined: number }, AppError>> {
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
    if (options.sources !== false) for (const extra of await ingestSourceDatasets(engine, dir, summary.analysis_crs?.code ?? null)) project.datasets.push(extra);
    for (const [id, name, role] of LAYERS) {
      const geojson = JSON.parse(await readFile(path.join(dir, `${id}.geojson`), 'utf8')) as ProjectLayer['geojson'];
      project.layers.push({ meta: { id, name, role, features: geojson.features.length }, geojson });
    }
    project.documents['sample/ground-truth'] = JSON.parse(await readFile(path.join(dir, 'ground_truth.json'), 'utf8'));
    project.documents['sample/ground-truth-sources'] = JSON.parse(await readFile(path.join(dir, 'ground_truth_sources.json'), 'utf8'));
    project.log.push({
      at: now,
      by: 'spi sample',
      action: 'sample.generate',
      parameters: { ...city.options },
      dataHashes: {},
      note: 'synthetic sample city; the RMS export and the partner sources (calls, arrests, field interviews, probation, hospital, facilities) were loaded with the standard ingest pipeline',
    });
    const file = path.join(dir, 'sample-city.spiproj');
    const saved = await saveProjectFile(project, file, appVersion);
    if (!saved.ok) return saved;
    return ok({ file, bytes: saved.value.bytes, rowsLoaded: summary.rows_loaded, rowsQuarantined: summary.rows_quarantined });
  } finally {
    await engine.close();
  }
}

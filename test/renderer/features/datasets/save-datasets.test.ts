import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetProjectDatasets, projectDatasets } from '../../../../renderer/features/datasets/project-datasets';
import { switchDataset } from '../../../../renderer/features/datasets/switch-dataset';
import { openProjectBytes, snapshotProject } from '../../../../renderer/features/project/project-tasks';
import { createStore } from '../../../../renderer/state/store';
import { writeTableAsParquet } from '../../../../shared/domain/ingest/parquet-write';
import { memorySink } from '../../../../shared/domain/ingest/source';
import type { DatasetKind } from '../../../../shared/domain/project/manifest';
import { createProject, type Project, type ProjectDataset } from '../../../../shared/domain/project/project';
import { readProject } from '../../../../shared/domain/project/read-project';
import { writeProject } from '../../../../shared/domain/project/write-project';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { openTestEngine } from '../../../helpers/engine';

let engine: SqlEngine;
beforeAll(async () => {
  engine = await openTestEngine();
});
afterAll(async () => {
  forgetProjectDatasets();
  await engine.close();
});

/** A dataset of `rows` points near Fort Worth with a NIBRS code column, as Parquet bytes. */
async function datasetOf(id: string, kind: DatasetKind, rows: number, code: string): Promise<ProjectDataset> {
  const table = `src_${id.replace(/-/g, '_')}`;
  const made = await engine.query(
    `CREATE OR REPLACE TABLE ${table} AS SELECT '${id}-' || i AS case_id, -97.3 + i / 1e4 AS longitude, 32.7 + i / 1e4 AS latitude, '${code}' AS offense_code FROM range(${rows}) t(i)`,
  );
  if (!made.ok) throw new Error(JSON.stringify(made.error));
  const sink = memorySink();
  const w = await writeTableAsParquet(engine, table, sink, { codec: 'SNAPPY' });
  if (!w.ok) throw new Error(JSON.stringify(w.error));
  return {
    meta: {
      id,
      name: `${id}.csv`,
      kind,
      rows,
      source: { fileName: `${id}.csv`, sha256: null, bytes: null, storage: 'embedded', path: null },
      crs: { source: null, analysis: null },
      mapping: null,
      hasQuarantine: false,
      hasQuality: true,
      sensitive: [],
    },
    table: null,
    parquet: sink.bytes(),
    quarantine: null,
    quality: { kind, rows_loaded: rows },
  };
}

async function twoDatasetProject(): Promise<Uint8Array> {
  const p: Project = createProject({ title: 'Two sources', createdAt: '2024-03-01T00:00:00.000Z' });
  p.datasets = [await datasetOf('incidents', 'incidents', 300, '13A'), await datasetOf('src-calls', 'calls', 120, '')];
  return writeProject(p, { appVersion: 'test' });
}

/** Saves the store's project as the app does and reads the file back. */
async function saveAndReopen(store: ReturnType<typeof createStore>) {
  const saved = await writeProject(await snapshotProject(store.getState(), engine), { appVersion: 'test' });
  const reopened = await readProject(saved, 'saved.spiproj');
  if (!reopened.ok) throw new Error(JSON.stringify(reopened.error));
  expect(reopened.value.problems).toEqual([]);
  return reopened.value.project;
}

describe('multi-dataset projects in the app', () => {
  it('opens a 2-dataset project, shows the incidents, and a save writes both datasets back unchanged', async () => {
    const store = createStore();
    expect(await openProjectBytes(store, Promise.resolve(engine), await twoDatasetProject(), 'two.spiproj', null)).toBe(true);
    expect(store.getState().dataset?.stored?.meta.id).toBe('incidents');
    expect(store.getState().dataset?.rows).toBe(300);
    expect(projectDatasets('2024-03-01T00:00:00.000Z').map((d) => d.meta.id)).toEqual(['incidents', 'src-calls']);

    const project = await saveAndReopen(store);
    expect(project.datasets.map((d) => [d.meta.id, d.meta.kind, d.meta.rows, d.table?.numRows])).toEqual([
      ['incidents', 'incidents', 300, 300],
      ['src-calls', 'calls', 120, 120],
    ]);
    // The quality reports survive too (they used to be dropped for the shown dataset).
    expect(project.datasets.map((d) => d.quality)).toEqual([
      { kind: 'incidents', rows_loaded: 300 },
      { kind: 'calls', rows_loaded: 120 },
    ]);
  });

  it('switches the shown dataset to the calls, logs it, and still saves both exactly once', async () => {
    const store = createStore();
    await openProjectBytes(store, Promise.resolve(engine), await twoDatasetProject(), 'two.spiproj', null);
    await switchDataset(store, Promise.resolve(engine), 'src-calls');
    const state = store.getState();
    expect(state.error).toBeNull();
    expect(state.dataset?.stored?.meta.kind).toBe('calls');
    expect(state.dataset?.rows).toBe(120);
    expect(state.dataset?.points.lon.length).toBe(120);
    expect(state.project.log.at(-1)?.action).toBe('dataset.show');

    const project = await saveAndReopen(store);
    expect(project.datasets.map((d) => d.meta.id).sort()).toEqual(['incidents', 'src-calls']);
    expect(project.datasets.map((d) => d.table?.numRows).sort()).toEqual([120, 300]);

    // Back to the incidents: the engine table loaded at open is reused.
    await switchDataset(store, Promise.resolve(engine), 'incidents');
    expect(store.getState().dataset?.rows).toBe(300);
  });

  it('reports a dataset the project does not hold and keeps the shown one', async () => {
    const store = createStore();
    await openProjectBytes(store, Promise.resolve(engine), await twoDatasetProject(), 'two.spiproj', null);
    await switchDataset(store, Promise.resolve(engine), 'nope');
    expect(store.getState().error).toMatch(/nope: the project has no such dataset/);
    expect(store.getState().dataset?.stored?.meta.id).toBe('incidents');
  });
});

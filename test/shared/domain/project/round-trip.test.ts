import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { readProject } from '../../../../shared/domain/project/read-project';
import { writeProject } from '../../../../shared/domain/project/write-project';
import { toPlainRows } from '../../../../shared/engine/arrow-values';
import { makeProject } from './fixtures';

describe('project file round trip', () => {
  it('reads back every part exactly, with no problems and not read-only', async () => {
    const original = makeProject();
    const bytes = await writeProject(original, { appVersion: '0.1.0', now: '2024-05-02T00:00:00.000Z' });
    const opened = await readProject(bytes, 'test.spiproj');
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const { project, problems, readOnly } = opened.value;
    expect(problems).toEqual([]);
    expect(readOnly).toBe(false);
    expect(project.info).toMatchObject({ title: 'Test city', agency: 'Test PD', analysisCrs: 'EPSG:32614', modifiedAt: '2024-05-02T00:00:00.000Z' });
    const d = project.datasets[0]!;
    expect(d.meta).toMatchObject({ id: 'incidents', kind: 'incidents', rows: 4, hasQuarantine: true });
    expect(toPlainRows(d.table!)).toEqual([
      { case_id: '24-1', offense_code: '13A', x: 100.5, count: 1, occurred_from: '2024-03-01 14:05:00' },
      { case_id: '24-2', offense_code: '220', x: 200.25, count: 2, occurred_from: '2024-03-02 00:00:00' },
      { case_id: '24-3', offense_code: '23F', x: null, count: 3, occurred_from: null },
      { case_id: null, offense_code: '120', x: 400, count: 4, occurred_from: '2024-12-31 23:59:00' },
    ]);
    expect(toPlainRows(d.quarantine!)).toEqual([{ row: 7, reason: 'unparseable date', original: '7,13A,31/02/2024' }]);
    expect(d.quality).toEqual({ geocodingHitRate: 0.97 });
    expect(project.layers[0]!.geojson.features).toHaveLength(1);
    expect(project.documents).toEqual(original.documents);
    expect(project.log).toEqual(original.log);
  });

  it('is an ordinary zip whose manifest lists every other part with its SHA-256', async () => {
    const bytes = await writeProject(makeProject(), { appVersion: '0.1.0' });
    const files = unzipSync(bytes);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    expect(manifest.format).toBe('spi-workbench-project');
    expect(manifest.formatVersion).toBe(1);
    const listed = manifest.parts.map((p: { path: string }) => p.path).sort();
    expect(listed).toEqual(Object.keys(files).filter((f) => f !== 'manifest.json').sort());
    expect(listed).toContain('datasets/incidents/data.parquet');
    expect(listed).toContain('layers/beats.geojson');
    expect(listed).toContain('docs/designs/pilot.json');
    expect(listed).toContain('log.jsonl');
  });

  it('writes the same bytes for the same project and time (reproducible files)', async () => {
    const a = await writeProject(makeProject(), { appVersion: '0.1.0', now: '2024-05-02T00:00:00.000Z' });
    const b = await writeProject(makeProject(), { appVersion: '0.1.0', now: '2024-05-02T00:00:00.000Z' });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});

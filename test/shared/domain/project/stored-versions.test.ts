import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_FORMAT_VERSION } from '../../../../shared/domain/project/manifest';
import { MIGRATIONS } from '../../../../shared/domain/project/migrations';
import { readProject } from '../../../../shared/domain/project/read-project';
import { toPlainRows } from '../../../../shared/engine/arrow-values';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/project');

describe('stored project files of every format version', () => {
  it('opens the stored version-1 file intact, value for value', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, 'format-v1.spiproj')));
    const r = await readProject(bytes, 'format-v1.spiproj');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.problems).toEqual([]);
    expect(r.value.formatVersion).toBe(1);
    expect(r.value.project.info.title).toBe('Test city');
    expect(toPlainRows(r.value.project.datasets[0]!.table!)[0]).toEqual({ case_id: '24-1', offense_code: '13A', x: 100.5, count: 1, occurred_from: '2024-03-01 14:05:00' });
    expect(r.value.project.documents['designs/pilot']).toEqual({ targets: ['a', 'b'] });
  });

  it('has a migration from every older version to the current one', () => {
    // Version 1 is the first format; when version N+1 is introduced, MIGRATIONS[N] and a stored
    // format-vN file with its own test must come with it.
    for (let v = 1; v < PROJECT_FORMAT_VERSION; v++) expect(MIGRATIONS[v], `migration from version ${v}`).toBeTypeOf('function');
    expect(PROJECT_FORMAT_VERSION).toBe(1);
  });
});

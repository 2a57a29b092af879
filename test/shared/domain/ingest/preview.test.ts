import { describe, expect, it } from 'vitest';
import { previewSource } from '../../../../shared/domain/ingest/preview';
import { parseReason, acceptedMask, REASON_BITS } from '../../../../shared/domain/ingest/reasons';
import { buildXlsx, memorySource, sampleIncidents } from './fixtures';

describe('previewSource', () => {
  it('shows a CSV export from its head: columns, rows, the mapping and the CRS confirmed by lat/lon', async () => {
    const { csv } = sampleIncidents(300);
    const r = await previewSource(memorySource('incidents.csv', csv), { maxBytes: 1e9, maxRows: 50 });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.format).toBe('csv');
    expect(r.value.columns[0]).toBe('Case Number');
    expect(r.value.rows).toHaveLength(50);
    expect(r.value.detected.mapping.roles.x).toBe('X Coordinate');
    const g = r.value.crsGuess;
    expect(g?.kind === 'projected' && g.candidates[0]?.code).toBe('EPSG:2276');
  });

  it('shows Excel sheets, and refuses what the import would refuse', async () => {
    const r = await previewSource(memorySource('b.xlsx', buildXlsx([['Case', 'Latitude', 'Longitude'], ['1', 35.1, -90]])), { maxBytes: 1e9 });
    expect(r.ok && r.value.rows).toEqual([['1', '35.1', '-90']]);
    const one = await previewSource(memorySource('x.csv', 'a b c\n1 2 3\n'), { maxBytes: 1e9 });
    expect(!one.ok && one.error.kind === 'file-format' && one.error.reason).toMatch(/only one column/);
  });
});

describe('quarantine reasons', () => {
  it('parse as written on the command line and build accept masks', () => {
    expect(parseReason('missing-coordinates')).toBe('missing coordinates');
    expect(parseReason(' Default_Location ')).toBe('default location');
    expect(parseReason('bad')).toBeUndefined();
    expect(acceptedMask(['zero coordinates', 'malformed row'])).toBe(REASON_BITS['zero coordinates']);
  });
});

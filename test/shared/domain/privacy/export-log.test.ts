import { describe, expect, it } from 'vitest';
import { isExportEntry, toExportLogEntry, toRevealLogEntry } from '../../../../shared/domain/privacy/export-log';
import { LogEntrySchema } from '../../../../shared/domain/project/manifest';

describe('toExportLogEntry', () => {
  it('records format, rows, privacy profile, sensitive choice and the SHA-256 of the bytes', async () => {
    const bytes = new TextEncoder().encode('abc');
    const e = await toExportLogEntry({ kind: 'csv', format: 'csv', file: 'q.csv', bytes, rows: 2, privacy: null, includeSensitive: false, omitted: ['Victim Name'], by: 'analyst', at: '2024-05-01T10:00:00.000Z' });
    expect(e.action).toBe('export.csv');
    expect(e.parameters).toEqual({
      format: 'csv',
      file: 'q.csv',
      rows: 2,
      privacy: null,
      includeSensitive: false,
      sensitiveOmitted: ['Victim Name'],
      // SHA-256("abc"), FIPS 180-2 appendix B.1.
      fileSha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      bytes: 3,
    });
    expect(LogEntrySchema.safeParse(e).success).toBe(true);
    expect(isExportEntry(e)).toBe(true);
  });

  it('lists each file of a multi-file export and keeps extra parameters', async () => {
    const e = await toExportLogEntry({ kind: 'project', format: 'folder', file: 'out', bytes: null, rows: 10, privacy: null, includeSensitive: true, by: 'spi project export', files: { 'a.json': 'f'.repeat(64) }, extra: { skipped: [] } });
    expect(e.parameters.fileSha256).toBeNull();
    expect(e.parameters.files).toEqual({ 'a.json': 'f'.repeat(64) });
    expect(e.parameters.skipped).toEqual([]);
    expect(e.parameters.includeSensitive).toBe(true);
  });
});

describe('toRevealLogEntry', () => {
  it('names the dataset, column and row but never the value', () => {
    const e = toRevealLogEntry('incidents.csv', 'Victim Name', 7, 'analyst', '2024-05-01T10:00:00.000Z');
    expect(e).toEqual({ at: '2024-05-01T10:00:00.000Z', by: 'analyst', action: 'privacy.reveal', parameters: { dataset: 'incidents.csv', column: 'Victim Name', rowId: 7 }, dataHashes: {} });
    expect(isExportEntry(e)).toBe(false);
  });
});

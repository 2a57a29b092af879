import { describe, expect, it } from 'vitest';
import { analysisDocumentKey, nextAnalysisId, toAnalysisDocument, toAnalysisLogEntry, type AnalysisProvenance } from '../../../../shared/domain/analysis/document';
import { makeTable, type AnalysisRun } from '../../../../shared/domain/analysis/result';
import { LogEntrySchema } from '../../../../shared/domain/project/manifest';

const run: AnalysisRun = {
  verb: 'hotspots',
  method: 'Getis-Ord Gi*',
  parameters: { unit: 'grid:250', weights: 'queen' },
  convention: ['Units: ...', 'Weights: ...'],
  summary: { units: 3 },
  table: makeTable('units', [{ name: 'id', values: Int32Array.of(0, 1, 2) }, { name: 'z', values: Float64Array.of(1, Number.NaN, -2) }]),
  tables: [],
  warnings: ['careful'],
};
const provenance: AnalysisProvenance = {
  id: 'hotspots-20240301-101500',
  createdAt: '2024-03-01T10:15:00.000Z',
  dataHash: 'a'.repeat(64),
  dataset: { id: 'incidents', rows: 10, matched: 8, used: 7, filter: "beat = 'B1'" },
  outputs: ['gi.csv'],
};

describe('analysis documents', () => {
  it('stores small tables inline, JSON-safe', () => {
    const doc = toAnalysisDocument(run, provenance);
    expect(doc).toMatchObject({ format: 'spi-analysis', version: 1, method: 'Getis-Ord Gi*', dataHash: 'a'.repeat(64), createdAt: provenance.createdAt, warnings: ['careful'] });
    expect(doc.result).toEqual({ storage: 'inline', table: { name: 'units', rows: 3, columns: { id: [0, 1, 2], z: [1, null, -2] } }, tables: [] });
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('refers to large tables instead of storing them', () => {
    const doc = toAnalysisDocument(run, provenance, { maxInlineCells: 5 });
    expect(doc.result).toMatchObject({ storage: 'reference', files: ['gi.csv'], table: { rows: 3, columnNames: ['id', 'z'], stored: false } });
  });

  it('logs the action with the data hash keyed by dataset, valid for the project log schema', () => {
    const entry = toAnalysisLogEntry(run, provenance);
    expect(entry).toMatchObject({ action: 'analysis.hotspots', dataHashes: { incidents: 'a'.repeat(64) }, parameters: { document: 'analyses/hotspots-20240301-101500', filter: "beat = 'B1'" } });
    expect(LogEntrySchema.safeParse(entry).success).toBe(true);
  });

  it('makes unique ids from the time', () => {
    expect(nextAnalysisId('knox', '2024-03-01T10:15:00.123Z', {})).toBe('knox-20240301-101500');
    expect(nextAnalysisId('knox', '2024-03-01T10:15:00.123Z', { [analysisDocumentKey('knox-20240301-101500')]: {} })).toBe('knox-20240301-101500-2');
  });
});

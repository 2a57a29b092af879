/**
 * Appending a newer export to a dataset: a generated RMS export and a later one overlapping it
 * with planted unchanged, changed (a field, or an extra offense row), new and dropped cases, and
 * a row without a case number; the counts must be exact and no row may be lost or doubled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAppError } from '../../../../shared/base/errors';
import { sha256Hex } from '../../../../shared/base/hash';
import type { ColumnMapping } from '../../../../shared/domain/ingest/mapping';
import { writeTableAsParquet } from '../../../../shared/domain/ingest/parquet-write';
import { parseParquet } from '../../../../shared/domain/ingest/parquet';
import { ingestSource } from '../../../../shared/domain/ingest/pipeline';
import { memorySink } from '../../../../shared/domain/ingest/source';
import { appendLogEntry, appendToDataset, applyAppend } from '../../../../shared/domain/project/append';
import { createProject, type ProjectDataset } from '../../../../shared/domain/project/project';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { openTestEngine } from '../../../helpers/engine';
import { memorySource } from '../ingest/fixtures';

const HEADER = 'Case Number,Offense Code,Offense Description,Occurred Date,Address,Latitude,Longitude';

/** One export line per (case, offense); case k sits at a position and date made from k. */
function line(k: number, code = '220', address = `${100 + k} MAIN ST`, offenseRow = 0): string {
  const day = 1 + (k % 27);
  return `C${String(k).padStart(4, '0')},${code},${code === '220' ? 'BURGLARY' : 'ROBBERY'},2024-03-${String(day).padStart(2, '0')} 1${offenseRow}:15,${address},${(32.77 + k * 0.0005).toFixed(5)},${(-96.8 - k * 0.0004).toFixed(5)}`;
}

function exportOne(): string {
  const rows = [HEADER];
  for (let k = 1; k <= 60; k++) {
    rows.push(line(k));
    if (k % 10 === 0) rows.push(line(k, '120', undefined, 1)); // multi-offense cases
  }
  return `${rows.join('\n')}\n`;
}

/** Cases 21-40 identical, 41-50 a changed address, 51-55 an extra offense row, 61-90 new; 1-20 gone. */
function exportTwo(): string {
  const rows = [HEADER];
  for (let k = 90; k >= 21; k--) {
    if (k >= 41 && k <= 50) rows.push(line(k, '220', `${100 + k} ELM ST`));
    else rows.push(line(k));
    if (k % 10 === 0 && k <= 60) rows.push(line(k, '120', undefined, 1));
    if (k >= 51 && k <= 55) rows.push(line(k, '120', undefined, 2));
  }
  rows.push(`,220,BURGLARY,2024-03-05 10:15,999 OAK ST,32.79,-96.81`);
  return `${rows.join('\n')}\n`;
}

let engine: SqlEngine;
let dataset: ProjectDataset;

async function ingestDataset(text: string): Promise<ProjectDataset> {
  const r = await ingestSource(engine, memorySource('rms-2024q1.csv', text), { table: 'first' });
  if (!r.ok) throw new Error(formatAppError(r.error as never));
  const sink = memorySink();
  const w = await writeTableAsParquet(engine, 'first', sink);
  if (!w.ok) throw new Error('parquet');
  const parquet = sink.bytes();
  const table = await parseParquet(parquet, 'x');
  if (!table.ok) throw new Error('parse');
  const s = r.value.summary;
  return {
    meta: { id: 'incidents', name: 'rms-2024q1.csv', kind: 'incidents', rows: table.value.numRows, source: { fileName: 'rms-2024q1.csv', sha256: null, bytes: null, storage: 'embedded', path: null }, crs: { source: s.source_crs?.code ?? null, analysis: s.analysis_crs?.code ?? null }, mapping: s.mapping, hasQuarantine: false, hasQuality: false },
    table: table.value,
    parquet,
    quarantine: null,
    quality: null,
  };
}

describe('appendToDataset', () => {
  beforeAll(async () => {
    engine = await openTestEngine();
    dataset = await ingestDataset(exportOne());
  }, 60_000);
  afterAll(async () => engine.close());

  it('counts added, changed, unchanged and kept cases by case number and merges the rows', async () => {
    expect(dataset.table!.numRows).toBe(66);
    const r = await appendToDataset(engine, dataset, memorySource('rms-2024q2.csv', exportTwo()), { exportSha256: 'a'.repeat(64) });
    if (!r.ok) throw new Error(formatAppError(r.error));
    const c = r.value.counts;
    // 61-90 new (30) + the case-less row; 41-55 changed (15); 21-40 and 56-60 unchanged (25); 1-20 kept.
    expect({ added: c.added, changed: c.changed, unchanged: c.unchanged, kept: c.kept }).toEqual({ added: 31, changed: 15, unchanged: 25, kept: 20 });
    // Rows: old 66 - rows of changed cases (15 + case 50's second row = 16) + their new rows (15 + 1 + 5 extra = 21) + 31 new (+ case 70, 80, 90? no: only <= 60 have two rows).
    expect(c.rowsBefore).toBe(66);
    expect(c.rowsAfter).toBe(66 - 16 + 21 + 31);
    const t = r.value.dataset.table!;
    expect(t.numRows).toBe(c.rowsAfter);
    const ids = t.getChild('case_id')!.toArray() as (string | null)[];
    const addr = t.getChild('address')!.toArray() as (string | null)[];
    // The changed cases carry the new address; the kept ones are still there; nothing doubled.
    expect(addr[ids.indexOf('C0045')]).toContain('ELM');
    expect(ids.filter((v) => v === 'C0005')).toHaveLength(1);
    expect(ids.filter((v) => v === 'C0030')).toHaveLength(2);
    expect(ids.filter((v) => v === 'C0053')).toHaveLength(2);
    expect(ids.filter((v) => v === 'C0025')).toHaveLength(1);
    expect(ids.filter((v) => v === null)).toHaveLength(1);
    // Hashes: before = the stored Parquet, after = the new one (also in the dataset's meta).
    expect(r.value.hashes.before).toBe(await sha256Hex(dataset.parquet!));
    expect(r.value.hashes.after).toBe(await sha256Hex(r.value.dataset.parquet!));
    expect(r.value.dataset.meta.source.sha256).toBe(r.value.hashes.after);
    expect(r.value.dataset.meta.rows).toBe(c.rowsAfter);
    const p = applyAppend({ ...createProject({}, '2025-01-01T00:00:00Z'), datasets: [dataset] }, r.value, 'rms-2024q2.csv', '2025-02-01T00:00:00Z', 'analyst');
    const entry = p.log.at(-1)!;
    expect(entry.action).toBe('dataset.append');
    expect(entry.dataHashes).toEqual({ 'incidents@before': r.value.hashes.before, incidents: r.value.hashes.after, 'incidents@export': 'a'.repeat(64) });
    expect(entry.parameters).toMatchObject({ added: 31, changed: 15, unchanged: 25, kept: 20, export: 'rms-2024q2.csv' });
    expect(p.datasets[0]).toBe(r.value.dataset);
  }, 60_000);

  it('the app and the CLI log the same entry (appendLogEntry is what applyAppend appends)', async () => {
    const r = await appendToDataset(engine, dataset, memorySource('rms-2024q2.csv', exportTwo()), { exportSha256: 'b'.repeat(64) });
    if (!r.ok) throw new Error(formatAppError(r.error));
    const p = applyAppend({ ...createProject({}, '2025-01-01T00:00:00Z'), datasets: [dataset] }, r.value, 'rms-2024q2.csv', '2025-02-01T00:00:00Z', 'analyst');
    expect(p.log.at(-1)).toEqual(appendLogEntry(r.value, 'rms-2024q2.csv', '2025-02-01T00:00:00Z', 'analyst'));
    expect(appendLogEntry(r.value, 'x.csv', 't', 'me').note).toBe('appended x.csv: 31 added, 15 changed, 25 unchanged, 20 kept');
  }, 60_000);

  it('counts the export rows the ingest quarantines and adds them to the dataset quarantine once', async () => {
    const bad = exportTwo().replace(/\n$/, '') + '\nC0999,220,BURGLARY,not a date,1 BAD ST,32.78,-96.81\n';
    const r = await appendToDataset(engine, dataset, memorySource('rms-bad-row.csv', bad));
    if (!r.ok) throw new Error(formatAppError(r.error));
    expect(r.value.counts.exportRowsQuarantined).toBe(1);
    expect(r.value.counts.quarantineAdded).toBe(1);
    expect(r.value.dataset.quarantine!.numRows).toBe(1);
    const again = await appendToDataset(engine, r.value.dataset, memorySource('rms-bad-row.csv', bad));
    if (!again.ok) throw new Error(formatAppError(again.error));
    expect(again.value.dataset.quarantine!.numRows).toBe(1);
    expect([again.value.counts.exportRowsQuarantined, again.value.counts.quarantineAdded]).toEqual([1, 0]);
  }, 60_000);

  it('last-digit noise in the coordinates (another runtime\'s projection) is no change; 22 cm is', async () => {
    // Latitude 1e-12 degrees off (float noise) on cases 21-30, 2e-6 degrees (about 22 cm) off on case 31.
    const noisy = exportTwo().split('\n').map((l) => {
      const m = /^C00(2\d|30|31),/.exec(l);
      if (!m) return l;
      return l.replace(/,(32\.\d{5}),/, (_, lat: string) => `,${(Number(lat) + (m[1] === '31' ? 2e-6 : 1e-12)).toFixed(m[1] === '31' ? 6 : 12)},`);
    }).join('\n');
    const plain = await appendToDataset(engine, dataset, memorySource('rms-2024q2.csv', exportTwo()));
    const r = await appendToDataset(engine, dataset, memorySource('rms-noisy.csv', noisy));
    if (!r.ok || !plain.ok) throw new Error('append failed');
    expect(r.value.counts.changed).toBe(plain.value.counts.changed + 1);
    expect(r.value.counts.unchanged).toBe(plain.value.counts.unchanged - 1);
  }, 60_000);

  it('a change only in a column the mapping does not read (a vendor\'s Disposition) makes the case "changed"', async () => {
    const withDisposition = (text: string, value: (caseNo: string) => string) =>
      text.split('\n').map((l, i) => (l === '' ? l : i === 0 ? `${l},Disposition` : `${l},${value(l.split(',')[0]!)}`)).join('\n');
    const base = await ingestDataset(withDisposition(exportOne(), () => 'OPEN'));
    const r = await appendToDataset(engine, base, memorySource('rms-closed.csv', withDisposition(exportOne(), (c) => (c === 'C0005' || c === 'C0010' ? 'CLOSED' : 'OPEN'))));
    if (!r.ok) throw new Error(formatAppError(r.error));
    expect(r.value.counts).toMatchObject({ added: 0, changed: 2, unchanged: 58, kept: 0 });
  }, 60_000);

  it('appending the same export again changes nothing', async () => {
    const once = await appendToDataset(engine, dataset, memorySource('rms-2024q2.csv', exportTwo()));
    if (!once.ok) throw new Error(formatAppError(once.error));
    const twice = await appendToDataset(engine, once.value.dataset, memorySource('rms-2024q2.csv', exportTwo()));
    if (!twice.ok) throw new Error(formatAppError(twice.error));
    expect(twice.value.counts).toMatchObject({ added: 0, changed: 0, unchanged: 71, kept: 20 });
    expect(twice.value.counts.rowsAfter).toBe(once.value.counts.rowsAfter);
  }, 60_000);

  it('refuses an export the saved mapping does not fit, and a mapping of another kind, naming them', async () => {
    const renamed = exportTwo().replace('Case Number', 'Incident No');
    const r = await appendToDataset(engine, dataset, memorySource('renamed.csv', renamed));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatAppError(r.error)).toMatch(/renamed\.csv.*Case Number|Case Number.*renamed\.csv/);
    const calls = { ...(dataset.meta.mapping as ColumnMapping), kind: 'calls' as const };
    const k = await appendToDataset(engine, dataset, memorySource('rms-2024q2.csv', exportTwo()), { mapping: calls });
    expect(k.ok).toBe(false);
    if (!k.ok) expect(formatAppError(k.error)).toContain('a mapping for calls');
    const none = await appendToDataset(engine, { ...dataset, meta: { ...dataset.meta, mapping: null } }, memorySource('rms-2024q2.csv', exportTwo()));
    expect(!none.ok && formatAppError(none.error)).toContain('no saved mapping');
  }, 60_000);
});

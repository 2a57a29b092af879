import { describe, expect, it } from 'vitest';
import { Table, vectorFromArray, Utf8, Float64, Int32, TimestampMillisecond } from 'apache-arrow';
import { readProject, type OpenedProject } from '../../../../shared/domain/project/read-project';
import { writeProject } from '../../../../shared/domain/project/write-project';
import { toPlainRows } from '../../../../shared/engine/arrow-values';
import { packOpenedProject, unpackOpenedProject } from '../../../../renderer/features/project/project-transfer';
import { readProjectOffThread } from '../../../../renderer/features/project/project-read-client';
import { makeProject } from '../../../shared/domain/project/fixtures';

/** The fixture project plus a 5,000-row dataset (several record batches after the Parquet round trip). */
async function projectBytes(): Promise<Uint8Array> {
  const p = makeProject();
  const n = 5000;
  const big = new Table({
    case_id: vectorFromArray(Array.from({ length: n }, (_, i) => (i % 97 === 0 ? null : `C-${i}`)), new Utf8()),
    lon: vectorFromArray(Array.from({ length: n }, (_, i) => -90 + i * 1e-5), new Float64()),
    beat: vectorFromArray(Array.from({ length: n }, (_, i) => i % 40), new Int32()),
    occurred_from: vectorFromArray(Array.from({ length: n }, (_, i) => (i % 13 === 0 ? null : Date.UTC(2024, 0, 1) + i * 3_600_000)), new TimestampMillisecond()),
  });
  const first = p.datasets[0]!;
  p.datasets.push({ ...first, meta: { ...first.meta, id: 'calls', name: 'calls.csv', kind: 'calls', rows: n, hasQuarantine: false, hasQuality: false }, table: big, quarantine: null, quality: null });
  return writeProject(p, { appVersion: '0.1.0', now: '2024-05-02T00:00:00.000Z' });
}

/** Everything but the tables, and each table as schema + plain rows. */
function comparable(o: OpenedProject) {
  const table = (t: Table | null) => (t === null ? null : { fields: t.schema.fields.map((f) => `${f.name}:${String(f.type)}:${f.nullable}`), rows: toPlainRows(t) });
  return {
    ...o,
    project: {
      ...o.project,
      datasets: o.project.datasets.map((d) => ({ ...d, table: table(d.table), quarantine: table(d.quarantine), parquet: d.parquet ? Array.from(d.parquet) : null })),
    },
  };
}

describe('opened project across the worker boundary', () => {
  it('packs tables as IPC, moves every buffer, and unpacks to the same project', async () => {
    const bytes = await projectBytes();
    const direct = await readProject(bytes, 'test.spiproj');
    // As in the worker: its own copy of the file (the Parquet parts are views into it and move with it).
    const again = await readProject(bytes.slice(), 'test.spiproj');
    expect(direct.ok && again.ok).toBe(true);
    if (!direct.ok || !again.ok) return;
    expect(direct.value.project.datasets.map((d) => d.table?.numRows).sort()).toEqual([4, 5000].sort());
    const { message, transfer } = packOpenedProject(again.value);
    expect(transfer.length).toBeGreaterThanOrEqual(3); // two tables, the quarantine, the Parquet bytes' buffer(s)
    expect(new Set(transfer).size).toBe(transfer.length);
    const received = structuredClone(message, { transfer });
    // Moved, not copied: the sender's buffers are detached.
    expect(transfer.every((b) => b.byteLength === 0)).toBe(true);
    const unpacked = unpackOpenedProject(received);
    expect(comparable(unpacked)).toEqual(comparable(direct.value));
  });

  it('reads on this thread, with the same result and errors, where there is no Worker (Node)', async () => {
    const bytes = await projectBytes();
    const viaClient = await readProjectOffThread(bytes, 'test.spiproj');
    const direct = await readProject(bytes, 'test.spiproj');
    expect(viaClient.ok && direct.ok && comparable(viaClient.value)).toEqual(direct.ok && comparable(direct.value));
    const bad = await readProjectOffThread(new Uint8Array([1, 2, 3]), 'junk.spiproj');
    expect(bad).toEqual(await readProject(new Uint8Array([1, 2, 3]), 'junk.spiproj'));
    expect(bad.ok).toBe(false);
  });
});

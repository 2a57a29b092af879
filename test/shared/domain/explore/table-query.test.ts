import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildOrderCountSql,
  buildOrderedRowsSql,
  buildOrderTableSql,
  buildPageSql,
  buildPositionOfSql,
  formatArrowCsv,
  formatRowsCsv,
  ROW_ORDER,
  tableColumnsOf,
  scrollTopForRow,
  virtualWindow,
} from '../../../../shared/domain/explore/table-query';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { openTestEngine } from '../../../helpers/engine';

const N = 5000;

describe('incident table paging (real DuckDB)', () => {
  let engine: SqlEngine;
  const q = async (sql: string) => {
    const r = await engine.query(sql);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value;
  };
  beforeAll(async () => {
    engine = await openTestEngine();
    // score = (i * 7919) % 1000: many ties; beat NULL on every 10th row.
    await q(`CREATE TABLE inc AS SELECT i AS id, (i * 7919) % 1000 AS score, CASE WHEN i % 10 = 0 THEN NULL ELSE 'B' || (i % 7) END AS beat FROM range(${N}) r(i) ORDER BY i`);
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('pages through the filtered rows in row order by position ranges', async () => {
    await q(buildOrderTableSql('inc', 'id % 2 = 0', ROW_ORDER));
    expect(Number((await q(buildOrderCountSql('inc'))).getChild('n')?.get(0))).toBe(N / 2);
    const page = await q(buildPageSql('inc', 1000, 50));
    expect(page.numRows).toBe(50);
    expect(page.toArray().map((r) => Number(r.id))).toEqual(Array.from({ length: 50 }, (_, k) => 2 * (1000 + k)));
    expect(page.toArray().map((r) => Number(r.pos))).toEqual(Array.from({ length: 50 }, (_, k) => 1000 + k));
    // The last page is short; past the end is empty.
    expect((await q(buildPageSql('inc', N / 2 - 10, 50))).numRows).toBe(10);
    expect((await q(buildPageSql('inc', N, 50))).numRows).toBe(0);
  });

  it('sorts by a column both ways, NULLs last, ties in rowid order; pages tile the whole order', async () => {
    for (const descending of [false, true]) {
      await q(buildOrderTableSql('inc', 'TRUE', { column: 'beat', descending }, ['id', 'beat']));
      const rows: { id: number; beat: string | null }[] = [];
      for (let first = 0; first < N; first += 700) rows.push(...(await q(buildPageSql('inc', first, 700))).toArray().map((r) => ({ id: Number(r.id), beat: r.beat as string | null })));
      expect(rows).toHaveLength(N);
      expect(new Set(rows.map((r) => r.id)).size).toBe(N);
      const firstNull = rows.findIndex((r) => r.beat === null);
      expect(rows.slice(firstNull).every((r) => r.beat === null)).toBe(true);
      expect(firstNull).toBe(N - N / 10);
      for (let i = 1; i < firstNull; i++) {
        const a = rows[i - 1]!;
        const b = rows[i]!;
        const cmp = (a.beat as string).localeCompare(b.beat as string);
        expect(descending ? cmp >= 0 : cmp <= 0).toBe(true);
        if (cmp === 0) expect(a.id).toBeLessThan(b.id);
      }
    }
  });

  it('finds the position of a row (map click -> table row), none when filtered out', async () => {
    await q(buildOrderTableSql('inc', 'score >= 500', { column: 'score', descending: true }));
    const all = (await q(buildOrderedRowsSql('inc', ['id']))).toArray().map((r) => Number(r.id));
    const id = all[1234]!;
    expect(Number((await q(buildPositionOfSql('inc', id))).getChild('pos')?.get(0))).toBe(1234);
    const out = (await q('SELECT id FROM inc WHERE score < 500 LIMIT 1')).getChild('id')?.get(0);
    expect((await q(buildPositionOfSql('inc', Number(out)))).numRows).toBe(0);
  });

  it('keeps only the displayed columns, all when none are named', async () => {
    await q(buildOrderTableSql('inc', 'TRUE', ROW_ORDER, ['beat']));
    expect((await q(buildPageSql('inc', 0, 1))).schema.fields.map((f) => f.name)).toEqual(['pos', 'rid', 'beat']);
    await q(buildOrderTableSql('inc', 'TRUE', ROW_ORDER));
    expect((await q(buildPageSql('inc', 0, 1))).schema.fields.map((f) => f.name)).toEqual(['pos', 'rid', 'id', 'score', 'beat']);
    expect(tableColumnsOf(['x', 'occurred_from', 'offense_code', 'beat', 'lon'])).toEqual(['offense_code', 'occurred_from', 'beat']);
    expect(tableColumnsOf(['A', 'B', 'C'], 2)).toEqual(['A', 'B']);
  });

  it('exports the ordered rows of every column as formula-safe CSV, without pos and rid', async () => {
    await q(`CREATE OR REPLACE TABLE f AS SELECT * FROM (VALUES (1, '=1+1', TIMESTAMP '2024-01-02 03:04:05'), (2, 'plain', NULL)) v(id, note, "when")`);
    await q(buildOrderTableSql('f', 'TRUE', { column: 'id', descending: true }, ['id']));
    const csv = formatArrowCsv(await q(buildOrderedRowsSql('f')));
    expect(csv).toBe("\uFEFFid,note,when\r\n2,plain,\r\n1,'=1+1,2024-01-02 03:04:05\r\n");
    expect(formatArrowCsv(await q(buildPageSql('f', 0, 10)), ['pos', 'rid'])).toBe('\uFEFFid\r\n2\r\n1\r\n');
  });

  it('pages cost the same deep in the table as at the top (no re-sort per page)', async () => {
    await q(`CREATE OR REPLACE TABLE big AS SELECT i AS id, hash(i) % 100000 AS k, 'text ' || i AS t FROM range(300000) r(i)`);
    await q(buildOrderTableSql('big', 'TRUE', { column: 'k', descending: false }));
    const time = async (first: number) => {
      const t0 = performance.now();
      for (let r = 0; r < 5; r++) await q(buildPageSql('big', first, 100));
      return (performance.now() - t0) / 5;
    };
    await time(0);
    const top = await time(0);
    const deep = await time(290_000);
    expect(deep).toBeLessThan(Math.max(50, top * 4));
  });
});

describe('CSV of table rows', () => {
  it('neutralizes formulas in text (header too), keeps numbers, quotes, writes BOM and CRLF', () => {
    const csv = formatRowsCsv(['id', '=cmd', 'note'], [
      [1, '=HYPERLINK("http://x")', 'a, b'],
      [-5, '-5', null],
      [2, '@SUM(A1)', new Date(Date.UTC(2024, 0, 2, 3, 4, 5))],
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe("id,'=cmd,note");
    expect(lines[1]).toBe(`1,"'=HYPERLINK(""http://x"")","a, b"`);
    expect(lines[2]).toBe("-5,'-5,");
    expect(lines[3]).toBe("2,'@SUM(A1),2024-01-02 03:04:05");
    expect(lines[4]).toBe('');
  });
});

describe('virtual window', () => {
  it('maps scroll to rows directly while the height fits', () => {
    expect(virtualWindow(240, 600, 1000, 24)).toEqual({ height: 24000, first: 10, top: 240 });
    expect(scrollTopForRow(10, 600, 1000, 24)).toBe(240);
  });

  it('scales scrolling for tables taller than the cap: top reaches row 0 and the bottom the last rows', () => {
    const total = 5_000_000;
    const w0 = virtualWindow(0, 600, total, 24);
    expect(w0.height).toBe(15_000_000);
    expect(w0.first).toBe(0);
    const end = virtualWindow(15_000_000 - 600, 600, total, 24);
    expect(end.first).toBe(total - 25);
    // Round trip: the scroll position for a row shows that row.
    for (const row of [0, 1, 123_456, 2_500_000, total - 30]) expect(virtualWindow(scrollTopForRow(row, 600, total, 24), 600, total, 24).first).toBe(row);
  });
});

import { describe, expect, it } from 'vitest';
import { formatCsv, formatCsvText, makeTable, tableToColumnArrays, tableToRows, topIndices } from '../../../../shared/domain/analysis/result';

describe('analysis result tables', () => {
  const table = makeTable('t', [
    { name: 'id', values: ['=1+2', '+A1', '-B2', '@SUM(A1)', '\tx', '\rx', 'plain, "quoted"', null] },
    { name: 'z', values: Float64Array.from([-1.5, 0, 2, Number.NaN, Number.POSITIVE_INFINITY, 1e-7, 3, -0]) },
  ]);

  it('never lets a text cell start a formula, and quotes per RFC 4180', () => {
    const lines = formatCsv(table).split('\n');
    expect(lines[0]).toBe('id,z');
    expect(lines.slice(1, 9)).toEqual([
      "'=1+2,-1.5",
      "'+A1,0",
      "'-B2,2",
      "'@SUM(A1),",
      "'\tx,",
      `"'\rx",1e-7`,
      '"plain, ""quoted""",3',
      ',0',
    ]);
    expect(formatCsvText('=cmd|"/c calc"!A1')).toBe(`"'=cmd|""/c calc""!A1"`);
  });

  it('keeps numbers numeric (negative numbers are not prefixed) and non-finite values empty', () => {
    expect(formatCsv(table)).toMatch(/^'=1\+2,-1\.5$/m);
    expect(tableToRows(table)[3]).toEqual({ id: '@SUM(A1)', z: null });
    expect(tableToColumnArrays(table).z).toEqual([-1.5, 0, 2, null, null, 1e-7, 3, -0]);
    expect(JSON.parse(JSON.stringify(tableToRows(table))).length).toBe(8);
  });

  it('refuses columns of different lengths (a programming error)', () => {
    expect(() => makeTable('bad', [{ name: 'a', values: [1, 2] as never }, { name: 'b', values: Float64Array.of(1) }])).toThrow(/column b has 1 values, expected 2/);
  });

  it('ranks indices by a key, ties by index, with an optional filter', () => {
    expect(Array.from(topIndices([3, 5, 5, 1], 3))).toEqual([1, 2, 0]);
    expect(Array.from(topIndices([3, 5, 5, 1], 10, (i) => i !== 1))).toEqual([2, 0, 3]);
  });
});

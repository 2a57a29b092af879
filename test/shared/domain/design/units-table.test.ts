import { describe, expect, it } from 'vitest';
import { formatAppError } from '../../../../shared/base/errors';
import { unwrap } from '../../../../shared/base/result';
import { parseUnitsCsv, readCategoryColumn, readIdColumn, readNumericColumn, readTreatmentColumn } from '../../../../shared/domain/design/units-table';

const msg = (r: { ok: boolean; error?: unknown }) => (r.ok ? 'ok' : formatAppError(r.error as never));

describe('units table (CSV)', () => {
  const t = unwrap(parseUnitsCsv('id,treat,pre,district\nA,1,10,"North, 1"\nB,0,8.5,South\nC,false,3,South\n', 'u.csv'));

  it('reads ids, treatment, numbers and categories column by column', () => {
    expect(unwrap(readIdColumn(t))).toEqual(['A', 'B', 'C']);
    expect(Array.from(unwrap(readTreatmentColumn(t, 'treat')))).toEqual([1, 0, 0]);
    expect(Array.from(unwrap(readNumericColumn(t, 'pre')))).toEqual([10, 8.5, 3]);
    expect(unwrap(readCategoryColumn(t, 'district', '--exact'))).toEqual({ codes: Int32Array.from([0, 1, 1]), labels: ['North, 1', 'South'] });
  });

  it('names the file, row and column of a bad value', () => {
    const bad = unwrap(parseUnitsCsv('id,treat,pre\nA,1,10\nB,2,x\n', 'u.csv'));
    expect(msg(readTreatmentColumn(bad, 'treat'))).toBe('u.csv (row 2, column "treat"): "2" is not a treatment indicator (expected 0 or 1)');
    expect(msg(readNumericColumn(bad, 'pre'))).toBe('u.csv (row 2, column "pre"): "x" is not a number');
    expect(msg(readNumericColumn(bad, 'nope'))).toBe('--covariates: "nope" is not valid (expected a column of u.csv: id, treat, pre)');
    expect(msg(parseUnitsCsv('a,b\n1,2\n3\n', 'w.csv'))).toBe('w.csv (row 2): 1 fields where the header has 2');
    expect(msg(parseUnitsCsv('a,a\n1,2\n', 'd.csv'))).toContain('"a" appears twice');
    expect(msg(parseUnitsCsv('a,b\n', 'e.csv'))).toContain('no data rows');
    expect(msg(readIdColumn(unwrap(parseUnitsCsv('id\nA\nA\n', 'r.csv'))))).toBe('r.csv (row 2, column "id"): unit id "A" repeats row 1');
  });

  it('numbers rows when there is no id column', () => {
    expect(unwrap(readIdColumn(unwrap(parseUnitsCsv('x\n1\n2\n', 'n.csv'))))).toEqual(['1', '2']);
  });
});

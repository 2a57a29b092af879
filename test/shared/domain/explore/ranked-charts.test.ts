import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeRollingMean, detectAddressColumn, offenseLabel, queryTopValues } from '../../../../shared/domain/explore/ranked-charts';
import { createRng } from '../../../../shared/base/random';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { openTestEngine } from '../../../helpers/engine';

describe('ranked charts (real DuckDB)', () => {
  let engine: SqlEngine;
  beforeAll(async () => {
    engine = await openTestEngine();
    const made = await engine.query(`CREATE TABLE inc AS SELECT * FROM (VALUES
      ('120', '100 MAIN ST', '11'), ('120', '100 MAIN ST', '11'), ('13A', '100 MAIN ST', '12'),
      ('13A', '5 ELM AVE', '12'), ('220', '5 ELM AVE', NULL), ('220', '  ', '  '), ('23F', NULL, '13')
    ) t(code, address, beat)`);
    expect(made.ok).toBe(true);
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('ranks keys by count, ties by key, leaving out blanks, and counts the distinct keys', async () => {
    const r = await queryTopValues(engine, 'inc', 'code', 'TRUE', 3);
    expect(r.ok && { keys: r.value.keys, counts: [...r.value.counts], distinct: r.value.distinct }).toEqual({ keys: ['120', '13A', '220'], counts: [2, 2, 2], distinct: 4 });
    const a = await queryTopValues(engine, 'inc', 'address', 'TRUE', 10);
    expect(a.ok && { keys: a.value.keys, counts: [...a.value.counts] }).toEqual({ keys: ['100 MAIN ST', '5 ELM AVE'], counts: [3, 2] });
    const b = await queryTopValues(engine, 'inc', 'beat', `code <> '120'`, 10);
    expect(b.ok && { keys: b.value.keys, counts: [...b.value.counts], distinct: b.value.distinct }).toEqual({ keys: ['12', '13'], counts: [2, 1], distinct: 2 });
    const none = await queryTopValues(engine, 'inc', 'beat', 'FALSE', 10);
    expect(none.ok && none.value.distinct).toBe(0);
  });

  it('finds the address column and labels dictionary offenses', () => {
    expect(detectAddressColumn(['offense_code', 'address', 'Address_original'])).toBe('address');
    expect(detectAddressColumn(['Offense Code', 'Block Address'])).toBe('Block Address');
    expect(detectAddressColumn(['Offense Code', 'Location'])).toBe('Location');
    expect(detectAddressColumn(['Offense Code'])).toBeNull();
    expect(offenseLabel('120')).toBe('120 Robbery');
    expect(offenseLabel('XYZ')).toBe('XYZ');
  });
});

describe('rolling mean', () => {
  it('is the trailing mean with no partial windows (worked values)', () => {
    expect([...computeRollingMean([1, 2, 3, 4, 5], 3)]).toEqual([NaN, NaN, 2, 3, 4]);
    expect([...computeRollingMean([4, 8], 4)]).toEqual([NaN, NaN]);
    expect([...computeRollingMean([4, 8], 1)]).toEqual([4, 8]);
  });

  it('equals the direct mean of each window on random counts', () => {
    const rng = createRng(7);
    const counts = Array.from({ length: 200 }, () => rng.int(50));
    for (const w of [2, 4, 13]) {
      const got = computeRollingMean(counts, w);
      for (let i = w - 1; i < counts.length; i++) {
        const direct = counts.slice(i - w + 1, i + 1).reduce((s, v) => s + v, 0) / w;
        expect(got[i]).toBeCloseTo(direct, 9);
      }
    }
  });
});

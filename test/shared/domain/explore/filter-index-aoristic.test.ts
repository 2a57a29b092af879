import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../../shared/base/random';
import { unwrap } from '../../../../shared/base/result';
import { queryAoristicHistogram, queryAoristicHourDow } from '../../../../shared/domain/explore/chart-queries';
import { detectExtraColumns } from '../../../../shared/domain/explore/extra-columns';
import { buildFilterIndex, type FilterIndex } from '../../../../shared/domain/explore/filter-index';
import { aoristicFromIndex, isAoristicLoaded, preloadAoristic } from '../../../../shared/domain/explore/filter-index-aoristic';
import { buildFilterWhereSql, detectExploreColumns, EMPTY_FILTER, type ExploreColumns, type ExploreFilter } from '../../../../shared/domain/explore/filters';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { openTestEngine } from '../../../helpers/engine';

describe('aoristic charts from the filter index (real DuckDB)', () => {
  let engine: SqlEngine;
  let cols: ExploreColumns;
  let to: string | null;
  let index: FilterIndex;

  beforeAll(async () => {
    engine = await openTestEngine();
    // Windows: none, reversed, minutes long, across a week or month edge, over the 7-day cap; some rows undated.
    unwrap(
      await engine.query(`CREATE TABLE inc AS SELECT
        CASE WHEN i % 23 = 0 THEN NULL ELSE TIMESTAMP '2023-12-20' + to_seconds((hash(i) % (400 * 86400))::BIGINT) + to_microseconds((hash(i * 7) % 1000000)::BIGINT) END AS occurred_from,
        CASE i % 6 WHEN 0 THEN NULL
          WHEN 1 THEN occurred_from - INTERVAL 3 HOUR
          WHEN 2 THEN occurred_from + to_seconds((hash(i * 3) % 5400)::BIGINT)
          WHEN 3 THEN occurred_from + to_seconds((hash(i * 5) % (9 * 86400))::BIGINT)
          ELSE occurred_from + to_seconds((hash(i * 11) % (40 * 3600))::BIGINT) END AS occurred_to,
        (['13A', '220', '290', '35A'])[1 + (i % 4)] AS offense_code,
        'B' || (i % 5) AS beat,
        -95 + (i % 40) * 0.001 AS lon, 29 + (i // 40) * 0.0001 AS lat,
        (['BAR', 'LOT', NULL])[1 + (i % 3)] AS premise
      FROM range(1500) t(i)`),
    );
    const header = ['occurred_from', 'occurred_to', 'offense_code', 'beat', 'lon', 'lat', 'premise'];
    cols = detectExploreColumns(header)!;
    to = detectExtraColumns(header).occurredTo;
    expect(to).not.toBeNull();
    index = unwrap(await buildFilterIndex(engine, 'inc', cols))!;
  });
  afterAll(async () => {
    await engine?.close();
  });

  async function expectSame(filter: ExploreFilter, occurredTo: string | null) {
    for (const bucket of ['week', 'month'] as const) {
      const fast = unwrap(await aoristicFromIndex(engine, 'inc', cols, occurredTo, index, filter, bucket))!;
      const h = unwrap(await queryAoristicHistogram(engine, 'inc', cols, occurredTo, buildFilterWhereSql({ ...filter, dateFrom: null, dateTo: null }, cols), bucket));
      const g = unwrap(await queryAoristicHourDow(engine, 'inc', cols, occurredTo, buildFilterWhereSql({ ...filter, daysOfWeek: null, hours: null }, cols)));
      // Bit for bit: the same doubles, not merely close ones.
      expect({ start: Array.from(fast.histogram.start), count: Array.from(fast.histogram.count), w: fast.histogram.weighting }, JSON.stringify(filter)).toEqual({
        start: Array.from(h.start),
        count: Array.from(h.count),
        w: h.weighting,
      });
      expect({ counts: Array.from(fast.hourDow.counts), total: fast.hourDow.total, capped: fast.hourDow.capped }).toEqual({ counts: Array.from(g.counts), total: g.total, capped: g.capped });
    }
  }

  it('equals the SQL aoristic histogram and grid bit for bit, for random filters with areas and field conditions', async () => {
    const rng = createRng(31);
    await expectSame(EMPTY_FILTER, to);
    for (let k = 0; k < 20; k++) {
      await expectSame(
        {
          ...EMPTY_FILTER,
          dateFrom: rng.chance(0.5) ? '2024-03-01' : null,
          dateTo: rng.chance(0.3) ? '2024-09-30' : null,
          groups: rng.chance(0.4) ? [0, 2] : null,
          beats: rng.chance(0.3) ? ['B1', 'B3'] : null,
          daysOfWeek: rng.chance(0.3) ? [0, 6] : null,
          hours: rng.chance(0.3) ? [8, 9, 10, 22] : null,
          polygon: rng.chance(0.4) ? [[-95.001, 28.999], [-94.975, 29.0], [-94.98, 29.004], [-95.0, 29.003]] : null,
          fields: rng.chance(0.4) ? [{ column: 'premise', kind: 'text', op: rng.pick(['eq', 'ne', 'empty'] as const), value: 'BAR' }] : null,
        },
        to,
      );
    }
    // The histogram really is fractional here (windows spread over hours across bucket edges).
    const some = unwrap(await aoristicFromIndex(engine, 'inc', cols, to, index, EMPTY_FILTER, 'week'))!;
    expect(Array.from(some.histogram.count).some((n) => !Number.isInteger(n))).toBe(true);
    expect(some.hourDow.capped).toBeGreaterThan(0);
  });

  it('without an occurred-to column counts each incident at its from hour, as the SQL does', async () => {
    await expectSame({ ...EMPTY_FILTER, hours: [1, 2, 3] }, null);
  });

  it('stays bit for bit equal over several DuckDB row groups (250,000 rows)', async () => {
    unwrap(await engine.query(`CREATE TABLE big AS SELECT TIMESTAMP '2023-01-01' + to_seconds((hash(i) % (730 * 86400))::BIGINT) AS occurred_from,
      occurred_from + to_seconds((hash(i * 13) % (10 * 86400))::BIGINT) AS occurred_to, (['13A', '220'])[1 + (i % 2)] AS offense_code FROM range(250000) t(i)`));
    const header = ['occurred_from', 'occurred_to', 'offense_code'];
    const c = detectExploreColumns(header)!;
    const bigTo = detectExtraColumns(header).occurredTo;
    const bigIndex = unwrap(await buildFilterIndex(engine, 'big', c))!;
    const filter = { ...EMPTY_FILTER, groups: [0], hours: [20, 21, 22, 23, 0, 1] };
    const fast = unwrap(await aoristicFromIndex(engine, 'big', c, bigTo, bigIndex, filter, 'month'))!;
    const h = unwrap(await queryAoristicHistogram(engine, 'big', c, bigTo, buildFilterWhereSql({ ...filter, dateFrom: null, dateTo: null }, c), 'month'));
    const g = unwrap(await queryAoristicHourDow(engine, 'big', c, bigTo, buildFilterWhereSql({ ...filter, daysOfWeek: null, hours: null }, c)));
    expect(Array.from(fast.histogram.count)).toEqual(Array.from(h.count));
    expect(Array.from(fast.hourDow.counts)).toEqual(Array.from(g.counts));
  });

  it('tells whether its per-row numbers are loaded (the hook answers the first request through SQL meanwhile)', async () => {
    const fresh = unwrap(await buildFilterIndex(engine, 'inc', cols))!;
    expect(isAoristicLoaded(fresh, to, 'week')).toBe(false);
    await preloadAoristic(engine, 'inc', cols, to, fresh, 'week');
    expect(isAoristicLoaded(fresh, to, 'week')).toBe(true);
    expect(isAoristicLoaded(fresh, to, 'month')).toBe(false);
    expect(isAoristicLoaded(fresh, null, 'week')).toBe(false);
  });

  it('refuses a filter kind it does not know (the SQL path runs instead)', async () => {
    const r = unwrap(await aoristicFromIndex(engine, 'inc', cols, to, index, { ...EMPTY_FILTER, future: [1] } as unknown as ExploreFilter, 'week'));
    expect(r).toBeNull();
  });
});

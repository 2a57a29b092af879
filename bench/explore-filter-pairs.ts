// Part of bench/explore.ts (`--only filter` and the full run): the explore filter plus a drawn
// area, a field condition, and the aoristic charts, each through the in-memory filter index and
// through DuckDB, back to back in alternating order, results checked identical (bit for bit).
import { unwrap } from '../shared/base/result';
import type { FilterPolygon } from '../shared/domain/explore/area-field-filters';
import { queryAoristicHistogram, queryAoristicHourDow } from '../shared/domain/explore/chart-queries';
import type { FilterIndex } from '../shared/domain/explore/filter-index';
import { aoristicFromIndex } from '../shared/domain/explore/filter-index-aoristic';
import { preloadAreaColumns } from '../shared/domain/explore/filter-index-conditions';
import { queryExploreFilter, type ExploreFilterOutput } from '../shared/domain/explore/filter-index-query';
import type { PointColumnsView } from '../shared/domain/explore/filtered-points';
import { buildFilterWhereSql, NORMALIZED_COLUMNS, type ExploreFilter } from '../shared/domain/explore/filters';
import type { SqlEngine } from '../shared/engine/sql-engine';

/** What the pairs need from the bench: the table `incidents` (with an `occurred_to` column), its points and index. */
export interface PairContext {
  readonly engine: SqlEngine;
  readonly base: PointColumnsView;
  readonly filter: ExploreFilter;
  readonly index: FilterIndex;
  readonly codes: readonly string[];
  readonly fig: Record<string, number[]>;
  readonly same: (a: ExploreFilterOutput, b: ExploreFilterOutput) => boolean;
  readonly time: <T>(f: () => Promise<T> | T) => Promise<[number, T]>;
}

/** Figures this part adds (seconds per run). */
export const PAIR_FIGURES = ['area8Sql', 'area8Index', 'area8IndexOtherFilterChange', 'area100Sql', 'area100Index', 'fieldEqSql', 'fieldEqIndex', 'aoristicSql', 'aoristicIndex'];
/** The pairs reported in the table. */
export const PAIRS = ['area8', 'area100', 'fieldEq', 'aoristic'];

const OCCURRED_TO = 'TRY_CAST("occurred_to" AS TIMESTAMP)';

/**
 * A drawn area: a star around the city centre (corners alternate 0.05 and 0.025 degrees out),
 * nudged by a millionth of a degree per run so each run draws a new area (no kept mask helps).
 */
export const star = (corners: number, run: number): FilterPolygon =>
  Array.from({ length: corners }, (_, k) => {
    const a = (2 * Math.PI * k) / corners;
    const r = k % 2 ? 0.025 : 0.05;
    return [-90.05 + run * 1e-6 + r * Math.cos(a), 35.12 + 0.75 * r * Math.sin(a)] as [number, number];
  });

/** One-off loads (in the app: in the background after the index, or on a column's / the aoristic toggle's first use), in seconds. */
export async function prepareConditionPairs(ctx: PairContext): Promise<{ areaLoad: number; fieldFirstUse: number; aoristicFirstUse: number }> {
  const { engine, base, filter, index, time } = ctx;
  const [areaLoad] = await time(async () => unwrap((await preloadAreaColumns(engine, 'incidents', NORMALIZED_COLUMNS, index))!));
  const warm = { ...filter, fields: [{ column: 'offense_code', kind: 'text' as const, op: 'eq' as const, value: 'warm-up' }] };
  const [fieldFirstUse] = await time(async () => unwrap(await queryExploreFilter(engine, 'incidents', NORMALIZED_COLUMNS, base, warm, 'week', index)));
  const [aoristicFirstUse] = await time(async () => unwrap(await aoristicFromIndex(engine, 'incidents', NORMALIZED_COLUMNS, OCCURRED_TO, index, filter, 'week')));
  return { areaLoad, fieldFirstUse, aoristicFirstUse };
}

const sameNumbers = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.from(a).every((v, i) => v === b[i]);

/** One run of every pair; `kept` gets each pair's row count. Throws when a pair disagrees. */
export async function runConditionPairs(ctx: PairContext, run: number, kept: Record<string, number>): Promise<void> {
  const { engine, base, filter, index, fig, same, time } = ctx;
  const pair = async <T>(name: string, viaIndex: () => Promise<T>, viaSql: () => Promise<T>): Promise<[T, T]> => {
    const one = async (useIndex: boolean) => {
      const [t, out] = await time(useIndex ? viaIndex : viaSql);
      fig[`${name}${useIndex ? 'Index' : 'Sql'}`]!.push(t);
      return out;
    };
    const first = run % 2 === 0 ? await one(false) : null;
    const fast = await one(true);
    return [fast, first ?? (await one(false))];
  };
  const explore = async (name: string, f: ExploreFilter) => {
    const q = (ix: FilterIndex | null) => async () => unwrap(await queryExploreFilter(engine, 'incidents', NORMALIZED_COLUMNS, base, f, 'week', ix));
    const [fast, slow] = await pair(name, q(index), q(null));
    if (slow.path !== 'sql' || fast.path !== 'index' || !same(slow, fast)) throw new Error(`${name}: the filter index and the SQL path disagree`);
    kept[name] = fast.count;
    return fast;
  };
  const area8 = { ...filter, polygon: star(8, run) };
  await explore('area8', area8);
  // Another filter changes while the area stays: its mask is kept, only the pass runs.
  const [tKept, keptArea] = await time(async () => unwrap(await queryExploreFilter(engine, 'incidents', NORMALIZED_COLUMNS, base, { ...area8, hours: [18, 19, 20, 21, 22, 23] }, 'week', index)));
  if (keptArea.conditionPaths?.[0] !== 'cached') throw new Error('the area mask was not kept');
  fig.area8IndexOtherFilterChange!.push(tKept);
  await explore('area100', { ...filter, polygon: star(100, run) });
  const field = await explore('fieldEq', { ...filter, fields: [{ column: 'offense_code', kind: 'text', op: 'eq', value: ctx.codes[run % ctx.codes.length]! }] });
  if (field.conditionPaths?.[0] !== 'memory') throw new Error('the field condition did not run in memory');
  // The aoristic charts for a new filter each run (hours vary), as the hook runs them.
  const af = { ...filter, hours: [run % 24, (run + 7) % 24, (run + 13) % 24] };
  const [fast, slow] = await pair(
    'aoristic',
    async () => unwrap(await aoristicFromIndex(engine, 'incidents', NORMALIZED_COLUMNS, OCCURRED_TO, index, af, 'week'))!,
    async () => {
      const [h, g] = await Promise.all([
        queryAoristicHistogram(engine, 'incidents', NORMALIZED_COLUMNS, OCCURRED_TO, buildFilterWhereSql({ ...af, dateFrom: null, dateTo: null }, NORMALIZED_COLUMNS), 'week'),
        queryAoristicHourDow(engine, 'incidents', NORMALIZED_COLUMNS, OCCURRED_TO, buildFilterWhereSql({ ...af, daysOfWeek: null, hours: null }, NORMALIZED_COLUMNS)),
      ]);
      return { histogram: unwrap(h), hourDow: unwrap(g) };
    },
  );
  if (!sameNumbers(fast.histogram.start, slow.histogram.start) || !sameNumbers(fast.histogram.count, slow.histogram.count) || !sameNumbers(fast.hourDow.counts, slow.hourDow.counts)) {
    throw new Error('aoristic: the filter index and the SQL path disagree');
  }
  kept.aoristic = fast.hourDow.total;
}

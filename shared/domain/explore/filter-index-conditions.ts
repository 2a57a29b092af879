/**
 * The drawn area and the field conditions of an explore filter as one per-row mask over a
 * {@link FilterIndex}, so that {@link runFilterIndex} answers every filter in memory. Each
 * condition's mask is exact: the area and the cheap field operators are computed in memory
 * (filter-index-area.ts, filter-index-fields.ts); any other condition (dates, text order, ...)
 * is one DuckDB scan of its own predicate for the rowids it keeps, which is still exact because
 * the SQL path's WHERE is the AND of the same predicates. Columns are loaded lazily, on the
 * first condition that needs them, and kept with the index; recent masks are kept too, so
 * changing another filter while an area or condition stays is a pass over memory only.
 */
import type { AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';
import type { SqlEngine } from '../../engine/sql-engine';
import { quoteIdent } from '../../engine/sql';
import { buildFieldFilterSql, buildPolygonFilterSql, type FieldFilter, type FilterPolygon } from './area-field-filters';
import type { FilterIndex } from './filter-index';
import { areaMask, duckDoubles, loadAreaColumns, polygonLiterals, type AreaColumns } from './filter-index-area';
import { duckLower, fieldConditionNeeds, loadNumberColumn, loadTextColumn, numberConditionConstants, numberConditionMask, textConditionMask, type NumberColumn, type TextColumn } from './filter-index-fields';
import type { ExploreColumns, ExploreFilter } from './filters';

/** Masks kept per index (1 byte per row each: 8 MB at 1M rows). */
const MAX_CACHED_MASKS = 8;

interface Cache {
  area: Promise<Result<AreaColumns, AppError>> | null;
  text: Map<string, Promise<Result<TextColumn | null, AppError>>>;
  number: Map<string, Promise<Result<NumberColumn, AppError>>>;
  masks: Map<string, Uint8Array>;
}
const caches = new WeakMap<FilterIndex, Cache>();
function cacheOf(index: FilterIndex): Cache {
  let c = caches.get(index);
  if (!c) caches.set(index, (c = { area: null, text: new Map(), number: new Map(), masks: new Map() }));
  return c;
}

/** How the last masks were made (the bench and tests read it): in memory, or by a DuckDB scan of the condition. */
export type ConditionPath = 'memory' | 'sql' | 'cached';

/**
 * Loads the area columns of `table` into the index's cache if they are not there yet (one scan,
 * 16 bytes per row). Call it in the background after the index is built so the first drawn
 * area does not wait for it; {@link filterConditionMask} loads them itself otherwise.
 */
export function preloadAreaColumns(engine: SqlEngine, table: string, columns: ExploreColumns, index: FilterIndex): Promise<Result<AreaColumns, AppError>> | null {
  if (!columns.lon || !columns.lat) return null;
  const cache = cacheOf(index);
  cache.area ??= loadAreaColumns(engine, table, columns.lon, columns.lat, index.size);
  return cache.area;
}

/** `mask[rowid]` of `SELECT rowid FROM table WHERE sql` (one scan): the exact fallback for any condition. */
async function sqlMask(engine: SqlEngine, table: string, sql: string, size: number): Promise<Result<Uint8Array, AppError>> {
  const mask = new Uint8Array(size);
  if (sql === 'FALSE') return ok(mask);
  const t = await engine.query(`SELECT rowid::UINTEGER AS r FROM ${quoteIdent(table)} WHERE ${sql}`);
  if (!t.ok) return t;
  const r = (t.value.getChild('r')?.toArray() as Uint32Array | undefined) ?? new Uint32Array(0);
  for (let i = 0; i < r.length; i++) if ((r[i] as number) < size) mask[r[i] as number] = 1;
  return ok(mask);
}

async function polygonMask(engine: SqlEngine, table: string, columns: ExploreColumns, index: FilterIndex, polygon: FilterPolygon): Promise<Result<[Uint8Array, ConditionPath], AppError>> {
  const lits = polygonLiterals(polygon);
  if (!columns.lon || !columns.lat || !lits) return ok([new Uint8Array(index.size), 'memory']); // the SQL is FALSE
  const area = await preloadAreaColumns(engine, table, columns, index);
  if (area && !area.ok) cacheOf(index).area = null;
  const c = await duckDoubles(engine, lits);
  if (area && area.ok && c.ok) {
    const mask = areaMask(area.value, c.value);
    if (mask) return ok([mask, 'memory']);
  }
  const m = await sqlMask(engine, table, buildPolygonFilterSql(polygon, columns.lon, columns.lat), index.size);
  return m.ok ? ok([m.value, 'sql']) : m;
}

async function fieldMask(engine: SqlEngine, table: string, index: FilterIndex, f: FieldFilter): Promise<Result<[Uint8Array, ConditionPath], AppError>> {
  const cache = cacheOf(index);
  const needs = fieldConditionNeeds(f);
  if (needs === 'text') {
    let col = cache.text.get(f.column);
    if (!col) cache.text.set(f.column, (col = loadTextColumn(engine, table, f.column, index.size)));
    const loaded = await col;
    if (!loaded.ok) cache.text.delete(f.column); // try again next time
    const needle = f.op === 'contains' ? await duckLower(engine, f.value) : ok('');
    if (loaded.ok && loaded.value && needle.ok) return ok([textConditionMask(loaded.value, f, needle.value), 'memory']);
  } else if (needs === 'number') {
    let col = cache.number.get(f.column);
    if (!col) cache.number.set(f.column, (col = loadNumberColumn(engine, table, f.column, index.size)));
    const loaded = await col;
    if (!loaded.ok) cache.number.delete(f.column);
    const c = await numberConditionConstants(engine, f);
    if (loaded.ok && c.ok && c.value) return ok([numberConditionMask(loaded.value, f, c.value[0] as number, c.value[1] ?? NaN), 'memory']);
  }
  const m = await sqlMask(engine, table, buildFieldFilterSql(f), index.size);
  return m.ok ? ok([m.value, 'sql']) : m;
}

/** What {@link filterConditionMask} gives: the AND of the conditions' masks, and how each was made. */
export interface ConditionMask {
  /** `mask[rowid] = 1` when the row passes the area and every field condition; null when the filter has none. */
  readonly mask: Uint8Array | null;
  /** Per condition (area first, then fields in order): memory, a DuckDB scan, or a kept mask. */
  readonly paths: readonly ConditionPath[];
}

/**
 * The per-row mask of `filter.polygon` and `filter.fields` on `index` (see the module comment).
 * An error when a DuckDB query it needs fails (a field condition naming a column that does not
 * exist, say): the caller then runs the SQL path, which reports it as before.
 */
export async function filterConditionMask(engine: SqlEngine, table: string, columns: ExploreColumns, index: FilterIndex, filter: ExploreFilter): Promise<Result<ConditionMask, AppError>> {
  const conditions: { key: string; make: () => Promise<Result<[Uint8Array, ConditionPath], AppError>> }[] = [];
  const polygon = filter.polygon;
  if (polygon) conditions.push({ key: `area:${JSON.stringify(polygon)}`, make: () => polygonMask(engine, table, columns, index, polygon) });
  for (const f of filter.fields ?? []) conditions.push({ key: `field:${JSON.stringify([f.column, f.kind, f.op, f.value, f.value2 ?? null])}`, make: () => fieldMask(engine, table, index, f) });
  if (conditions.length === 0) return ok({ mask: null, paths: [] });
  const cache = cacheOf(index);
  const made = await Promise.all(
    conditions.map(async ({ key, make }): Promise<Result<[Uint8Array, ConditionPath], AppError>> => {
      const kept = cache.masks.get(key);
      if (kept) {
        cache.masks.delete(key); // most recently used last
        cache.masks.set(key, kept);
        return ok([kept, 'cached']);
      }
      const m = await make();
      if (m.ok) {
        cache.masks.set(key, m.value[0]);
        while (cache.masks.size > MAX_CACHED_MASKS) cache.masks.delete(cache.masks.keys().next().value as string);
      }
      return m;
    }),
  );
  const failed = made.find((m) => !m.ok);
  if (failed && !failed.ok) return err(failed.error);
  const masks = made.map((m) => (m.ok ? m.value[0] : new Uint8Array(0)));
  let mask = masks[0] as Uint8Array;
  if (masks.length > 1) {
    mask = mask.slice();
    for (const m of masks.slice(1)) for (let r = 0; r < mask.length; r++) mask[r]! &= m[r] as number;
  }
  return ok({ mask, paths: made.map((m) => (m.ok ? m.value[1] : 'sql')) });
}

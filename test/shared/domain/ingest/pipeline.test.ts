import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { ingestSource } from '../../../../shared/domain/ingest/pipeline';
import { createTransform } from '../../../../shared/domain/geo/crs';
import { openTestEngine } from '../../../helpers/engine';
import { memorySource, sampleIncidents } from './fixtures';

let engine: SqlEngine;
const { csv, truth } = sampleIncidents(4000);

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  const r = await engine.query(sql);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.toArray().map((x) => x.toJSON() as Record<string, unknown>);
}

beforeAll(async () => {
  engine = await openTestEngine();
});
afterAll(async () => {
  await engine.close();
});

describe('ingestSource on the sample city export', () => {
  it('accounts for every row and quarantines exactly the planted bad locations', async () => {
    const r = await ingestSource(engine, memorySource('incidents.csv', csv));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.value.summary;
    const m = truth.messiness as unknown as Record<string, { rows: number }>;
    expect(s.rows_read).toBe(truth.counts.incidentRows);
    expect(s.rows_loaded + s.rows_quarantined).toBe(s.rows_read);
    expect(s.quarantined_by_reason['missing coordinates']).toBe(m.missingCoordinates?.rows);
    expect(s.quarantined_by_reason['zero coordinates']).toBe(m.zeroCoordinates?.rows);
    expect(s.quarantined_by_reason['default location']).toBe(m.defaultLocation?.rows);
    expect(s.quality.coordinates.swapped_lat_lon).toBe(m.swappedLatLon?.rows);
    expect(s.quality.dates.unparseable).toBe(0);
    const table = await rows(`SELECT count(*)::INT AS n FROM incidents`);
    expect(table[0]?.n).toBe(s.rows_loaded);
    const q = await rows(`SELECT count(*)::INT AS n, count(DISTINCT source_row)::INT AS d FROM incidents_quarantine`);
    expect(q[0]).toEqual({ n: s.rows_quarantined, d: s.rows_quarantined });
  });

  it('recognizes the State Plane feet, chooses its metre twin, and projects exactly', async () => {
    const r = await ingestSource(engine, memorySource('incidents.csv', csv), { table: 'inc2' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.summary.source_crs?.code).toBe('EPSG:2276');
    expect(r.value.summary.analysis_crs?.code).toBe('EPSG:32138');
    const [row] = await rows(`SELECT "X Coordinate" AS xs, "Y Coordinate" AS ys, x, y, lon, lat FROM inc2 WHERE geo_status = 'ok' LIMIT 1`);
    const xft = Number(row?.xs);
    const yft = Number(row?.ys);
    // 32138 shares 2276's false origin in metres: x_m = x_ft * 1200/3937 exactly.
    expect(row?.x).toBeCloseTo((xft * 1200) / 3937, 6);
    expect(row?.y).toBeCloseTo((yft * 1200) / 3937, 6);
    const [lon, lat] = createTransform('EPSG:2276', 'EPSG:4326')(xft, yft);
    expect(row?.lon).toBeCloseTo(lon, 9);
    expect(row?.lat).toBeCloseTo(lat, 9);
  });

  it('keeps every original column, renaming only names that clash with normalized ones', async () => {
    const r = await ingestSource(engine, memorySource('incidents.csv', csv), { table: 'inc3' });
    if (!r.ok) throw new Error('import failed');
    const names = r.value.summary.columns.map((c) => c.name);
    for (const c of ['source_row', 'case_id', 'offense_code', 'offense_group', 'occurred_from', 'occurred_to', 'reported_at', 'address', 'lon', 'lat', 'x', 'y']) expect(names).toContain(c);
    expect(names).toContain('Case Number');
    expect(names).toContain('Beat_original');
    expect(r.value.summary.columns.find((c) => c.name === 'Beat_original')?.original).toBe('Beat');
    const types = Object.fromEntries(r.value.summary.columns.map((c) => [c.name, c.type]));
    expect(types.occurred_from).toBe('TIMESTAMP');
    expect(types.lon).toBe('DOUBLE');
  });

  it('parses both date layouts to the same clock time and counts multi-offense cases once via case_row', async () => {
    const [alt] = await rows(`SELECT "Occurred From" AS t, strftime(occurred_from, '%Y-%m-%d %H:%M') AS v FROM incidents WHERE "Occurred From" LIKE '%M' LIMIT 1`);
    const text = String(alt?.t);
    const m = /^(\d+)\/(\d+)\/(\d{4}) (\d+):(\d{2}) ([AP])M$/.exec(text);
    expect(m).not.toBeNull();
    if (!m) return;
    const hour = (Number(m[4]) % 12) + (m[6] === 'P' ? 12 : 0);
    expect(alt?.v).toBe(`${m[3]}-${m[1]?.padStart(2, '0')}-${m[2]?.padStart(2, '0')} ${String(hour).padStart(2, '0')}:${m[5]}`);
    const [c] = await rows(`SELECT count(*)::INT AS rows, count(*) FILTER (WHERE case_row = 1)::INT AS incidents, count(DISTINCT case_id)::INT AS cases FROM incidents`);
    expect(c?.incidents).toBe(c?.cases);
    const [dup] = await rows(`SELECT max(case_rows)::INT AS m FROM incidents`);
    expect(dup?.m).toBe(2);
  });

  it('loads accepted problems with NULL coordinates and reports them', async () => {
    const r = await ingestSource(engine, memorySource('incidents.csv', csv), { table: 'inc4', accept: ['missing coordinates', 'zero coordinates'] });
    if (!r.ok) throw new Error('import failed');
    const s = r.value.summary;
    const m = truth.messiness as unknown as Record<string, { rows: number }>;
    expect(s.quarantined_by_reason['missing coordinates']).toBeUndefined();
    expect(s.accepted_rows_by_reason['missing coordinates']).toBe(m.missingCoordinates?.rows);
    expect(s.rows_quarantined).toBe(m.defaultLocation?.rows);
    const [g] = await rows(`SELECT count(*)::INT AS n FROM inc4 WHERE geo_status = 'zero coordinates' AND lon IS NULL`);
    expect(g?.n).toBe(m.zeroCoordinates?.rows);
    // Hit rate still counts them as not geocoded.
    expect(s.quality.geocoding.geocoded).toBe(s.rows_read - (m.missingCoordinates?.rows ?? 0) - (m.zeroCoordinates?.rows ?? 0) - (m.defaultLocation?.rows ?? 0));
  });

  it('reports a quality summary consistent with the table', async () => {
    const r = await ingestSource(engine, memorySource('incidents.csv', csv), { table: 'inc5' });
    if (!r.ok) throw new Error('import failed');
    const q = r.value.summary.quality;
    expect(q.geocoding.hit_rate).toBeGreaterThan(0.95);
    expect(q.geocoding.below_85).toBe(false);
    expect(q.dates.occurred_min).toBe(truth.period.start);
    expect(q.stacked_locations.filter((x) => x.verdict === 'default location').map((x) => x.pair).sort()).toEqual(['latlon', 'xy']);
    const hq = q.stacked_locations.find((x) => x.pair === 'xy');
    expect(hq?.a).toBe(truth.hq.x);
    expect(hq?.b).toBe(truth.hq.y);
    const [w] = await rows(`SELECT count(*) FILTER (WHERE occurred_hours IS NOT NULL)::INT AS n FROM inc5`);
    expect(q.occurred_window.rows_with_window).toBe(w?.n);
    expect(q.occurred_window.histogram.reduce((a, b) => a + b.rows, 0)).toBe(r.value.summary.rows_loaded - q.occurred_window.negative_windows);
    expect(q.offenses.by_group.reduce((a, b) => a + b.rows, 0)).toBe(r.value.summary.rows_loaded);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectMapping } from '../../../../shared/domain/ingest/detect-mapping';
import { ingestSource } from '../../../../shared/domain/ingest/pipeline';
import { buildSourceColumnsSql, sourceColumnsOf } from '../../../../shared/domain/ingest/source-columns';
import { sourceFromBytes } from '../../../../shared/domain/ingest/source';
import { generateSampleCity, generateSampleSources, toSampleFiles, toSourceFiles } from '../../../../shared/domain/sample/index';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { openTestEngine } from '../../../helpers/engine';

const city = generateSampleCity({ incidents: 800, years: 1, seed: 3 });
const files = new Map([...toSampleFiles(city), ...toSourceFiles(city, generateSampleSources(city))].map((f) => [f.name, [...f.chunks()].join('')]));
const header = (name: string) => (files.get(name) as string).split('\r\n')[0]!.split(',');
const rows = (name: string) => (files.get(name) as string).split('\r\n').slice(1, 50).filter(Boolean).map((l) => l.split(','));

describe('role detection for the other source kinds', () => {
  it('maps calls, arrests, field interviews, probation, hospital and facility exports by kind', () => {
    const m = (name: string, kind: Parameters<typeof detectMapping>[2]) => detectMapping(header(name), rows(name), kind).mapping.roles;
    expect(m('calls_for_service.csv', 'calls')).toMatchObject({ case_id: 'Call Number', related_case: 'Case Number', occurred_from: 'Received', dispatched_at: 'Dispatched', arrived_at: 'Arrived', cleared_at: 'Cleared', priority: 'Priority', disposition: 'Disposition', offense_description: 'Call Type' });
    expect(m('arrests.csv', 'arrests')).toMatchObject({ case_id: 'Arrest Number', related_case: 'Case Number', person_id: 'Person ID', occurred_from: 'Arrest Date', offense_code: 'Charge Code' });
    expect(m('field_interviews.csv', 'field-interviews')).toMatchObject({ case_id: 'FI Number', person_id: 'Person ID', occurred_from: 'Contact Date', category: 'Reason', address: 'Contact Address' });
    expect(m('probation_parole.csv', 'probation')).toMatchObject({ case_id: 'Supervision ID', person_id: 'Person ID', occurred_from: 'Start Date', occurred_to: 'End Date', category: 'Supervision Type', address: 'Residence Address' });
    expect(m('hospital_injuries.csv', 'hospital')).toMatchObject({ case_id: 'Record ID', person_id: 'Patient ID', occurred_from: 'Arrival Date', category: 'Injury Type', address: 'Injury Location' });
    expect(m('facilities.csv', 'facilities')).toMatchObject({ case_id: 'Facility ID', name: 'Facility Name', category: 'Facility Type', address: 'Address' });
  });

  it('leaves incident mappings exactly as before: no source roles, no extra columns, no SQL', () => {
    const inc = detectMapping(header('incidents.csv'), rows('incidents.csv'), 'incidents').mapping;
    expect(sourceColumnsOf(inc)).toEqual([]);
    expect(buildSourceColumnsSql('t', inc, [])).toBeNull();
    // The same header read as arrests would have mapped a person or related case: incidents never do.
    expect(Object.keys(inc.roles).some((r) => ['related_case', 'person_id', 'disposition', 'dispatched_at'].includes(r))).toBe(false);
  });
});

describe('normalized source columns', () => {
  let engine: SqlEngine;
  beforeAll(async () => {
    engine = await openTestEngine();
  });
  afterAll(async () => engine.close());

  it('adds typed call columns after the standard ones, renaming clashing originals', async () => {
    const r = await ingestSource(engine, sourceFromBytes('calls_for_service.csv', new TextEncoder().encode(files.get('calls_for_service.csv'))), { kind: 'calls', crs: 'EPSG:2276' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const t = await engine.query(`SELECT * FROM "${r.value.table}" LIMIT 1000`);
    if (!t.ok) throw new Error('query');
    const names = t.value.schema.fields.map((f) => f.name);
    expect(names.slice(names.indexOf('geo_status') + 1, names.indexOf('geo_status') + 10)).toEqual(['related_case', 'call_type', 'priority', 'received_at', 'dispatched_at', 'arrived_at', 'cleared_at', 'disposition', 'Call Number']);
    expect(names).toContain('Disposition_original');
    const row = t.value.toArray().find((x) => x.dispatched_at !== null && x.related_case !== null)!.toJSON();
    expect(typeof row.priority).toBe('number');
    expect(row.received_at).toBe(row.occurred_from);
    expect(row.dispatched_at).toBeGreaterThanOrEqual(row.received_at);
    expect(row.cleared_at).toBeGreaterThanOrEqual(row.arrived_at);
    expect(row.related_case).toBe(row['Case Number']);
    expect(row.call_type).toBe(String(row['Call Type']).toUpperCase());
  });

  it('adds person ids and a charge for arrests', async () => {
    const r = await ingestSource(engine, sourceFromBytes('arrests.csv', new TextEncoder().encode(files.get('arrests.csv'))), { kind: 'arrests' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const t = await engine.query(`SELECT person_id, charge, related_case, "Person ID" AS pid FROM "${r.value.table}" LIMIT 5`);
    if (!t.ok) throw new Error('query');
    const row = t.value.get(0)!.toJSON();
    expect(row.person_id).toBe(row.pid);
    expect(row.charge).toMatch(/^[0-9A-Z]{2,3} /);
    expect(row.related_case).toMatch(/^\d{4}-\d{7}$/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quarantineCsv } from '../../../../renderer/features/ingest/import-task';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { openTestEngine } from '../../../helpers/engine';

describe('quarantine.csv from the import dialog', () => {
  let engine: SqlEngine;
  beforeAll(async () => {
    engine = await openTestEngine();
    const r = await engine.query(`CREATE TABLE q AS SELECT * FROM (VALUES (2, 'unparseable date', 'x,SMITH, JOHN', 'SMITH, JOHN', '12 MAIN ST'), (1, 'missing coordinates', 'y,DOE', 'DOE, JANE', '14 MAIN ST')) t(source_row, reason, raw_text, "Victim Name", Address)`);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }, 60_000);
  afterAll(async () => engine.close());

  it('leaves sensitive columns and the raw source lines out unless included', async () => {
    const out = await quarantineCsv(engine, 'q', ['Victim Name'], false);
    const text = new TextDecoder().decode(out.bytes);
    expect(out.omitted).toEqual(['raw_text', 'Victim Name']);
    expect(out.rows).toBe(2);
    expect(text).not.toMatch(/SMITH|DOE/);
    expect(text.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe('source_row,reason,Address');
    const all = await quarantineCsv(engine, 'q', ['Victim Name'], true);
    expect(new TextDecoder().decode(all.bytes)).toMatch(/SMITH, JOHN/);
    expect(all.omitted).toEqual([]);
  });

  it('writes every column when nothing is sensitive', async () => {
    const out = await quarantineCsv(engine, 'q');
    expect(new TextDecoder().decode(out.bytes).replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe('source_row,reason,raw_text,Victim Name,Address');
  });
});

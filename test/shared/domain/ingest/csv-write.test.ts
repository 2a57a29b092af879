import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { csvCell, formulaSafe, writeTableAsCsv } from '../../../../shared/domain/ingest/csv-write';
import { parseDelimited } from '../../../../shared/domain/ingest/csv-text';
import { memorySink } from '../../../../shared/domain/ingest/source';
import { openTestEngine } from '../../../helpers/engine';

describe('formula-safe CSV cells', () => {
  it('prefixes cells a spreadsheet would run as a formula, but not plain numbers', () => {
    for (const bad of ['=HYPERLINK("http://x")', '+cmd|x', '-2+3', '@SUM(A1)', '\tdata', '\rdata']) expect(formulaSafe(bad)).toBe(`'${bad}`);
    for (const fine of ['-97.502969', '+3', '1e-5', 'Robbery', '2024-01-01', '']) expect(formulaSafe(fine)).toBe(fine);
  });

  it('quotes delimiters, quotes, line breaks and edge spaces', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(' pad')).toBe('" pad"');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell(null)).toBe('');
  });
});

describe('writeTableAsCsv', () => {
  let engine: SqlEngine;
  beforeAll(async () => {
    engine = await openTestEngine();
  });
  afterAll(async () => {
    await engine.close();
  });

  it('writes a header and every row in batches, readable back', async () => {
    await engine.query(`CREATE TABLE q AS SELECT i::INTEGER AS source_row, CASE WHEN i = 1 THEN '=cmd' ELSE 'row ' || i END AS note, TIMESTAMP '2024-01-01 10:00' AS t FROM range(5) r(i)`);
    const sink = memorySink();
    const w = await writeTableAsCsv(engine, 'q', sink, { batchRows: 2, orderBy: 'source_row' });
    expect(w.ok && w.value.rows).toBe(5);
    const records = parseDelimited(new TextDecoder().decode(sink.bytes()), ',', Infinity, false);
    expect(records[0]).toEqual(['source_row', 'note', 't']);
    expect(records).toHaveLength(6);
    expect(records[2]).toEqual(['1', "'=cmd", '2024-01-01 10:00:00']);
  });
});

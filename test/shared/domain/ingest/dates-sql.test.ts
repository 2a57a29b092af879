import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { quoteLiteral } from '../../../../shared/engine/sql';
import { datePartsSql, parseDateTimeSql, parseTimeSql } from '../../../../shared/domain/ingest/dates-sql';
import { openTestEngine } from '../../../helpers/engine';

let engine: SqlEngine;
beforeAll(async () => {
  engine = await openTestEngine();
});
afterAll(async () => {
  await engine.close();
});

async function value(sql: string): Promise<string | null> {
  const r = await engine.query(`SELECT CAST((${sql}) AS VARCHAR) AS v`);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return (r.value.getChild('v')?.get(0) as string | null) ?? null;
}

const MDY: [string, string | null][] = [
  ['2024-03-01 14:05', '2024-03-01 14:05:00'],
  ['2024-03-01T14:05:33.5', '2024-03-01 14:05:33.5'],
  ['2024-03-01', '2024-03-01 00:00:00'],
  ['2024-03-01 14:05:00-05', '2024-03-01 14:05:00'],
  ['3/1/2024 2:05 PM', '2024-03-01 14:05:00'],
  ['3/1/2024 12:30 AM', '2024-03-01 00:30:00'],
  ['3/1/2024 12:30 PM', '2024-03-01 12:30:00'],
  ['03/01/2024 14:05:33', '2024-03-01 14:05:33'],
  ['3-1-2024 14:05', '2024-03-01 14:05:00'],
  ['3/1/24', '2024-03-01 00:00:00'],
  ['3/1/89 8:00 am', '1989-03-01 08:00:00'],
  ['20240301', '2024-03-01 00:00:00'],
  ['20240301140533', '2024-03-01 14:05:33'],
  ['2024/03/01 14:05', '2024-03-01 14:05:00'],
  ['01-MAR-2024', '2024-03-01 00:00:00'],
  ['Mar 1 2024 2:05PM', '2024-03-01 14:05:00'],
  ['March 1, 2024', '2024-03-01 00:00:00'],
  ['45352.75', '2024-03-01 18:00:00'],
  ['13/45/2024', null],
  ['2/30/2024 10:00', null],
  ['13/1/2024 1:00 PM', null],
  ['3/1/2024 13:00 PM', null],
  ['yesterday', null],
  ['', null],
];

describe('parseDateTimeSql', () => {
  it.each(MDY)('reads %j as %j (month first)', async (text, expected) => {
    expect(await value(parseDateTimeSql(`NULLIF(${quoteLiteral(text)}, '')`, 'mdy'))).toBe(expected);
  });

  it('reads day-first dates when told so', async () => {
    expect(await value(parseDateTimeSql(`'25/12/2023 08:15'`, 'dmy'))).toBe('2023-12-25 08:15:00');
    expect(await value(parseDateTimeSql(`'03/01/2024'`, 'dmy'))).toBe('2024-01-03 00:00:00');
    expect(await value(parseDateTimeSql(`'01.03.2024 14:05'`, 'dmy'))).toBe('2024-03-01 14:05:00');
  });
});

describe('parseTimeSql and datePartsSql', () => {
  it.each([
    ['14:05', '14:05:00'],
    ['14:05:33', '14:05:33'],
    ['2:05 PM', '14:05:00'],
    ['2:05 p.m.', '14:05:00'],
    ['1405', '14:05:00'],
    ['905', '09:05:00'],
    ['0.5', '12:00:00'],
    ['2460', null],
    ['25:00', null],
  ])('reads time %j as %j', async (text, expected) => {
    expect(await value(parseTimeSql(quoteLiteral(text)))).toBe(expected);
  });

  it('builds a timestamp from parts, month numbers or names, and NULL for a day that does not exist', async () => {
    expect(await value(datePartsSql({ year: `'2023'`, month: `'Jul'`, day: `'4'`, hour: `'21'`, minute: `'30'` }))).toBe('2023-07-04 21:30:00');
    expect(await value(datePartsSql({ year: `'2023'`, month: `'12'`, day: `'25'` }))).toBe('2023-12-25 00:00:00');
    expect(await value(datePartsSql({ year: `'2023'`, month: `'2'`, day: `'30'` }))).toBeNull();
  });
});

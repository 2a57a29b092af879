import { describe, expect, it } from 'vitest';
import { ARREST_COLUMNS, CALL_COLUMNS } from '../../../../shared/domain/sample/index';
import { failures, fileText, parseTable, sampleFixture } from './sample-fixtures';

describe('calls_for_service.csv and arrests.csv', () => {
  const { city, files } = sampleFixture();
  const incidents = parseTable(fileText(files, 'incidents.csv'));
  const dispositionOf = new Map(incidents.rows.map((r) => [r[incidents.col('Case Number')]!, r[incidents.col('Disposition')]!]));
  const calls = parseTable(fileText(files, 'calls_for_service.csv'));
  const arrests = parseTable(fileText(files, 'arrests.csv'));
  const ms = (s: string): number => Date.parse(`${s.replace(' ', 'T')}Z`);

  it('lists calls in time order with dispatch, arrival and clearance after receipt', () => {
    expect(calls.header).toEqual([...CALL_COLUMNS]);
    expect(calls.rows.length).toBe(city.groundTruth.counts.calls);
    const [num, rec, dis, arr, clr] = ['Call Number', 'Received', 'Dispatched', 'Arrived', 'Cleared'].map((c) => calls.col(c)) as number[];
    let previous = 0;
    const numbers = new Set<string>();
    const bad = failures(calls.rows, (r) => {
      if (r.length !== CALL_COLUMNS.length) return `${r.length} fields`;
      if (!/^C\d{2}-\d{7}$/.test(r[num!]!)) return `call number ${r[num!]}`;
      numbers.add(r[num!]!);
      const received = ms(r[rec!]!);
      if (!(received >= previous)) return `received ${r[rec!]} out of order`;
      previous = received;
      if (r[dis!] === '') return r[calls.col('Disposition')] === 'CANCELLED' ? undefined : 'no dispatch but not cancelled';
      const ok = ms(r[dis!]!) >= received && ms(r[arr!]!) >= ms(r[dis!]!) && ms(r[clr!]!) >= ms(r[arr!]!);
      return ok ? undefined : `times ${r[rec!]} ${r[dis!]} ${r[arr!]} ${r[clr!]}`;
    });
    expect(bad).toEqual([]);
    expect(numbers.size).toBe(calls.rows.length);
  });

  it('links calls to existing cases, once each, with many calls producing no case', () => {
    const caseCol = calls.col('Case Number');
    const linked = calls.rows.filter((r) => r[caseCol] !== '');
    expect(linked.length).toBe(city.groundTruth.counts.callsWithIncident);
    expect(new Set(linked.map((r) => r[caseCol])).size).toBe(linked.length);
    expect(failures(linked, (r) => (dispositionOf.has(r[caseCol]!) ? undefined : r[caseCol]))).toEqual([]);
    expect(linked.length / 60000).toBeGreaterThan(0.7);
    expect(calls.rows.length - linked.length).toBe(Math.round(1.5 * 60000));
  });

  it('gives calls X/Y in feet inside the city', () => {
    const [x, y] = [calls.col('X'), calls.col('Y')];
    const inCity = (r: string[]): boolean =>
      Number(r[x]) > 2_248_000 && Number(r[x]) < 2_248_000 + 80 * 660 && Number(r[y]) > 7_009_000 && Number(r[y]) < 7_009_000 + 64 * 660;
    expect(failures(calls.rows, (r) => (inCity(r) ? undefined : `${r[x]}, ${r[y]}`))).toEqual([]);
  });

  it('records arrests only for cases cleared by arrest, with repeat people and no names', () => {
    expect(arrests.header).toEqual([...ARREST_COLUMNS]);
    expect(arrests.header.some((h) => /name/i.test(h))).toBe(false);
    expect(arrests.rows.length).toBe(city.groundTruth.counts.arrests);
    const [caseCol, person, age] = [arrests.col('Case Number'), arrests.col('Person ID'), arrests.col('Age')];
    const perPerson = new Map<string, number>();
    const bad = failures(arrests.rows, (r) => {
      perPerson.set(r[person]!, (perPerson.get(r[person]!) ?? 0) + 1);
      if (dispositionOf.get(r[caseCol]!) !== 'CLEARED BY ARREST') return `case ${r[caseCol]} not cleared by arrest`;
      if (!/^P\d{6}$/.test(r[person]!)) return `person ${r[person]}`;
      return Number(r[age]) >= 10 && Number(r[age]) < 100 ? undefined : `age ${r[age]}`;
    });
    expect(bad).toEqual([]);
    expect(perPerson.size).toBe(city.groundTruth.counts.people);
    expect(perPerson.size).toBeLessThan(arrests.rows.length);
    expect(Math.max(...perPerson.values())).toBeGreaterThanOrEqual(5);
    const cleared = [...dispositionOf.values()].filter((d) => d === 'CLEARED BY ARREST').length;
    expect(arrests.rows.length).toBeGreaterThanOrEqual(cleared);
  });
});

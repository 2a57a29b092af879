import { describe, expect, it } from 'vitest';
import { fileText, parseExportDate, parseTable, sampleFixture } from './sample-fixtures';

describe('offense-specific timing in incidents.csv', () => {
  const { files } = sampleFixture();
  const t = parseTable(fileText(files, 'incidents.csv'));
  const [caseCol, code, premise, from, to] = ['Case Number', 'Offense Code', 'Premise Type', 'Occurred From', 'Occurred To'].map((c) => t.col(c)) as number[];
  const seen = new Set<string>();
  const rows = t.rows.filter((r) => {
    const first = !seen.has(r[caseCol!]!);
    seen.add(r[caseCol!]!);
    return first;
  });
  /** Window midpoint (the simplest aoristic summary): hour of day and weekday (0 = Monday). */
  const midpoint = (r: string[]): { hour: number; weekday: number; month: number } => {
    const a = parseExportDate(r[from!]!).ms;
    const b = r[to!] === '' ? a : parseExportDate(r[to!]!).ms;
    const d = new Date((a + b) / 2);
    return { hour: d.getUTCHours(), weekday: (d.getUTCDay() + 6) % 7, month: d.getUTCMonth() };
  };
  const share = (rs: string[][], test: (m: ReturnType<typeof midpoint>) => boolean): number => rs.filter((r) => test(midpoint(r))).length / rs.length;
  const night = (m: { hour: number }): boolean => m.hour >= 20 || m.hour < 4;
  const of = (c: string): string[][] => rows.filter((r) => r[code!] === c);

  it('has robberies at night far more often than burglaries', () => {
    const robbery = share(of('120'), night);
    const burglary = share(of('220'), night);
    // Measured (default city, window midpoints): robbery 0.578, burglary 0.333; a flat clock gives 0.333.
    expect(robbery).toBeGreaterThan(0.42);
    expect(robbery - burglary).toBeGreaterThan(0.15);
  });

  it('has residential burglaries mostly on weekday daytimes', () => {
    const res = of('220').filter((r) => r[premise!] === 'RESIDENCE/HOME');
    expect(res.length).toBeGreaterThan(2000);
    const weekdayDay = share(res, (m) => m.weekday < 5 && m.hour >= 6 && m.hour < 18);
    // Measured: 0.632 of 3,455; uniform time would give 5/7 * 12/24 = 0.357.
    expect(weekdayDay).toBeGreaterThan(0.55);
  });

  it('has simple and aggravated assaults skewed to evenings and weekends', () => {
    const assaults = [...of('13A'), ...of('13B')];
    expect(share(assaults, (m) => m.weekday >= 4)).toBeGreaterThan(3 / 7 + 0.05);
    expect(share(assaults, (m) => m.hour >= 17 || m.hour < 3)).toBeGreaterThan(10 / 24 + 0.1);
  });

  it('peaks in summer', () => {
    const july = share(rows, (m) => m.month === 6);
    const january = share(rows, (m) => m.month === 0);
    expect(july / january).toBeGreaterThan(1.12);
  });
});

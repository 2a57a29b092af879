import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { tempDir } from '../../helpers/engine';
import { capture } from './analysis-helpers';

/**
 * An RMS export with known counts. This period 2024-02-01..2024-02-28 (28 days), the one before
 * 2024-01-04..2024-01-31. Beat 11 (district North): 30 robberies now, 15 before (p = 0.0357,
 * flagged up). Beat 12 (South): 5 burglaries in each. One row in a beat named like a formula,
 * one on 2024-02-29 (in neither period) and one with an unreadable date.
 */
function fixtureCsv(): string {
  const rows: string[] = ['Case Number,Offense Code,Occurred From,Occurred To,Beat,District'];
  let n = 0;
  const add = (code: string, when: string, beat: string, district: string) => rows.push(`C${++n},${code},${when},,${beat},${district}`);
  for (let i = 0; i < 30; i++) add('120', `2024-02-${String(1 + (i % 28)).padStart(2, '0')} 10:00`, '11', 'North');
  for (let i = 0; i < 15; i++) add('120', `1/${5 + i}/2024 9:30 PM`, '11', 'North');
  for (let i = 0; i < 5; i++) add('220', `2024-02-${String(10 + i)} 08:00`, '12', 'South');
  for (let i = 0; i < 5; i++) add('220', `2024-01-${String(10 + i)} 08:00`, '12', 'South');
  add('13A', '2024-02-20 01:00', '"=HYPERLINK(""x"")"', 'South');
  add('120', '2024-02-29 12:00', '11', 'North');
  add('120', 'not a date', '11', 'North');
  return `${rows.join('\n')}\n`;
}

describe('spi compstat', () => {
  const tmp = tempDir('spi-compstat-');
  beforeAll(() => {
    tmp.write('rms.csv', fixtureCsv());
  });
  afterAll(() => tmp.cleanup());

  it('compares two periods by beat with the exact Poisson test (JSON)', async () => {
    const c = capture(tmp.dir);
    expect(await runCli(['compstat', 'rms.csv', '--period', '2024-02-01..2024-02-28', '--by', 'beat', '--json'], c.io)).toBe(0);
    const j = JSON.parse(c.out());
    expect(j.previous).toEqual({ from: '2024-01-04', to: '2024-01-31' });
    const b11 = j.rows.find((r: { key: string }) => r.key === '11');
    expect(b11).toMatchObject({ current: 30, previous: 15, change: 15, pctChange: 100, flag: 'up' });
    expect(b11.p).toBeCloseTo(0.035697803555194696, 8);
    expect(b11.z).toBeCloseTo(2.268741117363173, 8);
    expect(j.rows.find((r: { key: string }) => r.key === '12')).toMatchObject({ current: 5, previous: 5, change: 0, flag: null });
    expect(j.total).toMatchObject({ current: 36, previous: 20 });
  }, 60_000);

  it('counts by offense group and by district, and last-N counts back from the latest date', async () => {
    const g = capture(tmp.dir);
    expect(await runCli(['compstat', 'rms.csv', '--period', '2024-02-01..2024-02-28', '--json'], g.io)).toBe(0);
    const rows = JSON.parse(g.out()).rows as { key: string; current: number; previous: number }[];
    expect(rows.find((r) => r.key === 'Violent')).toMatchObject({ current: 31, previous: 15 });
    expect(rows.find((r) => r.key === 'Property')).toMatchObject({ current: 5, previous: 5 });
    const d = capture(tmp.dir);
    expect(await runCli(['compstat', 'rms.csv', '--period', 'last-29', '--by', 'district', '--json'], d.io)).toBe(0);
    const dj = JSON.parse(d.out());
    // Latest date 2024-02-29: last-29 is 2024-02-01..2024-02-29, compared with 2024-01-03..2024-01-31.
    expect(dj.current).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(dj.rows.find((r: { key: string }) => r.key === 'North')).toMatchObject({ current: 31, previous: 15 });
  }, 60_000);

  it('writes a formula-safe CSV with the total last and prints a readable table', async () => {
    const c = capture(tmp.dir);
    expect(await runCli(['compstat', 'rms.csv', '--period', '2024-02-01..2024-02-28', '--by', 'beat', '--out', 'out.csv'], c.io)).toBe(0);
    expect(c.out()).toMatch(/This period: +2024-02-01 \.\. 2024-02-28 \(28 days\)/);
    expect(c.out()).toMatch(/▲/);
    const csv = readFileSync(path.join(tmp.dir, 'out.csv'), 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('beat,current,previous,change,pct_change,z,p,flag');
    expect(lines.at(-1)).toMatch(/^Total,36,20,16,80,/);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
  }, 60_000);

  it('compares year to date with last year', async () => {
    const c = capture(tmp.dir);
    expect(await runCli(['compstat', 'rms.csv', '--period', 'ytd', '--compare', 'last-year', '--json'], c.io)).toBe(0);
    const j = JSON.parse(c.out());
    expect(j.current).toEqual({ from: '2024-01-01', to: '2024-02-29' });
    expect(j.previous).toEqual({ from: '2023-01-01', to: '2023-02-28' });
    expect(j.total).toMatchObject({ current: 57, previous: 0, pctChange: null });
  }, 60_000);

  it('refuses bad input with exit 2 and one line naming the value', async () => {
    const cases: [string[], RegExp][] = [
      [['rms.csv'], /--period is required/],
      [['rms.csv', '--period', '2024-02-30..2024-03-01'], /--period: "2024-02-30\.\.2024-03-01" is not valid/],
      [['rms.csv', '--period', '2024-03-01..2024-02-01'], /start \(2024-03-01\) on or before the end/],
      [['rms.csv', '--period', 'last-28', '--compare', 'lastweek'], /--compare: "lastweek" is not valid/],
      [['rms.csv', '--period', 'last-28', '--by', 'street'], /--by: "street" is not valid/],
      [['rms.csv', '--period', 'last-28', '--alpha', '5'], /--alpha: "5" is not valid/],
      [['rms.csv', '--period', 'last-28', '--out', 'x.xlsx'], /--out: "x\.xlsx" is not a supported output/],
      [['missing.csv', '--period', 'last-28'], /missing\.csv: file not found/],
      [['rms.csv', '--period', 'last-28', '--filter', 'x = 1; DROP TABLE t'], /--filter/],
      [[], /name the SRC/],
    ];
    for (const [args, message] of cases) {
      const c = capture(tmp.dir);
      expect(await runCli(['compstat', ...args], c.io), args.join(' ')).toBe(2);
      expect(c.err(), args.join(' ')).toMatch(message);
      expect(c.err().trim().split('\n')).toHaveLength(1);
    }
  }, 60_000);

  it('names the missing column when the data has no district', async () => {
    tmp.write('nodistrict.csv', 'Offense Code,Occurred From\n120,2024-02-01 10:00\n');
    const c = capture(tmp.dir);
    expect(await runCli(['compstat', 'nodistrict.csv', '--period', 'last-28', '--by', 'district'], c.io)).toBe(2);
    expect(c.err()).toMatch(/column "district \(or "District"/);
  }, 60_000);
});

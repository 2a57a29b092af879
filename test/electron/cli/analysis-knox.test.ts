import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../helpers/engine';
import { spiOk } from './analysis-helpers';

const tmp = tempDir('spi-knox-');
afterAll(() => tmp.cleanup());

// DOMAIN.md check: (x,y,day) = (0,0,0),(10,0,1),(0,10,2),(100,100,3),(105,100,30),(300,0,31),
// close if d <= 20 and |dt| <= 7: 15 pairs, 4 space-close, 7 time-close, 3 both, expected 1.867.
// Whole days and no distance in (20, 21): the half-open bands [0, 21) and [0, 8) hold exactly
// the pairs with d <= 20 and |dt| <= 7.
tmp.write('events.csv', 'x,y,day\n0,0,0\n10,0,1\n0,10,2\n100,100,3\n105,100,30\n300,0,31\n');
tmp.write('events-cases.csv', 'case_id,case_row,x,y,day\nA,1,0,0,0\nA,2,0,0,0\nB,1,10,0,1\nC,1,0,10,2\nD,1,100,100,3\nE,1,105,100,30\nF,1,300,0,31\n');
tmp.write('events-dated.csv', 'x,y,date\n0,0,2024-03-01\n10,0,2024-03-02\n0,10,2024-03-03\n100,100,2024-03-04\n105,100,2024-03-31\n300,0,2024-04-01\n');

describe('spi knox', () => {
  it('reproduces the DOMAIN.md worked example from a CSV with day numbers', async () => {
    const json = JSON.parse(await spiOk(['knox', 'events.csv', '--space-bands', '0,21', '--time-bands', '0,8', '--sims', '999', '--seed', '1', '--json'], tmp.dir));
    expect(json.summary).toMatchObject({ events: 6, pairs: 15, spaceTotals: [4], timeTotals: [7] });
    expect(json.rows).toHaveLength(1);
    const row = json.rows[0];
    expect(row).toMatchObject({ space_band: '[0, 21)', time_band: '[0, 8)', observed: 3 });
    expect(row.expected_independence).toBeCloseTo(1.8667, 4);
    expect(row.expected).toBeCloseTo(1.867, 1);
    expect(row.ratio).toBeCloseTo(3 / row.expected, 12);
    expect(json.source).toMatchObject({ used: 6, rows: 6 });
  });

  it('counts an incident exported on two rows once (case_row), or every row with --all-rows', async () => {
    const once = JSON.parse(await spiOk(['knox', 'events-cases.csv', '--space-bands', '0,21', '--time-bands', '0,8', '--sims', '9', '--json'], tmp.dir));
    expect(once.summary).toMatchObject({ events: 6, pairs: 15 });
    expect(once.rows[0].observed).toBe(3);
    expect(once.source.skipped.extraCaseRows).toBe(1);
    const all = JSON.parse(await spiOk(['knox', 'events-cases.csv', '--space-bands', '0,21', '--time-bands', '0,8', '--sims', '9', '--all-rows', '--json'], tmp.dir));
    expect(all.summary).toMatchObject({ events: 7, pairs: 21 });
    expect(all.rows[0].observed).toBe(6); // A with itself, and A's copy with B and C
  });

  it('reads calendar dates as days and gives the same counts; the text states half-open bands and the seed', async () => {
    const text = await spiOk(['knox', 'events-dated.csv', '--space-bands', '0,21,inf', '--time-bands', '0,8,inf', '--sims', '99', '--seed', '5', '--out', 'knox.csv'], tmp.dir);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toMatch(/Bands are half-open \[a, b\)/);
    expect(flat).toMatch(/99 times, seed 5/);
    expect(flat).toMatch(/dates from date/);
    const csv = readFileSync(path.join(tmp.dir, 'knox.csv'), 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe('space_band,time_band,space_from_m,space_to_m,time_from_days,time_to_days,observed,expected,expected_independence,ratio,p');
    // Labels hold a comma, so they are quoted; an open edge is an empty cell. Pairs: both close 3,
    // space-only 1, time-only 4, neither 7 (15 in all).
    const rows = csv.slice(1).map((l) => {
      const m = /^"([^"]*)","([^"]*)",(.*)$/.exec(l);
      const rest = (m?.[3] ?? '').split(',');
      return [m?.[1], m?.[2], rest[1], rest[4]];
    });
    expect(rows).toEqual([
      ['[0, 21)', '[0, 8)', '21', '3'],
      ['[0, 21)', '[8, inf)', '21', '1'],
      ['[21, inf)', '[0, 8)', '', '4'],
      ['[21, inf)', '[8, inf)', '', '7'],
    ]);
  });

  it('NRC-compatible mode derives the calculator bands and prints its labels beside ours', async () => {
    const json = JSON.parse(await spiOk(['knox', 'events.csv', '--space-bands', '0,20,40', '--time-bands', '0,7,14', '--sims', '99', '--nrc-compatible', '--json'], tmp.dir));
    expect(json.parameters).toMatchObject({ metric: 'manhattan', nrcCompatible: true });
    expect(json.summary.spaceBandsUsed).toEqual([0, 1, 20, 40, 'inf']);
    expect(json.summary.timeBandsUsed).toEqual([0, 7, 14, 'inf']);
    const labels = json.rows.map((r: { space_band: string; nrc_space_label: string }) => `${r.space_band}=${r.nrc_space_label}`);
    expect(labels).toContain('[20, 40)=21 to 40');
    // Manhattan: (0,0)-(10,0) and (0,0)-(0,10) are 10 apart, 1 and 2 days: [1, 20) x [0, 7);
    // (10,0)-(0,10) is exactly 20 apart (|dx| + |dy|), 1 day: [20, 40) x [0, 7), half-open;
    // (100,100)-(105,100) is 5 apart, 27 days: [1, 20) x [14, inf).
    const observed = (s: string, t: string) => json.rows.find((r: { space_band: string; time_band: string }) => r.space_band === s && r.time_band === t).observed;
    expect(observed('[1, 20)', '[0, 7)')).toBe(2);
    expect(observed('[20, 40)', '[0, 7)')).toBe(1);
    expect(observed('[1, 20)', '[14, inf)')).toBe(1);
    expect(observed('[0, 1)', '[0, 7)')).toBe(0);
  });
});

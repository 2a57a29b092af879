import { describe, expect, it } from 'vitest';
import { computeAoristicGrid, formatWindow, patrolWindows, peakTimes } from '../../../../../shared/domain/outputs/targets/aoristic';
import { at } from './fixtures';

// 2024-03-04 is a Monday.
const cell = (day: number, hour: number) => day * 24 + hour;

describe('aoristic hour-by-day grid (Ratcliffe 2000)', () => {
  it('spreads a window evenly over the clock hours it touches (worked values)', () => {
    // Mon 10:30 -> 12:15 touches 10, 11, 12: 1/3 each.
    const g = computeAoristicGrid([at('2024-03-04T10:30')], [at('2024-03-04T12:15')]);
    expect(g.weights[cell(0, 10)]).toBeCloseTo(1 / 3, 12);
    expect(g.weights[cell(0, 11)]).toBeCloseTo(1 / 3, 12);
    expect(g.weights[cell(0, 12)]).toBeCloseTo(1 / 3, 12);
    expect(g.weights.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(g.total).toBe(1);
  });

  it('does not count the hour a window ends exactly on, and treats a missing or equal end as one hour', () => {
    const g = computeAoristicGrid([at('2024-03-04T10:00'), at('2024-03-05T08:20'), at('2024-03-06T09:00')], [at('2024-03-04T12:00'), Number.NaN, at('2024-03-06T09:00')]);
    expect(g.weights[cell(0, 10)]).toBeCloseTo(0.5, 12);
    expect(g.weights[cell(0, 11)]).toBeCloseTo(0.5, 12);
    expect(g.weights[cell(0, 12)]).toBe(0);
    expect(g.weights[cell(1, 8)]).toBe(1);
    expect(g.weights[cell(2, 9)]).toBe(1);
  });

  it('crosses midnight and the week boundary (Sun 23:00 -> Mon 01:00)', () => {
    const g = computeAoristicGrid([at('2024-03-10T23:00')], [at('2024-03-11T01:00')]);
    expect(g.weights[cell(6, 23)]).toBeCloseTo(0.5, 12);
    expect(g.weights[cell(0, 0)]).toBeCloseTo(0.5, 12);
  });

  it('caps long windows: a 10-day window is spread over the first 168 hours, i.e. evenly over the week', () => {
    const g = computeAoristicGrid([at('2024-03-04T00:00')], [at('2024-03-14T00:00')]);
    expect(g.capped).toBe(1);
    for (const w of g.weights) expect(w).toBeCloseTo(1 / 168, 12);
    const short = computeAoristicGrid([at('2024-03-04T00:00')], [at('2024-03-14T00:00')], null, 24);
    expect(short.weights[cell(0, 5)]).toBeCloseTo(1 / 24, 12);
    expect(short.weights[cell(1, 5)]).toBe(0);
  });

  it('keeps undated incidents out and reversed windows at their from hour', () => {
    const g = computeAoristicGrid([Number.NaN, at('2024-03-04T10:10')], [Number.NaN, at('2024-03-04T09:00')]);
    expect(g.undated).toBe(1);
    expect(g.reversed).toBe(1);
    expect(g.weights[cell(0, 10)]).toBe(1);
  });

  it('uses only the given rows and conserves weight (property)', () => {
    const from: number[] = [];
    const to: number[] = [];
    for (let i = 0; i < 200; i++) {
      from.push(at('2024-03-04T00:00') + ((i * 7919) % 500) * 1_800_000);
      to.push(from[i]! + ((i * 31) % 60) * 3_600_000);
    }
    const rows = Int32Array.from({ length: 100 }, (_, k) => 2 * k);
    const g = computeAoristicGrid(from, to, rows);
    expect(g.total).toBe(100);
    expect(g.weights.reduce((s, v) => s + v, 0)).toBeCloseTo(100, 9);
  });
});

describe('peak times and patrol windows', () => {
  const events = [
    ['2024-03-08T22:10', '2024-03-08T23:50'], // Fri 22, 23
    ['2024-03-08T22:30', null],
    ['2024-03-08T23:05', null],
    ['2024-03-09T01:15', null], // Sat 01 (Friday's night shift)
    ['2024-03-09T02:15', null],
    ['2024-03-04T09:00', null], // Mon 09
  ] as const;
  const g = computeAoristicGrid(
    events.map((e) => at(e[0])),
    events.map((e) => (e[1] ? at(e[1]) : Number.NaN)),
  );

  it('names the peak days and hours', () => {
    const p = peakTimes(g);
    expect(p.days).toEqual(['Fri', 'Sat']);
    expect(p.hours[0]).toBe('22:00-23:00');
    expect(p.hours[1]).toBe('23:00-00:00');
  });

  it('finds the top 2-hour windows inside each shift, never overlapping, named by their real day', () => {
    const w = patrolWindows(g);
    const evening = w.filter((x) => x.shift === 'Evening');
    const night = w.filter((x) => x.shift === 'Night');
    const day = w.filter((x) => x.shift === 'Day');
    // Evening 15-23: best is Fri 21-23 (1.5 at 22) over Fri 20-22 etc.
    expect(formatWindow(evening[0]!)).toBe('Fri 21:00-23:00');
    expect(evening[0]!.weight).toBeCloseTo(1.5, 12);
    // Night 23-07: Fri 23:00-01:00 holds 1.5; Sat 01:00-03:00 holds 2.
    expect(night.map(formatWindow)).toEqual(['Sat 01:00-03:00', 'Fri 23:00-01:00']);
    expect(night[0]!.weight).toBeCloseTo(2, 12);
    expect(night[1]!.weight).toBeCloseTo(1.5, 12);
    // Day: only Monday 09 has weight; one window with weight, the earliest of the ties first.
    expect(day.map(formatWindow)).toEqual(['Mon 08:00-10:00']);
  });

  it('recommends nothing without weight', () => {
    expect(patrolWindows(computeAoristicGrid([], []))).toEqual([]);
    expect(peakTimes(computeAoristicGrid([], []))).toEqual({ days: [], hours: [] });
  });
});

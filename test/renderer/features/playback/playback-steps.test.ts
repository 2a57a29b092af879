import { describe, expect, it } from 'vitest';
import { formatFrame, frameIndexOf, playbackFrames } from '../../../../renderer/features/playback/playback-steps';

describe('playback frames', () => {
  it('cuts the range into ISO weeks, Monday to Sunday, covering both ends', () => {
    const f = playbackFrames('2024-01-03', '2024-01-22', 'week', null);
    expect(f).toEqual([
      { from: '2024-01-01', to: '2024-01-07' },
      { from: '2024-01-08', to: '2024-01-14' },
      { from: '2024-01-15', to: '2024-01-21' },
      { from: '2024-01-22', to: '2024-01-28' },
    ]);
  });

  it('cuts into calendar months, and a moving window of N days ends on each step', () => {
    expect(playbackFrames('2024-01-15', '2024-03-02', 'month', null)).toEqual([
      { from: '2024-01-01', to: '2024-01-31' },
      { from: '2024-02-01', to: '2024-02-29' },
      { from: '2024-03-01', to: '2024-03-31' },
    ]);
    const moving = playbackFrames('2024-01-01', '2024-01-20', 'week', 28);
    expect(moving[0]).toEqual({ from: '2023-12-11', to: '2024-01-07' });
    expect(moving.every((x) => (Date.parse(x.to) - Date.parse(x.from)) / 86_400_000 === 27)).toBe(true);
  });

  it('is empty without dates, and keeps the last frames over the limit', () => {
    expect(playbackFrames(null, '2024-01-01', 'week', null)).toEqual([]);
    expect(playbackFrames('2024-02-01', '2024-01-01', 'week', null)).toEqual([]);
    const f = playbackFrames('2000-01-01', '2024-12-31', 'week', null, 10);
    expect(f).toHaveLength(10);
    expect(f.at(-1)!.to).toBe('2025-01-05');
  });

  it('formats frames for the big label, and finds the frame of a day', () => {
    expect(formatFrame({ from: '2024-03-04', to: '2024-03-10' })).toBe('4 Mar – 10 Mar 2024');
    expect(formatFrame({ from: '2023-12-25', to: '2023-12-31' })).toBe('25 Dec – 31 Dec 2023');
    expect(formatFrame({ from: '2023-12-28', to: '2024-01-03' })).toBe('28 Dec 2023 – 3 Jan 2024');
    expect(formatFrame({ from: '2024-02-01', to: '2024-02-29' })).toBe('Feb 2024');
    const f = playbackFrames('2024-01-01', '2024-03-31', 'month', null);
    expect(frameIndexOf(f, '2024-02-10')).toBe(1);
    expect(frameIndexOf(f, '2030-01-01')).toBe(2);
    expect(frameIndexOf(f, null)).toBe(0);
  });
});

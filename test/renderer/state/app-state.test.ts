import { describe, expect, it } from 'vitest';
import { INITIAL_STATE, reduce } from '../../../renderer/state/app-state';

describe('app state updaters', () => {
  it('toggles one group and keeps the others, returning a new array', () => {
    const next = reduce(INITIAL_STATE, { type: 'toggle-group', index: 1 });
    expect(next.visibleGroups[1]).toBe(false);
    expect(next.visibleGroups[0]).toBe(true);
    expect(next.visibleGroups).not.toBe(INITIAL_STATE.visibleGroups);
    expect(INITIAL_STATE.visibleGroups[1]).toBe(true);
  });

  it('ignores out-of-range groups and bad radii without changing identity', () => {
    expect(reduce(INITIAL_STATE, { type: 'toggle-group', index: 99 })).toBe(INITIAL_STATE);
    expect(reduce(INITIAL_STATE, { type: 'set-radius', pixels: Number.NaN })).toBe(INITIAL_STATE);
  });

  it('keeps what the analyst has when a later load fails', () => {
    const failedFirst = reduce(INITIAL_STATE, { type: 'failed', message: 'x' });
    expect(failedFirst.phase).toBe('error');
    const withData = { ...INITIAL_STATE, phase: 'ready' as const, dataset: {} as never };
    const failedLater = reduce(withData, { type: 'failed', message: 'bad.csv: the file is empty' });
    expect(failedLater.phase).toBe('ready');
    expect(failedLater.dataset).toBe(withData.dataset);
    expect(failedLater.error).toBe('bad.csv: the file is empty');
  });
});

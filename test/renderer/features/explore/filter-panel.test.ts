import { describe, expect, it } from 'vitest';
import { hourRange, toggleInList } from '../../../../renderer/features/explore/FilterPanel';
import { effectiveFilter } from '../../../../renderer/features/explore/use-explore';
import { EMPTY_FILTER } from '../../../../shared/domain/explore/filters';

describe('filter panel helpers', () => {
  it('toggles a day out of "all", and back to null when every day is on again', () => {
    const noMonday = toggleInList(null, 1, 7);
    expect(noMonday).toEqual([0, 2, 3, 4, 5, 6]);
    expect(toggleInList(noMonday, 1, 7)).toBeNull();
    expect(toggleInList([3], 3, 7)).toEqual([]);
  });

  it('reads hour ranges, including ones that wrap past midnight', () => {
    expect(hourRange(null)).toEqual({ from: 0, to: 23 });
    expect(hourRange([9, 10, 11])).toEqual({ from: 9, to: 11 });
    expect(hourRange([0, 1, 2, 22, 23])).toEqual({ from: 22, to: 2 });
  });

  it('adds the legend group toggles to the SQL filter only when some group is hidden', () => {
    expect(effectiveFilter(EMPTY_FILTER, [true, true, true]).groups).toBeNull();
    expect(effectiveFilter(EMPTY_FILTER, [true, false, true]).groups).toEqual([0, 2]);
  });
});

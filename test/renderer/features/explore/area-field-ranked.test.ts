import { describe, expect, it } from 'vitest';
import { parseMapDoc } from '../../../../renderer/features/project/project-tasks';
import { densifyRing } from '../../../../renderer/features/explore/use-area-drawing';
import { rankedFilter } from '../../../../renderer/features/explore/use-ranked-charts';
import { INITIAL_STATE, reduce, type AppState } from '../../../../renderer/state/app-state';
import { EMPTY_FILTER, type ExploreFilter } from '../../../../shared/domain/explore/filters';

const AREA: [number, number][] = [[-87.7, 41.8], [-87.6, 41.8], [-87.6, 41.9]];
const ready: AppState = { ...INITIAL_STATE, phase: 'ready' };

describe('drawn area and field filters in the map document', () => {
  it('are one undoable change each, and survive a save (JSON) and reopen', () => {
    const withArea = reduce(ready, { type: 'set-filter', filter: { ...ready.doc.filter, polygon: AREA } });
    const withField = reduce(withArea, { type: 'set-filter', filter: { ...withArea.doc.filter, fields: [{ column: 'Premise', kind: 'text', op: 'eq', value: "O'Hara" }] } });
    expect(withField.history.past.length).toBe(2);
    const undone = reduce(withField, { type: 'undo' });
    expect(undone.doc.filter.polygon).toEqual(AREA);
    expect(undone.doc.filter.fields ?? null).toBeNull();
    expect(reduce(undone, { type: 'undo' }).doc.filter.polygon ?? null).toBeNull();
    const reopened = parseMapDoc(JSON.parse(JSON.stringify(withField.doc)));
    expect(reopened?.filter.polygon).toEqual(AREA);
    expect(reopened?.filter.fields).toEqual([{ column: 'Premise', kind: 'text', op: 'eq', value: "O'Hara" }]);
  });
});

describe('area outline', () => {
  it('cuts each edge into pieces straight in lon/lat and closes the ring', () => {
    const d = densifyRing(AREA, 4);
    expect(d.length).toBe(3 * 4 + 1);
    expect(d[0]).toEqual(d.at(-1));
    expect(d[2]![0]).toBeCloseTo(-87.65, 12);
    expect(d[2]![1]).toBeCloseTo(41.8, 12);
  });
});

describe('ranked chart cross-filter', () => {
  const f: ExploreFilter = {
    ...EMPTY_FILTER,
    codes: ['120'],
    beats: ['11'],
    fields: [
      { column: 'Address', kind: 'text', op: 'eq', value: '5 ELM' },
      { column: 'Address', kind: 'text', op: 'contains', value: 'ELM' },
    ],
  };
  it('drops only the chart\'s own dimension', () => {
    expect(rankedFilter('offense', f, 'Address')).toEqual({ ...f, codes: null });
    expect(rankedFilter('beat', f, 'Address')).toEqual({ ...f, beats: null });
    expect(rankedFilter('address', f, 'Address').fields).toEqual([{ column: 'Address', kind: 'text', op: 'contains', value: 'ELM' }]);
    expect(rankedFilter('address', { ...f, fields: [f.fields![0]!] }, 'Address').fields).toBeNull();
  });
});

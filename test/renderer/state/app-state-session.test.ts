import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYER_SETTINGS } from '../../../shared/domain/explore/layer-settings';
import { EMPTY_FILTER } from '../../../shared/domain/explore/filters';
import { INITIAL_STATE, isDirty, reduce } from '../../../renderer/state/app-state';

const entry = { at: '2024-05-01T10:00:00.000Z', by: 'Dana', action: 'note', parameters: {}, dataHashes: {}, note: 'why' };

describe('session actions of the app state', () => {
  it('append-log adds the entry, marks the project unsaved and is no undo step', () => {
    const s = reduce(INITIAL_STATE, { type: 'append-log', entry });
    expect(s.project.log).toEqual([entry]);
    expect(isDirty(s)).toBe(true);
    expect(s.history.past).toHaveLength(0);
  });

  it('apply-map-settings sets layer, filter and groups as one undo step, and equal settings as none', () => {
    const groups = INITIAL_STATE.doc.visibleGroups.map((_, i) => i !== 0);
    const layer = { ...DEFAULT_LAYER_SETTINGS, kind: 'grid' as const };
    const filter = { ...EMPTY_FILTER, hours: [1] };
    const s = reduce(INITIAL_STATE, { type: 'apply-map-settings', layer, filter, visibleGroups: groups });
    expect([s.doc.layer, s.doc.filter, s.doc.visibleGroups]).toEqual([layer, filter, groups]);
    expect(s.history.past).toEqual([INITIAL_STATE.doc]);
    const again = reduce(s, { type: 'apply-map-settings', layer: { ...layer }, filter: { ...filter }, visibleGroups: [...groups] });
    expect(again).toBe(s);
    expect(reduce(s, { type: 'undo' }).doc).toBe(INITIAL_STATE.doc);
  });
});

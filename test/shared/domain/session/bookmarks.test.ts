import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYER_SETTINGS } from '../../../../shared/domain/explore/layer-settings';
import { EMPTY_FILTER } from '../../../../shared/domain/explore/filters';
import { createBookmark, parseBookmarks, restoreBookmark, stepBookmark } from '../../../../shared/domain/session/bookmarks';

const view = { center: [-97.5, 32.9] as [number, number], zoom: 13.2, bearing: 10, pitch: 0 };
const layer = { ...DEFAULT_LAYER_SETTINGS, kind: 'grid' as const, opacity: 0.5 };
const filter = { ...EMPTY_FILTER, dateFrom: '2024-01-01', hours: [0, 22, 23] };

describe('bookmarks', () => {
  it('restores the saved view, layer, filter and groups after a JSON round trip', () => {
    const b = createBookmark('  Night grid ', { view, visibleGroups: [true, false, true], layer, filter }, 'Dana', [], '2024-05-01T14:00:00Z');
    const [saved] = parseBookmarks(JSON.parse(JSON.stringify([b]))).bookmarks;
    const r = restoreBookmark(saved!, 5);
    expect(saved!.name).toBe('Night grid');
    expect(r.view).toEqual(view);
    expect(r.layer).toEqual(layer);
    expect(r.filter).toEqual(filter);
    // Groups the bookmark does not know (a longer list now) stay visible.
    expect(r.visibleGroups).toEqual([true, false, true, true, true]);
  });

  it('falls back to defaults for damaged settings, and drops bookmarks without a usable view', () => {
    const b = createBookmark('', { view, visibleGroups: [], layer, filter }, '', []);
    expect(b.name).toBe('View 1');
    expect(b.author).toBe('analyst');
    const damaged = { ...b, layer: { kind: 'heatmap', opacity: 7 }, filter: { hours: [99] } };
    const { bookmarks, dropped } = parseBookmarks([damaged, { ...b, view: { ...view, zoom: 40 } }]);
    expect(dropped).toBe(1);
    const r = restoreBookmark(bookmarks[0]!, 2);
    expect(r.layer.kind).toBe('points');
    expect(r.layer.opacity).toBe(DEFAULT_LAYER_SETTINGS.opacity);
    expect(r.filter.hours).not.toContain(99);
  });

  it('steps forward and back, clamped at the ends, starting from either end', () => {
    expect(stepBookmark(null, 1, 3)).toBe(0);
    expect(stepBookmark(null, -1, 3)).toBe(2);
    expect(stepBookmark(0, 1, 3)).toBe(1);
    expect(stepBookmark(2, 1, 3)).toBe(2);
    expect(stepBookmark(0, -1, 3)).toBe(0);
    expect(stepBookmark(7, 1, 3)).toBe(0);
    expect(stepBookmark(null, 1, 0)).toBeNull();
  });

  it('gives each new bookmark an id unused in the list', () => {
    const at = '2024-05-01T14:00:00Z';
    const a = createBookmark('a', { view, visibleGroups: [], layer, filter }, 'x', [], at);
    const b = createBookmark('b', { view, visibleGroups: [], layer, filter }, 'x', [a], at);
    const c = createBookmark('c', { view, visibleGroups: [], layer, filter }, 'x', [a, b], at);
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
  });
});

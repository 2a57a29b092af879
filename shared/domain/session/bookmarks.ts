/**
 * Bookmarks: named map views with the map document's layer, filter and visible groups, saved as
 * project document `bookmarks` (`docs/bookmarks.json`) and stepped through during a briefing.
 */
import { z } from '../../base/schema';
import { parseExploreFilter, type ExploreFilter } from '../explore/filters';
import { parseLayerSettings, type LayerSettings } from '../explore/layer-settings';
import { mapViewSchema, type MapViewState } from './view-sync';

/** Project document path of the bookmarks (`docs/bookmarks.json`). */
export const BOOKMARKS_DOC = 'bookmarks';

/**
 * One bookmark. `layer` and `filter` are stored as saved JSON and read defensively on restore
 * (so a bookmark from a newer or older app still restores what it can).
 */
export const bookmarkSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  author: z.string().max(120),
  at: z.string().max(40),
  view: mapViewSchema,
  visibleGroups: z.array(z.boolean()).max(64),
  layer: z.unknown(),
  filter: z.unknown(),
});
export type Bookmark = z.infer<typeof bookmarkSchema>;

/** Reads the bookmarks document; entries that do not match are dropped and counted. Missing = empty. */
export function parseBookmarks(value: unknown): { bookmarks: Bookmark[]; dropped: number } {
  if (!Array.isArray(value)) return { bookmarks: [], dropped: value === undefined || value === null ? 0 : 1 };
  const bookmarks: Bookmark[] = [];
  for (const item of value) {
    const parsed = bookmarkSchema.safeParse(item);
    if (parsed.success) bookmarks.push(parsed.data);
  }
  return { bookmarks, dropped: value.length - bookmarks.length };
}

/** What a bookmark captures from the workbench. */
export interface BookmarkSource {
  view: MapViewState;
  visibleGroups: readonly boolean[];
  layer: LayerSettings;
  filter: ExploreFilter;
}

/**
 * A bookmark of the current view and map settings. The name is trimmed (empty becomes
 * "View n", n = existing + 1) and cut at 200 characters; `id` is unique within `existing`.
 */
export function createBookmark(name: string, source: BookmarkSource, author: string, existing: readonly Bookmark[] = [], at = new Date().toISOString()): Bookmark {
  const taken = new Set(existing.map((b) => b.id));
  let id = `b-${Date.parse(at).toString(36)}`;
  for (let n = 2; taken.has(id); n++) id = `b-${Date.parse(at).toString(36)}-${n}`;
  return {
    id,
    name: name.trim().slice(0, 200) || `View ${existing.length + 1}`,
    author: author.trim().slice(0, 120) || 'analyst',
    at,
    view: { ...source.view, center: [source.view.center[0], source.view.center[1]] },
    visibleGroups: [...source.visibleGroups],
    layer: source.layer,
    filter: source.filter,
  };
}

/** What restoring a bookmark sets: the view and, read defensively, the map settings. */
export interface RestoredBookmark {
  view: MapViewState;
  layer: LayerSettings;
  filter: ExploreFilter;
  /** Same length as the current document's list: groups the bookmark does not know stay visible. */
  visibleGroups: boolean[];
}

/**
 * The view and map settings to apply for `bookmark`, given the current visible-group count.
 * Layer settings and filter go through the project readers (odd values become defaults).
 */
export function restoreBookmark(bookmark: Bookmark, groupCount: number): RestoredBookmark {
  return {
    view: bookmark.view,
    layer: parseLayerSettings(bookmark.layer),
    filter: parseExploreFilter(bookmark.filter),
    visibleGroups: Array.from({ length: groupCount }, (_, i) => bookmark.visibleGroups[i] ?? true),
  };
}

/**
 * The bookmark index after stepping `delta` (+1 next, -1 previous) from `current` in a list of
 * `count`: clamped to the ends (a briefing does not wrap around from the last view to the first).
 * From no current bookmark (null), next goes to the first and previous to the last. Null when
 * the list is empty.
 */
export function stepBookmark(current: number | null, delta: 1 | -1, count: number): number | null {
  if (count <= 0) return null;
  if (current === null || current < 0 || current >= count) return delta > 0 ? 0 : count - 1;
  return Math.min(count - 1, Math.max(0, current + delta));
}

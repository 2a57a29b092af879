import { describe, expect, it } from 'vitest';
import { parseMapDoc, snapshotProject } from '../../../renderer/features/project/project-tasks';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import { DEFAULT_DOC, INITIAL_STATE, isDirty, reduce, type AppState } from '../../../renderer/state/app-state';
import { EMPTY_FILTER } from '../../../shared/domain/explore/filters';

const ready: AppState = { ...INITIAL_STATE, phase: 'ready' };

describe('app state updaters', () => {
  it('toggles one group and keeps the others, returning a new document', () => {
    const next = reduce(ready, { type: 'toggle-group', index: 1 });
    expect(next.doc.visibleGroups[1]).toBe(false);
    expect(next.doc.visibleGroups[0]).toBe(true);
    expect(next.doc).not.toBe(ready.doc);
    expect(ready.doc.visibleGroups[1]).toBe(true);
  });

  it('ignores out-of-range groups and bad radii without changing identity', () => {
    expect(reduce(ready, { type: 'toggle-group', index: 99 })).toBe(ready);
    expect(reduce(ready, { type: 'set-radius', pixels: Number.NaN })).toBe(ready);
    expect(reduce(ready, { type: 'set-radius', pixels: ready.doc.pointRadius })).toBe(ready);
  });

  it('undoes and redoes every map change, and the unsaved mark follows', () => {
    const a = reduce(ready, { type: 'toggle-group', index: 0 });
    const b = reduce(a, { type: 'set-radius', pixels: 5 });
    expect(isDirty(b)).toBe(true);
    const undone = reduce(reduce(b, { type: 'undo' }), { type: 'undo' });
    expect(undone.doc).toBe(ready.doc);
    expect(isDirty(undone)).toBe(false);
    const redone = reduce(undone, { type: 'redo' });
    expect(redone.doc).toBe(a.doc);
    expect(reduce(redone, { type: 'redo' }).doc).toBe(b.doc);
    // A new edit after undo drops the redo branch.
    const branched = reduce(reduce(b, { type: 'undo' }), { type: 'set-radius', pixels: 7 });
    expect(branched.history.future).toEqual([]);
    expect(reduce(ready, { type: 'undo' })).toBe(ready);
  });

  it('clears the unsaved mark on save and logs it', () => {
    const edited = reduce(ready, { type: 'toggle-group', index: 2 });
    const saved = reduce(edited, { type: 'project-saved', fileName: 'city.spiproj', path: '/tmp/city.spiproj', log: { at: 'x'.repeat(10), by: 'analyst', action: 'project.save', parameters: {}, dataHashes: {} } });
    expect(isDirty(saved)).toBe(false);
    expect(saved.project.fileName).toBe('city.spiproj');
    expect(saved.project.log.at(-1)!.action).toBe('project.save');
    expect(isDirty(reduce(saved, { type: 'undo' }))).toBe(true);
  });

  it('keeps what the analyst has when a later load fails', () => {
    const failedFirst = reduce(INITIAL_STATE, { type: 'failed', message: 'x' });
    expect(failedFirst.phase).toBe('error');
    const withData = { ...ready, dataset: {} as never };
    const failedLater = reduce(withData, { type: 'failed', message: 'bad.csv: the file is empty' });
    expect(failedLater.phase).toBe('ready');
    expect(failedLater.dataset).toBe(withData.dataset);
    expect(failedLater.error).toBe('bad.csv: the file is empty');
  });

  it('makes layer and filter changes undoable map-document edits', () => {
    const kde = reduce(ready, { type: 'set-layer', layer: { ...ready.doc.layer, kind: 'kde' } });
    expect(kde.doc.layer.kind).toBe('kde');
    expect(isDirty(kde)).toBe(true);
    const filtered = reduce(kde, { type: 'set-filter', filter: { ...EMPTY_FILTER, daysOfWeek: [1, 2] } });
    expect(filtered.doc.filter.daysOfWeek).toEqual([1, 2]);
    expect(filtered.doc.layer).toBe(kde.doc.layer);
    const undone = reduce(filtered, { type: 'undo' });
    expect(undone.doc.filter).toBe(EMPTY_FILTER);
    expect(reduce(undone, { type: 'undo' }).doc).toBe(ready.doc);
    // Re-dispatching the same object is not an edit.
    expect(reduce(filtered, { type: 'set-filter', filter: filtered.doc.filter })).toBe(filtered);
  });

  it('restores layer settings and filters from a saved map document, and defaults older ones', () => {
    const doc = {
      ...DEFAULT_DOC,
      layer: { ...DEFAULT_DOC.layer, kind: 'grid' as const, grid: { shape: 'hex-pointy' as const, cell: 400, classing: 'jenks' as const, classes: 6, statistic: 'gistar' as const, band: 800, fdr: true } },
      filter: { ...EMPTY_FILTER, dateFrom: '2024-01-01', beats: ['11'] },
    };
    expect(parseMapDoc(JSON.parse(JSON.stringify(doc)))).toEqual(doc);
    const old = parseMapDoc({ visibleGroups: [true, false], pointRadius: 3 });
    expect(old?.layer).toEqual(DEFAULT_DOC.layer);
    expect(old?.filter).toEqual(EMPTY_FILTER);
  });

  it('keeps every other project document: set-document edits are undoable and saved with the map', async () => {
    const opened = reduce(INITIAL_STATE, {
      type: 'project-opened',
      dataset: null,
      basemap: { style: { version: 8, sources: {}, layers: [] }, bounds: null, labels: [], title: 't' },
      project: INITIAL_STATE.project,
      doc: parseMapDoc({ visibleGroups: [true], pointRadius: 3 }, { map: {}, 'designs/a': { name: 'a' }, annotations: [] }),
    });
    expect(opened.doc.documents).toEqual({ 'designs/a': { name: 'a' }, annotations: [] });
    const entry = { at: '2026-01-01T00:00:00Z', by: 'analyst', action: 'design.create', parameters: {}, dataHashes: {} };
    const edited = reduce(opened, { type: 'set-document', path: 'designs/b', value: { name: 'b' }, log: entry });
    expect(isDirty(edited)).toBe(true);
    expect(edited.project.log.at(-1)).toBe(entry);
    const removed = reduce(edited, { type: 'set-document', path: 'designs/a', value: undefined });
    expect(Object.keys(removed.doc.documents).sort()).toEqual(['annotations', 'designs/b']);
    expect(reduce(removed, { type: 'set-document', path: 'map', value: {} })).toBe(removed);
    const filtered = reduce(removed, { type: 'set-filter', filter: { ...EMPTY_FILTER, beats: ['7'] } });
    const project = await snapshotProject(filtered, null as unknown as SqlEngine);
    expect(project.documents['designs/b']).toEqual({ name: 'b' });
    expect(project.documents['designs/a']).toBeUndefined();
    expect((project.documents.map as { filter: { beats: string[] } }).filter.beats).toEqual(['7']);
    expect(parseMapDoc(project.documents.map, project.documents)).toEqual(filtered.doc);
    expect(reduce(reduce(removed, { type: 'undo' }), { type: 'undo' }).doc.documents).toBe(opened.doc.documents);
  });
});

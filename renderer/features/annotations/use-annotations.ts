import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PickingInfo } from '@deck.gl/core';
import { ANNOTATIONS_DOC, createAnnotation, parseAnnotations, updateAnnotation, type Annotation } from '../../../shared/domain/session/annotations';
import type { LogEntry } from '../../../shared/domain/project/manifest';
import type { MapDoc } from '../../state/app-state';
import type { Store } from '../../state/store';
import { logEntry } from '../project/project-tasks';
import { onMapClickAt } from '../../map/MapView';
import { buildAnnotationLayers, buildDraftLayers } from './annotation-layers';

/** Which annotation tool is active; a sketch collects clicked vertices until finished. */
export type AnnotationTool = { kind: 'none' } | { kind: 'pin' } | { kind: 'note' } | { kind: 'sketch'; vertices: [number, number][] };

/** A log entry by the session's author. */
export function authoredEntry(action: string, parameters: Record<string, unknown>, author: string): LogEntry {
  return { ...logEntry(action, parameters), by: author };
}

/** The annotations of the open project, the active tool and the edits (each one undoable). */
export interface AnnotationsModel {
  annotations: readonly Annotation[];
  tool: AnnotationTool;
  setTool(tool: AnnotationTool): void;
  /** Text given to the next pin or note. */
  draft: string;
  setDraft(text: string): void;
  selectedId: string | null;
  select(id: string | null): void;
  /** True while a tool is active: the click places an annotation, so the pick is not the map's. */
  onMapClick(info: PickingInfo): boolean;
  finishSketch(): void;
  edit(id: string, patch: Partial<Pick<Annotation, 'text' | 'hidden'>>): void;
  remove(id: string): void;
  layers: unknown[];
}

/**
 * The annotation model over project document `annotations`: parses it (damaged entries dropped),
 * adds pins, notes and click-to-add sketches, edits text and visibility, deletes, each through
 * `set-document` with a log entry (so it is saved, undoable and in the project log).
 */
export function useAnnotations(store: Store, doc: MapDoc, author: string): AnnotationsModel {
  const value = doc.documents[ANNOTATIONS_DOC];
  const annotations = useMemo(() => parseAnnotations(value).annotations, [value]);
  const [tool, setTool] = useState<AnnotationTool>({ kind: 'none' });
  const [draft, setDraft] = useState('');
  const [selectedId, select] = useState<string | null>(null);

  const commit = useCallback(
    (next: readonly Annotation[], action: string, parameters: Record<string, unknown>) =>
      store.dispatch({ type: 'set-document', path: ANNOTATIONS_DOC, value: next, log: authoredEntry(action, parameters, author) }),
    [store, author],
  );

  const add = useCallback(
    (kind: Annotation['kind'], coordinates: [number, number][], text: string) => {
      const a = createAnnotation({ kind, author, text, coordinates }, annotations);
      if (!a) return;
      commit([...annotations, a], 'annotation.add', { id: a.id, kind, text: a.text });
      select(a.id);
    },
    [annotations, author, commit],
  );

  const finishSketch = useCallback(() => {
    if (tool.kind === 'sketch' && tool.vertices.length >= 2) add('sketch', tool.vertices, draft.trim());
    setTool({ kind: 'none' });
    setDraft('');
  }, [tool, add, draft]);

  // Clicks come from maplibre (every click, whatever deck.gl picks); picks are swallowed below.
  useEffect(() => {
    if (tool.kind === 'none') return;
    return onMapClickAt(([lon, lat]) => {
      const at: [number, number] = [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
      if (tool.kind === 'sketch') {
        setTool({ kind: 'sketch', vertices: [...tool.vertices, at] });
        return;
      }
      add(tool.kind, [at], draft.trim() || (tool.kind === 'note' ? 'Note' : ''));
      setTool({ kind: 'none' });
      setDraft('');
    });
  }, [tool, add, draft]);
  const onMapClick = useCallback((_info: PickingInfo) => tool.kind !== 'none', [tool]);

  // Enter finishes a sketch, Escape drops the tool (not while typing in a field).
  useEffect(() => {
    if (tool.kind === 'none') return;
    document.body.dataset.annotating = tool.kind;
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);
      if (e.key === 'Escape') setTool({ kind: 'none' });
      else if (e.key === 'Enter' && !typing && tool.kind === 'sketch') finishSketch();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      delete document.body.dataset.annotating;
      window.removeEventListener('keydown', onKey);
    };
  }, [tool, finishSketch]);

  const edit = useCallback(
    (id: string, patch: Partial<Pick<Annotation, 'text' | 'hidden'>>) => {
      const next = updateAnnotation(annotations, id, patch);
      if (next !== annotations) commit(next, 'annotation.edit', { id, ...patch });
    },
    [annotations, commit],
  );

  const remove = useCallback(
    (id: string) => {
      const a = annotations.find((x) => x.id === id);
      if (a) commit(annotations.filter((x) => x.id !== id), 'annotation.delete', { id, kind: a.kind, text: a.text });
    },
    [annotations, commit],
  );

  const vertices = tool.kind === 'sketch' ? tool.vertices : null;
  const layers = useMemo(
    () => [...buildAnnotationLayers(annotations, { selectedId }), ...buildDraftLayers(vertices ?? [])],
    [annotations, selectedId, vertices],
  );

  return { annotations, tool, setTool, draft, setDraft, selectedId, select, onMapClick, finishSketch, edit, remove, layers };
}

/**
 * Editing drawn targets on the map: split one by a line (two clicks), move its vertices (click a
 * handle to pick it up, click again to put it down; a click on an edge's midpoint handle inserts
 * a vertex there), and merge several into one (from the target table). The map sends clicks here
 * while an edit is active, as it does for the drawing tools. Pure geometry in target-edit.ts.
 */
import { useCallback, useState } from 'react';
import { edgeMidpoints, insertVertex, mergeTargetRings, moveVertex, nearestVertex, splitRingsByLine } from './target-edit';
import type { RingList, XY } from './geometry';
import type { DraftTarget } from './use-design-workbench';

/** The edit in progress: the target, and the line's first point or the picked vertex. */
export type TargetEdit =
  | { readonly kind: 'split'; readonly targetId: string; readonly vertices: readonly XY[] }
  | { readonly kind: 'vertices'; readonly targetId: string; readonly picked: number | null };

/** Handles tolerance: a click within this many pixels of a handle takes it. */
const HANDLE_PX = 9;

/** A new target id not in `list` (T<n>). */
function freeId(list: readonly DraftTarget[], start: number): string {
  let n = start;
  while (list.some((t) => t.id === `T${n}`)) n++;
  return `T${n}`;
}

/**
 * The edit state and its actions. `setTargets` replaces the draft list (and drops a built
 * design); `message` is a sentence for the panel after an edit that could not be made.
 */
export function useTargetEditing(targets: readonly DraftTarget[], setTargets: (t: readonly DraftTarget[]) => void) {
  const [edit, setEdit] = useState<TargetEdit | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const startSplit = useCallback((targetId: string) => {
    setEdit({ kind: 'split', targetId, vertices: [] });
    setMessage(null);
  }, []);
  const startVertexEdit = useCallback((targetId: string) => {
    setEdit({ kind: 'vertices', targetId, picked: null });
    setMessage(null);
  }, []);
  const stopEdit = useCallback(() => setEdit(null), []);

  const replace = useCallback(
    (id: string, parts: RingList[], how: string) => {
      const i = targets.findIndex((t) => t.id === id);
      if (i < 0) return;
      const out = [...targets];
      const t = out[i]!;
      out[i] = { ...t, rings: parts[0]!, source: how };
      let n = targets.length + 1;
      parts.slice(1).forEach((rings, k) => {
        const nid = freeId(out, n);
        n = Number(nid.slice(1)) + 1;
        out.splice(i + 1 + k, 0, { id: nid, name: `${t.name} (part ${k + 2})`, rings, source: `split from ${t.id}` });
      });
      setTargets(out);
    },
    [targets, setTargets],
  );

  /** A map click (x, y metres) during an edit; `metresPerPixel` sizes the handles. Returns whether it was used. */
  const onEditClick = useCallback(
    (p: XY, metresPerPixel: number): boolean => {
      if (!edit) return false;
      const target = targets.find((t) => t.id === edit.targetId);
      if (!target) {
        setEdit(null);
        return true;
      }
      const tol = HANDLE_PX * Math.max(metresPerPixel, 0.01);
      if (edit.kind === 'split') {
        if (edit.vertices.length === 0) {
          setEdit({ ...edit, vertices: [p] });
          return true;
        }
        const parts = splitRingsByLine(target.rings, edit.vertices[0]!, p);
        setEdit(null);
        if (!parts) setMessage(`The line does not cross ${target.id}: nothing was split.`);
        else {
          replace(target.id, parts, `split by a line (${parts.length} parts)`);
          setMessage(`${target.id} split into ${parts.length} parts. They touch: delete one, or pull them apart with Vertices (targets must be separate).`);
        }
        return true;
      }
      if (edit.picked === null) {
        const k = nearestVertex(target.rings, p, tol);
        if (k >= 0) {
          setEdit({ ...edit, picked: k });
          return true;
        }
        const mids = edgeMidpoints(target.rings);
        const m = mids.findIndex((q) => Math.hypot(q[0] - p[0], q[1] - p[1]) <= tol);
        if (m >= 0) {
          setTargets(targets.map((t) => (t.id === target.id ? { ...t, rings: insertVertex(t.rings, m, mids[m]!), source: 'edited' } : t)));
          setEdit({ ...edit, picked: m + 1 });
        }
        return true;
      }
      const moved = moveVertex(target.rings, edit.picked, p);
      if (!moved) setMessage('That move would make the outline cross itself: the vertex stayed where it was.');
      else {
        setMessage(null);
        setTargets(targets.map((t) => (t.id === target.id ? { ...t, rings: moved, source: 'edited' } : t)));
      }
      setEdit({ ...edit, picked: null });
      return true;
    },
    [edit, targets, setTargets, replace],
  );

  /** Merges the targets `ids` (in list order) into the first of them; an error sentence when they do not form one area. */
  const mergeTargets = useCallback(
    (ids: readonly string[]): string | null => {
      const chosen = targets.filter((t) => ids.includes(t.id));
      if (chosen.length < 2) return 'Tick at least two targets to merge.';
      let rings = chosen[0]!.rings;
      for (const t of chosen.slice(1)) {
        const m = mergeTargetRings(rings, t.rings);
        if (!m.ok) return `${chosen.map((c) => c.id).join(' + ')}: ${m.error}`;
        rings = m.rings;
      }
      const first = chosen[0]!;
      setTargets(targets.filter((t) => t === first || !ids.includes(t.id)).map((t) => (t === first ? { ...t, rings, source: `merged ${chosen.map((c) => c.id).join(' + ')}` } : t)));
      setMessage(null);
      return null;
    },
    [targets, setTargets],
  );

  return { edit, message, setMessage, startSplit, startVertexEdit, stopEdit, onEditClick, mergeTargets };
}

/** What the map shows during an edit: handle points and the outline being changed (metres). */
export function editPreview(edit: TargetEdit | null, targets: readonly DraftTarget[], hover: XY | null): { handles: XY[]; midpoints: XY[]; outline: XY[] | null } | null {
  if (!edit) return null;
  const t = targets.find((x) => x.id === edit.targetId);
  if (!t) return null;
  if (edit.kind === 'split') {
    const a = edit.vertices[0];
    return { handles: a ? [a] : [], midpoints: [], outline: a && hover ? [a, hover] : null };
  }
  const ring = t.rings[0] ?? [];
  const handles = ring.slice(0, -1) as XY[];
  if (edit.picked === null || !hover) return { handles, midpoints: edgeMidpoints(t.rings), outline: null };
  const moved = ring.map((v, k) => (k === edit.picked || (edit.picked === 0 && k === ring.length - 1) ? hover : v)) as XY[];
  return { handles, midpoints: [], outline: moved };
}

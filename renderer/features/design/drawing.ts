/**
 * The drawing tools as a small state machine over map clicks (pure, so it is tested without a
 * map): polygon = click vertices, double-click (or click the first vertex) to finish;
 * rectangle = click two opposite corners; circle = click the centre, then a point on the rim.
 * Coordinates are metres in the design's CRS.
 */
import { circleRings, polygonRings, rectangleRings, type RingList, type XY } from './geometry';

export type DrawTool = 'polygon' | 'rectangle' | 'circle';

/** Vertices clicked so far for the active tool. */
export interface DrawState {
  readonly tool: DrawTool;
  readonly vertices: readonly XY[];
}

/** The result of a click: the new state, and the finished shape when the click completed one. */
export interface DrawStep {
  readonly state: DrawState;
  readonly shape: RingList | null;
}

/** Distance (m) within which a click on the first vertex closes a polygon. */
export const CLOSE_TOLERANCE_M = 1;

/**
 * Applies a click at `p`. `closeToleranceM` (metres, default {@link CLOSE_TOLERANCE_M}; the
 * panel passes a few pixels' worth at the current zoom) lets a click on the first vertex finish
 * a polygon.
 */
export function applyClick(s: DrawState, p: XY, closeToleranceM = CLOSE_TOLERANCE_M): DrawStep {
  switch (s.tool) {
    case 'rectangle':
      if (s.vertices.length === 0) return { state: { ...s, vertices: [p] }, shape: null };
      return finish(s, rectangleRings(s.vertices[0]!, p));
    case 'circle':
      if (s.vertices.length === 0) return { state: { ...s, vertices: [p] }, shape: null };
      return finish(s, circleRings(s.vertices[0]!, Math.hypot(p[0] - s.vertices[0]![0], p[1] - s.vertices[0]![1])));
    case 'polygon': {
      const first = s.vertices[0];
      if (first && s.vertices.length >= 3 && Math.hypot(p[0] - first[0], p[1] - first[1]) <= closeToleranceM) return finish(s, polygonRings(s.vertices));
      return { state: { ...s, vertices: [...s.vertices, p] }, shape: null };
    }
  }
}

/** A double click finishes a polygon (its two clicks added the same vertex twice: dropped). */
export function applyDoubleClick(s: DrawState): DrawStep {
  if (s.tool !== 'polygon') return { state: s, shape: null };
  return finish(s, polygonRings(s.vertices));
}

function finish(s: DrawState, shape: RingList | null): DrawStep {
  // A degenerate shape (two clicks on one spot) keeps the tool armed and starts over.
  return { state: { tool: s.tool, vertices: [] }, shape };
}

/** The rubber-band outline while drawing, towards the pointer at `hover` (null: none yet). */
export function previewOutline(s: DrawState, hover: XY | null): XY[] | null {
  const v = s.vertices;
  if (v.length === 0) return null;
  if (!hover) return v.length > 1 ? [...v] : null;
  if (s.tool === 'rectangle') return rectangleRings(v[0]!, hover)?.[0] ?? null;
  if (s.tool === 'circle') return circleRings(v[0]!, Math.hypot(hover[0] - v[0]![0], hover[1] - v[0]![1]))?.[0] ?? null;
  return [...v, hover, v[0]!];
}

import { useCallback, useEffect, useMemo, useState } from 'react';
import { PathLayer, SolidPolygonLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { parseFilterPolygon, type FilterPolygon } from '../../../shared/domain/explore/area-field-filters';
import type { ExploreFilter } from '../../../shared/domain/explore/filters';
import type { Store } from '../../state/store';
import { polygonRings } from '../design/geometry';
import { previewOutline } from '../design/drawing';

/** A click within this many screen pixels of the first vertex closes the area. */
const CLOSE_PIXELS = 8;
const M_PER_DEGREE = 111_320;

/** What the workbench takes from the drawing tool. */
export interface AreaDrawing {
  readonly active: boolean;
  readonly vertices: number;
  start(): void;
  cancel(): void;
  /** Props for MapView while drawing (an empty object otherwise). */
  readonly mapProps: { drawing?: boolean; onMapClick?: (p: [number, number], mpp: number) => void; onMapMove?: (p: [number, number]) => void; onMapDoubleClick?: (p: [number, number]) => void };
  /** The saved area's outline and fill, and the area being drawn. */
  readonly layers: Layer[];
}

/**
 * Each edge cut into `n` pieces that are straight in longitude/latitude, the way the SQL tests
 * containment, so the outline on the (Web Mercator) map is the boundary the filter uses.
 */
export function densifyRing(ring: readonly (readonly [number, number])[], n = 8): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < ring.length; i++) {
    const [x0, y0] = ring[i] as readonly [number, number];
    const [x1, y1] = ring[(i + 1) % ring.length] as readonly [number, number];
    for (let k = 0; k < n; k++) out.push([x0 + ((x1 - x0) * k) / n, y0 + ((y1 - y0) * k) / n]);
  }
  out.push(out[0] as [number, number]);
  return out;
}

/**
 * The drawn-area filter tool: click vertices on the map, double-click, press Enter or click the
 * first vertex to close; Esc cancels. Closing saves the area in the map document's filter (one
 * undoable change, like every filter edit); the area stays outlined on the map while it filters.
 */
export function useAreaDrawing(store: Store, saved: ExploreFilter): AreaDrawing {
  const [vertices, setVertices] = useState<[number, number][] | null>(null);
  const [hover, setHover] = useState<[number, number] | null>(null);
  const active = vertices !== null;

  const finish = useCallback(
    (vs: readonly [number, number][]) => {
      const rings = polygonRings(vs, 1e-10);
      const ring = rings ? parseFilterPolygon(rings[0]) : null;
      setVertices(null);
      setHover(null);
      if (ring) store.dispatch({ type: 'set-filter', filter: { ...saved, polygon: ring } });
    },
    [store, saved],
  );

  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setVertices(null);
        setHover(null);
      } else if (e.key === 'Enter' && vertices) {
        e.preventDefault();
        finish(vertices);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, vertices, finish]);

  const onMapClick = useCallback(
    (p: [number, number], mpp: number) => {
      if (!vertices) return;
      const first = vertices[0];
      const tol = (CLOSE_PIXELS * mpp) / M_PER_DEGREE;
      if (first && vertices.length >= 3 && Math.hypot((p[0] - first[0]) * Math.cos((p[1] * Math.PI) / 180), p[1] - first[1]) <= tol) finish(vertices);
      else setVertices([...vertices, p]);
    },
    [vertices, finish],
  );
  const onMapDoubleClick = useCallback(() => vertices && finish(vertices), [vertices, finish]);

  const polygon = saved.polygon ?? null;
  const layers = useMemo(() => buildAreaLayers(polygon, vertices, hover), [polygon, vertices, hover]);
  const mapProps = useMemo(() => (active ? { drawing: true, onMapClick, onMapMove: setHover, onMapDoubleClick } : {}), [active, onMapClick, onMapDoubleClick]);
  return {
    active,
    vertices: vertices?.length ?? 0,
    start: () => setVertices([]),
    cancel: () => {
      setVertices(null);
      setHover(null);
    },
    mapProps,
    layers,
  };
}

function buildAreaLayers(polygon: FilterPolygon | null, drawing: [number, number][] | null, hover: [number, number] | null): Layer[] {
  const out: Layer[] = [];
  if (polygon) {
    const ring = densifyRing(polygon);
    out.push(
      new SolidPolygonLayer<[number, number][]>({ id: 'filter-area-fill', data: [ring], getPolygon: (d) => d, getFillColor: [40, 90, 200, 28], pickable: false }) as unknown as Layer,
      new PathLayer<[number, number][]>({ id: 'filter-area', data: [ring], getPath: (d) => d, getColor: [30, 70, 180, 230], getWidth: 2.5, widthUnits: 'pixels', pickable: false }) as unknown as Layer,
    );
  }
  if (drawing && drawing.length > 0) {
    const outline = previewOutline({ tool: 'polygon', vertices: drawing }, hover) ?? drawing;
    out.push(
      new PathLayer<[number, number][]>({
        id: 'filter-area-drawing',
        data: [outline.map((v) => [v[0], v[1]] as [number, number])],
        getPath: (d) => d,
        getColor: [220, 90, 0, 255],
        getWidth: 2,
        widthUnits: 'pixels',
        pickable: false,
        updateTriggers: { getPath: `${drawing.length}:${hover?.join(',')}` },
      }) as unknown as Layer,
    );
  }
  return out;
}

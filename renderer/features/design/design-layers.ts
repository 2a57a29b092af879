/**
 * deck.gl layers of the Design and Evaluate panels: target areas (crimson), their displacement
 * buffer rings, comparison or control areas (cyan), name labels, and the shape being drawn.
 * Everything arrives in lon/lat; ids are stable so deck.gl only updates what changed.
 */
import type { Layer } from '@deck.gl/core';
import { PathLayer, PolygonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';

/** Outline colours, chosen apart from the offense-group palette so they read over the points. */
export const TARGET_COLOR: [number, number, number] = [200, 0, 80];
export const COMPARISON_COLOR: [number, number, number] = [0, 190, 210];
export const BUFFER_COLOR: [number, number, number] = [120, 60, 160];

/** One area on the map: its outline rings (lon/lat), optional buffer outline, label. */
export interface MapArea {
  readonly id: string;
  readonly label: string;
  readonly rings: [number, number][][];
  /** Outer outline of the buffer (lon/lat), drawn as a ring around `rings`. */
  readonly bufferOutline: [number, number][][] | null;
  readonly role: 'target' | 'comparison';
  readonly selected?: boolean;
}

/** The shape in progress: its vertices so far and the rubber-band outline (lon/lat). */
export interface DraftShape {
  readonly vertices: [number, number][];
  readonly outline: [number, number][] | null;
}

/** Above this many areas, labels are sized in metres (LABEL_METRES) and readable only when zoomed in. */
export const MANY_LABELS = 40;
const LABEL_METRES = 24;

const color = (role: MapArea['role']) => (role === 'target' ? TARGET_COLOR : COMPARISON_COLOR);

/** Builds the design layers (empty list when there is nothing to show). */
export function buildDesignLayers(areas: readonly MapArea[], draft: DraftShape | null, prefix = 'design'): Layer[] {
  const layers: Layer[] = [];
  const rings = areas.filter((a) => a.bufferOutline);
  if (rings.length) {
    layers.push(
      new PolygonLayer<MapArea>({
        id: `${prefix}-buffers`,
        data: rings,
        getPolygon: (a) => [a.bufferOutline![0]!, ...a.rings.slice(0, 1)],
        getFillColor: (a) => [...color(a.role), 28],
        getLineColor: [...BUFFER_COLOR, 200],
        getLineWidth: 1.5,
        lineWidthUnits: 'pixels',
        stroked: true,
        filled: true,
        pickable: false,
      }) as unknown as Layer,
    );
  }
  if (areas.length) {
    layers.push(
      new PolygonLayer<MapArea>({
        id: `${prefix}-areas`,
        data: areas as MapArea[],
        getPolygon: (a) => a.rings,
        getFillColor: (a) => [...color(a.role), a.selected ? 110 : 70],
        getLineColor: (a) => [...color(a.role), 255],
        getLineWidth: (a) => (a.selected ? 4 : 3),
        lineWidthUnits: 'pixels',
        stroked: true,
        filled: true,
        pickable: false,
        updateTriggers: { getFillColor: areas.map((a) => a.selected).join(), getLineWidth: areas.map((a) => a.selected).join() },
      }) as unknown as Layer,
      new TextLayer<MapArea>({
        id: `${prefix}-labels`,
        data: areas as MapArea[],
        getText: (a) => a.label,
        getPosition: (a) => centre(a.rings),
        // Many small units (street segments, hexagons): labels sized in metres so they only grow to
        // a readable 12 px once zoomed in, instead of piling into an unreadable mass at city zoom.
        getSize: areas.length > MANY_LABELS ? LABEL_METRES : 12,
        sizeUnits: areas.length > MANY_LABELS ? 'meters' : 'pixels',
        sizeMaxPixels: 12,
        getColor: (a) => [...color(a.role).map((c) => Math.round(c * 0.6)), 255] as [number, number, number, number],
        fontFamily: 'system-ui, "DejaVu Sans", Arial, sans-serif',
        fontWeight: 700,
        outlineWidth: 3,
        outlineColor: [255, 255, 255, 230],
        fontSettings: { sdf: true },
        characterSet: 'auto',
        pickable: false,
      }) as unknown as Layer,
    );
  }
  if (draft) {
    if (draft.outline && draft.outline.length > 1) {
      layers.push(
        new PathLayer<{ path: [number, number][] }>({
          id: `${prefix}-draft-outline`,
          data: [{ path: draft.outline }],
          getPath: (d) => d.path,
          getColor: [...TARGET_COLOR, 255],
          getWidth: 2,
          widthUnits: 'pixels',
          pickable: false,
        }) as unknown as Layer,
      );
    }
    layers.push(
      new ScatterplotLayer<[number, number]>({
        id: `${prefix}-draft-vertices`,
        data: draft.vertices,
        getPosition: (d) => d,
        getRadius: 4,
        radiusUnits: 'pixels',
        getFillColor: [255, 255, 255, 255],
        getLineColor: [...TARGET_COLOR, 255],
        stroked: true,
        lineWidthMinPixels: 2,
        pickable: false,
      }) as unknown as Layer,
    );
  }
  return layers;
}

function centre(rings: [number, number][][]): [number, number] {
  const r = rings[0] ?? [];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of r) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return [(minX + maxX) / 2, (minY + maxY) / 2];
}

/** What an edit shows (lon/lat): vertex handles, edge-midpoint handles, the outline being changed. */
export interface EditShape {
  readonly handles: [number, number][];
  readonly midpoints: [number, number][];
  readonly outline: [number, number][] | null;
}

/**
 * Layers of a target edit: the outline being changed (crimson line), vertex handles (white
 * circles) and smaller pink midpoint handles that insert a vertex.
 */
export function buildEditLayers(edit: EditShape, prefix = 'design'): Layer[] {
  const layers: Layer[] = [];
  if (edit.outline && edit.outline.length > 1) {
    layers.push(
      new PathLayer<{ path: [number, number][] }>({
        id: `${prefix}-edit-outline`,
        data: [{ path: edit.outline }],
        getPath: (d) => d.path,
        getColor: [...TARGET_COLOR, 255],
        getWidth: 2,
        widthUnits: 'pixels',
        pickable: false,
      }) as unknown as Layer,
    );
  }
  const handle = (id: string, data: [number, number][], radius: number, fill: [number, number, number, number]) =>
    new ScatterplotLayer<[number, number]>({
      id: `${prefix}-${id}`,
      data,
      getPosition: (d) => d,
      getRadius: radius,
      radiusUnits: 'pixels',
      getFillColor: fill,
      getLineColor: [...TARGET_COLOR, 255],
      stroked: true,
      lineWidthMinPixels: 2,
      pickable: false,
    }) as unknown as Layer;
  if (edit.midpoints.length) layers.push(handle('edit-midpoints', edit.midpoints, 3.5, [255, 220, 235, 255]));
  if (edit.handles.length) layers.push(handle('edit-handles', edit.handles, 6, [255, 255, 255, 255]));
  return layers;
}

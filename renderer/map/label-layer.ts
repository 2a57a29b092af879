import { TextLayer } from '@deck.gl/layers';

/** A label and where it goes (lon/lat degrees). */
export interface MapLabel {
  text: string;
  position: [number, number];
}

/**
 * Polygon labels (beats, districts) drawn by deck.gl's TextLayer, whose font atlas is rendered
 * locally from a system font: labels work with no glyph server.
 */
export function buildLabelLayer(id: string, labels: MapLabel[], size: number, color: [number, number, number, number]) {
  return new TextLayer<MapLabel>({
    id,
    data: labels,
    getText: (d) => d.text,
    getPosition: (d) => d.position,
    getSize: size,
    getColor: color,
    fontFamily: 'system-ui, "DejaVu Sans", Arial, sans-serif',
    fontWeight: 600,
    outlineWidth: 3,
    outlineColor: [255, 255, 255, 220],
    fontSettings: { sdf: true },
    characterSet: 'auto',
    billboard: true,
  });
}

/** One label per polygon feature, at the centre of its largest ring's bounding box. */
export function labelsFromPolygons(fc: GeoJSON.FeatureCollection | null | undefined, property: string): MapLabel[] {
  if (!fc) return [];
  const out: MapLabel[] = [];
  for (const f of fc.features) {
    const name = f.properties?.[property];
    if (name === undefined || name === null) continue;
    const rings =
      f.geometry.type === 'Polygon' ? [f.geometry.coordinates[0]] : f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates.map((p) => p[0]) : [];
    let best: [number, number] | null = null;
    let bestArea = -1;
    for (const ring of rings) {
      if (!ring) continue;
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (const [x, y] of ring as [number, number][]) {
        x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
      }
      const area = (x1 - x0) * (y1 - y0);
      if (area > bestArea) { bestArea = area; best = [(x0 + x1) / 2, (y0 + y1) / 2]; }
    }
    if (best) out.push({ text: String(name), position: best });
  }
  return out;
}

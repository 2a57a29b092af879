/**
 * The map frame as vector SVG in frame millimetres (origin top-left): land, streets, the
 * analysis layer (grid cells or the density image), district/beat/polygon outlines, design
 * areas, incident points by offense group, annotations and polygon labels. Used inside the page
 * SVG (preview, PNG) and alone, rasterized, for the PDF. Everything outside the frame is culled.
 */
import { OFFENSE_GROUPS, UNMAPPED_COLOR } from '../../ingest/nibrs';
import { encodePng, escapeXml, fmt, toBase64 } from './encode';
import type { Layout } from './layout-schema';
import type { MapData } from './map-data';
import { projectToFrame, type FrameView } from './web-mercator';

/** Colours of the printed map (hex), shared with the legend. */
export const MAP_STYLE = {
  land: '#f3f1ec',
  street: '#c9c3b6',
  arterial: '#aca492',
  district: '#3d3d3d',
  beat: '#77736b',
  jurisdiction: '#222222',
  polygon: '#6a51a3',
  target: '#c62828',
  comparison: '#1565c0',
  annotation: '#e65100',
  focus: '#111111',
  label: '#4f4a42',
} as const;

/** Group colour as hex: OFFENSE_GROUPS in order, then "unmapped". */
export function groupHex(index: number): string {
  const c = OFFENSE_GROUPS[index]?.color ?? UNMAPPED_COLOR;
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

type Project = (lon: number, lat: number) => [number, number];

/** Appends SVG path data for GeoJSON coordinates of `type`; returns false when nothing fell in `clip`. */
function geometryPath(type: string, coords: unknown, project: Project, clip: readonly [number, number, number, number], out: string[]): void {
  const line = (ring: unknown, close: boolean) => {
    if (!Array.isArray(ring) || ring.length < 2) return;
    const pts: [number, number][] = [];
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const c of ring as [number, number][]) {
      const p = project(c[0], c[1]);
      pts.push(p);
      if (p[0] < minX) minX = p[0];
      if (p[0] > maxX) maxX = p[0];
      if (p[1] < minY) minY = p[1];
      if (p[1] > maxY) maxY = p[1];
    }
    if (maxX < clip[0] || minX > clip[2] || maxY < clip[1] || minY > clip[3]) return;
    out.push(`M${pts.map((p) => `${fmt(p[0])} ${fmt(p[1])}`).join('L')}${close ? 'Z' : ''}`);
  };
  if (type === 'LineString') line(coords, false);
  else if (type === 'MultiLineString' || type === 'Polygon') for (const r of coords as unknown[]) line(r, type === 'Polygon');
  else if (type === 'MultiPolygon') for (const p of coords as unknown[][]) for (const r of p) line(r, true);
}

interface Feature {
  geometry?: { type?: string; coordinates?: unknown } | null;
  properties?: Record<string, unknown> | null;
}

/** The label of a polygon feature: name, beat, district or id property. */
export function featureLabel(f: Feature): string | null {
  const p = f.properties ?? {};
  for (const k of ['name', 'NAME', 'beat', 'BEAT', 'district', 'id']) if (typeof p[k] === 'string' || typeof p[k] === 'number') return String(p[k]);
  return null;
}

/** Area-weighted centroid of a polygon's largest outer ring, in frame mm. */
function labelPoint(type: string, coords: unknown, project: Project): [number, number] | null {
  const rings = type === 'Polygon' ? [(coords as unknown[])[0]] : type === 'MultiPolygon' ? (coords as unknown[][]).map((p) => p[0]) : [];
  let best: [number, number] | null = null;
  let bestArea = 0;
  for (const ring of rings) {
    if (!Array.isArray(ring)) continue;
    const pts = (ring as [number, number][]).map((c) => project(c[0], c[1]));
    let a = 0, cx = 0, cy = 0;
    for (let i = 0; i < pts.length - 1; i++) {
      const [x0, y0] = pts[i]!;
      const [x1, y1] = pts[i + 1]!;
      const cross = x0 * y1 - x1 * y0;
      a += cross;
      cx += (x0 + x1) * cross;
      cy += (y0 + y1) * cross;
    }
    if (Math.abs(a) > bestArea) {
      bestArea = Math.abs(a);
      best = [cx / (3 * a), cy / (3 * a)];
    }
  }
  return best;
}

const STREET_MAJOR = new Set(['arterial', 'highway', 'primary', 'major', 'freeway', 'expressway']);

function referenceLayers(view: FrameView, data: MapData, shown: readonly string[], project: Project, clip: [number, number, number, number], parts: { under: string[]; over: string[]; labels: string[] }, withLabels: boolean): void {
  const zoomScale = Math.min(1.4, Math.max(0.6, Math.sqrt(24000 / view.scale)));
  for (const layer of data.referenceLayers) {
    if (!shown.includes(layer.meta.id)) continue;
    const role = layer.meta.role;
    const features = layer.geojson.features as Feature[];
    if (role === 'streets') {
      const minor: string[] = [];
      const major: string[] = [];
      for (const f of features) {
        if (!f.geometry?.type) continue;
        const cls = String(f.properties?.road_class ?? f.properties?.class ?? '').toLowerCase();
        geometryPath(f.geometry.type, f.geometry.coordinates, project, clip, STREET_MAJOR.has(cls) ? major : minor);
      }
      parts.under.push(`<path d="${minor.join('')}" fill="none" stroke="${MAP_STYLE.street}" stroke-width="${fmt(0.13 * zoomScale)}" stroke-linecap="round" stroke-linejoin="round"/>`);
      parts.under.push(`<path d="${major.join('')}" fill="none" stroke="${MAP_STYLE.arterial}" stroke-width="${fmt(0.34 * zoomScale)}" stroke-linecap="round" stroke-linejoin="round"/>`);
      continue;
    }
    const d: string[] = [];
    for (const f of features) {
      if (!f.geometry?.type) continue;
      geometryPath(f.geometry.type, f.geometry.coordinates, project, clip, d);
      if (withLabels && role === 'beats') {
        const at = labelPoint(f.geometry.type, f.geometry.coordinates, project);
        const text = featureLabel(f);
        if (at && text && at[0] > clip[0] && at[0] < clip[2] && at[1] > clip[1] && at[1] < clip[3]) {
          parts.labels.push(`<text x="${fmt(at[0])}" y="${fmt(at[1])}">${escapeXml(text)}</text>`);
        }
      }
    }
    const style =
      role === 'districts'
        ? `fill="none" stroke="${MAP_STYLE.district}" stroke-width="0.5"`
        : role === 'beats'
          ? `fill="none" stroke="${MAP_STYLE.beat}" stroke-width="0.22" stroke-dasharray="1.4 0.7"`
          : role === 'jurisdiction'
            ? `fill="none" stroke="${MAP_STYLE.jurisdiction}" stroke-width="0.6"`
            : `fill="${MAP_STYLE.polygon}" fill-opacity="0.08" stroke="${MAP_STYLE.polygon}" stroke-width="0.3"`;
    parts.over.push(`<path d="${d.join('')}" ${style} fill-rule="evenodd" stroke-linejoin="round"/>`);
  }
}

function analysisLayer(data: MapData, project: Project, clip: [number, number, number, number]): string {
  const a = data.analysis;
  if (!a) return '';
  if (a.kind === 'kde') {
    const k = a.data;
    const [lb, lt, rt, rb] = k.corners;
    const p0 = project(Math.min(lb[0], lt[0]), Math.max(lt[1], rt[1]));
    const p1 = project(Math.max(rt[0], rb[0]), Math.min(lb[1], rb[1]));
    const png = encodePng(k.rgba, k.width, k.height);
    return `<image x="${fmt(p0[0])}" y="${fmt(p0[1])}" width="${fmt(p1[0] - p0[0])}" height="${fmt(p1[1] - p0[1])}" preserveAspectRatio="none" opacity="${fmt(a.opacity)}" href="data:image/png;base64,${toBase64(png)}"/>`;
  }
  const g = a.data;
  const byStyle = new Map<string, string[]>();
  for (let id = 0; id < g.cells; id++) {
    const start = g.startIndices[id] as number;
    const end = g.startIndices[id + 1] as number;
    const c = g.vertexColors.subarray(4 * start, 4 * start + 4);
    const key = `${c[0]},${c[1]},${c[2]},${c[3]}`;
    const ring: [number, number][] = [];
    for (let v = start; v < end; v++) ring.push([g.positions[2 * v] as number, g.positions[2 * v + 1] as number]);
    const list = byStyle.get(key) ?? [];
    geometryPath('Polygon', [ring], project, clip, list);
    byStyle.set(key, list);
  }
  const out: string[] = [];
  for (const [key, d] of byStyle) {
    if (!d.length) continue;
    const [r, gg, b, alpha] = key.split(',').map(Number) as [number, number, number, number];
    out.push(`<path d="${d.join('')}" fill="rgb(${r},${gg},${b})" fill-opacity="${fmt((alpha / 255) * a.opacity)}"/>`);
  }
  // Cell edges, faint, so adjacent cells of one class stay readable as units of analysis.
  out.push(`<path d="${[...byStyle.values()].flat().join('')}" fill="none" stroke="#ffffff" stroke-opacity="0.55" stroke-width="0.08"/>`);
  return out.join('');
}

function pointsLayer(data: MapData, project: Project, clip: [number, number, number, number], size: number): string {
  const p = data.points;
  if (!p) return '';
  const groups = OFFENSE_GROUPS.length + 1;
  const paths: string[][] = Array.from({ length: groups }, () => []);
  const seen = new Set<string>();
  for (let i = 0; i < p.lon.length; i++) {
    const g = p.group[i] as number;
    if (data.visibleGroups[g] === false) continue;
    const [x, y] = project(p.lon[i] as number, p.lat[i] as number);
    if (x < clip[0] || x > clip[2] || y < clip[1] || y > clip[3]) continue;
    const key = `${g}:${fmt(x)} ${fmt(y)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    paths[g]!.push(`M${fmt(x)} ${fmt(y)}h0`);
  }
  const out: string[] = [];
  const all = paths.flat().join('');
  if (all) out.push(`<path d="${all}" stroke="#ffffff" stroke-opacity="0.9" stroke-width="${fmt(size + 0.22)}" stroke-linecap="round" fill="none"/>`);
  // Drawn last-group first so the first groups (violent) sit on top.
  for (let g = groups - 1; g >= 0; g--) {
    if (paths[g]!.length) out.push(`<path d="${paths[g]!.join('')}" stroke="${groupHex(g)}" stroke-width="${fmt(size)}" stroke-linecap="round" fill="none"/>`);
  }
  return out.join('');
}

function areasLayer(data: MapData, project: Project, clip: [number, number, number, number]): string {
  const out: string[] = [];
  for (const role of ['comparison', 'target'] as const) {
    const d: string[] = [];
    for (const a of data.areas) if (a.role === role) geometryPath('Polygon', a.rings, project, clip, d);
    const c = role === 'target' ? MAP_STYLE.target : MAP_STYLE.comparison;
    if (d.length) out.push(`<path d="${d.join('')}" fill="${c}" fill-opacity="0.12" stroke="${c}" stroke-width="0.55" stroke-linejoin="round"/>`);
  }
  return out.join('');
}

function annotationsLayer(data: MapData, project: Project, clip: [number, number, number, number]): string {
  const out: string[] = [];
  for (const a of data.annotations) {
    if (a.hidden) continue;
    const pts = a.coordinates.map(([lon, lat]) => project(lon, lat));
    if (a.kind === 'sketch') {
      out.push(`<path d="M${pts.map((p) => `${fmt(p[0])} ${fmt(p[1])}`).join('L')}" fill="none" stroke="${MAP_STYLE.annotation}" stroke-width="0.6" stroke-linecap="round" stroke-linejoin="round"/>`);
      continue;
    }
    const [x, y] = pts[0]!;
    if (x < clip[0] || x > clip[2] || y < clip[1] || y > clip[3]) continue;
    if (a.kind === 'pin') out.push(`<path d="M${fmt(x)} ${fmt(y)}l-1.3 -3.2a1.4 1.4 0 1 1 2.6 0z" fill="${MAP_STYLE.annotation}" stroke="#ffffff" stroke-width="0.25"/>`);
    else out.push(`<rect x="${fmt(x - 0.9)}" y="${fmt(y - 0.9)}" width="1.8" height="1.8" fill="${MAP_STYLE.annotation}" stroke="#ffffff" stroke-width="0.25"/>`);
    const text = a.text.split('\n')[0]!.slice(0, 60);
    if (text) out.push(`<text x="${fmt(x + 1.6)}" y="${fmt(y - 1.2)}" font-size="2.3" fill="${MAP_STYLE.annotation}" font-weight="bold">${escapeXml(text)}</text>`);
  }
  return out.join('');
}

/** Options of one frame drawing: the atlas page's focus outline. */
export interface FrameOptions {
  readonly focus?: readonly (readonly (readonly [number, number])[])[] | null;
}

/**
 * The map frame's SVG content in frame millimetres (0..widthMm, 0..heightMm), unclipped (the
 * caller clips). Layers follow `frame`'s toggles; label and stroke widths are in millimetres of
 * page, so they print the same at any dpi.
 */
export function drawMapFrame(view: FrameView, data: MapData, frame: Layout['map'], options: FrameOptions = {}): string {
  const project: Project = (lon, lat) => projectToFrame(view, lon, lat);
  const pad = 5;
  const clip: [number, number, number, number] = [-pad, -pad, view.widthMm + pad, view.heightMm + pad];
  const parts = { under: [] as string[], over: [] as string[], labels: [] as string[] };
  referenceLayers(view, data, frame.referenceLayers, project, clip, parts, frame.labels);
  const body = [
    `<rect x="0" y="0" width="${fmt(view.widthMm)}" height="${fmt(view.heightMm)}" fill="${MAP_STYLE.land}"/>`,
    ...parts.under,
    frame.analysisLayer ? analysisLayer(data, project, clip) : '',
    ...parts.over,
    areasLayer(data, project, clip),
    frame.incidents ? pointsLayer(data, project, clip, frame.pointSize) : '',
  ];
  if (options.focus) {
    const d: string[] = [];
    geometryPath('Polygon', options.focus, project, clip, d);
    body.push(`<path d="${d.join('')}" fill="none" stroke="#ffffff" stroke-width="1.6" stroke-opacity="0.8"/><path d="${d.join('')}" fill="none" stroke="${MAP_STYLE.focus}" stroke-width="0.8"/>`);
  }
  if (frame.annotations) body.push(annotationsLayer(data, project, clip));
  if (parts.labels.length) {
    body.push(
      `<g font-family="DejaVu Sans" font-size="2.4" font-weight="bold" fill="${MAP_STYLE.label}" text-anchor="middle" stroke="#ffffff" stroke-width="0.5" stroke-opacity="0.85" paint-order="stroke">${parts.labels.join('')}</g>`,
    );
  }
  return body.join('');
}

/**
 * The inset (overview) map: polygon reference layers (or the data's bounding box) of the whole
 * extent, shaded, with the main frame's extent outlined in red.
 */
export function drawInset(view: FrameView, data: MapData, main: FrameView, shownLayers: readonly string[]): string {
  const project: Project = (lon, lat) => projectToFrame(view, lon, lat);
  const clip: [number, number, number, number] = [-2, -2, view.widthMm + 2, view.heightMm + 2];
  const out = [`<rect x="0" y="0" width="${fmt(view.widthMm)}" height="${fmt(view.heightMm)}" fill="#e8eef2"/>`];
  const polys = data.referenceLayers.filter((l) => l.meta.role !== 'streets' && l.meta.role !== 'partner-locations');
  const preferred = polys.filter((l) => shownLayers.includes(l.meta.id));
  for (const layer of preferred.length ? preferred : polys) {
    const d: string[] = [];
    for (const f of layer.geojson.features as Feature[]) if (f.geometry?.type) geometryPath(f.geometry.type, f.geometry.coordinates, project, clip, d);
    const strong = layer.meta.role === 'districts' || layer.meta.role === 'jurisdiction';
    out.push(`<path d="${d.join('')}" fill="#ffffff" fill-opacity="${strong ? 0.9 : 0.4}" stroke="#8a8a8a" stroke-width="${strong ? 0.25 : 0.12}" fill-rule="evenodd"/>`);
  }
  const hw = (main.widthMm / 2) * main.mercPerMm;
  const hh = (main.heightMm / 2) * main.mercPerMm;
  const x0 = view.widthMm / 2 + (main.centreX - hw - view.centreX) / view.mercPerMm;
  const x1 = view.widthMm / 2 + (main.centreX + hw - view.centreX) / view.mercPerMm;
  const y0 = view.heightMm / 2 - (main.centreY + hh - view.centreY) / view.mercPerMm;
  const y1 = view.heightMm / 2 - (main.centreY - hh - view.centreY) / view.mercPerMm;
  out.push(`<rect x="${fmt(x0)}" y="${fmt(y0)}" width="${fmt(Math.max(0.6, x1 - x0))}" height="${fmt(Math.max(0.6, y1 - y0))}" fill="#c62828" fill-opacity="0.15" stroke="#c62828" stroke-width="0.45"/>`);
  return out.join('');
}

/** A standalone SVG document of frame content (for rasterizing the frame alone, e.g. for the PDF). */
export function frameSvgDocument(content: string, widthMm: number, heightMm: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${fmt(widthMm)}mm" height="${fmt(heightMm)}mm" viewBox="0 0 ${fmt(widthMm)} ${fmt(heightMm)}"><defs><clipPath id="c"><rect width="${fmt(widthMm)}" height="${fmt(heightMm)}"/></clipPath></defs><g clip-path="url(#c)" font-family="DejaVu Sans">${content}</g></svg>`;
}

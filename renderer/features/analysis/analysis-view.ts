/**
 * Reading an analysis document (live or saved: the same JSON) for the panel and the map:
 * columns by name, the classes and colours of each method's map, their legend with counts,
 * and the cells' outlines rebuilt from their centres (the document stores centres, unit size
 * and CRS, which is all a square or hexagon needs). Pure: no React, no deck.gl.
 */
import { createTransform } from '../../../shared/domain/geo/crs';
import type { JsonValue } from '../../../shared/domain/analysis/result';
import type { AnalysisDoc } from './analysis-jobs';

export type Rgb = readonly [number, number, number];

/** A column of the main table (`table`) or of a secondary one (`tables[name]`), or null. */
export function docColumn(doc: AnalysisDoc, name: string, table?: string): readonly JsonValue[] | null {
  const result = doc.result as { table?: { columns?: Record<string, JsonValue[]> }; tables?: { name: string; columns?: Record<string, JsonValue[]> }[] } | undefined;
  const t = table ? result?.tables?.find((x) => x.name === table) : result?.table;
  return t?.columns?.[name] ?? null;
}

/** Rows of the main table (0 when it was stored by reference). */
export function docRows(doc: AnalysisDoc): number {
  const t = (doc.result as { table?: { rows?: number; columns?: unknown } } | undefined)?.table;
  return t?.columns && typeof t.rows === 'number' ? t.rows : 0;
}

/** A numeric column as Float64Array (null -> NaN). */
export function numbers(col: readonly JsonValue[] | null): Float64Array {
  return Float64Array.from(col ?? [], (v) => (typeof v === 'number' ? v : Number.NaN));
}

/** LISA class colours by cluster code (esda: 1 HH, 2 LH, 3 LL, 4 HL, 0 not significant). */
export const LISA_COLORS: Readonly<Record<number, Rgb>> = {
  1: [215, 48, 39],
  2: [145, 191, 219],
  3: [69, 117, 180],
  4: [252, 141, 89],
  0: [190, 190, 190],
};

/** Emerging hot spot class colours (1..8 hot, -1..-8 cold, 0 no pattern). */
export const EMERGING_COLORS: Readonly<Record<number, Rgb>> = {
  1: [254, 178, 76],
  2: [253, 141, 60],
  3: [189, 0, 38],
  4: [240, 59, 32],
  5: [247, 104, 161],
  6: [255, 237, 160],
  7: [174, 1, 126],
  8: [191, 160, 120],
  [-1]: [158, 202, 225],
  [-2]: [107, 174, 214],
  [-3]: [8, 48, 107],
  [-4]: [33, 113, 181],
  [-5]: [116, 169, 207],
  [-6]: [222, 235, 247],
  [-7]: [84, 39, 143],
  [-8]: [150, 160, 190],
  0: [190, 190, 190],
};

/** Concentration: the top units (targets) and the rest with crime. */
export const TOP_COLOR: Rgb = [204, 76, 2];
export const REST_COLOR: Rgb = [150, 150, 150];

/** One legend line. */
export interface LegendEntry {
  readonly label: string;
  readonly color: Rgb;
  readonly count: number;
}

/** Colour (RGBA) per cell, and the legend with counts, for a cell-based document; null otherwise. */
export function cellClasses(doc: AnalysisDoc): { rgba: Uint8Array; legend: LegendEntry[] } | null {
  const verb = doc.verb;
  const n = docRows(doc);
  const rgba = new Uint8Array(n * 4);
  const counts = new Map<string, LegendEntry>();
  const paint = (i: number, label: string, color: Rgb, alpha: number) => {
    rgba.set([color[0], color[1], color[2], alpha], 4 * i);
    const e = counts.get(label);
    counts.set(label, { label, color, count: (e?.count ?? 0) + 1 });
  };
  if (verb === 'moran') {
    const code = numbers(docColumn(doc, 'cluster'));
    const label = docColumn(doc, 'cluster_label');
    if (!label) return null;
    for (let i = 0; i < n; i++) {
      const c = code[i] as number;
      paint(i, String(label[i]), LISA_COLORS[c] ?? LISA_COLORS[0]!, c === 0 ? 0 : 225);
    }
  } else if (verb === 'emerging') {
    const code = numbers(docColumn(doc, 'class'));
    const label = docColumn(doc, 'class_name') ?? [];
    for (let i = 0; i < n; i++) {
      const c = code[i] as number;
      paint(i, String(label[i]), EMERGING_COLORS[c] ?? EMERGING_COLORS[0]!, c === 0 ? 0 : 225);
    }
  } else if (verb === 'concentration') {
    const count = numbers(docColumn(doc, 'count'));
    const top = topUnits(doc);
    for (let i = 0; i < n; i++) {
      if (i < top) paint(i, `top ${top} units (targets)`, TOP_COLOR, 230);
      else if ((count[i] as number) > 0) paint(i, 'other units with crime', REST_COLOR, 90);
      else paint(i, 'units without crime', REST_COLOR, 0);
    }
  } else return null;
  const legend = [...counts.values()];
  return { rgba, legend };
}

/** How many of the ranked units the concentration map marks: `top`, else those holding 50% of crime. */
export function topUnits(doc: AnalysisDoc): number {
  const top = (doc.parameters as { top?: number | null } | undefined)?.top;
  if (typeof top === 'number') return top;
  const pm = docColumn(doc, 'units', 'p-of-m');
  const share = docColumn(doc, 'crime_percent', 'p-of-m');
  const k = share?.findIndex((v) => v === 50) ?? -1;
  return k >= 0 && typeof pm?.[k] === 'number' ? (pm[k] as number) : 0;
}

/** The unit spec of a cell document ("grid:250" / "hex:250"), or null. */
export function cellUnit(doc: AnalysisDoc): { shape: 'square' | 'hex-pointy'; size: number } | null {
  const unit = (doc.parameters as { unit?: unknown } | undefined)?.unit;
  const m = typeof unit === 'string' ? /^(grid|hex):([\d.]+)$/.exec(unit) : null;
  return m ? { shape: m[1] === 'grid' ? 'square' : 'hex-pointy', size: Number(m[2]) } : null;
}

/**
 * Closed outlines (lon/lat, deck.gl binary layout) of cells centred at (x, y) in `crs`: squares
 * of side `size`, or pointy-top hexagons `size` across flats; the same offsets as geo/grid.ts.
 */
export function cellRings(x: Float64Array, y: Float64Array, shape: 'square' | 'hex-pointy', size: number, crs: string): { positions: Float64Array; startIndices: Int32Array } {
  const corners = shape === 'square' ? 4 : 6;
  const ox: number[] = [];
  const oy: number[] = [];
  if (shape === 'square') {
    const h = size / 2;
    ox.push(-h, h, h, -h);
    oy.push(-h, -h, h, h);
  } else {
    const R = size / Math.sqrt(3);
    for (let k = 0; k < 6; k++) {
      const a = ((30 + 60 * k) * Math.PI) / 180;
      ox.push(R * Math.cos(a));
      oy.push(R * Math.sin(a));
    }
  }
  const per = corners + 1;
  const n = x.length;
  const px = new Float64Array(n * per);
  const py = new Float64Array(n * per);
  const startIndices = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k <= corners; k++) {
      px[i * per + k] = (x[i] as number) + (ox[k % corners] as number);
      py[i * per + k] = (y[i] as number) + (oy[k % corners] as number);
    }
    startIndices[i + 1] = (i + 1) * per;
  }
  createTransform(crs, 'EPSG:4326').inPlace(px, py);
  const positions = new Float64Array(n * per * 2);
  for (let k = 0; k < n * per; k++) {
    positions[2 * k] = px[k] as number;
    positions[2 * k + 1] = py[k] as number;
  }
  return { positions, startIndices };
}

/** Per-vertex colours from per-cell RGBA (deck.gl binary attributes are per vertex). */
export function vertexColors(rgba: Uint8Array, startIndices: Int32Array): Uint8Array {
  const n = startIndices.length - 1;
  const out = new Uint8Array((startIndices[n] as number) * 4);
  for (let i = 0; i < n; i++) {
    for (let v = startIndices[i] as number; v < (startIndices[i + 1] as number); v++) out.set(rgba.subarray(4 * i, 4 * i + 4), 4 * v);
  }
  return out;
}

/** Knox cell colour: red when p < .01 and ratio > 1, orange when p < .05, none otherwise. */
export function knoxCellClass(ratio: number, p: number): 'p01' | 'p05' | 'ns' {
  if (!(ratio > 1)) return 'ns';
  if (p < 0.01) return 'p01';
  if (p < 0.05) return 'p05';
  return 'ns';
}

/** Formats a number for tables: integers with separators, else 4 significant digits; '—' for null/NaN. */
export function fmt(v: JsonValue | undefined, digits = 4): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return typeof v === 'string' ? v : '—';
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  return Math.abs(v) >= 1000 ? v.toLocaleString('en-US', { maximumFractionDigits: 1 }) : String(Number(v.toPrecision(digits)));
}

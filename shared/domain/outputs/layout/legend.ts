/**
 * The legend of a briefing map, generated from what the map frame draws: offense groups with
 * their counts, the analysis layer's classes (grid counts, Gi* confidence bins or density),
 * design areas, reference layers and annotations. Each entry has a stable id so the layout can
 * rename it (`legend.labels[id]`) or leave it out (`legend.hidden`).
 */
import { OFFENSE_GROUPS } from '../../ingest/nibrs';
import { HOT_SPOT_COLORS } from '../../explore/grid-layer';
import type { Layout } from './layout-schema';
import type { MapData } from './map-data';
import { MAP_STYLE, groupHex } from './map-frame';

/** How a legend entry's symbol is drawn. */
export type LegendSymbol =
  | { readonly kind: 'header' }
  | { readonly kind: 'dot'; readonly color: string }
  | { readonly kind: 'fill'; readonly color: string; readonly opacity: number; readonly stroke?: string }
  | { readonly kind: 'line'; readonly color: string; readonly width: number; readonly dash?: string };

/** One legend row. */
export interface LegendEntry {
  readonly id: string;
  readonly label: string;
  readonly symbol: LegendSymbol;
}

const hex = (c: readonly [number, number, number]) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
const n0 = (v: number) => Math.round(v).toLocaleString('en-US');
const n1 = (v: number) => (v >= 100 ? n0(v) : v.toLocaleString('en-US', { maximumFractionDigits: 1 }));

/** "1 – 3", "4 – 9": integer ranges of class upper bounds (counts). */
function countRanges(breaks: readonly number[]): string[] {
  let lo = 1;
  return breaks.map((b) => {
    const hi = Math.floor(b);
    const label = hi <= lo ? n0(Math.max(lo, hi)) : `${n0(lo)} – ${n0(hi)}`;
    lo = hi + 1;
    return label;
  });
}

const GI_LABELS: Readonly<Record<string, string>> = {
  '3': 'Hot spot, 99% confidence',
  '2': 'Hot spot, 95% confidence',
  '1': 'Hot spot, 90% confidence',
  '0': 'Not significant',
  '-1': 'Cold spot, 90% confidence',
  '-2': 'Cold spot, 95% confidence',
  '-3': 'Cold spot, 99% confidence',
};

function analysisEntries(data: MapData): LegendEntry[] {
  const a = data.analysis;
  if (!a) return [];
  if (a.kind === 'kde') {
    const k = a.data;
    const out: LegendEntry[] = [{ id: 'kde', label: `Density, incidents per km² (${k.kernel}, ${n0(k.radius)} m radius)`, symbol: { kind: 'header' } }];
    let lo = 0;
    k.breaks.forEach((b, i) => {
      out.push({ id: `kde:${i}`, label: `${n1(lo)} – ${n1(b)}`, symbol: { kind: 'fill', color: hex(k.colors[i]!), opacity: a.opacity } });
      lo = b;
    });
    return out;
  }
  const g = a.data;
  const cell = `${n0(g.cell)} m ${g.shape === 'square' ? 'cell' : 'hexagon'}`;
  if (g.hotSpots) {
    const out: LegendEntry[] = [{ id: 'gistar', label: `Hot spots (Getis-Ord Gi*, ${cell}s, ${n0(g.hotSpots.band)} m band${g.hotSpots.fdr ? ', FDR' : ''})`, symbol: { kind: 'header' } }];
    for (const bin of [3, 2, 1, 0, -1, -2, -3]) {
      if (!g.hotSpots.binCounts[String(bin)]) continue;
      out.push({ id: `gistar:${bin}`, label: GI_LABELS[String(bin)]!, symbol: { kind: 'fill', color: hex(HOT_SPOT_COLORS[bin]!), opacity: (bin === 0 ? 60 / 255 : 235 / 255) * a.opacity } });
    }
    return out;
  }
  const out: LegendEntry[] = [{ id: 'grid', label: `Incidents per ${cell}`, symbol: { kind: 'header' } }];
  countRanges(g.breaks).forEach((label, i) => out.push({ id: `grid:${i + 1}`, label, symbol: { kind: 'fill', color: hex(g.colors[i]!), opacity: a.opacity } }));
  out.push({ id: 'grid:0', label: 'No incidents', symbol: { kind: 'fill', color: '#808080', opacity: (28 / 255) * a.opacity, stroke: '#bdbdbd' } });
  return out;
}

/**
 * The legend entries of `layout` over `data`, in drawing order of importance: incidents,
 * analysis layer, design areas, reference layers, annotations. Labels come from the layout's
 * overrides when present; hidden ids are left out (a hidden header hides only itself).
 */
export function buildLegend(layout: Layout, data: MapData): LegendEntry[] {
  const f = layout.map;
  const entries: LegendEntry[] = [];
  const p = data.points;
  if (f.incidents && p) {
    const counts = new Array<number>(OFFENSE_GROUPS.length + 1).fill(0);
    for (let i = 0; i < p.group.length; i++) counts[p.group[i] as number]! += 1;
    const groups = counts.flatMap((c, g) => (c > 0 && data.visibleGroups[g] !== false ? [g] : []));
    if (groups.length) entries.push({ id: 'incidents', label: 'Incidents by offense group', symbol: { kind: 'header' } });
    for (const g of groups) {
      const name = OFFENSE_GROUPS[g]?.label ?? 'Unmapped code';
      const k = data.suppressBelow ?? 0;
      const c = counts[g]!;
      entries.push({ id: `group:${OFFENSE_GROUPS[g]?.id ?? 'unmapped'}`, label: `${name} (${k > 1 && c < k ? `<${k}` : n0(c)})`, symbol: { kind: 'dot', color: groupHex(g) } });
    }
  }
  if (f.analysisLayer) entries.push(...analysisEntries(data));
  if (data.areas.length) {
    if (data.areas.some((a) => a.role === 'target')) entries.push({ id: 'area:target', label: 'Target area', symbol: { kind: 'fill', color: MAP_STYLE.target, opacity: 0.12, stroke: MAP_STYLE.target } });
    if (data.areas.some((a) => a.role === 'comparison')) entries.push({ id: 'area:comparison', label: 'Comparison area', symbol: { kind: 'fill', color: MAP_STYLE.comparison, opacity: 0.12, stroke: MAP_STYLE.comparison } });
  }
  for (const l of data.referenceLayers) {
    if (!f.referenceLayers.includes(l.meta.id)) continue;
    const role = l.meta.role;
    const symbol: LegendSymbol =
      role === 'streets'
        ? { kind: 'line', color: MAP_STYLE.arterial, width: 0.4 }
        : role === 'beats'
          ? { kind: 'line', color: MAP_STYLE.beat, width: 0.3, dash: '1.4 0.7' }
          : role === 'districts'
            ? { kind: 'line', color: MAP_STYLE.district, width: 0.55 }
            : role === 'jurisdiction'
              ? { kind: 'line', color: MAP_STYLE.jurisdiction, width: 0.6 }
              : { kind: 'fill', color: MAP_STYLE.polygon, opacity: 0.08, stroke: MAP_STYLE.polygon };
    entries.push({ id: `layer:${l.meta.id}`, label: l.meta.name, symbol });
  }
  if (f.annotations && data.annotations.some((a) => !a.hidden)) entries.push({ id: 'annotations', label: 'Annotation', symbol: { kind: 'dot', color: MAP_STYLE.annotation } });
  const hidden = new Set(layout.legend.hidden);
  return entries.filter((e) => !hidden.has(e.id)).map((e) => (layout.legend.labels[e.id] !== undefined ? { ...e, label: layout.legend.labels[e.id]! } : e));
}

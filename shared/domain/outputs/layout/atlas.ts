/**
 * Atlas export: one page per area, the map frame zoomed to it and its outline drawn: every
 * polygon of the beats reference layer, or every target area of a design.
 */
import type { AppError } from '../../../base/errors';
import { err, ok, type Result } from '../../../base/result';
import type { ProjectLayer } from '../../project/project';
import { coordinateBounds, type MapArea } from './map-data';
import { featureLabel } from './map-frame';

/** One atlas page: its label (printed after the subtitle), the area's bounds and outline. */
export interface AtlasPage {
  readonly label: string;
  readonly bounds: [number, number, number, number];
  readonly focus: readonly (readonly (readonly [number, number])[])[];
}

/** What an atlas pages over: the beats layer, or a design's targets. */
export type AtlasSpec = { readonly kind: 'beats' } | { readonly kind: 'design'; readonly name: string };

/** Reads `beats` or `design:NAME`. */
export function parseAtlasSpec(text: string): Result<AtlasSpec, AppError> {
  if (text === 'beats') return ok({ kind: 'beats' });
  const m = /^design:(.+)$/.exec(text);
  if (m) return ok({ kind: 'design', name: m[1]! });
  return err({ kind: 'invalid-argument', name: '--atlas', value: text, expected: 'beats or design:NAME' });
}

const collator = new Intl.Collator('en', { numeric: true });

/**
 * One page per polygon feature of `layer` (Polygon or MultiPolygon; others skipped), sorted by
 * label in natural order (Beat 2 before Beat 10). Unlabelled features are "Area n".
 */
export function atlasPagesFromLayer(layer: ProjectLayer, prefix = ''): AtlasPage[] {
  const pages: AtlasPage[] = [];
  layer.geojson.features.forEach((raw, n) => {
    const f = raw as { geometry?: { type?: string; coordinates?: unknown }; properties?: Record<string, unknown> | null };
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return;
    const rings = (g.type === 'Polygon' ? (g.coordinates as [number, number][][]) : (g.coordinates as [number, number][][][]).flat()) ?? [];
    const bounds = coordinateBounds(rings);
    if (!bounds) return;
    const label = featureLabel(f) ?? `Area ${n + 1}`;
    pages.push({ label: prefix && !label.toLowerCase().startsWith(prefix.toLowerCase()) ? `${prefix} ${label}` : label, bounds, focus: rings });
  });
  return pages.sort((a, b) => collator.compare(a.label, b.label));
}

/** One page per target area of a design (comparison areas are not paged), in design order. */
export function atlasPagesFromAreas(areas: readonly MapArea[]): AtlasPage[] {
  return areas
    .filter((a) => a.role === 'target')
    .flatMap((a) => {
      const bounds = coordinateBounds(a.rings);
      return bounds ? [{ label: `Target ${a.name}`, bounds, focus: a.rings }] : [];
    });
}

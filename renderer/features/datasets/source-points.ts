/**
 * Points of a weighted combination coloured by source (one colour per source dataset) instead
 * of by offense group; a plain dataset keeps the offense-group colours and toggles.
 */
import type { PointColumnsView } from '../../../shared/domain/explore/filtered-points';
import { buildPointBuffers, type PointBuffers } from '../../../shared/domain/explore/point-buffers';
import type { SourceWeights } from '../../../shared/domain/explore/point-weights';
import { GROUP_COLORS } from '../../map/group-colors';

/**
 * Source colours: the Okabe-Ito palette (colour-blind safe), in the combination's order;
 * more than eight sources reuse them in turn.
 */
export const SOURCE_COLORS: readonly (readonly [number, number, number])[] = [
  [0, 114, 178],
  [230, 159, 0],
  [0, 158, 115],
  [204, 121, 167],
  [86, 180, 233],
  [213, 94, 0],
  [240, 228, 66],
  [0, 0, 0],
];

/** The colour of source `index` (cycling through {@link SOURCE_COLORS}). */
export function sourceColor(index: number): readonly [number, number, number] {
  return SOURCE_COLORS[index % SOURCE_COLORS.length] as readonly [number, number, number];
}

/**
 * The map's point buffers: on a combination (`sources` not null) every point in its source's
 * colour (records naming no source are not drawn; the offense-group toggles do not apply);
 * otherwise by offense group with `visibleGroups`, exactly as before. `hiddenSources[i]` true
 * leaves source i's points off (the legend's show/hide toggles; default none hidden).
 */
export function buildShownPointBuffers(points: PointColumnsView, sources: SourceWeights | null, visibleGroups: readonly boolean[], hiddenSources: readonly boolean[] | null = null): PointBuffers {
  if (!sources) return buildPointBuffers(points.lon, points.lat, points.group, GROUP_COLORS, visibleGroups);
  const n = points.rowId.length;
  const group = new Uint8Array(n);
  for (let i = 0; i < n; i++) group[i] = sources.sourceByRow[points.rowId[i] as number] ?? 255;
  const colors = sources.sources.map((_, i) => sourceColor(i));
  const visible = sources.sources.map((_, i) => !hiddenSources?.[i]);
  return buildPointBuffers(points.lon, points.lat, group, colors, visible);
}

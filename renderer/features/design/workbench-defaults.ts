/**
 * The design workbench's defaults and small helpers: the initial settings, the sample city's
 * intervention start (to default the pre period), and a design's areas as map areas.
 */
import type { DesignDoc } from '../../../shared/domain/design/design-doc';
import type { MapArea } from './design-layers';
import { bufferOutlineLonLat, ringsToLonLat } from './geometry';
import type { DesignSettings } from './use-design-workbench';

/** The panel's settings before anything is chosen. */
export const DEFAULT_SETTINGS: DesignSettings = {
  name: 'design-1',
  preFrom: '',
  preTo: '',
  bufferM: 150,
  minAreaM2: 10_000,
  cellSizeM: 250,
  counts: true,
  total: false,
  history: false,
  quarterly: false,
  trend: true,
  method: 'mahalanobis',
  pairing: 'greedy',
  replace: false,
  exact: 'none',
  ratio: 1,
  caliper: null,
  minDistanceM: 0,
  seed: 1,
  unitKind: 'grid',
  unitLayer: '',
  snapM: 30,
  circleRadiusM: 150,
  otherDatasets: [],
  otherGroups: [],
  otherHistory: [],
  fields: [],
  dropMissing: false,
};

/** `iso` (YYYY-MM-DD) plus `n` days. */
export const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The intervention start recorded by the sample city's ground truth, if the project has one. */
export function groundTruthStart(documents: Readonly<Record<string, unknown>>): string | null {
  const gt = documents['sample/ground-truth'] as { intervention?: { startDate?: unknown } } | undefined;
  const s = gt?.intervention?.startDate;
  return typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : null;
}

/** The areas of a design as map areas (lon/lat), with their buffer outlines. */
export function toMapAreas(doc: DesignDoc, crs: string, role: 'target' | 'comparison', list: DesignDoc['targets']): MapArea[] {
  return list.map((a) => {
    const rings = ringsToLonLat(a.polygon, doc.crs ?? crs);
    return { id: `${role}-${a.id}`, label: a.name.length > 24 ? a.id : a.name, rings, bufferOutline: bufferOutlineLonLat(rings, a.bufferM), role };
  });
}


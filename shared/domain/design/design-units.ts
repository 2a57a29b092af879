/**
 * The units of a place-based design: the target polygons first, then every square grid cell (or,
 * with `cellShape: 'hex-pointy'`, every pointy-top hexagon of the analysis verbs' `--unit hex:M`
 * lattice, shared/domain/geo/grid.ts) over the incidents' extent, with each unit's pre-period counts (by month and by offense group) and
 * whether the cell may serve as a comparison. A cell is excluded when it overlaps a target, when
 * it lies within 2 x buffer of one (so neither it nor its own buffer ring touches a target or
 * its ring), or within the minimum distance. Incidents inside a target polygon count for the
 * target (each case once); the rest for their cell, eligible or not, so the covariate table
 * covers every unit.
 */
import { err, ok, type Result } from '../../base/result';
import { assignToCells, cellCentres, createGrid } from '../geo/grid';
import { isPointInPolygon, toFlatPolygon } from '../geo/point-in-polygon';
import { invalidArgument, type StatsError } from '../evaluation/stats-error';
import { hexRings } from './unit-shapes';
import { assignToAreas, areaDistance, polygonArea, prepareArea, squareRings, type PreparedArea, type Rings } from './areas';
import { monthIndexOf, periodMonths, type DayPeriod, type PeriodMonth } from './period';
import type { DesignUnitSpec } from './unit-spec';

/** Incident points: x, y (analysis CRS, m), days since the epoch, optional group code per point. */
export interface DesignPoints {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly days: Float64Array;
  /** Index into `groupNames` per point (-1 = no group), or null when groups are unknown. */
  readonly group: Int32Array | null;
  readonly groupNames: readonly string[];
}

export interface DesignUnitsInput {
  readonly points: DesignPoints;
  readonly targets: readonly { readonly id: string; readonly name: string; readonly rings: Rings }[];
  readonly bufferM: number;
  /** Cell side (squares) or width across flats (hexagons), metres. */
  readonly cellSizeM: number;
  readonly pre: DayPeriod;
  readonly minDistanceM: number;
  /** 'square' (default) or 'hex-pointy' (the analysis hexagons: odd-r rows, origin-anchored). */
  readonly cellShape?: 'square' | 'hex-pointy';
}

/** Why a unit is not in the comparison pool (0 = it is; 4 also marks a dropped target unit). */
export const EXCLUSION_REASONS = ['', 'overlaps a target', 'within 2 x buffer of a target', 'closer than the minimum distance to a target', 'missing covariate value (dropped)'] as const;

export interface DesignUnits {
  readonly nTargets: number;
  readonly nUnits: number;
  /** Target ids, then "cell <id>" for cells ("hex <id>" for hexagons). */
  readonly ids: readonly string[];
  /** Grid cell id per unit (-1 for targets). */
  readonly cellId: Int32Array;
  /** A representative point per unit: the cell centre, or the target ring's vertex mean. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** 1 target, 0 cell. */
  readonly treated: Uint8Array;
  /** 1 = may be a comparison (never for targets). */
  readonly eligible: Uint8Array;
  /** Index into EXCLUSION_REASONS per unit (0 for targets and eligible cells). */
  readonly exclusion: Uint8Array;
  readonly months: readonly PeriodMonth[];
  /** Row-major units x months pre-period counts. */
  readonly history: Float64Array;
  /** Row-major units x groups pre-period counts (groups = points.groupNames). */
  readonly groupCounts: Float64Array;
  readonly groupNames: readonly string[];
  readonly prepared: readonly PreparedArea[];
  readonly centres: { readonly x: Float64Array; readonly y: Float64Array };
  /** Pre-period incidents used. */
  readonly incidents: number;
  /** The unit kind (grid when absent: documents and callers from before other units existed). */
  readonly unitSpec?: DesignUnitSpec;
  /** The polygon stored for unit u in a design document (analysis CRS, metres). */
  readonly shapeOf?: (u: number) => Rings;
  /** Area (m^2) of {@link shapeOf}'s polygon. */
  readonly areaOf?: (u: number) => number;
  /**
   * The design unit of each point (-1: none), by the same rule as the pre-period counts: used to
   * count another dataset of the project (calls, arrests) into the same units.
   */
  readonly locate?: (x: Float64Array, y: Float64Array) => Int32Array;
  /** Per target unit (the first nTargets): the index of the target polygon covering it. */
  readonly targetOf?: Int32Array;
}

/**
 * The target polygons prepared with their buffer. Errors: no targets, overlapping polygons;
 * targets whose buffer rings overlap give a warning.
 */
export function prepareTargets(list: DesignUnitsInput['targets'], bufferM: number): Result<{ targets: PreparedArea[]; warnings: string[] }, StatsError> {
  if (list.length === 0) return err(invalidArgument('targets', 'none', 'at least one target area'));
  const warnings: string[] = [];
  const targets = list.map((t) => prepareArea(t.rings, bufferM));
  for (let i = 0; i < targets.length; i++) {
    for (let j = i + 1; j < targets.length; j++) {
      const d = areaDistance(targets[i]!, targets[j]!);
      if (d === 0) return err(invalidArgument(`targets ${list[i]!.id} and ${list[j]!.id}`, 'overlapping', 'target polygons that do not overlap'));
      if (d < 2 * bufferM) warnings.push(`targets ${list[i]!.id} and ${list[j]!.id} are ${d.toFixed(0)} m apart: their buffer rings overlap (an incident there counts in the first target's ring)`);
    }
  }
  return ok({ targets, warnings });
}

/**
 * Builds the units. Errors (named): no targets, overlapping target polygons, a pre period
 * without incidents, a grid too large, no eligible cell. Targets whose buffers overlap give a
 * warning.
 */
export function buildDesignUnits(input: DesignUnitsInput): Result<{ units: DesignUnits; warnings: string[] }, StatsError> {
  const { points, pre } = input;
  const prepared = prepareTargets(input.targets, input.bufferM);
  if (!prepared.ok) return prepared;
  const { targets, warnings } = prepared.value;
  const months = periodMonths(pre);
  const nm = months.length;
  const keep: number[] = [];
  for (let i = 0; i < points.x.length; i++) if (monthIndexOf(months, points.days[i]!) >= 0 && Number.isFinite(points.x[i]! + points.y[i]!)) keep.push(i);
  if (keep.length === 0) return err(invalidArgument('--pre', `${pre.from}..${pre.to}`, 'a period containing incidents'));
  const px = Float64Array.from(keep, (i) => points.x[i]!);
  const py = Float64Array.from(keep, (i) => points.y[i]!);
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < px.length; i++) {
    minX = Math.min(minX, px[i]!); maxX = Math.max(maxX, px[i]!); minY = Math.min(minY, py[i]!); maxY = Math.max(maxY, py[i]!);
  }
  const hex = input.cellShape === 'hex-pointy';
  const grid = createGrid(hex ? 'hex-pointy' : 'square', input.cellSizeM, { minX, minY, maxX, maxY }, { align: true, maxCells: 4_000_000 });
  if (!grid.ok) return err(grid.error);
  const g = grid.value;
  const centres = cellCentres(g);
  const nt = targets.length;
  const nUnits = nt + g.count;
  const exclusion = new Uint8Array(nUnits);
  const eligible = new Uint8Array(nUnits);
  // Half extents of a cell's bounding box (a pointy-top hex: w/2 across, circumradius up).
  const half = input.cellSizeM / 2;
  const halfY = hex ? input.cellSizeM / Math.sqrt(3) : half;
  const shape = (cx: number, cy: number) => (hex ? hexRings(cx, cy, input.cellSizeM) : squareRings(cx, cy, input.cellSizeM));
  const clear = Math.max(2 * input.bufferM, input.minDistanceM);
  let nEligible = 0;
  for (let c = 0; c < g.count; c++) {
    const cx = centres.x[c]!;
    const cy = centres.y[c]!;
    let nearest = Infinity;
    for (const t of targets) {
      const dx = Math.max(t.minX - (cx + half), cx - half - t.maxX, 0);
      const dy = Math.max(t.minY - (cy + halfY), cy - halfY - t.maxY, 0);
      if (Math.hypot(dx, dy) >= clear) continue;
      nearest = Math.min(nearest, areaDistance(prepareArea(shape(cx, cy), 0), t));
    }
    const reason = nearest === 0 ? 1 : nearest < 2 * input.bufferM ? 2 : nearest < input.minDistanceM ? 3 : 0;
    exclusion[nt + c] = reason;
    if (reason === 0) {
      eligible[nt + c] = 1;
      nEligible++;
    }
  }
  if (nEligible === 0) return err(invalidArgument('comparison pool', hex ? '0 hexes' : '0 cells', `${hex ? 'hexagons' : 'grid cells'} clear of the targets and their buffers`));
  const bare = targets.map((t): PreparedArea => ({ ...t, bufferM: 0 }));
  const inside = assignToAreas(bare, px, py).inside;
  const cells = assignToCells(g, px, py);
  const locate = (lx: Float64Array, ly: Float64Array): Int32Array => {
    const inT = assignToAreas(bare, lx, ly).inside;
    const inC = assignToCells(g, lx, ly);
    return Int32Array.from(inT, (t, i) => (t >= 0 ? t : inC[i]! >= 0 ? nt + inC[i]! : -1));
  };
  const ng = points.groupNames.length;
  const history = new Float64Array(nUnits * nm);
  const groupCounts = new Float64Array(nUnits * Math.max(ng, 1));
  for (let k = 0; k < keep.length; k++) {
    const u = inside[k]! >= 0 ? inside[k]! : cells[k]! >= 0 ? nt + cells[k]! : -1;
    if (u < 0) continue;
    history[u * nm + monthIndexOf(months, points.days[keep[k]!]!)]! += 1;
    const gr = points.group ? points.group[keep[k]!]! : -1;
    if (gr >= 0) groupCounts[u * ng + gr]! += 1;
  }
  const cellId = new Int32Array(nUnits).fill(-1);
  const x = new Float64Array(nUnits);
  const y = new Float64Array(nUnits);
  const ids: string[] = input.targets.map((t) => t.id);
  targets.forEach((t, i) => {
    const ring = t.rings[0]!;
    const m = ring.length > 1 ? ring.length - 1 : ring.length;
    for (let k = 0; k < m; k++) {
      x[i] = x[i]! + ring[k]![0] / m;
      y[i] = y[i]! + ring[k]![1] / m;
    }
  });
  for (let c = 0; c < g.count; c++) {
    cellId[nt + c] = c;
    x[nt + c] = centres.x[c]!;
    y[nt + c] = centres.y[c]!;
    ids.push(`${hex ? 'hex' : 'cell'} ${c}`);
  }
  const treated = new Uint8Array(nUnits);
  treated.fill(1, 0, nt);
  return ok({
    units: {
      nTargets: nt, nUnits, ids, cellId, x, y, treated, eligible, exclusion, months, history, groupCounts, groupNames: points.groupNames, prepared: targets, centres, incidents: keep.length,
      unitSpec: { kind: hex ? 'hex' : 'grid', sizeM: input.cellSizeM },
      shapeOf: (u) => (u < nt ? input.targets[u]!.rings : shape(centres.x[u - nt]!, centres.y[u - nt]!)),
      areaOf: (u) => (u < nt ? polygonArea(input.targets[u]!.rings) : g.cellArea),
      locate,
      targetOf: Int32Array.from({ length: nt }, (_, i) => i),
    },
    warnings,
  });
}

/**
 * Category of each point: the index of the first polygon (rings in the same CRS) containing it,
 * or -1. Used for exact matching on a district or beat from the unit's representative point.
 */
export function assignCategories(polygons: readonly Rings[], x: Float64Array, y: Float64Array): Int32Array {
  const flat = polygons.map((r) => toFlatPolygon(r));
  const out = new Int32Array(x.length).fill(-1);
  for (let i = 0; i < x.length; i++) {
    for (let k = 0; k < flat.length; k++) {
      if (isPointInPolygon(flat[k]!, x[i]!, y[i]!)) {
        out[i] = k;
        break;
      }
    }
  }
  return out;
}

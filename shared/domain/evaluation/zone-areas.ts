/**
 * Areas of a design's four zones (targets T, comparisons C, target rings D, comparison rings DC)
 * exactly as incidents are assigned to them (area-counts.ts): a point inside any area is in no
 * ring, and a point in several rings belongs to the first. Measured on a square lattice of cell
 * centres (a midpoint rule): each lattice point stands for s^2 m^2, with s chosen so the smallest
 * polygon holds about 2,500 points (relative error well under 1% for cells and buffers of tens of
 * metres and more). Used for the area weights of the WDD.
 */
import { assignToAreas, polygonArea, prepareArea, type PreparedArea } from '../design/areas';
import type { DesignDoc } from '../design/design-doc';

/** Zone areas in m^2, and the lattice step used (m). */
export interface ZoneAreas {
  readonly T: number;
  readonly C: number;
  readonly D: number;
  readonly DC: number;
  readonly stepM: number;
}

/**
 * Measures the zones of `design` (coordinates in metres). `stepM` overrides the lattice step.
 * A design without buffers has D = DC = 0.
 */
export function computeZoneAreas(design: DesignDoc, stepM?: number): ZoneAreas {
  const all = [...design.targets, ...design.comparisons];
  const areas = all.map((a) => prepareArea(a.polygon, a.bufferM));
  const nt = design.targets.length;
  let minArea = Infinity;
  for (const a of all) minArea = Math.min(minArea, Math.max(1, polygonArea(a.polygon)));
  const s = stepM ?? Math.min(25, Math.max(0.25, Math.sqrt(minArea / 2500)));
  const box = (a: PreparedArea) => [a.minX - a.bufferM, a.minY - a.bufferM, a.maxX + a.bufferM, a.maxY + a.bufferM] as const;
  const boxes = areas.map(box);
  const out = { T: 0, C: 0, D: 0, DC: 0 };
  for (let k = 0; k < areas.length; k++) {
    const [x0, y0, x1, y1] = boxes[k]!;
    // Only areas whose reach overlaps this one's can claim its lattice points; keep their order
    // so "the first wins" is the same as in the counts.
    const near: number[] = [];
    for (let j = 0; j < areas.length; j++) {
      const b = boxes[j]!;
      if (b[0] <= x1 && b[2] >= x0 && b[1] <= y1 && b[3] >= y0) near.push(j);
    }
    const self = near.indexOf(k);
    const i0 = Math.floor(x0 / s);
    const i1 = Math.ceil(x1 / s);
    const j0 = Math.floor(y0 / s);
    const j1 = Math.ceil(y1 / s);
    const nx = i1 - i0;
    const ny = j1 - j0;
    const px = new Float64Array(nx * ny);
    const py = new Float64Array(nx * ny);
    for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
      px[j * nx + i] = (i0 + i + 0.5) * s;
      py[j * nx + i] = (j0 + j + 0.5) * s;
    }
    const { inside, ring } = assignToAreas(near.map((j) => areas[j]!), px, py);
    let nIn = 0;
    let nRing = 0;
    for (let p = 0; p < px.length; p++) {
      if (inside[p] === self) nIn++;
      else if (ring[p] === self) nRing++;
    }
    const cell = s * s;
    if (k < nt) {
      out.T += nIn * cell;
      out.D += nRing * cell;
    } else {
      out.C += nIn * cell;
      out.DC += nRing * cell;
    }
  }
  return { ...out, stepM: s };
}

/**
 * Keeps the map points whose source rows passed the filter query: a bitmask over rowids, so a
 * million points cost one pass and a byte each, and the subset stays columnar.
 */

/** Point columns the map draws and the layers compute on (same length; x/y metres in the explore CRS). */
export interface PointColumnsView {
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly group: Uint8Array;
  readonly rowId: Uint32Array;
}

/**
 * Indices of the points whose `rowId` is in `keptRowIds` (any order, duplicates harmless), in
 * point order. Rowids above every point's rowid are ignored.
 */
export function selectPointIndices(rowId: Uint32Array, keptRowIds: ArrayLike<number>): Uint32Array {
  let maxId = 0;
  for (let i = 0; i < rowId.length; i++) if ((rowId[i] as number) > maxId) maxId = rowId[i] as number;
  const mask = new Uint8Array(maxId + 1);
  for (let i = 0; i < keptRowIds.length; i++) {
    const r = keptRowIds[i] as number;
    if (r <= maxId) mask[r] = 1;
  }
  let n = 0;
  for (let i = 0; i < rowId.length; i++) n += mask[rowId[i] as number] as number;
  const out = new Uint32Array(n);
  for (let i = 0, k = 0; i < rowId.length; i++) if (mask[rowId[i] as number]) out[k++] = i;
  return out;
}

/** The points at `indices` (new columns). */
export function subsetPoints(p: PointColumnsView, indices: Uint32Array): PointColumnsView {
  const pick = <T extends Float64Array | Uint8Array | Uint32Array>(src: T, make: (n: number) => T): T => {
    const out = make(indices.length);
    for (let k = 0; k < indices.length; k++) out[k] = src[indices[k] as number] as number;
    return out;
  };
  return {
    lon: pick(p.lon, (n) => new Float64Array(n)),
    lat: pick(p.lat, (n) => new Float64Array(n)),
    x: pick(p.x, (n) => new Float64Array(n)),
    y: pick(p.y, (n) => new Float64Array(n)),
    group: pick(p.group, (n) => new Uint8Array(n)),
    rowId: pick(p.rowId, (n) => new Uint32Array(n)),
  };
}

/**
 * Sort orders and permutations for large columns (millions of rows) without comparator
 * callbacks or per-row objects.
 */

/**
 * The permutation that sorts rows by `keys[i]` ascending, ties by row index (stable). Keys must
 * be integers in [0, 2^32): a caller bug otherwise (RangeError). Two-pass LSD radix sort on
 * 16-bit digits: O(n), about ten times faster than a comparison sort on millions of rows.
 */
export function sortedOrder(keys: Float64Array): Uint32Array {
  const n = keys.length;
  const k32 = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const k = keys[i] as number;
    if (!(k >= 0 && k < 4294967296) || k !== Math.floor(k)) throw new RangeError(`sort key ${k} of row ${i} is not an integer in [0, 2^32)`);
    k32[i] = k;
  }
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let tmp = new Uint32Array(n);
  const counts = new Uint32Array(65537);
  for (const shift of [0, 16]) {
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const digit = (((k32[i] as number) >>> shift) & 0xffff) + 1;
      counts[digit] = (counts[digit] as number) + 1;
    }
    for (let b = 1; b <= 65536; b++) counts[b] = (counts[b] as number) + (counts[b - 1] as number);
    for (let i = 0; i < n; i++) {
      const row = order[i] as number;
      const digit = ((k32[row] as number) >>> shift) & 0xffff;
      tmp[counts[digit] as number] = row;
      counts[digit] = (counts[digit] as number) + 1;
    }
    const swap = order;
    order = tmp;
    tmp = swap;
  }
  return order;
}

// One monomorphic loop per array type: a single generic loop over mixed typed arrays goes
// megamorphic in V8 and runs several times slower on million-row columns.
function permuteF64(src: Float64Array, order: Uint32Array): Float64Array {
  const out = new Float64Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = src[order[i] as number] as number;
  return out;
}
function permuteU32(src: Uint32Array, order: Uint32Array): Uint32Array {
  const out = new Uint32Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = src[order[i] as number] as number;
  return out;
}
function permuteI32(src: Int32Array, order: Uint32Array): Int32Array {
  const out = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = src[order[i] as number] as number;
  return out;
}
function permuteU8(src: Uint8Array, order: Uint32Array): Uint8Array {
  const out = new Uint8Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = src[order[i] as number] as number;
  return out;
}

type Column = Uint8Array | Uint32Array | Int32Array | Float64Array;

/** `src` reordered by `order` (out[i] = src[order[i]]) into a new array of the same type. */
export function permute<A extends Column>(src: A, order: Uint32Array): A {
  if (src instanceof Float64Array) return permuteF64(src, order) as A;
  if (src instanceof Uint32Array) return permuteU32(src, order) as A;
  if (src instanceof Int32Array) return permuteI32(src, order) as A;
  return permuteU8(src as Uint8Array, order) as A;
}

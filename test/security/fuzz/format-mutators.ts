/**
 * Format-aware mutators for the zip-based and JSON inputs analysts import: Excel workbooks and
 * zipped Shapefiles (a mutation of ONE member re-zipped, so it reaches the XML/dBASE/shape
 * parsers instead of stopping at the zip layer; plus zip-layer attacks: a missing member, a
 * member bomb, traversal names), and GeoJSON (structural changes: wrong types, deep nesting,
 * huge or non-finite numbers, missing geometry, prototype-pollution keys).
 */
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { Rng } from '../../../shared/base/random';
import { BYTE_MUTATORS, TEXT_MUTATORS, type Mutator } from './mutators';

function rezip(files: Record<string, Uint8Array>): Uint8Array {
  const zippable: Zippable = {};
  for (const [name, bytes] of Object.entries(files)) zippable[name] = [bytes, { level: 1 }];
  return zipSync(zippable);
}

function members(input: Uint8Array): Record<string, Uint8Array> | null {
  try {
    return unzipSync(input);
  } catch {
    return null;
  }
}

/** Mutators for a zip container (xlsx, zipped shapefile): inner-member and zip-layer attacks. */
export const ZIP_MEMBER_MUTATORS: readonly Mutator[] = [
  {
    name: 'member-bytes',
    async mutate(input, rng) {
      const files = members(input);
      if (!files) return null;
      const name = rng.pick(Object.keys(files).sort());
      const inner = rng.pick([...BYTE_MUTATORS, ...TEXT_MUTATORS].filter((m) => m.name !== 'huge-field' && m.name !== 'many-rows'));
      const m = await inner.mutate(files[name]!, rng);
      if (!m) return null;
      files[name] = m.bytes;
      return { label: `${name}: ${m.label}`, bytes: rezip(files) };
    },
  },
  {
    name: 'member-missing',
    mutate(input, rng) {
      const files = members(input);
      if (!files) return null;
      const name = rng.pick(Object.keys(files).sort());
      delete files[name];
      return { label: `without ${name}`, bytes: rezip(files) };
    },
  },
  {
    name: 'member-bomb',
    mutate(input, rng) {
      const files = members(input);
      if (!files) return null;
      const name = rng.pick(Object.keys(files).sort());
      const size = rng.pick([64, 256]) * 1024 * 1024;
      const zippable: Zippable = {};
      for (const [n, b] of Object.entries(files)) zippable[n] = [n === name ? new Uint8Array(size).fill(0x20) : b, { level: n === name ? 9 : 1 }];
      return { label: `${name} inflates to ${size / 1048576} MiB of spaces`, bytes: zipSync(zippable) };
    },
  },
  {
    name: 'member-names',
    mutate(input, rng) {
      const files = members(input);
      if (!files) return null;
      const evil = rng.pick(['../../escape.txt', '/etc/passwd', 'C:\\Windows\\evil.dll', 'a/'.repeat(200) + 'deep.xml', 'nul\u0000name.xml']);
      files[evil] = strToU8('<x/>');
      return { label: `an extra member named ${JSON.stringify(evil.slice(0, 40))}`, bytes: rezip(files) };
    },
  },
];

const DEEP = '\u0000deep:';
/** JSON text with each DEEP marker string replaced by an array nested that many levels deep. */
function serialize(root: Json): Uint8Array {
  const text = JSON.stringify(root).replace(/"\\u0000deep:(\d+)"/g, (_, n: string) => `${'['.repeat(Number(n))}1${']'.repeat(Number(n))}`);
  return strToU8(text);
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every (parent, key) slot of a JSON value, in a stable order. */
function slots(root: Json): { parent: Json[] | { [k: string]: Json }; key: string | number }[] {
  const out: { parent: Json[] | { [k: string]: Json }; key: string | number }[] = [];
  const visit = (v: Json) => {
    if (Array.isArray(v)) v.forEach((c, i) => (out.push({ parent: v, key: i }), visit(c)));
    else if (v && typeof v === 'object') for (const k of Object.keys(v)) out.push({ parent: v, key: k }), visit(v[k]!);
  };
  visit(root);
  return out;
}

function hostileValue(rng: Rng): Json {
  return rng.pick<() => Json>([
    () => null,
    () => 'NaN',
    () => 1e308,
    () => -1e308,
    () => 'x'.repeat(100_000),
    () => [],
    () => ({}),
    () => true,
    // Deep nesting is spliced in as text after serializing (see DEEP), JSON.stringify itself would overflow.
    () => `${DEEP}${rng.pick([100, 5_000, 100_000])}`,
    () => ({ type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [1e300, -1e300] }] }),
    () => ({ __proto__: { polluted: 1 }, constructor: { prototype: { polluted: 1 } } } as unknown as Json),
    () => [[['a', 'b']]],
  ])();
}

/** Mutators for GeoJSON: parse, change the structure, re-serialize (plus the text mutators). */
export const GEOJSON_MUTATORS: readonly Mutator[] = [
  {
    name: 'json-structure',
    mutate(input, rng) {
      let root: Json;
      try {
        root = JSON.parse(new TextDecoder().decode(input)) as Json;
      } catch {
        return null;
      }
      const all = slots(root);
      if (all.length === 0) return null;
      const count = 1 + rng.int(5);
      const labels: string[] = [];
      for (let i = 0; i < count; i++) {
        const s = rng.pick(all);
        const v = hostileValue(rng);
        if (Array.isArray(s.parent)) s.parent[s.key as number] = v;
        else if (rng.chance(0.2)) delete s.parent[s.key as string];
        else s.parent[s.key as string] = v;
        labels.push(`${String(s.key)}=${JSON.stringify(v)?.slice(0, 24) ?? 'undefined'}`);
      }
      return { label: `json ${labels.join(', ')}`, bytes: serialize(root) };
    },
  },
  {
    name: 'json-many-features',
    mutate(input, rng) {
      let root: { features?: unknown[] };
      try {
        root = JSON.parse(new TextDecoder().decode(input)) as { features?: unknown[] };
      } catch {
        return null;
      }
      if (!Array.isArray(root.features) || root.features.length === 0) return null;
      const times = rng.pick([200, 2_000]);
      root.features = Array.from({ length: times }, () => root.features).flat();
      return { label: `features repeated x${times}`, bytes: strToU8(JSON.stringify(root)) };
    },
  },
];

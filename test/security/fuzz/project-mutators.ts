/**
 * Mutators that understand the `.spiproj` container (a zip with a manifest of SHA-256 hashes).
 * Plain byte mutations mostly stop at the hash check; these also reach the inner parsers
 * (JSON, zod schemas, Parquet, GeoJSON) by re-sealing a mutated part with a correct hash, and
 * attack the zip layer itself: path traversal names, links, bombs, lying size fields.
 */
import { createHash } from 'node:crypto';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { Rng } from '../../../shared/base/random';
import { encryptProjectBytes } from '../../../shared/domain/project/encryption';
import { BYTE_MUTATORS, type Mutation, type Mutator } from './mutators';

/** The passphrase of the encrypted cases; the project target opens every case with it. */
export const FUZZ_PASSPHRASE = 'fuzz';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Re-zips `files`, recomputing every manifest part's hash and size (so parts pass the check). */
function reseal(files: Record<string, Uint8Array>, keepManifest = false): Uint8Array {
  const manifestBytes = files['manifest.json'];
  if (!keepManifest && manifestBytes) {
    try {
      const manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as { parts?: { path: string; sha256: string; bytes: number }[] };
      for (const part of manifest.parts ?? []) {
        const b = files[part.path];
        if (b) {
          part.sha256 = sha256(b);
          part.bytes = b.length;
        }
      }
      files['manifest.json'] = strToU8(JSON.stringify(manifest));
    } catch {
      // an unparseable manifest stays as it is
    }
  }
  const zippable: Zippable = {};
  for (const [name, bytes] of Object.entries(files)) zippable[name] = [bytes, { level: 1 }];
  return zipSync(zippable);
}

function unzip(input: Uint8Array): Record<string, Uint8Array> | null {
  try {
    return unzipSync(input);
  } catch {
    return null; // the seed is an encrypted envelope or otherwise not a plain zip
  }
}

/**
 * Caches a mutation that depends only on its input and a small key (a zip with 10,001 entries
 * takes half a second to build): the runner reuses it across cases of the same seed input.
 */
function cached<V>(compute: (input: Uint8Array, key: string) => V): (input: Uint8Array, key: string) => V {
  const byInput = new WeakMap<Uint8Array, Map<string, V>>();
  return (input, key) => {
    let byKey = byInput.get(input);
    if (!byKey) byInput.set(input, (byKey = new Map()));
    if (!byKey.has(key)) byKey.set(key, compute(input, key));
    return byKey.get(key)!;
  };
}

const encryptedEnvelope = cached((input) => encryptProjectBytes(input, FUZZ_PASSPHRASE));

const bombZip = cached((input, key) => {
  const files = unzip(input);
  if (!files) return null;
  files[`docs/bomb-${key}.json`] = new Uint8Array(Number(key) * 1024 * 1024).fill(0x20);
  const zippable: Zippable = {};
  for (const [name, bytes] of Object.entries(files)) zippable[name] = [bytes, { level: 9 }];
  return zipSync(zippable);
});

const manyEntriesZip = cached((input, key) => {
  const files = unzip(input);
  if (!files) return null;
  for (let i = 0; i < Number(key); i++) files[`docs/e${i}.json`] = new Uint8Array(0);
  return reseal(files, true);
});

/** JSON values built to hurt a parser or a schema: depth, size, wrong types, prototype keys. */
const hostileJson = (rng: Rng): { label: string; text: string } => hostileJsonOf(String(rng.int(6)), rng.int(3));

/** Hostile JSON number `kind` (0-5), `size` (0-2) picking among the sizes; cached: some take a while. */
const hostileJsonCache = new Map<string, { label: string; text: string }>();
function hostileJsonOf(kind: string, size: number): { label: string; text: string } {
  const key = `${kind}/${size}`;
  if (!hostileJsonCache.has(key)) hostileJsonCache.set(key, buildHostileJson(Number(kind), size));
  return hostileJsonCache.get(key)!;
}

function buildHostileJson(kind: number, size: number): { label: string; text: string } {
  switch (kind) {
    case 0: {
      const depth = [1_000, 100_000, 1_000_000][size]!;
      return { label: `nesting depth ${depth}`, text: '['.repeat(depth) + ']'.repeat(depth) };
    }
    case 1:
      return { label: 'an 8 MB string', text: JSON.stringify({ title: 'x'.repeat(8 * 1024 * 1024) }) };
    case 2:
      return { label: '__proto__ / constructor keys', text: '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"id":"x"}' };
    case 3:
      return { label: 'wrong types', text: JSON.stringify({ id: 42, name: ['a'], rows: '12', kind: null, parts: 'all', features: -1 }) };
    case 4:
      return { label: '200,000 keys', text: JSON.stringify(Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`k${i}`, i]))) };
    default:
      return { label: 'numbers at the limits', text: JSON.stringify({ rows: 1e308, bytes: -0, formatVersion: 2 ** 53 + 1, features: Number.MAX_SAFE_INTEGER }) };
  }
}

/** Central-directory entries of a zip: offset of each record and of its name. */
function centralEntries(bytes: Uint8Array): { at: number; nameLength: number; localAt: number }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: { at: number; nameLength: number; localAt: number }[] = [];
  for (let p = bytes.length - 22; p >= 0; p--) {
    if (view.getUint32(p, true) !== 0x06054b50) continue;
    let q = view.getUint32(p + 16, true);
    const count = view.getUint16(p + 10, true);
    for (let i = 0; i < count && q + 46 <= bytes.length && view.getUint32(q, true) === 0x02014b50; i++) {
      const nameLength = view.getUint16(q + 28, true);
      out.push({ at: q, nameLength, localAt: view.getUint32(q + 42, true) });
      q += 46 + nameLength + view.getUint16(q + 30, true) + view.getUint16(q + 32, true);
    }
    break;
  }
  return out;
}

const TRAVERSAL_NAMES = ['../evil.json', '../../../../tmp/evil.json', '/etc/evil.json', 'C:/Windows/evil.dll', 'docs\\..\\..\\evil.json', 'docs/./x.json', 'docs/\u0000.json', `${'a/'.repeat(2000)}x.json`];

/** Mutators for `.spiproj` bytes (plain zip seeds). */
export const PROJECT_MUTATORS: readonly Mutator[] = [
  {
    name: 'encrypted',
    async mutate(input, rng) {
      const envelope = await encryptedEnvelope(input, '');
      if (rng.chance(0.2)) return { label: 'encrypted, intact', bytes: envelope };
      const headerEnd = envelope.indexOf(0x0a, 8);
      if (rng.chance(0.5)) {
        // Damage the header line only: its JSON, its fields, its length.
        const header = envelope.subarray(0, headerEnd + 1);
        const inner = BYTE_MUTATORS[rng.int(BYTE_MUTATORS.length)]!.mutate(header, rng) as Mutation | null;
        if (!inner) return null;
        const out = new Uint8Array(inner.bytes.length + envelope.length - header.length);
        out.set(inner.bytes);
        out.set(envelope.subarray(headerEnd + 1), inner.bytes.length);
        return { label: `encrypted, header: ${inner.label}`, bytes: out };
      }
      const inner = BYTE_MUTATORS[rng.int(BYTE_MUTATORS.length)]!.mutate(envelope, rng) as Mutation | null;
      return inner ? { label: `encrypted: ${inner.label}`, bytes: inner.bytes } : null;
    },
  },
  {
    name: 'resealed-part',
    mutate(input, rng) {
      const files = unzip(input);
      if (!files) return null;
      const names = Object.keys(files).filter((n) => n !== 'manifest.json');
      const name = rng.pick(names);
      const inner = BYTE_MUTATORS[rng.int(BYTE_MUTATORS.length)]!.mutate(files[name]!, rng) as Mutation | null;
      if (!inner) return null;
      files[name] = inner.bytes;
      return { label: `${name}: ${inner.label}, re-sealed`, bytes: reseal(files) };
    },
  },
  {
    name: 'hostile-json',
    mutate(input, rng) {
      const files = unzip(input);
      if (!files) return null;
      const name = rng.pick(Object.keys(files).filter((n) => /\.(json|geojson)$/.test(n)));
      const { label, text } = hostileJson(rng);
      files[name] = strToU8(text);
      return { label: `${name}: ${label}${name === 'manifest.json' ? '' : ', re-sealed'}`, bytes: reseal(files) };
    },
  },
  {
    name: 'entry-name',
    mutate(input, rng) {
      const files = unzip(input);
      if (!files) return null;
      const evil = rng.pick(TRAVERSAL_NAMES);
      const victim = rng.pick(Object.keys(files));
      files[evil] = files[victim]!;
      if (rng.chance(0.5)) delete files[victim];
      return { label: `entry named ${JSON.stringify(evil.slice(0, 40))}`, bytes: reseal(files, true) };
    },
  },
  {
    name: 'zip-bomb',
    mutate(input, rng) {
      const mib = rng.pick([2, 16]);
      const bytes = bombZip(input, String(mib));
      return bytes ? { label: `a ${mib} MiB entry deflated to a few KiB`, bytes } : null;
    },
  },
  {
    name: 'many-entries',
    mutate(input) {
      const n = 10_001; // one past DEFAULT_ZIP_LIMITS.maxEntries
      const bytes = manyEntriesZip(input, String(n));
      return bytes ? { label: `${n} extra entries`, bytes } : null;
    },
  },
  {
    name: 'header-fields',
    mutate(input, rng) {
      const entries = centralEntries(input);
      if (entries.length === 0) return null;
      const out = input.slice();
      const view = new DataView(out.buffer);
      const e = rng.pick(entries);
      const fields = [
        ['uncompressed size', e.at + 24, 4],
        ['compressed size', e.at + 20, 4],
        ['local header offset', e.at + 42, 4],
        ['method', e.at + 10, 2],
        ['flags', e.at + 8, 2],
        ['name length', e.at + 28, 2],
        ['external attributes (symlink)', e.at + 38, 4],
        ['local name length', e.localAt + 26, 2],
        ['local compressed size', e.localAt + 18, 4],
      ] as const;
      const [label, at, width] = rng.pick(fields);
      if (at + width > out.length) return null;
      const value = label.includes('symlink') ? (0o120777 << 16) >>> 0 : rng.pick([0, 1, 0xffff, 0x7fffffff, 0xffffffff, rng.uint32()]);
      if (width === 4) view.setUint32(at, value >>> 0, true);
      else view.setUint16(at, value & 0xffff, true);
      return { label: `${label} of an entry set to ${value >>> 0}`, bytes: out };
    },
  },
];

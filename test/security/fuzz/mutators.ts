/**
 * Seeded mutations of valid input files for the fuzz harness (bench/fuzz.ts, fuzz.test.ts).
 * Every mutator is a pure function of (bytes, rng): the same seed gives the same case, so any
 * failure is reproduced from its (target, case index, seed) alone.
 */
import type { Rng } from '../../../shared/base/random';

/** One mutation: a label for the report and the mutated bytes. */
export interface Mutation {
  label: string;
  bytes: Uint8Array;
}

/** A named mutator. May return null when it does not apply to this input (the harness retries). */
export interface Mutator {
  name: string;
  mutate(input: Uint8Array, rng: Rng): Mutation | null | Promise<Mutation | null>;
}

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** Random bytes of length n. */
function randomBytes(rng: Rng, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.int(256);
  return out;
}

/** Byte sequences that are not valid UTF-8, and a few that are valid but hostile. */
export const INVALID_UTF8: readonly (readonly number[])[] = [
  [0xff],
  [0xc3, 0x28], // bad continuation
  [0xe2, 0x82], // truncated 3-byte sequence
  [0xed, 0xa0, 0x80], // UTF-16 surrogate encoded in UTF-8
  [0xc0, 0xaf], // overlong '/'
  [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
  [0xef, 0xbb, 0xbf], // a BOM in the middle
  [0x00], // NUL
];

/** Mutators that know nothing about the format: they work on any file. */
export const BYTE_MUTATORS: readonly Mutator[] = [
  {
    name: 'bit-flip',
    mutate(input, rng) {
      if (input.length === 0) return null;
      const out = input.slice();
      const flips = 1 + rng.int(8);
      for (let i = 0; i < flips; i++) out[rng.int(out.length)]! ^= 1 << rng.int(8);
      return { label: `bit-flip x${flips}`, bytes: out };
    },
  },
  {
    name: 'byte-insert',
    mutate(input, rng) {
      const at = rng.int(input.length + 1);
      const n = 1 + rng.int(64);
      return { label: `insert ${n} random bytes at ${at}`, bytes: concat(input.subarray(0, at), randomBytes(rng, n), input.subarray(at)) };
    },
  },
  {
    name: 'byte-delete',
    mutate(input, rng) {
      if (input.length < 2) return null;
      const at = rng.int(input.length);
      const n = 1 + rng.int(Math.min(256, input.length - at));
      return { label: `delete ${n} bytes at ${at}`, bytes: concat(input.subarray(0, at), input.subarray(at + n)) };
    },
  },
  {
    name: 'truncate',
    mutate(input, rng) {
      if (input.length === 0) return null;
      const at = rng.int(input.length);
      return { label: `truncate to ${at} of ${input.length} bytes`, bytes: input.slice(0, at) };
    },
  },
  {
    name: 'duplicate-chunk',
    mutate(input, rng) {
      if (input.length === 0) return null;
      const from = rng.int(input.length);
      const n = 1 + rng.int(Math.min(4096, input.length - from));
      const at = rng.int(input.length + 1);
      const times = 1 + rng.int(rng.chance(0.2) ? 500 : 4);
      const chunk = input.subarray(from, from + n);
      return { label: `duplicate ${n} bytes from ${from} x${times} at ${at}`, bytes: concat(input.subarray(0, at), ...Array<Uint8Array>(times).fill(chunk), input.subarray(at)) };
    },
  },
  {
    name: 'huge-field',
    mutate(input, rng) {
      const at = rng.int(input.length + 1);
      const n = rng.pick([65_536, 1_048_576, 4_194_304]);
      const fill = rng.pick([0x41, 0x22, 0x2c, 0x0a, 0x7b, 0x5b]); // A " , \n { [
      return { label: `insert ${n} x 0x${fill.toString(16)} at ${at}`, bytes: concat(input.subarray(0, at), new Uint8Array(n).fill(fill), input.subarray(at)) };
    },
  },
  {
    name: 'invalid-utf8',
    mutate(input, rng) {
      const seq = Uint8Array.from(rng.pick(INVALID_UTF8));
      const count = 1 + rng.int(4);
      let out = input;
      for (let i = 0; i < count; i++) {
        const at = rng.int(out.length + 1);
        out = rng.chance(0.5) || out.length < seq.length
          ? concat(out.subarray(0, at), seq, out.subarray(at))
          : concat(out.subarray(0, Math.min(at, out.length - seq.length)), seq, out.subarray(Math.min(at, out.length - seq.length) + seq.length));
      }
      return { label: `invalid UTF-8 [${[...seq].map((b) => b.toString(16)).join(' ')}] x${count}`, bytes: out };
    },
  },
];

/**
 * Text-structure mutators for delimited text (CSV/TSV): stray quotes, delimiters and line ends,
 * a header with thousands of columns, very long lines, mixed line endings.
 */
export const TEXT_MUTATORS: readonly Mutator[] = [
  {
    name: 'stray-syntax',
    mutate(input, rng) {
      const tokens = ['"', '""', ',', ';', '\t', '|', '\r', '\n', '\r\n', '\\', "'", '"\n"'];
      let out = input;
      const count = 1 + rng.int(12);
      for (let i = 0; i < count; i++) {
        const at = rng.int(out.length + 1);
        out = concat(out.subarray(0, at), new TextEncoder().encode(rng.pick(tokens)), out.subarray(at));
      }
      return { label: `insert ${count} quote/delimiter/newline tokens`, bytes: out };
    },
  },
  {
    name: 'many-columns',
    mutate(input, rng) {
      const n = rng.pick([1_000, 10_000, 50_000]);
      const header = Array.from({ length: n }, (_, i) => `c${i}`).join(',');
      const firstLine = input.indexOf(0x0a);
      const rest = firstLine < 0 ? new Uint8Array(0) : input.subarray(firstLine);
      return { label: `header with ${n} columns`, bytes: concat(new TextEncoder().encode(header), rest) };
    },
  },
  {
    name: 'many-rows',
    mutate(input, rng) {
      const firstLine = input.indexOf(0x0a);
      if (firstLine < 0) return null;
      const second = input.indexOf(0x0a, firstLine + 1);
      const row = input.subarray(firstLine + 1, second < 0 ? input.length : second + 1);
      const times = rng.pick([10_000, 100_000]);
      return { label: `repeat a data row x${times}`, bytes: concat(input, ...Array<Uint8Array>(times).fill(row)) };
    },
  },
  {
    name: 'line-endings',
    mutate(input, rng) {
      const mode = rng.pick(['cr', 'crlf', 'mixed']);
      const text = new TextDecoder().decode(input).replace(/\r?\n/g, () => (mode === 'cr' ? '\r' : mode === 'crlf' ? '\r\n' : rng.pick(['\r', '\n', '\r\n'])));
      return { label: `line endings: ${mode}`, bytes: new TextEncoder().encode(text) };
    },
  },
];

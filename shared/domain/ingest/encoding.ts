/**
 * Text encodings of RMS exports. DuckDB reads UTF-8 only, so anything else is transcoded to
 * UTF-8 bytes first (chunk by chunk: the file never exists as one JS string). The same pass can
 * normalize line ends, which DuckDB's strict CSV parser needs to be consistent.
 */

/** Encodings the workbench reads. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/**
 * Detects the encoding from the first bytes:
 * - BOM EF BB BF -> utf-8-bom; FF FE -> utf-16le; FE FF -> utf-16be;
 * - bytes that are valid UTF-8 (a multi-byte sequence cut at the end of `head` is forgiven)
 *   -> utf-8;
 * - otherwise windows-1252 (the Excel "CSV" default on US Windows), which maps every byte.
 */
export function detectEncoding(head: Uint8Array): TextEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return isValidUtf8(head) ? 'utf-8' : 'windows-1252';
}

function isValidUtf8(b: Uint8Array): boolean {
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (need < 0) return false;
    for (let k = 1; k <= need; k++) {
      if (i + k >= b.length) return true; // a sequence cut by the head's end
      if (((b[i + k] as number) & 0xc0) !== 0x80) return false;
    }
    i += need + 1;
  }
  return true;
}

/** Windows-1252 code points for bytes 0x80-0x9F (the rest equal Latin-1). Undefined bytes map to themselves. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

/** Whether the text (first bytes) mixes line-end styles (CRLF with bare LF or bare CR), which DuckDB's strict parser rejects. */
export function hasMixedLineEnds(head: Uint8Array): boolean {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head[i];
    if (c === 0x0d) {
      if (head[i + 1] === 0x0a) {
        crlf++;
        i++;
      } else if (i + 1 < head.length) cr++;
    } else if (c === 0x0a) lf++;
  }
  return [crlf, lf, cr].filter((n) => n > 0).length > 1;
}

/**
 * Transcodes `chunks` in `encoding` to UTF-8 bytes, without a BOM. With `normalizeLineEnds`,
 * every CRLF and bare CR becomes LF (also inside quoted fields: an embedded line break survives,
 * as LF). Returns one buffer (the engine needs the whole file registered), at most `maxBytes`
 * long: past it, `undefined` (the caller reports the file as too large).
 */
export async function transcodeToUtf8(
  chunks: AsyncIterable<Uint8Array>,
  encoding: TextEncoding,
  options: { normalizeLineEnds: boolean; maxBytes: number },
): Promise<Uint8Array | undefined> {
  const parts: Uint8Array[] = [];
  let total = 0;
  const encoder = new TextEncoder();
  const decoder = encoding === 'utf-16le' || encoding === 'utf-16be' ? new TextDecoder(encoding) : encoding === 'windows-1252' ? undefined : new TextDecoder('utf-8');
  let first = true;
  let pendingCr = false;
  for await (const chunk of chunks) {
    let bytes: Uint8Array;
    if (decoder) {
      let text = decoder.decode(chunk, { stream: true });
      if (first) text = text.replace(/^\uFEFF/, '');
      bytes = encoder.encode(text);
    } else {
      bytes = cp1252ToUtf8(chunk);
    }
    first = false;
    if (options.normalizeLineEnds) {
      const r = normalizeEols(bytes, pendingCr);
      bytes = r.bytes;
      pendingCr = r.pendingCr;
    }
    total += bytes.length;
    if (total > options.maxBytes) return undefined;
    parts.push(bytes);
  }
  if (decoder) {
    const rest = encoder.encode(decoder.decode());
    if (rest.length > 0) parts.push(rest);
    total += rest.length;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function cp1252ToUtf8(chunk: Uint8Array): Uint8Array {
  const out = new Uint8Array(chunk.length * 3);
  let o = 0;
  for (let i = 0; i < chunk.length; i++) {
    const b = chunk[i] as number;
    const cp = b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b - 0x80] as number) : b;
    if (cp < 0x80) out[o++] = cp;
    else if (cp < 0x800) {
      out[o++] = 0xc0 | (cp >> 6);
      out[o++] = 0x80 | (cp & 0x3f);
    } else {
      out[o++] = 0xe0 | (cp >> 12);
      out[o++] = 0x80 | ((cp >> 6) & 0x3f);
      out[o++] = 0x80 | (cp & 0x3f);
    }
  }
  return out.subarray(0, o);
}

/** CRLF and bare CR -> LF. `pendingCr`: the previous chunk ended in CR (so a leading LF here is its pair). */
function normalizeEols(b: Uint8Array, pendingCr: boolean): { bytes: Uint8Array; pendingCr: boolean } {
  const out = new Uint8Array(b.length);
  let o = 0;
  let i = 0;
  if (pendingCr && b[0] === 0x0a) i = 1;
  for (; i < b.length; i++) {
    const c = b[i] as number;
    if (c === 0x0d) {
      out[o++] = 0x0a;
      if (b[i + 1] === 0x0a) i++;
    } else out[o++] = c;
  }
  return { bytes: out.subarray(0, o), pendingCr: b[b.length - 1] === 0x0d };
}

/** Decodes the first bytes for preview and header parsing (BOM removed). */
export function decodeHead(head: Uint8Array, encoding: TextEncoding): string {
  if (encoding === 'windows-1252') return new TextDecoder('utf-8').decode(cp1252ToUtf8(head));
  const text = new TextDecoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding).decode(head);
  return text.replace(/^\uFEFF/, '');
}

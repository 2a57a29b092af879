/**
 * What a file's first bytes say it is. Extensions lie (a binary renamed `.csv` is a classic), so
 * the content decides; the extension only breaks ties between text formats.
 */
export type SniffedFormat =
  | { format: 'csv'; delimiter: ',' | '\t' | '|' | ';' }
  | { format: 'parquet' }
  | { format: 'xlsx' }
  | { format: 'geojson' }
  | { format: 'zip' }
  | { format: 'empty' }
  | { format: 'binary'; reason: string };

/**
 * Sniffs `head` (the first bytes of a file, 64 KiB is plenty).
 * - `PAR1` magic -> parquet; `PK\x03\x04` -> xlsx when the name ends in .xlsx, else zip;
 * - a UTF-16 byte order mark -> CSV (the text is decoded to find the delimiter; the import
 *   transcodes it to UTF-8);
 * - a NUL byte in the head -> binary (CSV never contains NUL; UTF-16 without a BOM lands here);
 * - text whose first non-space character is `{` -> geojson;
 * - otherwise CSV, with the delimiter that occurs most consistently across the first lines.
 */
export function sniffFormat(fileName: string, head: Uint8Array): SniffedFormat {
  if (head.length === 0) return { format: 'empty' };
  if (head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31) return { format: 'parquet' };
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    return /\.xlsx$/i.test(fileName) ? { format: 'xlsx' } : { format: 'zip' };
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    const text = new TextDecoder(head[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(head.subarray(0, head.length - (head.length % 2))).replace(/^\uFEFF/, '');
    if (text.trim() === '') return { format: 'empty' };
    return { format: 'csv', delimiter: guessDelimiter(text.trimStart()) };
  }
  const nul = head.indexOf(0);
  if (nul >= 0) return { format: 'binary', reason: `byte ${nul} is a NUL character, which text files never contain` };
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(0, Math.min(head.length, 65536)));
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed === '') return { format: 'empty' };
  if (trimmed.startsWith('{')) return { format: 'geojson' };
  const controls = countControlCharacters(text);
  if (controls > text.length * 0.05) {
    return { format: 'binary', reason: `${controls} control characters in the first ${text.length} characters` };
  }
  return { format: 'csv', delimiter: guessDelimiter(trimmed) };
}

function countControlCharacters(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) n++;
  }
  return n;
}

/** The candidate whose per-line count is non-zero and most often equal to the header's count. */
function guessDelimiter(text: string): ',' | '\t' | '|' | ';' {
  const lines = text.split(/\r?\n/).slice(0, 20).filter((l) => l.length > 0);
  const candidates = [',', '\t', '|', ';'] as const;
  let best: (typeof candidates)[number] = ',';
  let bestScore = -1;
  for (const d of candidates) {
    const counts = lines.map((l) => l.split(d).length - 1);
    const header = counts[0] ?? 0;
    if (header === 0) continue;
    const score = counts.filter((c) => c === header).length * 1000 + header;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

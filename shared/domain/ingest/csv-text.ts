/**
 * A small RFC 4180 reader for the first part of a delimited text file: the header, and preview
 * rows for the import dialog and for guessing column roles. The full file is read by DuckDB;
 * this only sees the first 64 KiB or so, so the last record may be cut (it is dropped).
 */

/**
 * Records of `text` (fields unquoted; `""` -> `"`), at most `maxRecords`. Blank lines are
 * skipped, as DuckDB skips them. `dropIncompleteLast`: the text was cut from a longer file, so a
 * last record without a line end is dropped.
 */
export function parseDelimited(text: string, delimiter: string, maxRecords = Number.POSITIVE_INFINITY, dropIncompleteLast = true): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let inQuotes = false;
  let quotedField = false;
  let i = 0;
  const n = text.length;
  const endRecord = () => {
    record.push(field);
    if (!(record.length === 1 && record[0] === '' && !quotedField)) records.push(record);
    record = [];
    field = '';
    quotedField = false;
  };
  while (i < n && records.length < maxRecords) {
    const c = text[i] as string;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      inQuotes = true;
      quotedField = true;
      i++;
    } else if (c === delimiter) {
      record.push(field);
      field = '';
      quotedField = false;
      i++;
    } else if (c === '\n' || c === '\r') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (records.length < maxRecords && (field !== '' || record.length > 0)) {
    if (!dropIncompleteLast && !inQuotes) endRecord();
  }
  return records;
}

/**
 * Unique, non-empty column names from a header row, as the raw table will use them:
 * trimmed; an empty name becomes `column_N` (N = 1-based position); a repeated name (compared
 * case-insensitively, as DuckDB compares identifiers) gets `_2`, `_3`, ... appended.
 */
export function uniqueColumnNames(header: readonly string[]): string[] {
  const seen = new Set<string>();
  return header.map((raw, i) => {
    const base = raw.trim() === '' ? `column_${i + 1}` : raw.trim();
    let name = base;
    for (let k = 2; seen.has(name.toLowerCase()); k++) name = `${base}_${k}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

/**
 * The header record of the head text; `undefined` when there is none. `isWholeFile`: the head is
 * the entire file, so a last line without a line end is complete.
 */
export function headerOf(text: string, delimiter: string, isWholeFile: boolean): string[] | undefined {
  return parseDelimited(text, delimiter, 1, !isWholeFile)[0];
}

/**
 * Helpers for the sample-city tests: a small RFC 4180 parser (independent of the generator's
 * writer, so the writer is really checked), an FNV-1a hash over file chunks, and a per-worker
 * cache of the default city and its files.
 */
import { generateSampleCity, toSampleFiles } from '../../../../shared/domain/sample/index';
import type { SampleCity, SampleFile, SampleOptions } from '../../../../shared/domain/sample/index';

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF) into rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** 32-bit FNV-1a over the UTF-16 code units of every chunk of every file, as 8 hex digits. */
export function hashFiles(files: readonly SampleFile[]): string {
  let h = 0x811c9dc5;
  for (const f of files) {
    for (const chunk of [f.name, ...f.chunks()]) {
      for (let i = 0; i < chunk.length; i++) {
        h ^= chunk.charCodeAt(i);
        h = Math.imul(h, 0x01000193);
      }
    }
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Full text of one export file. */
export function fileText(files: readonly SampleFile[], name: string): string {
  const f = files.find((x) => x.name === name);
  if (!f) throw new Error(`no file ${name}`);
  return [...f.chunks()].join('');
}

/** A parsed CSV with header-name access. */
export interface Table {
  header: string[];
  rows: string[][];
  col(name: string): number;
}

export function parseTable(text: string): Table {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new Error('empty CSV');
  return {
    header,
    rows,
    col(name: string): number {
      const i = header.indexOf(name);
      if (i < 0) throw new Error(`no column ${name}`);
      return i;
    },
  };
}

const cache = new Map<string, { city: SampleCity; files: SampleFile[] }>();

/** The city for `options` (default options if omitted), generated once per test worker. */
export function sampleFixture(options: SampleOptions = {}): { city: SampleCity; files: SampleFile[] } {
  const key = JSON.stringify(options);
  let hit = cache.get(key);
  if (!hit) {
    const city = generateSampleCity(options);
    hit = { city, files: toSampleFiles(city) };
    cache.set(key, hit);
  }
  return hit;
}

/** Minutes since midnight of a "YYYY-MM-DD HH:MM" or "M/D/YYYY h:mm AM" date-time, with its date. */
export function parseExportDate(s: string): { ms: number; minuteOfDay: number } {
  let m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(s);
  if (m) {
    const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
    return { ms, minuteOfDay: +m[4]! * 60 + +m[5]! };
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}) (AM|PM)$/.exec(s);
  if (!m) throw new Error(`unparseable date "${s}"`);
  const h = (+m[4]! % 12) + (m[6] === 'PM' ? 12 : 0);
  return { ms: Date.UTC(+m[3]!, +m[1]! - 1, +m[2]!, h, +m[5]!), minuteOfDay: h * 60 + +m[5]! };
}

/**
 * Rows that fail `check` (which returns an error text or undefined), at most 5: per-row
 * `expect` calls cost microseconds each, far too slow for 100,000-row files.
 */
export function failures<T>(items: Iterable<T>, check: (item: T, index: number) => string | undefined): string[] {
  const out: string[] = [];
  let i = 0;
  for (const item of items) {
    const problem = check(item, i++);
    if (problem !== undefined && out.length < 5) out.push(`#${i - 1}: ${problem}`);
  }
  return out;
}

/**
 * The target list as one flat table (header + rows of text and numbers), shared by every
 * export so CSV, XLSX, GeoJSON, KML and GPX carry the same rows. Small counts are suppressed
 * here under the privacy profile ("<k"), text is cleaned of characters no file format can hold,
 * and cells that a spreadsheet would run as a formula are neutralized.
 */
import { suppressCount } from '../../privacy/apply';
import { formatWindow } from './aoristic';
import { formatVisit } from './dosage';
import type { TargetList, TargetRow } from './build';
import { formatStreet } from './streets';

/** A cell of the flat table. */
export type TargetCell = string | number;

/** Longest text cell kept (Excel's limit is 32,767 characters); longer text ends in "…". */
export const MAX_TEXT_LENGTH = 32_000;

/** Characters that make a spreadsheet read a text cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

// C0/C1 controls except tab, LF and CR; U+FFFE/U+FFFF; lone surrogates: none is valid in XML 1.0
// (KML, GPX, XLSX) and a NUL truncates text in many tools.
// eslint-disable-next-line no-control-regex
const BAD_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text safe for every export: forbidden control characters and lone surrogates removed, at
 * most {@link MAX_TEXT_LENGTH} characters (never cutting a surrogate pair).
 */
export function cleanText(s: string): string {
  let t = s.replace(BAD_CHARS, '');
  if (t.length > MAX_TEXT_LENGTH) {
    let cut = MAX_TEXT_LENGTH - 1;
    if (/[\uD800-\uDBFF]/.test(t[cut - 1]!)) cut--;
    t = `${t.slice(0, cut)}…`;
  }
  return t;
}

/**
 * A text cell a spreadsheet can never run: one starting with = + - @ tab or CR gets a leading
 * apostrophe (the OWASP advice; Excel shows the text as typed).
 */
export function neutralizeFormula(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

/** A text cell as every tabular export writes it: cleaned, then neutralized. */
export function safeText(s: string): string {
  return neutralizeFormula(cleanText(s));
}

const round = (v: number, digits: number) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : '');

/** The column names, in order (group count columns are "count_<group>"). */
export function targetHeader(list: TargetList): string[] {
  return [
    'rank',
    'id',
    'name',
    'centre_lon',
    'centre_lat',
    'centre_x',
    'centre_y',
    'area_m2',
    'nearest_street',
    'cross_streets',
    'top_addresses',
    'incidents',
    ...list.groups.map((g) => `count_${g}`),
    'peak_days',
    'peak_hours',
    'patrol_windows',
    'dosage_plan',
    'privacy',
  ].map(safeText);
}

/** One area as a row of the flat table (aligned with {@link targetHeader}). */
export function targetCells(list: TargetList, r: TargetRow): TargetCell[] {
  const k = list.profile.suppressBelow;
  const count = (n: number) => {
    const v = suppressCount(n, k);
    return typeof v === 'number' ? v : safeText(v);
  };
  const addresses = r.topAddresses.map((a) => `${a.address} (${suppressCount(a.count, k)})`).join('; ');
  return [
    r.rank,
    safeText(r.id),
    safeText(r.name),
    round(r.lon, 6),
    round(r.lat, 6),
    round(r.x, 1),
    round(r.y, 1),
    round(r.areaM2, 0),
    safeText(r.street?.name ?? ''),
    safeText((r.street?.crossStreets ?? []).join(' / ')),
    safeText(addresses),
    count(r.total),
    ...r.byGroup.map(count),
    safeText(r.peakDays.join(', ')),
    safeText(r.peakHours.join(', ')),
    safeText(r.windows.map((w) => `${w.shift}: ${formatWindow(w)}`).join('; ')),
    safeText(r.dosage ? r.dosage.map(formatVisit).join('; ') : ''),
    safeText(list.profile.name),
  ];
}

/** The whole flat table: header and one row per area, rank order. */
export function targetTable(list: TargetList): { header: string[]; rows: TargetCell[][] } {
  return { header: targetHeader(list), rows: list.rows.map((r) => targetCells(list, r)) };
}

/** "E GONZALES AVE between S PRAIRIE RD and S ELM ST" for an area, cleaned (no neutralizing: not a cell). */
export function streetLine(r: TargetRow): string {
  return cleanText(formatStreet(r.street));
}

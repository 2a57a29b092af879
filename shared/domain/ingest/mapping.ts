/**
 * The column mapping: which source column plays which role (case number, offense code, dates,
 * address, coordinates, ...). Detected automatically (detect-mapping.ts), shown and corrected in
 * the import dialog, saved as JSON (`mapping.json`, `--mapping M.json`, templates).
 */
import { z } from '../../base/schema';
import type { AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';

/** Dataset kinds a project holds; the kind steers role detection and which roles matter. */
export const DATASET_KINDS = ['incidents', 'calls', 'arrests', 'field-interviews', 'probation', 'partner', 'hospital', 'facilities'] as const;
export type DatasetKind = (typeof DATASET_KINDS)[number];

/** Column roles. A date/time can come as one column, as a date plus a time column, or as parts. */
export const ROLES = [
  'case_id',
  'offense_code',
  'offense_description',
  'occurred_from',
  'occurred_to',
  'reported_at',
  'occurred_date',
  'occurred_time',
  'occurred_to_date',
  'occurred_to_time',
  'reported_date',
  'reported_time',
  'year',
  'month',
  'day',
  'hour',
  'minute',
  'address',
  'beat',
  'district',
  'lat',
  'lon',
  'x',
  'y',
  // Roles of the other source kinds (calls, arrests, field interviews, probation, hospital,
  // facilities): see ../sources/kinds.ts for their normalized columns.
  'call_type',
  'priority',
  'dispatched_at',
  'arrived_at',
  'cleared_at',
  'disposition',
  'person_id',
  'charge',
  'related_case',
  'category',
  'name',
] as const;
export type Role = (typeof ROLES)[number];

/** Plain-words labels for the import dialog's role dropdowns. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  case_id: 'Case / incident number',
  offense_code: 'Offense code (NIBRS/UCR)',
  offense_description: 'Offense description',
  occurred_from: 'Occurred from (date and time)',
  occurred_to: 'Occurred to (date and time)',
  reported_at: 'Reported (date and time)',
  occurred_date: 'Occurred date (date only)',
  occurred_time: 'Occurred time (time only)',
  occurred_to_date: 'Occurred-to date (date only)',
  occurred_to_time: 'Occurred-to time (time only)',
  reported_date: 'Reported date (date only)',
  reported_time: 'Reported time (time only)',
  year: 'Year',
  month: 'Month',
  day: 'Day of month',
  hour: 'Hour',
  minute: 'Minute',
  address: 'Address / block',
  beat: 'Beat',
  district: 'District / precinct',
  lat: 'Latitude (degrees)',
  lon: 'Longitude (degrees)',
  x: 'X / easting (projected)',
  y: 'Y / northing (projected)',
  call_type: 'Call type (CAD)',
  priority: 'Call priority',
  dispatched_at: 'Dispatched (date and time)',
  arrived_at: 'Arrived on scene (date and time)',
  cleared_at: 'Cleared (date and time)',
  disposition: 'Disposition',
  person_id: 'Person id (arrestee, subject, patient)',
  charge: 'Charge',
  related_case: 'Related case number (the incident a call or arrest belongs to)',
  category: 'Category (contact reason, injury, supervision or facility type)',
  name: 'Name (facility)',
};

export const ColumnMappingSchema = z.object({
  version: z.literal(1),
  kind: z.enum(DATASET_KINDS),
  /** role -> source column name (exactly as in the file's header, after de-duplication). */
  roles: z.partialRecord(z.enum(ROLES), z.string().min(1).max(500)),
  /** CRS of the x/y columns ("EPSG:2276"); omitted: from --crs, a .prj, or the values. */
  crs: z.string().max(100).optional(),
  /** Order of day and month in slash dates: 'mdy' (US, default) or 'dmy'. */
  dateOrder: z.enum(['mdy', 'dmy']).default('mdy'),
});
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

/** Parses mapping JSON text; errors name `file`. */
export function parseColumnMapping(text: string, file: string): Result<ColumnMapping, AppError> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return err({ kind: 'file-format', path: file, reason: `not JSON (${e instanceof Error ? e.message : String(e)})` });
  }
  const parsed = ColumnMappingSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err({ kind: 'file-format', path: file, reason: `not a column mapping: ${issue?.path.join('.') || '(top level)'}: ${issue?.message ?? 'invalid'}` });
  }
  return ok(parsed.data);
}

/**
 * Checks a mapping against a file's columns: every mapped column must exist, date roles must not
 * mix forms (a full date-time column and a date-only column for the same moment), and x/y and
 * lat/lon come in pairs. The error names the role and the column.
 */
export function validateMapping(mapping: ColumnMapping, columns: readonly string[], file: string): Result<ColumnMapping, AppError> {
  const known = new Set(columns);
  for (const [role, column] of Object.entries(mapping.roles)) {
    if (column !== undefined && !known.has(column)) {
      const has = columns.slice(0, 30).join(', ') + (columns.length > 30 ? ', ...' : '');
      return err({ kind: 'file-format', path: file, column, reason: `the mapping gives role ${role} to column "${column}", which the file does not have (its columns: ${has})` });
    }
  }
  const r = mapping.roles;
  const pairs: [Role, Role][] = [
    ['x', 'y'],
    ['lat', 'lon'],
  ];
  for (const [a, b] of pairs) {
    if ((r[a] === undefined) !== (r[b] === undefined)) {
      return err({ kind: 'invalid-argument', name: 'mapping', value: `${a}=${r[a] ?? '(none)'}, ${b}=${r[b] ?? '(none)'}`, expected: `both ${a} and ${b}, or neither` });
    }
  }
  const clashes: [Role, Role][] = [
    ['occurred_from', 'occurred_date'],
    ['occurred_from', 'year'],
    ['occurred_to', 'occurred_to_date'],
    ['reported_at', 'reported_date'],
  ];
  for (const [a, b] of clashes) {
    if (r[a] !== undefined && r[b] !== undefined) {
      return err({ kind: 'invalid-argument', name: 'mapping', value: `${a}=${r[a]}, ${b}=${r[b]}`, expected: `either ${a} or ${b}, not both` });
    }
  }
  return ok(mapping);
}

/** role -> column as column -> role (for the dialog's per-column dropdowns). */
export function rolesByColumn(mapping: ColumnMapping): Map<string, Role> {
  const out = new Map<string, Role>();
  for (const [role, column] of Object.entries(mapping.roles) as [Role, string | undefined][]) if (column !== undefined) out.set(column, role);
  return out;
}

/** A copy of `mapping` with `column` given `role` (or no role: `undefined`); the role's previous column is freed. */
export function withRole(mapping: ColumnMapping, column: string, role: Role | undefined): ColumnMapping {
  const roles: Partial<Record<Role, string>> = {};
  for (const [k, v] of Object.entries(mapping.roles) as [Role, string | undefined][]) {
    if (v !== undefined && v !== column && k !== role) roles[k] = v;
  }
  if (role) roles[role] = column;
  return { ...mapping, roles };
}

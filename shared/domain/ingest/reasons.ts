/**
 * Why a row is quarantined. Each row carries a bit mask of its problems; the first problem in
 * {@link QUARANTINE_REASONS} order is its reason (so counts by reason add up to the rows
 * quarantined), and the detail column lists them all.
 */
import { COORD_DEFAULT, COORD_INVALID, COORD_MISSING, COORD_OUTSIDE, COORD_ZERO } from './coordinates';

export const R_DUPLICATE = 1 << 0;
export const R_GEOMETRY = 1 << 1;
export const R_DATE_MISSING = 1 << 2;
export const R_DATE_UNPARSEABLE = 1 << 3;
export const R_DATE_IMPLAUSIBLE = 1 << 4;

/** Every reason, in precedence order. 'malformed row' records never became rows (no bit). */
export const QUARANTINE_REASONS = [
  'malformed row',
  'duplicate row',
  'invalid geometry',
  'unparseable date',
  'missing date',
  'implausible date',
  'invalid coordinates',
  'missing coordinates',
  'zero coordinates',
  'default location',
  'outside jurisdiction',
] as const;
export type QuarantineReason = (typeof QUARANTINE_REASONS)[number];

/** Reason -> bit ('malformed row' has none: those records are never rows). */
export const REASON_BITS: Readonly<Record<Exclude<QuarantineReason, 'malformed row'>, number>> = {
  'duplicate row': R_DUPLICATE,
  'invalid geometry': R_GEOMETRY,
  'unparseable date': R_DATE_UNPARSEABLE,
  'missing date': R_DATE_MISSING,
  'implausible date': R_DATE_IMPLAUSIBLE,
  'invalid coordinates': COORD_INVALID,
  'missing coordinates': COORD_MISSING,
  'zero coordinates': COORD_ZERO,
  'default location': COORD_DEFAULT,
  'outside jurisdiction': COORD_OUTSIDE,
};

/** All coordinate problem bits. */
export const COORD_BITS = COORD_MISSING | COORD_ZERO | COORD_INVALID | COORD_DEFAULT | COORD_OUTSIDE;

/**
 * Reasons an analyst may accept: the row is loaded anyway, the failed field left NULL (a row
 * without a usable location counts in tables and charts but is not on the map; an accepted
 * 'outside jurisdiction' row keeps its coordinates). Malformed rows cannot be accepted: the
 * parser could not split them into columns.
 */
export const ACCEPTABLE_REASONS: readonly QuarantineReason[] = QUARANTINE_REASONS.filter((r) => r !== 'malformed row');

/** The bit mask of `accepted` reasons. */
export function acceptedMask(accepted: readonly QuarantineReason[]): number {
  let m = 0;
  for (const r of accepted) if (r !== 'malformed row') m |= REASON_BITS[r];
  return m;
}

/** Parses a reason as written on the command line ("missing-coordinates" or "missing coordinates"); undefined when unknown. */
export function parseReason(text: string): QuarantineReason | undefined {
  const t = text.trim().toLowerCase().replace(/[-_]+/g, ' ');
  return QUARANTINE_REASONS.find((r) => r === t);
}

/**
 * SQL: the first reason (in precedence order) of mask expression `mask` among the bits not in
 * `accepted`; NULL when none.
 */
export function primaryReasonSql(mask: string, accepted: number): string {
  const whens = QUARANTINE_REASONS.filter((r): r is Exclude<QuarantineReason, 'malformed row'> => r !== 'malformed row')
    .filter((r) => (REASON_BITS[r] & accepted) === 0)
    .map((r) => `WHEN (${mask} & ${REASON_BITS[r]}) <> 0 THEN '${r}'`);
  return whens.length ? `(CASE ${whens.join(' ')} END)` : 'CAST(NULL AS VARCHAR)';
}

/** SQL: every reason of mask expression `mask`, joined by "; " (accepted ones too). */
export function allReasonsSql(mask: string): string {
  const parts = QUARANTINE_REASONS.filter((r): r is Exclude<QuarantineReason, 'malformed row'> => r !== 'malformed row').map(
    (r) => `CASE WHEN (${mask} & ${REASON_BITS[r]}) <> 0 THEN '${r}' END`,
  );
  return `NULLIF(concat_ws('; ', ${parts.join(', ')}), '')`;
}

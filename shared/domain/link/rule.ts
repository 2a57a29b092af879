/**
 * Link rules: how records of two sources are said to belong together. Written as the CLI's
 * `--by` value and recorded with every saved link set, so a reviewer can re-run it:
 *   case                  same case number (a call's or arrest's related case = an incident's case)
 *   person                same person id (after normalization, see keys.ts)
 *   place:50m,2d          within 50 metres AND within 2 days
 *   place:address,2d      same normalized street address AND within 2 days
 *   place:block,2d        same hundred block (= street segment for block-numbered streets) AND 2 days
 *   place:cell100m,2d     same square cell of 100 m (cells anchored at the CRS origin) AND 2 days
 * Distances take m, km or ft; windows d (days) or h (hours). Both limits are inclusive.
 */
import { err, ok, type Result } from '../../base/result';
import type { AppError } from '../../base/errors';

/** A parsed rule. Distances in metres, windows in days. */
export type LinkRule =
  | { readonly by: 'case' }
  | { readonly by: 'person' }
  | { readonly by: 'place'; readonly match: 'distance' | 'cell'; readonly metres: number; readonly days: number }
  | { readonly by: 'place'; readonly match: 'address' | 'block'; readonly days: number };

const EXPECTED = 'case, person, place:<distance>,<window> (e.g. place:50m,2d), place:address,2d, place:block,2d or place:cell100m,2d';

function bad(text: string): Result<never, AppError> {
  return err({ kind: 'invalid-argument', name: '--by', value: text, expected: EXPECTED });
}

/** "50m", "0.2km", "150ft" -> metres; null if not a positive distance. */
export function parseDistance(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(m|km|ft)$/i.exec(text.trim());
  if (!m) return null;
  const v = Number(m[1]) * ({ m: 1, km: 1000, ft: 0.3048 } as Record<string, number>)[(m[2] as string).toLowerCase()]!;
  return v > 0 && Number.isFinite(v) ? v : null;
}

/** "2d", "36h" -> days; null if not a window >= 0. */
export function parseWindow(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(d|h)$/i.exec(text.trim());
  if (!m) return null;
  const v = Number(m[1]) / ((m[2] as string).toLowerCase() === 'h' ? 24 : 1);
  return Number.isFinite(v) ? v : null;
}

/** Parses a `--by` value (see module comment); the error names the text and the accepted forms. */
export function parseLinkRule(text: string): Result<LinkRule, AppError> {
  const t = text.trim().toLowerCase();
  if (t === 'case') return ok({ by: 'case' });
  if (t === 'person') return ok({ by: 'person' });
  if (!t.startsWith('place:')) return bad(text);
  const parts = t.slice(6).split(',');
  if (parts.length !== 2) return bad(text);
  const days = parseWindow(parts[1] as string);
  if (days === null) return bad(text);
  const where = (parts[0] as string).trim();
  if (where === 'address' || where === 'block') return ok({ by: 'place', match: where, days });
  if (where.startsWith('cell')) {
    const metres = parseDistance(where.slice(4));
    return metres === null ? bad(text) : ok({ by: 'place', match: 'cell', metres, days });
  }
  const metres = parseDistance(where);
  return metres === null ? bad(text) : ok({ by: 'place', match: 'distance', metres, days });
}

/** The rule as `--by` text ("place:50m,2d"), the inverse of {@link parseLinkRule}. */
export function formatLinkRule(rule: LinkRule): string {
  if (rule.by !== 'place') return rule.by;
  const window = Number.isInteger(rule.days) ? `${rule.days}d` : `${Math.round(rule.days * 24 * 100) / 100}h`;
  if (!('metres' in rule)) return `place:${rule.match},${window}`;
  return `place:${rule.match === 'cell' ? 'cell' : ''}${Math.round(rule.metres * 100) / 100}m,${window}`;
}

/** The rule in plain words, for output and the project log. */
export function describeLinkRule(rule: LinkRule): string {
  if (rule.by === 'case') return 'same case number (a record\'s related case, or its own case number, equal after removing spaces, dashes and leading zeros)';
  if (rule.by === 'person') return 'same person id (equal after upper-casing and removing spaces, dashes and leading zeros)';
  const when = `and no more than ${formatDays(rule.days)} apart (dates without a time compare by calendar day)`;
  if (rule.match === 'distance') return `within ${rule.metres} m of each other ${when}; each record links to its closest candidate`;
  if (rule.match === 'cell') return `in the same ${rule.metres} m square cell (cells anchored at the CRS origin) ${when}`;
  return `at the same ${rule.match === 'block' ? 'hundred block' : 'normalized street address'} ${when}`;
}

function formatDays(days: number): string {
  return days < 1 ? `${Math.round(days * 24 * 100) / 100} hours` : `${days} day${days === 1 ? '' : 's'}`;
}

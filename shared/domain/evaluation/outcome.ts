/**
 * The evaluation's outcome: which incidents count (all, an offense group, or a list of NIBRS
 * codes), as a value the CLI and the app share, and as a read-only SQL predicate on the
 * normalized columns (`offense_group`, `offense_code`) of an ingested dataset.
 */
import type { AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';

/** The analysis offense groups of the shipped dictionary. */
export const OUTCOME_GROUPS = ['violent', 'property', 'drugs', 'weapons', 'public-order', 'other'] as const;
export type OutcomeGroup = (typeof OUTCOME_GROUPS)[number];

/** Every incident, one offense group, or a set of offense codes (upper case). */
export type Outcome = { readonly kind: 'all' } | { readonly kind: 'group'; readonly group: OutcomeGroup } | { readonly kind: 'codes'; readonly codes: readonly string[] };

/**
 * Parses `all`, a group name (violent, property, drugs, weapons, public-order, other) or
 * `codes:13A,120` (NIBRS codes of 2-4 letters/digits, case-insensitive). Errors name the option
 * `name` and the bad text (a single bad code is named on its own).
 */
export function parseOutcome(text: string, name = '--outcome'): Result<Outcome, AppError> {
  const t = text.trim();
  if (t === 'all') return ok({ kind: 'all' });
  if ((OUTCOME_GROUPS as readonly string[]).includes(t)) return ok({ kind: 'group', group: t as OutcomeGroup });
  const m = /^codes:(.+)$/i.exec(t);
  if (m) {
    const codes = m[1]!.split(',').map((c) => c.trim());
    for (const c of codes) {
      if (!/^[0-9A-Za-z]{2,4}$/.test(c)) return err({ kind: 'invalid-argument', name, value: c, expected: 'a NIBRS offense code of 2-4 letters or digits, e.g. codes:220,23F' });
    }
    return ok({ kind: 'codes', codes: [...new Set(codes.map((c) => c.toUpperCase()))] });
  }
  return err({ kind: 'invalid-argument', name, value: text, expected: `all, ${OUTCOME_GROUPS.join(', ')} or codes:220,23F` });
}

/** The outcome as a WHERE predicate on the normalized columns; null = every incident. */
export function outcomePredicateSql(o: Outcome): string | null {
  switch (o.kind) {
    case 'all':
      return null;
    case 'group':
      return `offense_group = '${o.group}'`;
    case 'codes':
      // Codes were checked to be [0-9A-Z]{2,4}: safe as literals.
      return `offense_code IN (${o.codes.map((c) => `'${c}'`).join(', ')})`;
  }
}

/** Plain words for headings and the report ("violent offenses", "codes 13A, 120"). */
export function describeOutcome(o: Outcome): string {
  switch (o.kind) {
    case 'all':
      return 'all incidents';
    case 'group':
      return `${o.group} offenses`;
    case 'codes':
      return `offense codes ${o.codes.join(', ')}`;
  }
}

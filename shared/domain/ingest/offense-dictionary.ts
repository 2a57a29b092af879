/**
 * The editable offense dictionary (`resources/dictionaries/nibrs.json`): NIBRS codes -> analysis
 * group and UCR Part I class, plus description keywords for exports that carry only free text
 * ("personal robbery" -> 120). An agency can ship its own file with the same shape.
 */
import { z } from '../../base/schema';
import defaultDictionaryJson from '../../../resources/dictionaries/nibrs.json' with { type: 'json' };
import type { AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';
import { quoteLiteral } from '../../engine/sql';
import { normalizeOffenseCode } from './nibrs';

const GROUPS = ['violent', 'property', 'drugs', 'weapons', 'public-order', 'other'] as const;

export const OffenseDictionarySchema = z.object({
  version: z.literal(1),
  source: z.string().max(2000).optional(),
  offenses: z
    .array(
      z.object({
        code: z.string().min(1).max(20),
        description: z.string().max(200),
        group: z.enum(GROUPS),
        ucrPart1: z.string().max(100).nullable(),
        crimeAgainst: z.enum(['person', 'property', 'society']).optional(),
      }),
    )
    .max(5000),
  /** Ordered: the first pattern found (as whole words) in a normalized description gives the code. */
  keywords: z.array(z.object({ pattern: z.string().min(1).max(200), code: z.string().min(1).max(20) })).max(5000),
});
export type OffenseDictionary = z.infer<typeof OffenseDictionarySchema>;

/** The shipped dictionary (validated at load; a broken resource file is a bug). */
export const DEFAULT_OFFENSE_DICTIONARY: OffenseDictionary = OffenseDictionarySchema.parse(defaultDictionaryJson);

/** Parses an agency's dictionary JSON; errors name `file` and the bad field. */
export function parseOffenseDictionary(text: string, file: string): Result<OffenseDictionary, AppError> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return err({ kind: 'file-format', path: file, reason: `not JSON (${e instanceof Error ? e.message : String(e)})` });
  }
  const parsed = OffenseDictionarySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err({ kind: 'file-format', path: file, reason: `not an offense dictionary: ${issue?.path.join('.') || '(top level)'}: ${issue?.message ?? 'invalid'}` });
  }
  const codes = new Set(parsed.data.offenses.map((o) => normalizeOffenseCode(o.code)));
  const stray = parsed.data.keywords.find((k) => !codes.has(normalizeOffenseCode(k.code)));
  if (stray) return err({ kind: 'file-format', path: file, reason: `keyword "${stray.pattern}" maps to code ${stray.code}, which the dictionary does not define` });
  return ok(parsed.data);
}

/** Lower case, every run of non-letters/digits -> one space, trimmed: "Burglary/Breaking & Entering" -> "burglary breaking entering". */
export function normalizeDescription(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/**
 * The code a free-text description maps to: the first keyword (in dictionary order) that occurs
 * in the normalized description as whole words; undefined when none does.
 */
export function codeForDescription(dictionary: OffenseDictionary, description: string): string | undefined {
  const padded = ` ${normalizeDescription(description)} `;
  for (const k of dictionary.keywords) {
    if (padded.includes(` ${normalizeDescription(k.pattern)} `)) return normalizeOffenseCode(k.code);
  }
  return undefined;
}

/**
 * SQL CASE mapping a normalized code expression to a dictionary field ('group' -> analysis group,
 * 'unmapped' for unknown codes; 'ucr' -> UCR Part I name or NULL; 'description'). DuckDB runs the
 * CASE per row without a join, so the row order of the table is kept (the pipeline relies on it).
 */
export function buildCodeLookupSql(dictionary: OffenseDictionary, codeExpr: string, field: 'group' | 'ucr' | 'description'): string {
  const whens: string[] = [];
  for (const o of dictionary.offenses) {
    const value = field === 'group' ? o.group : field === 'ucr' ? o.ucrPart1 : o.description;
    if (value === null) continue;
    whens.push(`WHEN ${quoteLiteral(normalizeOffenseCode(o.code))} THEN ${quoteLiteral(value)}`);
  }
  const otherwise = field === 'group' ? `CASE WHEN ${codeExpr} IS NULL THEN NULL ELSE 'unmapped' END` : 'NULL';
  if (whens.length === 0) return otherwise;
  return `(CASE ${codeExpr} ${whens.join(' ')} ELSE ${otherwise} END)`;
}

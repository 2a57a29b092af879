/**
 * Privacy profiles: named rules for anything that leaves the agency (a target list sent to a
 * partner, a briefing map shown at a community meeting). A profile says how locations are
 * generalized (addresses to the hundred block, points snapped to a grid of N metres), which
 * offense groups/codes are dropped entirely, and below which count a number is suppressed
 * (shown as "<k"). Profiles are kept in a project as documents `privacy/<name>` and as reusable
 * JSON files of the same shape; the profile used is printed on every export and logged.
 */
import type { AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';
import { z } from '../../base/schema';

/** A profile name: letters, digits, '.', '_' and '-', 1-64 characters (it is a document path). */
export const PROFILE_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** The zod schema of a privacy profile (formatVersion 1), as stored in projects and files. */
export const profileSchema = z.object({
  kind: z.literal('privacy-profile'),
  formatVersion: z.literal(1),
  name: z.string().regex(PROFILE_NAME),
  /** What the profile is for, printed with it ("public web map", "partner X"). */
  description: z.string().max(500).default(''),
  /** 'hundred-block': "1234 MAIN ST" -> "1200 BLOCK MAIN ST"; 'none': addresses unchanged. */
  addresses: z.enum(['none', 'hundred-block']).default('none'),
  /** Points snapped to the centre of a square grid cell this wide (metres), or null = exact. */
  gridM: z.number().positive().max(100_000).nullable().default(null),
  /** Offense groups (e.g. "violent") and codes (e.g. "11A") whose incidents are dropped. */
  dropGroups: z.array(z.string().min(1).max(100)).max(100).default([]),
  dropCodes: z.array(z.string().min(1).max(20)).max(500).default([]),
  /** Counts 1..k-1 are shown as "<k"; 0 or 1 turns suppression off. Zeros are shown. */
  suppressBelow: z.number().int().min(0).max(1000).default(0),
});

/** A privacy profile (the parsed form of {@link profileSchema}). */
export type PrivacyProfile = z.infer<typeof profileSchema>;

/** The profile that changes nothing: internal use, exact locations. */
export const NO_PRIVACY: PrivacyProfile = Object.freeze({
  kind: 'privacy-profile',
  formatVersion: 1,
  name: 'internal',
  description: 'internal use: exact locations and counts',
  addresses: 'none',
  gridM: null,
  dropGroups: [],
  dropCodes: [],
  suppressBelow: 0,
}) as PrivacyProfile;

/**
 * Built-in profiles offered when a project has none: "internal" (nothing changed) and "public"
 * (hundred-block addresses, points on a 100 m grid, counts below 3 suppressed; nothing dropped:
 * an agency adds the offense types it must withhold, e.g. sex offenses).
 */
export const BUILTIN_PROFILES: readonly PrivacyProfile[] = Object.freeze([
  NO_PRIVACY,
  {
    kind: 'privacy-profile',
    formatVersion: 1,
    name: 'public',
    description: 'public release: hundred-block addresses, 100 m grid, small counts suppressed',
    addresses: 'hundred-block',
    gridM: 100,
    dropGroups: [],
    dropCodes: [],
    suppressBelow: 3,
  } as PrivacyProfile,
]);

/** The project document key of a profile: `privacy/<name>`. */
export function privacyDocumentKey(name: string): string {
  return `privacy/${name}`;
}

/**
 * Validates a profile from JSON (a project document or a file's parsed content). `where` names
 * the source in errors, which give the first failing field path and the schema's complaint.
 */
export function parseProfile(value: unknown, where: string): Result<PrivacyProfile, AppError> {
  const parsed = profileSchema.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0]!;
  return err({ kind: 'invalid-argument', name: `${where} at ${issue.path.join('.') || '(root)'}`, value: 'privacy profile', expected: issue.message });
}

/**
 * Finds profile `name` in a project's documents (`privacy/<name>`), else among the built-ins.
 * Errors list the names available.
 */
export function readProfileDocument(documents: Readonly<Record<string, unknown>>, name: string): Result<PrivacyProfile, AppError> {
  const raw = documents[privacyDocumentKey(name)];
  if (raw !== undefined) return parseProfile(raw, privacyDocumentKey(name));
  const builtin = BUILTIN_PROFILES.find((p) => p.name === name);
  if (builtin) return ok(builtin);
  const names = [...listProfileNames(documents)];
  return err({ kind: 'invalid-argument', name: '--privacy', value: name, expected: `a profile name (${names.join(', ')}) or a profile .json file` });
}

/** Names of the project's profiles followed by the built-ins not shadowed by one. */
export function listProfileNames(documents: Readonly<Record<string, unknown>>): string[] {
  const own = Object.keys(documents).filter((k) => k.startsWith('privacy/')).map((k) => k.slice(8)).sort();
  return [...own, ...BUILTIN_PROFILES.map((p) => p.name).filter((n) => !own.includes(n))];
}

/** True when the profile changes nothing (no generalization, drop or suppression). */
export function isNoOpProfile(p: PrivacyProfile): boolean {
  return p.addresses === 'none' && p.gridM === null && p.dropGroups.length === 0 && p.dropCodes.length === 0 && p.suppressBelow <= 1;
}

/**
 * One line stating what the profile does, printed on exports ("Privacy profile "public":
 * addresses generalized to the hundred block; points snapped to a 100 m grid; counts below 3
 * shown as "<3"."). A no-op profile says so plainly.
 */
export function describeProfile(p: PrivacyProfile): string {
  const parts: string[] = [];
  if (p.addresses === 'hundred-block') parts.push('addresses generalized to the hundred block');
  if (p.gridM !== null) parts.push(`points snapped to a ${formatMetres(p.gridM)} grid`);
  if (p.dropGroups.length) parts.push(`offense groups withheld: ${p.dropGroups.join(', ')}`);
  if (p.dropCodes.length) parts.push(`offense codes withheld: ${p.dropCodes.join(', ')}`);
  if (p.suppressBelow > 1) parts.push(`counts below ${p.suppressBelow} shown as "<${p.suppressBelow}"`);
  const what = parts.length ? parts.join('; ') : 'no generalization (exact locations and counts)';
  return `Privacy profile "${p.name}": ${what}.`;
}

function formatMetres(m: number): string {
  return m >= 1000 && m % 1000 === 0 ? `${m / 1000} km` : `${Number(m.toFixed(2))} m`;
}

/** The profile as pretty JSON text, for a reusable file (read back with {@link parseProfile}). */
export function formatProfileJson(p: PrivacyProfile): string {
  return `${JSON.stringify(p, null, 2)}\n`;
}

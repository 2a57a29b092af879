/**
 * A named weighted combination of a project's datasets, as the app keeps it (document
 * `sources/<name>`): the same thing as the CLI's `--source incidents=1,calls=0.25`. The weights
 * go through {@link parseSourceSpec}, so a combination the app accepts is one the CLI accepts,
 * and {@link formatSourceOption} gives the exact `--source` text that re-runs it.
 */
import type { AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';
import { quoteIdent, quoteLiteral } from '../../engine/sql';
import type { LogEntry } from '../project/manifest';
import { parseSourceSpec } from './combine';

/** Combination names: letters, digits, '.', '_' and '-', 1-64 characters (a document path). */
export const COMBINATION_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** The document path prefix of combinations. */
export const COMBINATION_PREFIX = 'sources/';

/** One dataset of a combination. */
export interface CombinationSource {
  /** The dataset id in the project (as `--source` names it). */
  readonly dataset: string;
  /** Its kind (calls, arrests, ...), for labels. */
  readonly kind: string;
  /** Each of its records counts this much (>= 0). */
  readonly weight: number;
}

/** The document stored at `sources/<name>`. */
export interface CombinationDocument {
  readonly kind: 'source-combination';
  readonly formatVersion: 1;
  readonly name: string;
  readonly createdAt: string;
  readonly sources: readonly CombinationSource[];
}

/** The document path of combination `name`. */
export function combinationKey(name: string): string {
  return `${COMBINATION_PREFIX}${name}`;
}

/** `incidents=1,calls=0.25`: the `--source` value of the CLI for these sources. */
export function formatSourceOption(sources: readonly Pick<CombinationSource, 'dataset' | 'weight'>[]): string {
  return sources.map((s) => `${s.dataset}=${s.weight}`).join(',');
}

/**
 * Builds the document, checking the name and the sources with the CLI's own parser: at least
 * one source, each once, weights finite and >= 0, at least one above 0. Errors name the field
 * ("Name", "--source") and the bad value.
 */
export function toCombinationDocument(name: string, sources: readonly CombinationSource[], createdAt: string): Result<CombinationDocument, AppError> {
  const trimmed = name.trim();
  if (!COMBINATION_NAME.test(trimmed)) return err({ kind: 'invalid-argument', name: 'Name', value: name, expected: "letters, digits, '.', '_' or '-', up to 64 characters" });
  if (sources.length === 0) return err({ kind: 'invalid-argument', name: '--source', value: '', expected: 'at least one dataset' });
  const spec = parseSourceSpec(formatSourceOption(sources));
  if (!spec.ok) return spec;
  return ok({ kind: 'source-combination', formatVersion: 1, name: trimmed, createdAt, sources: sources.map((s) => ({ dataset: s.dataset, kind: s.kind, weight: s.weight })) });
}

/** Reads a stored combination defensively; `where` names the document in errors. */
export function parseCombinationDocument(value: unknown, where: string): Result<CombinationDocument, AppError> {
  const bad = (reason: string) => err<AppError>({ kind: 'file-format', path: where, reason });
  if (typeof value !== 'object' || value === null) return bad('not an object');
  const v = value as Record<string, unknown>;
  if (v.kind !== 'source-combination') return bad(`kind is ${JSON.stringify(v.kind)}, expected "source-combination"`);
  if (typeof v.name !== 'string' || !Array.isArray(v.sources)) return bad('name or sources missing');
  const sources: CombinationSource[] = [];
  for (const [i, s] of (v.sources as unknown[]).entries()) {
    const o = s as Record<string, unknown> | null;
    if (!o || typeof o.dataset !== 'string' || typeof o.weight !== 'number') return bad(`source ${i + 1} has no dataset or weight`);
    sources.push({ dataset: o.dataset, kind: typeof o.kind === 'string' ? o.kind : 'other', weight: o.weight });
  }
  const doc = toCombinationDocument(v.name, sources, typeof v.createdAt === 'string' ? v.createdAt : '');
  return doc.ok ? doc : bad(doc.error.kind === 'invalid-argument' ? `${doc.error.name}: "${doc.error.value}" (expected ${doc.error.expected})` : 'invalid');
}

/** Every valid combination among a project's documents, by name. */
export function listCombinations(documents: Readonly<Record<string, unknown>>): CombinationDocument[] {
  const out: CombinationDocument[] = [];
  for (const [key, value] of Object.entries(documents)) {
    if (!key.startsWith(COMBINATION_PREFIX)) continue;
    const d = parseCombinationDocument(value, key);
    if (d.ok && combinationKey(d.value.name) === key) out.push(d.value);
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The label every view shows for a combination; it always says it is weighted and gives every
 * weight: `Weighted combination "harm": incidents × 1 + calls × 0.25`.
 */
export function formatCombinationLabel(doc: Pick<CombinationDocument, 'name' | 'sources'>): string {
  return `Weighted combination "${doc.name}": ${doc.sources.map((s) => `${s.dataset} × ${s.weight}`).join(' + ')}`;
}

/** The log entry of saving a combination (action `sources.combine`). */
export function toCombinationLogEntry(doc: CombinationDocument, by: string): LogEntry {
  return {
    at: doc.createdAt,
    by,
    action: 'sources.combine',
    parameters: { name: doc.name, source: formatSourceOption(doc.sources), sources: doc.sources.map((s) => ({ ...s })) },
    dataHashes: {},
    note: `${combinationKey(doc.name)}: ${formatCombinationLabel(doc)}`,
  };
}

/** One engine table of a weighted union. */
export interface UnionPart {
  readonly table: string;
  readonly dataset: string;
  readonly weight: number;
}

/** The columns a weighted union adds to every row. */
export const UNION_SOURCE_COLUMN = 'source_dataset';
export const UNION_WEIGHT_COLUMN = 'source_weight';

/**
 * SQL of the weighted union of several engine tables: every row of each, its columns matched by
 * name (a column one table lacks is NULL in its rows), plus `source_dataset` (the dataset id)
 * and `source_weight` (the source's weight, DOUBLE). Counting `SUM(source_weight)` over it gives
 * the CLI's weighted counts (each record counts its source's weight). Throws on an empty list or
 * a non-finite weight (bugs: callers validate with {@link toCombinationDocument}).
 */
export function buildWeightedUnionSql(parts: readonly UnionPart[]): string {
  if (parts.length === 0) throw new Error('buildWeightedUnionSql: no parts');
  return parts
    .map((p) => {
      if (!Number.isFinite(p.weight) || p.weight < 0) throw new Error(`buildWeightedUnionSql: bad weight ${p.weight}`);
      return `SELECT *, ${quoteLiteral(p.dataset)} AS ${quoteIdent(UNION_SOURCE_COLUMN)}, CAST(${p.weight} AS DOUBLE) AS ${quoteIdent(UNION_WEIGHT_COLUMN)} FROM ${quoteIdent(p.table)}`;
    })
    .join('\nUNION ALL BY NAME\n');
}

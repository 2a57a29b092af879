import { formatAppError } from '../../../shared/base/errors';
import { computeLinks } from '../../../shared/domain/link/compute';
import { toLinkDocument, type LinkDocument } from '../../../shared/domain/link/document';
import { queryLinkRecords } from '../../../shared/domain/link/records';
import { parseLinkRule } from '../../../shared/domain/link/rule';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import { datasetHash, ensureDatasetLoaded } from '../datasets/source-tables';

/** What the Link panel asks for: the `spi link` arguments. */
export interface LinkRequest {
  readonly a: string;
  readonly b: string;
  /** The `--by` text: case, person, place:50m,2d, place:address,2d, ... */
  readonly by: string;
  readonly filterA: string;
  readonly filterB: string;
  readonly name: string;
}

/** A computed link set: the document `spi link --save` would keep, and the hashes its log entry records. */
export interface LinkOutcome {
  readonly doc: LinkDocument;
  readonly hashes: Record<string, string>;
  readonly ms: number;
}

/**
 * Runs `spi link A B --by ... --filter-a ... --filter-b ...` on two datasets of the open project
 * with the CLI's shared code (queryLinkRecords, computeLinks, toLinkDocument). Throws a
 * plain-words Error naming the bad rule, filter or dataset.
 */
export async function runLink(engine: SqlEngine, createdAt: string, req: LinkRequest): Promise<LinkOutcome> {
  const rule = parseLinkRule(req.by);
  if (!rule.ok) throw new Error(formatAppError(rule.error));
  const a = await ensureDatasetLoaded(engine, createdAt, req.a);
  const b = await ensureDatasetLoaded(engine, createdAt, req.b);
  const crsA = a.dataset.meta.crs.analysis;
  const crsB = b.dataset.meta.crs.analysis;
  if (rule.value.by === 'place' && crsA && crsB && crsA !== crsB) throw new Error(`${req.a} is in ${crsA} and ${req.b} in ${crsB}: place links need one metric CRS`);
  const fa = req.filterA.trim() || undefined;
  const fb = req.filterB.trim() || undefined;
  const A = await queryLinkRecords(engine, a.table, req.a, fa);
  if (!A.ok) throw new Error(`Filter A: ${formatAppError(A.error)}`);
  const B = await queryLinkRecords(engine, b.table, req.b, fb);
  if (!B.ok) throw new Error(`Filter B: ${formatAppError(B.error)}`);
  const started = performance.now();
  const links = computeLinks(A.value, B.value, rule.value);
  const ms = performance.now() - started;
  const sides = { a: { source: req.a, filter: fa ?? null }, b: { source: req.b, filter: fb ?? null } };
  const doc = toLinkDocument(req.name.trim() || 'unsaved', rule.value, links, A.value, B.value, sides, new Date().toISOString());
  return { doc, hashes: { [req.a]: await datasetHash(a.dataset), [req.b]: await datasetHash(b.dataset) }, ms };
}

/**
 * The evaluation design document, stored in a project as `documents['designs/<name>']`: target
 * areas with their displacement buffers, the matched comparison cells (each with its own buffer
 * ring, the "DC" zone of a WDD), the method and its parameters, the balance table and the pre
 * period used for matching. Coordinates are in the project's analysis CRS, metres. Validated
 * with zod on read so a hand-edited or damaged document is refused with the failing path.
 */
import { err, ok, type Result } from '../../base/result';
import type { AppError } from '../../base/errors';
import { z } from '../../base/schema';

const Point = z.tuple([z.number(), z.number()]);
const Ring = z.array(Point).min(4);
const Polygon = z.array(Ring).min(1);

/** A design name: letters, digits, '.', '_' and '-', 1-64 characters. */
export const DESIGN_NAME = /^[A-Za-z0-9._-]{1,64}$/;

const AreaSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  polygon: Polygon,
  /** Displacement buffer distance (m): the ring is the polygon buffered by it, minus the polygon. */
  bufferM: z.number().nonnegative(),
  areaM2: z.number().nonnegative(),
});

const ComparisonSchema = AreaSchema.extend({
  /** The target this comparison was matched to, the grid cell id and the match distance. */
  targetId: z.string().min(1),
  cellId: z.number().int().nonnegative(),
  matchDistance: z.number(),
  /**
   * Synthetic-control designs only: the comparison's weight in the synthetic target (>= 0; the
   * weights of a design sum to 1). Read by shared/domain/evaluation/synthetic-design.ts.
   */
  weight: z.number().nonnegative().optional(),
});

/**
 * The pre-period fit of a synthetic-control design (method.algorithm 'synthetic'): the mean
 * target's monthly series, its synthetic counterpart (sum_j w_j x_jm) and the RMSE between them;
 * and each target's own fit RMSE (its own weights are not stored: evaluation uses the mean target).
 */
const SyntheticFitSchema = z.object({
  labels: z.array(z.string()),
  target: z.array(z.number()),
  synthetic: z.array(z.number()),
  rmse: z.number().nonnegative(),
  /** Eligible pool units the weights were fitted over. */
  donors: z.number().int().nonnegative(),
  perTarget: z.array(z.object({ targetId: z.string(), rmse: z.number().nonnegative() })),
  convention: z.string(),
  /**
   * Added later (optional): the eligible pool's grid cells (ids and centres, analysis CRS
   * metres), the placebo pool of an evaluation's in-space placebo test (synthetic-pool.ts).
   */
  pool: z.object({ cellIds: z.array(z.number().int()), x: z.array(z.number()), y: z.array(z.number()) }).optional(),
});

const SideSchema = z.object({
  meanTreated: z.number(),
  meanControl: z.number(),
  varianceTreated: z.number().nullable(),
  varianceControl: z.number().nullable(),
  smd: z.number().nullable(),
  varianceRatio: z.number().nullable(),
  smdFlag: z.boolean(),
  varianceRatioFlag: z.boolean(),
});

const MatchedMethod = z.object({
  kind: z.literal('matched'),
  /** 'synthetic' (added later): comparisons carry synthetic-control weights and `fit` is set. */
  algorithm: z.enum(['mahalanobis', 'propensity', 'synthetic']),
  covariates: z.array(z.enum(['counts-by-group', 'monthly-history', 'trend'])).min(1),
  covariateNames: z.array(z.string()),
  ratio: z.number().int().positive(),
  caliper: z.number().positive().nullable(),
  caliperDistance: z.number().nullable(),
  replace: z.boolean(),
  minDistanceM: z.number().nonnegative(),
  seed: z.number().int(),
  convention: z.string(),
  /** Added with `spi design match`: the covariate terms as typed, the pairing and the exact-match category. */
  covariateSpec: z.string().optional(),
  pairing: z.enum(['greedy', 'optimal']).optional(),
  exact: z.string().nullable().optional(),
  /** Synthetic-control designs: the pre-period fit of the weights. */
  fit: SyntheticFitSchema.optional(),
});

const RandomizedMethod = z.object({
  kind: z.literal('randomized'),
  algorithm: z.enum(['simple', 'paired', 'block']),
  seed: z.number().int(),
  convention: z.string(),
});

/** The zod schema of a design document (formatVersion 1). */
export const DesignDocSchema = z.object({
  kind: z.literal('design'),
  formatVersion: z.literal(1),
  name: z.string().regex(DESIGN_NAME),
  created: z.string().min(1),
  crs: z.string().nullable(),
  /**
   * The unit kind (unit-spec.ts). `sizeM` is the unit's linear size: the grid cell side, the
   * hexagon's width across flats (kind 'hex', added later: as the analysis verbs' hex:M), the
   * segment corridor width (2 x snap), the circle diameter (2 x radius), or for polygons the
   * side of a square of their mean area. Added later (optional): the layer, snap tolerance,
   * circle radius and the unit rules in words.
   */
  unit: z.object({
    kind: z.enum(['grid', 'hex', 'segments', 'polygons', 'circles']),
    sizeM: z.number().positive(),
    layer: z.string().optional(),
    snapM: z.number().positive().optional(),
    radiusM: z.number().positive().optional(),
    rules: z.string().optional(),
  }),
  pre: z.object({ from: z.string(), to: z.string() }),
  targets: z.array(AreaSchema).min(1),
  comparisons: z.array(ComparisonSchema),
  method: z.discriminatedUnion('kind', [MatchedMethod, RandomizedMethod]),
  balance: z.object({
    denominator: z.enum(['pooled', 'treated']),
    smdThreshold: z.number(),
    nTreated: z.number().int(),
    nControl: z.number().int(),
    nTreatedMatched: z.number().int().nullable(),
    nControlMatched: z.number().int().nullable(),
    convention: z.string(),
    rows: z.array(z.object({ name: z.string(), sStar: z.number().nullable(), before: SideSchema, after: SideSchema.nullable() })),
  }),
  unmatched: z.array(z.object({ targetId: z.string(), reason: z.string() })),
  source: z.object({ dataset: z.string(), dataHash: z.string(), incidents: z.number().int().nonnegative() }),
  warnings: z.array(z.string()),
});

/** A design document (the parsed form of {@link DesignDocSchema}). */
export type DesignDoc = z.infer<typeof DesignDocSchema>;
/** One target area of a design. */
export type DesignArea = z.infer<typeof AreaSchema>;
/** One matched comparison cell. */
export type DesignComparison = z.infer<typeof ComparisonSchema>;
/** The pre-period fit of a synthetic-control design. */
export type SyntheticFit = z.infer<typeof SyntheticFitSchema>;

/** The project document key of a design: `designs/<name>`. */
export function designDocumentKey(name: string): string {
  return `designs/${name}`;
}

/**
 * Reads and validates the design `name` from a project's documents. Errors: no such design
 * (listing the designs present), or a document failing the schema (the first failing path).
 * `option` is how the caller's user named the design (default `--design`), for the message.
 */
export function readDesignDocument(documents: Readonly<Record<string, unknown>>, name: string, option = '--design'): Result<DesignDoc, AppError> {
  const raw = documents[designDocumentKey(name)];
  if (raw === undefined) {
    const present = Object.keys(documents).filter((k) => k.startsWith('designs/')).map((k) => k.slice(8));
    return err({ kind: 'invalid-argument', name: option, value: name, expected: present.length ? `one of the project's designs: ${present.join(', ')}` : 'a design saved with "spi design create --save" (the project has none)' });
  }
  const parsed = DesignDocSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return err({ kind: 'invalid-argument', name: `${designDocumentKey(name)} at ${issue.path.join('.') || '(root)'}`, value: 'document', expected: issue.message });
  }
  return ok(parsed.data);
}

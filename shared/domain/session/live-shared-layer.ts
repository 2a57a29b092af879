/**
 * Privacy-profiled layers a live-session host may share with guests. The raw data (incident rows,
 * points) never leaves the host: only a derived, aggregated layer does, and only when the host
 * shares it explicitly. The one profile here is small-cell suppression on grid counts: cells of
 * at least `minCount` incidents keep their count and class colour; cells with 1..minCount-1 are
 * sent without a count, in one neutral colour ("fewer than k"); empty cells are not sent. Grids
 * finer than {@link MIN_SHARED_CELL_METRES} are refused: a tiny cell is an address.
 */
import { err, ok, type Result } from '../../base/result';
import { z } from '../../base/schema';
import type { GridLayerData } from '../explore/grid-layer';

/** Default suppression threshold k: a common small-cell rule; raise it for sensitive offences. */
export const DEFAULT_MIN_COUNT = 5;
/** Cells smaller than this (square side / hexagon width, metres) are never shared. */
export const MIN_SHARED_CELL_METRES = 100;
/** At most this many cells in one shared layer (JSON over the LAN). */
export const MAX_SHARED_CELLS = 100_000;
/** RGBA of suppressed cells: a neutral grey, clearly not a count class. */
export const SUPPRESSED_COLOR = [150, 150, 150, 150] as const;

const rgb = z.tuple([z.number().int().min(0).max(255), z.number().int().min(0).max(255), z.number().int().min(0).max(255)]);

/**
 * A shared grid layer: cell rings as interleaved lon/lat (`positions`), ring i spanning vertices
 * `starts[i]..starts[i+1]`, one count per cell (null = suppressed) and one RGBA colour per cell.
 */
export const sharedLayerSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/),
    title: z.string().max(200),
    kind: z.literal('grid-cells'),
    minCount: z.number().int().min(1).max(1000),
    cellMetres: z.number().min(MIN_SHARED_CELL_METRES).max(100_000),
    positions: z.array(z.number().min(-180).max(180)).max(MAX_SHARED_CELLS * 16),
    starts: z.array(z.number().int().nonnegative()).max(MAX_SHARED_CELLS + 1),
    values: z.array(z.number().int().nonnegative().nullable()).max(MAX_SHARED_CELLS),
    colors: z.array(z.number().int().min(0).max(255)).max(MAX_SHARED_CELLS * 4),
    legend: z.array(z.object({ label: z.string().max(80), color: rgb })).max(20),
  })
  .refine(
    (l) =>
      l.starts.length === l.values.length + 1 &&
      l.colors.length === 4 * l.values.length &&
      (l.starts.at(-1) ?? 0) * 2 === l.positions.length &&
      l.values.every((v) => v === null || v >= l.minCount) &&
      l.starts.every((s, i) => i === 0 || s >= (l.starts[i - 1] as number)),
    { message: 'inconsistent cell arrays, or a count below the suppression threshold' },
  );
export type SharedLayer = z.infer<typeof sharedLayerSchema>;

/** Why a layer cannot be shared. */
export interface ShareRefusal {
  kind: 'share-refused';
  reason: string;
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * The privacy-profiled copy of a grid-count layer (see the module comment). `minCount` must be
 * >= 2 (1 would suppress nothing). Errors: a cell finer than {@link MIN_SHARED_CELL_METRES}, too
 * many non-empty cells. Coordinates are rounded to 1e-6 degrees (about 0.1 m).
 */
export function toSharedGridLayer(data: GridLayerData, title: string, minCount: number = DEFAULT_MIN_COUNT): Result<SharedLayer, ShareRefusal> {
  if (!Number.isInteger(minCount) || minCount < 2) return err({ kind: 'share-refused', reason: `suppression threshold ${minCount}: use a whole number of at least 2` });
  if (data.cell < MIN_SHARED_CELL_METRES) {
    return err({ kind: 'share-refused', reason: `cells of ${data.cell} m are too small to share (at least ${MIN_SHARED_CELL_METRES} m)` });
  }
  const positions: number[] = [];
  const starts: number[] = [0];
  const values: (number | null)[] = [];
  const colors: number[] = [];
  let suppressed = 0;
  for (let id = 0; id < data.cells; id++) {
    const n = data.counts[id] as number;
    if (!(n > 0)) continue;
    if (values.length >= MAX_SHARED_CELLS) return err({ kind: 'share-refused', reason: `more than ${MAX_SHARED_CELLS} non-empty cells: use larger cells` });
    const from = data.startIndices[id] as number;
    const to = data.startIndices[id + 1] as number;
    for (let v = from; v < to; v++) positions.push(round6(data.positions[2 * v] as number), round6(data.positions[2 * v + 1] as number));
    starts.push(positions.length / 2);
    if (n >= minCount) {
      values.push(n);
      colors.push(...data.vertexColors.subarray(4 * from, 4 * from + 3), 235);
    } else {
      suppressed++;
      values.push(null);
      colors.push(...SUPPRESSED_COLOR);
    }
  }
  const legend = [
    { label: `${minCount} or more incidents: class colours as on the host`, color: [data.colors[data.colors.length - 1]?.[0] ?? 0, data.colors.at(-1)?.[1] ?? 0, data.colors.at(-1)?.[2] ?? 0] as [number, number, number] },
    ...(suppressed > 0 ? [{ label: `1–${minCount - 1} incidents (count withheld)`, color: [SUPPRESSED_COLOR[0], SUPPRESSED_COLOR[1], SUPPRESSED_COLOR[2]] as [number, number, number] }] : []),
  ];
  return ok({ id: 'shared-grid', title: title.slice(0, 200), kind: 'grid-cells', minCount, cellMetres: data.cell, positions, starts, values, colors, legend });
}

/** Parses a shared layer received over the network (see {@link sharedLayerSchema}). */
export function parseSharedLayer(value: unknown): Result<SharedLayer, ShareRefusal> {
  const parsed = sharedLayerSchema.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  return err({ kind: 'share-refused', reason: issue ? `${issue.path.join('.') || 'layer'}: ${issue.message}` : 'invalid layer' });
}

/**
 * The briefing-map layout document: page (size, orientation, margins), the elements placed on it
 * in page millimetres (origin top-left, y down) and their texts. Stored in a project as
 * `layouts/<name>` and as a reusable template file (`*.spilayout.json`). One schema for the CLI
 * and the app, so both draw the same map. Validated with zod; a damaged document is refused
 * with the failing path.
 */
import type { AppError } from '../../../base/errors';
import { err, ok, type Result } from '../../../base/result';
import { z } from '../../../base/schema';

/** Paper sizes, portrait width x height in millimetres (ANSI and ISO 216). */
export const PAGE_SIZES = {
  Letter: [215.9, 279.4],
  Legal: [215.9, 355.6],
  Tabloid: [279.4, 431.8],
  A4: [210, 297],
  A3: [297, 420],
} as const satisfies Record<string, readonly [number, number]>;
export type PageSizeName = keyof typeof PAGE_SIZES;

/** A layout name: letters, digits, '.', '_', '-' and spaces, 1-64 characters. */
export const LAYOUT_NAME = /^[A-Za-z0-9._ -]{1,64}$/;

/** The project document key of layout `name`. */
export function layoutDocumentKey(name: string): string {
  return `layouts/${name}`;
}

const Box = z.object({ x: z.number(), y: z.number(), w: z.number().nonnegative(), h: z.number().nonnegative() });
/** A rectangle on the page, millimetres from the top-left corner. */
export type Box = z.infer<typeof Box>;

const Element = <T extends z.ZodRawShape>(shape: T) => z.object({ visible: z.boolean(), box: Box, ...shape });

const Text = z.string().max(2000);

/** What the map frame shows and where it looks. */
const MapFrame = Element({
  /**
   * 'fit': the whole data extent (or `bounds`) fits the frame; 'centre': `centre` at 1:`scale`.
   * The frame is drawn in Web Mercator (EPSG:3857), like the app's map.
   */
  view: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('fit'), bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable() }),
    z.object({ mode: z.literal('centre'), centre: z.tuple([z.number().min(-180).max(180), z.number().min(-85).max(85)]), scale: z.number().min(100).max(1e9) }),
  ]),
  /** Reference layer ids of the project drawn (streets, beats, districts, any polygons). */
  referenceLayers: z.array(z.string().max(64)).max(50),
  /** Incidents as points coloured by offense group (the app's palette). */
  incidents: z.boolean(),
  /** The grid/KDE/hot-spot layer of the map document's layer settings (when not 'points'). */
  analysisLayer: z.boolean(),
  /** Map annotations (pins, sketches, notes) that are not hidden. */
  annotations: z.boolean(),
  /** A design (`designs/<name>`) whose target areas, buffers and comparisons are drawn. */
  design: z.string().max(64).nullable(),
  /** Beat (or target) name labels on polygons. */
  labels: z.boolean(),
  /** Point diameter, millimetres on the page. */
  pointSize: z.number().min(0.2).max(5),
});

/** The zod schema of a layout document (formatVersion 1). */
export const LayoutSchema = z.object({
  kind: z.literal('briefing-layout'),
  formatVersion: z.literal(1),
  name: z.string().regex(LAYOUT_NAME),
  page: z.object({
    size: z.enum(['Letter', 'Legal', 'Tabloid', 'A4', 'A3']),
    orientation: z.enum(['portrait', 'landscape']),
    /** Millimetres. */
    margin: z.number().min(0).max(50),
  }),
  map: MapFrame,
  title: Element({ text: Text }),
  subtitle: Element({ text: Text }),
  /** Empty text = the period of the mapped incidents, e.g. "Jan 1, 2024 – Jun 30, 2024". */
  dateRange: Element({ text: Text }),
  legend: Element({
    title: z.string().max(200),
    /** Label overrides by legend entry id (see layout/legend.ts). */
    labels: z.record(z.string(), z.string().max(300)),
    /** Entry ids left out of the legend. */
    hidden: z.array(z.string()).max(500),
  }),
  scaleBar: Element({ units: z.enum(['imperial', 'metric']) }),
  northArrow: Element({}),
  inset: Element({}),
  textBoxes: z.array(Element({ text: Text, size: z.number().min(4).max(48) })).max(20),
  logo: Element({
    /** The image itself (PNG or JPEG), base64: a layout file carries its logo. */
    image: z.object({ mediaType: z.enum(['image/png', 'image/jpeg']), base64: z.string().max(4_000_000), fileName: z.string().max(255) }).nullable(),
  }),
  /** "Prepared by … on …": empty date = the day of the export. */
  author: Element({ name: z.string().max(200), agency: z.string().max(200), date: z.string().max(40) }),
  sourceNote: Element({ text: Text }),
  banner: Element({ text: z.string().max(200) }),
  /** Name of the privacy profile applied to the incidents (printed on the page), or null. */
  privacy: Element({ profile: z.string().max(64).nullable() }),
});

/** A briefing-map layout (see {@link LayoutSchema}). */
export type Layout = z.infer<typeof LayoutSchema>;

/** The envelope of a reusable template file (`.spilayout.json`). */
export const TEMPLATE_KIND = 'spi-layout-template';

/** Turns zod issues into one AppError naming the first bad path. */
function formatIssue(where: string, issues: readonly { path: readonly PropertyKey[]; message: string }[]): AppError {
  const i = issues[0];
  const at = i ? i.path.map(String).join('.') : '';
  return { kind: 'file-format', path: where, reason: `layout${at ? ` field "${at}"` : ''}: ${i?.message ?? 'not a layout'}` };
}

/**
 * Reads a layout from a project document, a template file's JSON, or a bare layout object.
 * `where` names the source in the error ("layouts/briefing", "map.spilayout.json").
 */
export function parseLayout(value: unknown, where: string): Result<Layout, AppError> {
  const inner = value && typeof value === 'object' && (value as { kind?: unknown }).kind === TEMPLATE_KIND ? (value as { layout?: unknown }).layout : value;
  const parsed = LayoutSchema.safeParse(inner);
  return parsed.success ? ok(parsed.data) : err(formatIssue(where, parsed.error.issues));
}

/** Serializes a layout as a template file (`.spilayout.json`): an envelope, then the layout. */
export function toTemplateJson(layout: Layout): string {
  return `${JSON.stringify({ kind: TEMPLATE_KIND, formatVersion: 1, layout }, null, 2)}\n`;
}

/** Page width and height in millimetres for the layout's size and orientation. */
export function pageSizeMm(page: Layout['page']): { width: number; height: number } {
  const [w, h] = PAGE_SIZES[page.size];
  return page.orientation === 'portrait' ? { width: w, height: h } : { width: h, height: w };
}

import { z } from '../../base/schema';

/** Project document path of the map annotations (`docs/annotations.json`). */
export const ANNOTATIONS_DOC = 'annotations';

const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

/**
 * One annotation on the map: a pin (one point), a sketch (a line of 2+ points) or a text note
 * (one point). Coordinates are lon/lat (WGS 84). `author` is who made it (the workstation user,
 * or a guest's name in a live session) and `at` when (ISO 8601, UTC).
 */
export const annotationSchema = z.object({
  id: z.string().min(1).max(64),
  kind: z.enum(['pin', 'sketch', 'note']),
  author: z.string().max(120),
  at: z.string().max(40),
  text: z.string().max(4000),
  coordinates: z.array(lonLat).min(1).max(10_000),
  /** Hidden annotations stay in the project but are not drawn (nor printed on briefing maps). */
  hidden: z.boolean().default(false),
});

export type Annotation = z.infer<typeof annotationSchema>;

/**
 * Reads the annotations document defensively: entries that do not match the schema are dropped
 * (and counted), so one damaged entry never hides the others. A missing document is empty.
 */
export function parseAnnotations(value: unknown): { annotations: Annotation[]; dropped: number } {
  if (!Array.isArray(value)) return { annotations: [], dropped: value === undefined || value === null ? 0 : 1 };
  const annotations: Annotation[] = [];
  for (const item of value) {
    const parsed = annotationSchema.safeParse(item);
    if (parsed.success) annotations.push(parsed.data);
  }
  return { annotations, dropped: value.length - annotations.length };
}

/**
 * Which dataset (or weighted combination) the project shows, kept as project document
 * `sources/shown` (`{dataset: id}` or `{combination: name}`) so reopening the project shows it
 * again. A document rather than a map field: the map document stays as other engineers
 * defined it, and documents are saved in the .spiproj as they are.
 */

/** The document path. */
export const SHOWN_DOCUMENT = 'sources/shown';

/** What `sources/shown` says. */
export type ShownChoice = { readonly dataset: string } | { readonly combination: string };

/** Reads `sources/shown` defensively; null when absent or malformed. */
export function readShownChoice(documents: Readonly<Record<string, unknown>>): ShownChoice | null {
  const v = documents[SHOWN_DOCUMENT] as Record<string, unknown> | undefined;
  if (!v || typeof v !== 'object') return null;
  if (typeof v.dataset === 'string') return { dataset: v.dataset };
  if (typeof v.combination === 'string') return { combination: v.combination };
  return null;
}

const KEY = 'spi-workbench.author';

/** The default author name when the analyst has not set one. */
export const DEFAULT_AUTHOR = 'analyst';

/**
 * The name this workstation's user goes by on annotations, bookmarks and notes: set once, kept in
 * localStorage (there are no accounts). "analyst" when unset or when storage is unavailable.
 */
export function readAuthor(): string {
  try {
    return localStorage.getItem(KEY)?.trim() || DEFAULT_AUTHOR;
  } catch {
    return DEFAULT_AUTHOR;
  }
}

/** Saves the author name (trimmed, at most 120 characters; empty resets to the default). */
export function saveAuthor(name: string): string {
  const clean = name.trim().slice(0, 120);
  try {
    if (clean) localStorage.setItem(KEY, clean);
    else localStorage.removeItem(KEY);
  } catch {
    // Storage refused (private mode): the name lasts for this page only.
  }
  return clean || DEFAULT_AUTHOR;
}

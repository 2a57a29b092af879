import { PROJECT_FORMAT_VERSION } from './manifest';

/**
 * Format migrations: `MIGRATIONS[v]` turns the parsed parts of a version-v file into version v+1.
 * Migrations work on the raw JSON values (manifest and documents) before schema validation, so a
 * reader only ever validates the current schema. Version 1 is the first format: the list is empty
 * until version 2 exists; each added migration comes with a test reading a stored file of the
 * older version (test/fixtures/project/).
 */
export interface RawProjectParts {
  manifest: Record<string, unknown>;
  documents: Record<string, unknown>;
}

export const MIGRATIONS: Record<number, (parts: RawProjectParts) => RawProjectParts> = {};

/**
 * Brings raw parts of `fromVersion` up to the current version. Returns null when `fromVersion` is
 * newer than this app understands (a future file) or when a migration step is missing.
 */
export function migrateToCurrent(parts: RawProjectParts, fromVersion: number): RawProjectParts | null {
  if (fromVersion > PROJECT_FORMAT_VERSION || fromVersion < 1) return null;
  let current = parts;
  for (let v = fromVersion; v < PROJECT_FORMAT_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) return null;
    current = step(current);
  }
  return { ...current, manifest: { ...current.manifest, formatVersion: PROJECT_FORMAT_VERSION } };
}

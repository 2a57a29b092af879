/**
 * Mapping templates: a mapping saved under a name and keyed by the file's header signature, so
 * next month's export from the same RMS report is mapped the same way without questions. Pure
 * functions over a plain JSON store; the host persists it (settings file, IndexedDB).
 */
import { z } from '../../base/schema';
import type { AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';
import { ColumnMappingSchema, type ColumnMapping } from './mapping';

export const MappingTemplateSchema = z.object({
  name: z.string().min(1).max(200),
  /** headerSignature of the columns it was saved for. */
  signature: z.string().max(100),
  columns: z.array(z.string().max(500)).max(2000),
  mapping: ColumnMappingSchema,
  /** ISO time of saving. */
  savedAt: z.string().max(40),
});
export type MappingTemplate = z.infer<typeof MappingTemplateSchema>;

export const TemplateStoreSchema = z.object({ version: z.literal(1), templates: z.array(MappingTemplateSchema).max(500) });
export type TemplateStore = z.infer<typeof TemplateStoreSchema>;

export const EMPTY_TEMPLATE_STORE: TemplateStore = { version: 1, templates: [] };

/**
 * A header's signature: the column names trimmed and lower-cased, in order, hashed (FNV-1a,
 * 32 bits) and prefixed with the column count: "15:3f2a9c01". Case and padding changes between
 * exports do not matter; a renamed, added or reordered column does.
 */
export function headerSignature(columns: readonly string[]): string {
  let h = 0x811c9dc5;
  const text = columns.map((c) => c.trim().toLowerCase()).join('\u001f');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${columns.length}:${h.toString(16).padStart(8, '0')}`;
}

/**
 * The store with `mapping` saved as template `name` for `columns` (a template of the same name
 * is replaced), newest first. `now` is the ISO time to record.
 */
export function saveTemplate(store: TemplateStore, name: string, columns: readonly string[], mapping: ColumnMapping, now: string): TemplateStore {
  const template: MappingTemplate = { name: name.trim(), signature: headerSignature(columns), columns: [...columns], mapping, savedAt: now };
  return { version: 1, templates: [template, ...store.templates.filter((t) => t.name !== template.name)] };
}

/** The store without template `name`. */
export function deleteTemplate(store: TemplateStore, name: string): TemplateStore {
  return { version: 1, templates: store.templates.filter((t) => t.name !== name) };
}

/** Templates saved for exactly this header (by signature), newest first. */
export function findTemplates(store: TemplateStore, columns: readonly string[]): MappingTemplate[] {
  const sig = headerSignature(columns);
  return store.templates.filter((t) => t.signature === sig).sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

/** Parses a stored template file; errors name `file`. */
export function parseTemplateStore(text: string, file: string): Result<TemplateStore, AppError> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return err({ kind: 'file-format', path: file, reason: `not JSON (${e instanceof Error ? e.message : String(e)})` });
  }
  const parsed = TemplateStoreSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err({ kind: 'file-format', path: file, reason: `not a template store: ${issue?.path.join('.') || '(top level)'}: ${issue?.message ?? 'invalid'}` });
  }
  return ok(parsed.data);
}

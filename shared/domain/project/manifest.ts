import { z } from '../../base/schema';

/** The project file format's identifier and current version (docs/project-format.md). */
export const PROJECT_FORMAT = 'spi-workbench-project';
export const PROJECT_FORMAT_VERSION = 1;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const IsoTime = z.string().min(10).max(40);

/** One part of the container, with its integrity record. */
export const PartSchema = z.object({
  path: z.string().min(1).max(500),
  mediaType: z.string().max(100),
  sha256: Sha256,
  bytes: z.number().int().nonnegative(),
});
export type ProjectPart = z.infer<typeof PartSchema>;

/** `manifest.json`: the table of contents every reader starts from. */
export const ManifestSchema = z.object({
  format: z.literal(PROJECT_FORMAT),
  formatVersion: z.number().int().positive(),
  appVersion: z.string().max(40),
  title: z.string().max(300),
  author: z.string().max(200),
  agency: z.string().max(200),
  analysisCrs: z.string().max(40).nullable(),
  createdAt: IsoTime,
  modifiedAt: IsoTime,
  parts: z.array(PartSchema).max(10_000),
});
export type ProjectManifest = z.infer<typeof ManifestSchema>;

export const DATASET_KINDS = ['incidents', 'calls', 'arrests', 'field-interviews', 'probation', 'partner', 'other', 'hospital', 'facilities'] as const;
export type DatasetKind = (typeof DATASET_KINDS)[number];

/** `datasets/<id>/dataset.json`: what a dataset is and where it came from. */
export const DatasetMetaSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/),
  name: z.string().max(300),
  kind: z.enum(DATASET_KINDS),
  rows: z.number().int().nonnegative(),
  source: z.object({
    fileName: z.string().max(500),
    sha256: Sha256.nullable(),
    bytes: z.number().int().nonnegative().nullable(),
    /** 'embedded': the normalized table is in the project; 'reference': it stays at `path`. */
    storage: z.enum(['embedded', 'reference']),
    path: z.string().max(4096).nullable(),
  }),
  crs: z.object({ source: z.string().max(40).nullable(), analysis: z.string().max(40).nullable() }),
  mapping: z.unknown().nullable(),
  hasQuarantine: z.boolean(),
  hasQuality: z.boolean(),
  /**
   * Columns that identify people (names, DOB, phone, SSN/DL, victim/suspect/witness details,
   * juvenile flags, narratives): masked when shown, left out of exports unless included
   * (shared/domain/privacy/sensitive.ts). Optional: projects saved before it have none recorded.
   */
  sensitive: z.array(z.string().max(300)).max(5000).optional(),
});
export type DatasetMeta = z.infer<typeof DatasetMetaSchema>;

/** `layers/<id>.json`: a reference layer's description; its features are `layers/<id>.geojson`. */
export const LayerMetaSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/),
  name: z.string().max(300),
  role: z.enum(['beats', 'districts', 'streets', 'jurisdiction', 'partner-locations', 'other']),
  features: z.number().int().nonnegative(),
});
export type LayerMeta = z.infer<typeof LayerMetaSchema>;

/** One line of `log.jsonl`: what was run, with what, on which data, when, by whom, and why. */
export const LogEntrySchema = z.object({
  at: IsoTime,
  by: z.string().max(200),
  action: z.string().min(1).max(100),
  parameters: z.record(z.string(), z.unknown()).default({}),
  dataHashes: z.record(z.string(), Sha256).default({}),
  note: z.string().max(2000).optional(),
});
export type LogEntry = z.infer<typeof LogEntrySchema>;

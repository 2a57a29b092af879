import type { Table } from 'apache-arrow';
import type { DatasetMeta, LayerMeta, LogEntry } from './manifest';

/** A dataset held in a project: its description and tables (null when not loaded or damaged). */
export interface ProjectDataset {
  meta: DatasetMeta;
  table: Table | null;
  /**
   * The table's Parquet encoding when it is known to be current (as read from a file, or as last
   * written). Datasets do not change after import, so saves reuse it instead of re-encoding a
   * million rows every time the map or a design changes. Drop it when the table changes.
   */
  parquet?: Uint8Array;
  quarantine: Table | null;
  quality: unknown;
}

/** A reference layer (beats, districts, streets, any polygons/lines/points), GeoJSON lon/lat. */
export interface ProjectLayer {
  meta: LayerMeta;
  geojson: { type: 'FeatureCollection'; features: unknown[] };
}

/** Everything a project holds, in memory. Plain data: immutable by convention. */
export interface Project {
  info: {
    title: string;
    author: string;
    agency: string;
    analysisCrs: string | null;
    createdAt: string;
    modifiedAt: string;
  };
  datasets: ProjectDataset[];
  layers: ProjectLayer[];
  /**
   * JSON documents by path below `docs/` without extension: `map`, `styles`, `filters`,
   * `analyses/<id>`, `designs/<id>`, `evaluations/<id>`, `layouts/<id>`, `annotations`, ...
   */
  documents: Record<string, unknown>;
  /** The append-only analysis log, oldest first. */
  log: LogEntry[];
}

/** An empty project created now. */
export function createProject(info: Partial<Project['info']> = {}, now = new Date().toISOString()): Project {
  return {
    info: { title: 'Untitled project', author: '', agency: '', analysisCrs: null, createdAt: now, modifiedAt: now, ...info },
    datasets: [],
    layers: [],
    documents: {},
    log: [],
  };
}

/** Returns a new project with `entry` appended to the log (the log is never rewritten). */
export function appendLog(project: Project, entry: LogEntry): Project {
  return { ...project, log: [...project.log, entry] };
}

/** A project-safe id from a name: lower-case letters, digits, `-`/`_`, unique among `taken`. */
export function toPartId(name: string, taken: Iterable<string> = []): string {
  const used = new Set(taken);
  let base = name.toLowerCase().replace(/\.[a-z0-9]+$/, '').replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 56);
  if (!/^[a-z0-9]/.test(base)) base = `d${base}`.slice(0, 56);
  let id = base;
  for (let i = 2; used.has(id); i++) id = `${base}-${i}`;
  return id;
}

/**
 * Options of an import, shared by the CLI and the import dialog.
 */
import type { FlatPolygon } from '../geo/point-in-polygon';
import type { CoordinateInput, CoordinateResult, DefaultLocation } from './coordinates';
import type { ColumnMapping, DatasetKind } from './mapping';
import type { OffenseDictionary } from './offense-dictionary';
import type { QuarantineReason } from './reasons';
import type { CancelToken, IngestProgress } from './source';

/**
 * Files over 512 MiB are refused up front: the engine holds the text, the normalized copy and
 * the output, several times the file size, and duckdb-wasm has at most ~3 GiB (measured: a
 * 200 MB, 1.04 M-row export peaks near 2 GB of process memory).
 */
export const DEFAULT_MAX_FILE_BYTES = 512 * 1024 ** 2;

export interface IngestOptions {
  readonly kind?: DatasetKind;
  /** A mapping to use instead of detecting one (validated against the header). */
  readonly mapping?: ColumnMapping;
  /** CRS of the X/Y columns ("EPSG:2276"); wins over .prj, GeoJSON and guesses. */
  readonly crs?: string;
  /** Metric CRS for distances; default: see chooseAnalysisCrs. */
  readonly analysisCrs?: string;
  /** Name of the normalized table (default: from the file name); the quarantine is `<table>_quarantine`. */
  readonly table?: string;
  /** Problems to load anyway (the bad field left NULL). */
  readonly accept?: readonly QuarantineReason[];
  /** The agency's boundary, lon/lat polygons; default: the data's robust extent. */
  readonly jurisdiction?: readonly FlatPolygon[];
  /** Coordinates known to stand for "unknown location" (e.g. the police HQ). */
  readonly defaultLocations?: readonly DefaultLocation[];
  readonly dictionary?: OffenseDictionary;
  /** Force a delimiter instead of sniffing one. */
  readonly delimiter?: ',' | '\t' | '|' | ';';
  /** xlsx: sheet name or 1-based number (default: the first). */
  readonly sheet?: string | number;
  /** Largest file an import accepts, bytes (default {@link DEFAULT_MAX_FILE_BYTES}). */
  readonly maxBytes?: number;
  readonly onProgress?: (p: IngestProgress) => void;
  readonly cancel?: CancelToken;
  /**
   * Runs the coordinate step. Default: in the calling thread. The app passes one that runs it in
   * a worker (renderer/workers/ingest.worker.ts) so a million proj4 transforms never block the UI.
   */
  readonly runCoordinates?: (input: CoordinateInput, rows: number) => Promise<CoordinateResult>;
}

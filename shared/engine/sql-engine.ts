import type { Table } from 'apache-arrow';
import type { AppError } from '../base/errors';
import type { Result } from '../base/result';

/**
 * The port every part of the app uses to talk to DuckDB. Two adapters implement it:
 * duckdb-wasm's blocking Node build (CLI, tests, benchmark: `electron/services/duckdb-node.ts`)
 * and duckdb-wasm in a Web Worker (renderer: `renderer/db/duckdb-browser.ts`). Domain code builds
 * SQL with the helpers in `./sql` and never knows which one runs it.
 *
 * Results are Arrow tables: the data stays columnar all the way to deck.gl.
 */
export interface SqlEngine {
  /** Which adapter this is, for diagnostics ("duckdb-wasm/node", "duckdb-wasm/browser"). */
  readonly name: string;
  /**
   * Runs one statement (or several separated by `;`, returning the last result). SQL errors are
   * values (`{kind:'sql'}`), never exceptions.
   */
  query(sql: string): Promise<Result<Table, AppError>>;
  /**
   * Makes bytes readable by SQL under `name` (e.g. `read_csv('name')`). Replaces any previous.
   * The engine may take ownership of `bytes` (the browser adapter transfers them to its worker,
   * leaving the caller's buffer detached): copy what you still need before calling.
   */
  registerFileBuffer(name: string, bytes: Uint8Array): Promise<void>;
  /** Forgets a registered buffer and frees its memory. Unknown names are ignored. */
  dropFile(name: string): Promise<void>;
  /** Creates (or replaces) table `name` from an Arrow table. */
  insertArrowTable(name: string, table: Table): Promise<Result<void, AppError>>;
  /** Releases the engine. The engine cannot be used afterwards. */
  close(): Promise<void>;
}

/**
 * Settings run right after an engine opens. duckdb-wasm would otherwise try to download
 * extensions (parquet, json, icu, spatial) on first use: in Node that hangs forever, in a browser it
 * fails with a network error. With these off, unsupported functions fail at once with a Catalog
 * Error, which we report. See README "DuckDB extensions offline".
 */
export const OFFLINE_SETTINGS_SQL: readonly string[] = [
  'SET autoinstall_known_extensions=false',
  'SET autoload_known_extensions=false',
];

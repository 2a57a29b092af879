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
   * values (`{kind:'sql'}`), never exceptions. With `control`, the statement runs as a pending
   * query polled step by step (pending-query.ts): it reports DuckDB's own progress and stops
   * when `control.cancel` is aborted (the result is then `{kind:'cancelled'}` and the statement
   * left nothing behind). Use it for statements over whole files or tables.
   */
  query(sql: string, control?: QueryControl): Promise<Result<Table, AppError>>;
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

/** Progress and cancellation of one long statement (see {@link SqlEngine.query}). */
export interface QueryControl {
  /**
   * DuckDB's estimate of the fraction done, 0..1, from its progress bar: driven by the scans (a
   * CSV file's bytes read, a table's rows), reported every few hundred milliseconds, not at all
   * for statements shorter than that.
   */
  readonly onProgress?: (fraction: number) => void;
  /**
   * Called after each poll with the seconds since the statement started: a sign of life where
   * the engine gives no estimate (the browser engine: duckdb-wasm reports progress by evaluating
   * a script string, which the app's Content Security Policy forbids).
   */
  readonly onWait?: (seconds: number) => void;
  /** Checked between polls (every ~0.5 s of engine work); an AbortSignal fits. */
  readonly cancel?: { readonly aborted: boolean };
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

/**
 * Settings that make duckdb-wasm report query progress to its JS runtime (the "print" of
 * duckdb-wasm's progress bar calls the runtime's progressUpdate instead of writing to a
 * terminal). Statements shorter than 300 ms report nothing. Node engine only: the call is made
 * through emscripten_run_script (eval), which fails the statement under the renderer's CSP.
 */
export const PROGRESS_SETTINGS_SQL: readonly string[] = ['SET enable_progress_bar=true', 'SET enable_progress_bar_print=true', 'SET progress_bar_time=300'];

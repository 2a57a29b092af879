/**
 * One statement run as a DuckDB pending query: started, then polled until its result is ready.
 * Each poll runs about half a second of engine work, so between polls the caller can see
 * progress and cancel. Both engine adapters (duckdb-wasm's blocking Node build and its Web
 * Worker) expose the same four calls; this module is the loop they share.
 */
import { tableFromIPC, type Table } from 'apache-arrow';
import { messageOf, type AppError } from '../base/errors';
import { err, ok, type Result } from '../base/result';
import type { QueryControl } from './sql-engine';

/** duckdb-wasm's pending-query calls for one connection (sync in Node, async in the browser). */
export interface PendingQueryCalls {
  /** Starts `sql`; the result's IPC header when it finished at once, else null. */
  start(sql: string): Uint8Array | null | Promise<Uint8Array | null>;
  /** Runs the statement a little further; the IPC header once finished, else null. */
  poll(): Uint8Array | null | Promise<Uint8Array | null>;
  /** Stops the pending statement (DuckDB rolls it back: a CREATE TABLE leaves no table). */
  cancel(): boolean | Promise<boolean>;
  /** The next IPC record batch of the finished statement; empty at the end, null for "not yet, ask again". */
  fetch(): Uint8Array | null | Promise<Uint8Array | null>;
  /**
   * Routes the engine's progress reports (percent, 0..100) to `listener` while this statement
   * runs; null stops routing.
   */
  listen(listener: ((percent: number) => void) | null): void;
}

/** duckdb-wasm's bindings, blocking (Node) or async (browser worker): the four pending-query calls by connection id. */
export interface PendingQueryBindings<B, U> {
  startPendingQuery(conn: number, sql: string, allowStreamResult?: boolean): U;
  pollPendingQuery(conn: number): U;
  cancelPendingQuery(conn: number): B;
  fetchQueryResults(conn: number): U;
}

/** {@link PendingQueryCalls} of connection `conn` of `db` (materialized results, no streaming). */
export function pendingQueryCalls<B extends boolean | Promise<boolean>, U extends Uint8Array | null | Promise<Uint8Array | null>>(
  db: PendingQueryBindings<B, U>,
  conn: number,
  listen: PendingQueryCalls['listen'],
): PendingQueryCalls {
  return {
    start: (sql) => db.startPendingQuery(conn, sql, false),
    poll: () => db.pollPendingQuery(conn),
    cancel: () => db.cancelPendingQuery(conn),
    fetch: () => db.fetchQueryResults(conn),
    listen,
  };
}

/**
 * Runs `sql` through `calls`, yielding to the event loop between polls (`pause`: a macrotask in
 * Node, where the calls are synchronous; the browser's worker replies already yield) so a cancel
 * from a button, a timer or a signal handler is seen. Reports progress as
 * 0..1 (never decreasing), calls `onWait` after every poll, and returns the result as an Arrow table built by the app's own
 * apache-arrow. A cancelled statement returns `{kind:'cancelled'}`; SQL errors are
 * `{kind:'sql'}` values as in {@link SqlEngine.query}.
 */
export async function runPendingQuery(calls: PendingQueryCalls, sql: string, control: QueryControl, pause: () => Promise<void>): Promise<Result<Table, AppError>> {
  let best = 0;
  calls.listen((percent) => {
    const f = Math.min(1, Math.max(0, percent / 100));
    if (!(f > best)) return;
    best = f;
    control.onProgress?.(f);
  });
  try {
    if (control.cancel?.aborted) return err({ kind: 'cancelled' });
    const started = Date.now();
    let header = await calls.start(sql);
    while (header === null) {
      control.onWait?.((Date.now() - started) / 1000);
      await pause();
      if (control.cancel?.aborted) {
        await calls.cancel();
        return err({ kind: 'cancelled' });
      }
      header = await calls.poll();
    }
    const parts: Uint8Array[] = [header];
    for (;;) {
      const chunk = await calls.fetch();
      if (chunk === null) {
        await pause();
        continue;
      }
      if (chunk.length === 0) break;
      parts.push(chunk);
    }
    return ok(tableFromIPC(parts));
  } catch (e) {
    if (control.cancel?.aborted) return err({ kind: 'cancelled' });
    return err({ kind: 'sql', sql, message: messageOf(e) });
  } finally {
    calls.listen(null);
  }
}

/**
 * Keeps a connection to one statement at a time while a pending query runs: a statement run on
 * the same connection between two polls makes DuckDB abandon the pending query (it then fails
 * with a bare WebAssembly exception). Adapters run pending queries through {@link run} and wait
 * for {@link idle} before anything else they send to the connection, so other work (a map
 * layer's query during an import) waits for the statement as it did before polling existed.
 */
export class PendingQueryGate {
  private running: Promise<unknown> = Promise.resolve();

  /** Runs `f` after the pending queries started before it, alone. */
  run<T>(f: () => Promise<T>): Promise<T> {
    const result = this.running.then(f);
    this.running = result.catch(() => undefined);
    return result;
  }

  /** Resolves once no pending query runs (at once when none does). */
  async idle(): Promise<void> {
    await this.running;
  }
}

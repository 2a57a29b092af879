import * as duckdb from '@duckdb/duckdb-wasm';
import { tableToIPC, type Table } from 'apache-arrow';
import ehWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { messageOf } from '../../shared/base/errors';
import { err, ok } from '../../shared/base/result';
import { PendingQueryGate, pendingQueryCalls, runPendingQuery } from '../../shared/engine/pending-query';
import { OFFLINE_SETTINGS_SQL, type SqlEngine } from '../../shared/engine/sql-engine';

/**
 * SqlEngine on duckdb-wasm running in its own Web Worker (queries never block the UI thread).
 * Only the `eh` (exception-handling) bundle ships: every Chromium that Electron 41 embeds
 * supports wasm exceptions, and the mvp bundle would add 39 MB. The wasm and the worker are
 * bundled by Vite as local files; nothing is fetched from a CDN.
 */
export async function openBrowserEngine(): Promise<SqlEngine> {
  const worker = new Worker(ehWorkerUrl);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(ehWasmUrl);
  const conn = await db.connect();
  // No PROGRESS_SETTINGS_SQL here: duckdb-wasm would report progress through eval, which the
  // CSP forbids (the statement would fail). Long statements still poll: they can be cancelled.
  for (const sql of OFFLINE_SETTINGS_SQL) await conn.query(sql);
  const id = conn.useUnsafe((_b, c) => c);
  // Each call is a message to the worker: awaiting its reply already lets the UI run.
  const gate = new PendingQueryGate();
  const pending = pendingQueryCalls(db, id, () => undefined);
  const tick = () => Promise.resolve();

  return {
    name: 'duckdb-wasm/browser',
    async query(sql, control) {
      if (control) return gate.run(() => runPendingQuery(pending, sql, control, tick));
      await gate.idle();
      try {
        return ok((await conn.query(sql)) as unknown as Table);
      } catch (e) {
        return err({ kind: 'sql', sql, message: messageOf(e) });
      }
    },
    async registerFileBuffer(name, bytes) {
      await gate.idle();
      await db.registerFileBuffer(name, bytes);
    },
    async dropFile(name) {
      await gate.idle();
      await db.dropFile(name).catch(() => undefined);
    },
    async insertArrowTable(name, table) {
      await gate.idle();
      try {
        await conn.query(`DROP TABLE IF EXISTS "${name.replaceAll('"', '""')}"`);
        // One IPC stream serialized by the app's own apache-arrow (see duckdb-node.ts for why).
        await conn.insertArrowFromIPCStream(tableToIPC(table, 'stream'), { name, create: true });
        return ok(undefined);
      } catch (e) {
        return err({ kind: 'sql', sql: `insert arrow table ${name}`, message: messageOf(e) });
      }
    },
    async close() {
      await conn.close();
      await db.terminate();
    },
  };
}

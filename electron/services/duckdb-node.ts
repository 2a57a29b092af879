import { createRequire } from 'node:module';
import path from 'node:path';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { tableToIPC, type Table } from 'apache-arrow';
import { messageOf } from '../../shared/base/errors';
import { err, ok } from '../../shared/base/result';
import { PendingQueryGate, pendingQueryCalls, runPendingQuery } from '../../shared/engine/pending-query';
import { OFFLINE_SETTINGS_SQL, PROGRESS_SETTINGS_SQL, type SqlEngine } from '../../shared/engine/sql-engine';

const require = createRequire(import.meta.url);

/**
 * SqlEngine on duckdb-wasm's blocking Node build: the same DuckDB (and the same SQL dialect) as
 * the renderer's worker, so CLI and tests exercise the engine the app runs. It reads absolute
 * paths straight from disk (`read_csv('/abs/file.csv')`) and returns Arrow synchronously; we wrap
 * that in promises to satisfy the port. Instantiation takes ~2 s: open one per process.
 */
export async function openNodeEngine(): Promise<SqlEngine> {
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const bundles: duckdb.DuckDBBundles = {
    mvp: {
      mainModule: path.join(dist, 'duckdb-mvp.wasm'),
      mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs'),
    },
    eh: {
      mainModule: path.join(dist, 'duckdb-eh.wasm'),
      mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs'),
    },
  };
  // The runtime's progressUpdate is a no-op in the Node build; ours forwards DuckDB's progress
  // (percent) to the statement that asked for it (pending-query.ts).
  let listener: ((percent: number) => void) | null = null;
  const runtime: duckdb.DuckDBRuntime = { ...duckdb.NODE_RUNTIME, progressUpdate: (_done: number, percent: number) => listener?.(percent) };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), runtime);
  await db.instantiate(() => {});
  const conn = db.connect();
  for (const sql of [...OFFLINE_SETTINGS_SQL, ...PROGRESS_SETTINGS_SQL]) conn.query(sql);
  const id = conn.useUnsafe((_b, c) => c);
  const gate = new PendingQueryGate();
  const pending = pendingQueryCalls(db, id, (l) => void (listener = l));
  const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

  return {
    name: 'duckdb-wasm/node',
    async query(sql, control) {
      if (control) return gate.run(() => runPendingQuery(pending, sql, control, macrotask));
      await gate.idle();
      try {
        return ok(conn.query(sql) as Table);
      } catch (e) {
        return err({ kind: 'sql', sql, message: messageOf(e) });
      }
    },
    async registerFileBuffer(name, bytes) {
      await gate.idle();
      db.registerFileBuffer(name, bytes);
    },
    async dropFile(name) {
      await gate.idle();
      try {
        db.dropFile(name);
      } catch {
        // Unknown names are ignored by contract.
      }
    },
    async insertArrowTable(name, table) {
      await gate.idle();
      try {
        conn.query(`DROP TABLE IF EXISTS "${name.replaceAll('"', '""')}"`);
        // Serialize with OUR apache-arrow: duckdb-wasm's CJS build loads arrow's CJS entry, a
        // second module instance whose tableToIPC mis-writes tables built by the ESM one.
        conn.insertArrowFromIPCStream(tableToIPC(table, 'stream'), { name, create: true });
        return ok(undefined);
      } catch (e) {
        return err({ kind: 'sql', sql: `insert arrow table ${name}`, message: messageOf(e) });
      }
    },
    async close() {
      conn.close();
      await db.reset();
    },
  };
}

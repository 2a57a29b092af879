import initSqlJs from 'sql.js';
import sqlWasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import type { AppError } from '../../../shared/base/errors';
import { err, type Result } from '../../../shared/base/result';
import { openMbtiles, type MbtilesArchive } from '../../../shared/domain/geo/mbtiles';

type SqlJs = Awaited<ReturnType<typeof initSqlJs>>;
let sqlJs: Promise<SqlJs> | null = null;

/**
 * Opens an MBTiles file's bytes with sql.js (SQLite compiled to WebAssembly, loaded from the
 * app's own bundled .wasm, never a network URL) and reads it with shared/domain/geo/mbtiles.ts.
 * The database stays open in memory for the window's life; tile reads are one indexed SELECT.
 */
export async function openMbtilesBytes(bytes: Uint8Array, file: string): Promise<Result<MbtilesArchive, AppError>> {
  sqlJs ??= initSqlJs({ locateFile: () => sqlWasmUrl });
  let db: InstanceType<SqlJs['Database']>;
  try {
    db = new (await sqlJs).Database(bytes);
  } catch (e) {
    return err({ kind: 'file-format', path: file, reason: `not a readable SQLite database (${e instanceof Error ? e.message : String(e)})` });
  }
  const stmts = new Map<string, ReturnType<typeof db.prepare>>();
  return openMbtiles((sql, params = []) => {
    let stmt = stmts.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      stmts.set(sql, stmt);
    }
    stmt.bind(params as (number | string)[]);
    const rows: unknown[][] = [];
    while (stmt.step()) rows.push(stmt.get());
    stmt.reset();
    return rows;
  }, file);
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openNodeEngine } from '../../electron/services/duckdb-node';
import type { SqlEngine } from '../../shared/engine/sql-engine';

/** One real duckdb-wasm engine per test file (opening one takes about a second). */
export async function openTestEngine(): Promise<SqlEngine> {
  return openNodeEngine();
}

/** A temporary folder with helpers to write files into it; `cleanup()` removes it. */
export function tempDir(prefix = 'spi-test-') {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    dir,
    write(name: string, content: string | Uint8Array): string {
      const file = path.join(dir, name);
      writeFileSync(file, content);
      return file;
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

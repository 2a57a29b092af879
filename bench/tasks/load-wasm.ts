// Task: load a CSV into the app's engine (duckdb-wasm, Node build) exactly as `spi sql` does.
import { openNodeEngine } from '../../electron/services/duckdb-node';
import { buildLoadCsvSql } from '../../shared/engine/sql';
import { measure } from './measure';

const [file] = process.argv.slice(2);
const engine = await openNodeEngine(); // start-up is not part of the load figure
await measure('load-wasm', async () => {
  const loaded = await engine.query(buildLoadCsvSql('incidents', file!));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
  const counted = await engine.query('SELECT count(*)::DOUBLE AS n FROM incidents');
  if (!counted.ok) throw new Error(JSON.stringify(counted.error));
  return { rows: Number(counted.value.getChild('n')?.get(0)) };
});

// Reference task: native DuckDB (@duckdb/node-api, dev dependency used only here) loading the
// same file with the same SQL, on all cores.
import { DuckDBInstance } from '@duckdb/node-api';
import { buildLoadCsvSql } from '../../shared/engine/sql';
import { measure } from './measure';

const [file] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await measure('load-native', async () => {
  await connection.run(buildLoadCsvSql('incidents', file!));
  const reader = await connection.runAndReadAll('SELECT count(*)::DOUBLE AS n FROM incidents');
  return { rows: Number(reader.getRows()[0]?.[0]) };
});

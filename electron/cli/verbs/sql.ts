import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatAppError } from '../../../shared/base/errors';
import { toPlainRows } from '../../../shared/engine/arrow-values';
import { loadTableFromSource, type LoadedTable } from '../../../shared/engine/load-table';
import { toTableName } from '../../../shared/engine/sql';
import { openNodeEngine } from '../../services/duckdb-node';
import { formatTextTable } from '../format';
import { CliInputError, EXIT_BAD_INPUT, EXIT_OK, type CliIo, type Verb } from '../io';
import { readFile } from 'node:fs/promises';
import { MASK } from '../../../shared/domain/privacy/sensitive';
import { detectTableSensitive, maskTable, readSensitiveSidecar } from './sensitive-cli';

const HELP = `spi sql FILE... --query "SQL" [--json] [--max-rows N] [--include-sensitive]

Loads each CSV (comma, tab, pipe or semicolon delimited) or Parquet FILE as a table named after
the file (robberies_2019.csv -> robberies_2019) into the app's DuckDB engine, runs SQL and
prints the result. A debugging aid that analysts like too.

Options:
  --query SQL     the SQL to run (required); several statements separated by ";" print the last
  --json          print {"tables":[...], "columns":[...], "rows":[...]} instead of a text table
  --max-rows N    rows to print as text (default 100; --json prints all)
  --include-sensitive  show the values of sensitive columns (names, DOB, phone, SSN/DL,
                  victim/suspect/witness details, juvenile flags, narratives). By default they
                  are masked (${MASK}) before the query runs: those listed in a sensitive.json
                  beside the file (written by "spi ingest"), else detected from names and values

Example:
  spi sql incidents.csv --query "SELECT \\"Beat\\", count(*) FROM incidents GROUP BY 1 ORDER BY 2 DESC"

DuckDB runs offline: core SQL and read_csv work; parquet/json/icu/spatial extensions do not
(Parquet files are read by the app itself). Exit 2 on a missing or unreadable file or an SQL error.
`;

export const sqlVerb: Verb = {
  name: 'sql',
  summary: 'load CSV/Parquet files as tables and run SQL on them',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { query: { type: 'string', short: 'q' }, json: { type: 'boolean' }, 'max-rows': { type: 'string' }, 'include-sensitive': { type: 'boolean' } },
    });
    if (values.query === undefined || values.query.trim() === '') throw new CliInputError('--query "SQL" is required');
    if (positionals.length === 0) throw new CliInputError('name at least one CSV or Parquet FILE');
    const maxRows = values['max-rows'] === undefined ? 100 : Number(values['max-rows']);
    if (!Number.isInteger(maxRows) || maxRows < 0) throw new CliInputError(`--max-rows: "${values['max-rows']}" is not a whole number`);

    // Check every file before starting the engine: a typo should fail in milliseconds.
    const files = positionals.map((p) => ({ arg: p, abs: path.resolve(io.cwd, p) }));
    for (const f of files) {
      const info = await stat(f.abs).catch(() => null);
      if (!info) throw new CliInputError(`${f.arg}: file not found`);
      if (!info.isFile()) throw new CliInputError(`${f.arg}: not a file`);
    }
    const names = new Set<string>();
    const engine = await openNodeEngine();
    try {
      const loaded: LoadedTable[] = [];
      const sensitive: Record<string, string[]> = {};
      for (const f of files) {
        let table = toTableName(f.arg);
        for (let i = 2; names.has(table); i++) table = `${toTableName(f.arg)}_${i}`;
        names.add(table);
        const result = await loadTableFromSource(
          engine,
          { fileName: f.arg, head: await readHead(f.abs), sqlSource: f.abs, readAll: async () => new Uint8Array(await readFile(f.abs)) },
          table,
        );
        if (!result.ok) {
          io.err(`spi sql: ${formatAppError(result.error)}\n`);
          return EXIT_BAD_INPUT;
        }
        loaded.push(result.value);
        // Sensitive columns are masked before any user SQL runs, so no alias or expression can
        // read them; --include-sensitive leaves them as they are.
        const listed = await readSensitiveSidecar(f.abs);
        const columns = result.value.columns.map((c) => c.name);
        const marked = listed ? listed.filter((c) => columns.includes(c)) : (await detectTableSensitive(engine, table)).map((d) => d.column);
        if (marked.length > 0) {
          sensitive[table] = marked;
          if (!values['include-sensitive']) await maskTable(engine, table, marked);
        }
      }
      const maskedNote = Object.entries(sensitive).map(([t, cols]) => `${t}: ${cols.join(', ')}`).join('; ');
      if (maskedNote) io.err(values['include-sensitive'] ? `spi sql: sensitive columns shown (--include-sensitive): ${maskedNote}\n` : `spi sql: sensitive columns masked (${maskedNote}); --include-sensitive shows them\n`);
      const result = await engine.query(values.query);
      if (!result.ok) {
        io.err(`spi sql: ${formatAppError(result.error)}\n`);
        return EXIT_BAD_INPUT;
      }
      const columns = result.value.schema.fields.map((f) => ({ name: f.name, type: String(f.type) }));
      if (values.json) {
        io.out(`${JSON.stringify({ tables: loaded, columns, rows: toPlainRows(result.value), sensitive, sensitive_masked: !values['include-sensitive'] }, null, 2)}\n`);
      } else {
        io.out(`Tables: ${loaded.map((t) => `${t.table} (${t.rows.toLocaleString('en-US')} rows)`).join(', ')}\n\n`);
        io.out(formatTextTable(columns.map((c) => c.name), toPlainRows(result.value, maxRows), result.value.numRows));
      }
      return EXIT_OK;
    } finally {
      await engine.close();
    }
  },
};

async function readHead(file: string, bytes = 65536): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = new Uint8Array(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Small pure helpers to build SQL text safely. DuckDB's prepared statements do not cover
 * identifiers or table-function arguments, so names and file paths are quoted here.
 */

/** Quotes an identifier (table or column name): `a"b` -> `"a""b"`. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal: `O'Hara` -> `'O''Hara'`. */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Turns a file name into a table name analysts can type: the base name without extension,
 * lower-cased, with anything but letters, digits and `_` replaced by `_`, and a leading digit
 * prefixed with `t_`. `Robberies 2019.csv` -> `robberies_2019`.
 */
export function toTableName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const stem = base.replace(/\.(csv|tsv|txt|parquet|pq)(\.gz)?$/i, '');
  let name = stem.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  if (name === '') name = 'data';
  if (/^[0-9]/.test(name)) name = `t_${name}`;
  return name;
}

/**
 * SQL that creates table `table` from a CSV visible to the engine under `source` (a registered
 * buffer name or, in Node, an absolute path). All columns are sniffed over the whole file
 * (`sample_size=-1`) so a late odd value cannot break the load.
 */
export function buildLoadCsvSql(table: string, source: string): string {
  return `CREATE OR REPLACE TABLE ${quoteIdent(table)} AS SELECT * FROM read_csv(${quoteLiteral(source)}, auto_detect=true, header=true, sample_size=-1)`;
}

/**
 * What the fuzz harness feeds: each target names its valid seed inputs, the mutators that apply,
 * and how to run the reader on one case. To fuzz another reader, add ONE line to FUZZ_TARGETS:
 *
 *   xlsx: readerTarget('xlsx', [BYTE_MUTATORS], xlsxSeeds, (bytes, ctx) => readXlsx(bytes, ctx.fileName)),
 *
 * where the reader returns a Result (`{ok:true, value}` or `{ok:false, error}`): ok is a load,
 * an error value is a clear error, anything thrown is a crash. `check` may add invariants of a
 * correct load (row accounting, read-only flags) that turn a bad `ok` into a violation.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import { loadTableFromSource } from '../../../shared/engine/load-table';
import { quoteIdent } from '../../../shared/engine/sql';
import { readProject, type OpenedProject } from '../../../shared/domain/project/read-project';
import { writeProject } from '../../../shared/domain/project/write-project';
import { makeKillTestProject } from '../../electron/services/fixtures/kill-project';
import { makeProject } from '../../shared/domain/project/fixtures';
import { BYTE_MUTATORS, TEXT_MUTATORS, type Mutator } from './mutators';
import { FUZZ_PASSPHRASE, PROJECT_MUTATORS } from './project-mutators';
import { GEOJSON_MUTATORS, ZIP_MEMBER_MUTATORS } from './format-mutators';
import { parseXlsxTable } from '../../../shared/domain/ingest/read-xlsx';
import { parseGeoJsonTable } from '../../../shared/domain/ingest/read-geojson';
import { parseShapefileTable } from '../../../shared/domain/ingest/read-shapefile';
import type { TabularData } from '../../../shared/domain/ingest/read-raw';
import { readReferenceLayer, type ReferenceLayer } from '../../../shared/domain/ingest/reference-layer';
import { buildPointShapefile, buildXlsx, PRJ_2276 } from '../../shared/domain/ingest/fixtures';

/** What a target's reader gets besides the bytes. */
export interface FuzzContext {
  /** A folder of its own for this case (the only place the runner process may write). */
  dir: string;
  fileName: string;
  /** The real Node engine (duckdb-wasm), opened once per runner process on first use. */
  engine(): Promise<SqlEngine>;
}

/** How one case ended, as the reader saw it. `check` failures become `violation`. */
export type ReaderOutcome = { ok: true; detail: string } | { ok: false; error: string } | { violation: string };

/** One fuzzable reader. */
export interface FuzzTarget {
  name: string;
  /** File name given to the reader (its extension matters for sniffing). */
  fileName: string;
  /** Groups of mutators; each case draws a group, then a mutator in it (so groups weigh equally). */
  mutators: readonly (readonly Mutator[])[];
  /** Valid inputs to mutate (computed once per runner process). */
  seeds(): Promise<Uint8Array[]>;
  run(bytes: Uint8Array, ctx: FuzzContext): Promise<ReaderOutcome>;
}

type AnyResult = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * A target from a reader that returns a Result. `check(value)` returns a violation message for
 * an ok value that is not a correct load, or null.
 */
export function readerTarget(
  name: string,
  fileName: string,
  mutators: readonly (readonly Mutator[])[],
  seeds: () => Promise<Uint8Array[]>,
  read: (bytes: Uint8Array, ctx: FuzzContext) => Promise<AnyResult>,
  check: (value: unknown, bytes: Uint8Array, ctx: FuzzContext) => Promise<string | null> | string | null = () => null,
): FuzzTarget {
  return {
    name,
    fileName,
    mutators,
    seeds,
    async run(bytes, ctx) {
      const r = await read(bytes, ctx);
      if (r === null || typeof r !== 'object' || typeof r.ok !== 'boolean') return { violation: `the reader returned ${String(r)}, not a Result` };
      if (!r.ok) {
        const message = describeError(r.error);
        return message ? { ok: false, error: message } : { violation: `an error without a message: ${JSON.stringify(r.error)}` };
      }
      const bad = await check(r.value, bytes, ctx);
      return bad ? { violation: bad } : { ok: true, detail: summarize(r.value) };
    },
  };
}

/** An error value's message (`reason`/`message`), or '' when it has none: unclear errors are violations. */
function describeError(error: unknown): string {
  if (error === null || typeof error !== 'object') return typeof error === 'string' ? error : '';
  const e = error as { kind?: unknown; reason?: unknown; message?: unknown };
  const text = typeof e.reason === 'string' ? e.reason : typeof e.message === 'string' ? e.message : '';
  return text.trim() === '' ? '' : `${typeof e.kind === 'string' ? `${e.kind}: ` : ''}${text}`;
}

function summarize(value: unknown): string {
  if (value && typeof value === 'object' && 'problems' in value) {
    const problems = (value as { problems: unknown[] }).problems;
    return problems.length === 0 ? 'opened intact' : `opened read-only, ${problems.length} damaged parts named`;
  }
  if (value && typeof value === 'object' && 'rows' in value) return `loaded ${(value as { rows: number }).rows} rows`;
  return 'loaded';
}

/** Invariants of an opened project: problems name a part and a reason; damage means read-only; rows add up. */
function checkOpenedProject(value: unknown): string | null {
  const v = value as OpenedProject;
  if ((Object.prototype as { polluted?: unknown }).polluted !== undefined) return 'Object.prototype was polluted';
  for (const p of v.problems) {
    if (typeof p.part !== 'string' || p.part === '' || typeof p.reason !== 'string' || p.reason === '') return `a problem without part or reason: ${JSON.stringify(p)}`;
  }
  if (v.problems.length > 0 && !v.readOnly) return 'damaged parts but not read-only';
  for (const d of v.project.datasets) {
    if (d.table && d.table.numRows !== d.meta.rows) return `dataset ${d.meta.id}: the table has ${d.table.numRows} rows, its description says ${d.meta.rows}`;
  }
  return null;
}

/**
 * Seeds: the small all-parts fixture project and a 2,000-row one. (Encrypted envelopes are made
 * from them by the `encrypted-envelope` mutator, whose passphrase is {@link FUZZ_PASSPHRASE}.)
 */
async function projectSeeds(): Promise<Uint8Array[]> {
  const now = '2024-05-02T00:00:00.000Z';
  return [await writeProject(makeProject(), { appVersion: '0.1.0', now }), await writeProject(makeKillTestProject(2_000, 'A', 1), { appVersion: '0.1.0', now })];
}

/** Seeds: comma, semicolon and tab CSV with quoting, embedded newlines, empty fields, a BOM. */
async function csvSeeds(): Promise<Uint8Array[]> {
  const enc = (s: string) => new TextEncoder().encode(s);
  const rows = Array.from({ length: 200 }, (_, i) => `24-${1000 + i},${['13A', '220', '23F'][i % 3]},2024-03-${String((i % 28) + 1).padStart(2, '0')} 14:${String(i % 60).padStart(2, '0')},${(32.7 + i / 1e4).toFixed(5)},${(-97.3 - i / 1e4).toFixed(5)},"${i % 7 === 0 ? 'MAIN ST, ""A""' : `${i} ELM ST`}"`);
  return [
    enc(`case_id,offense,occurred,lat,lon,address\n${rows.join('\n')}\n`),
    enc(`\ufeffcase_id;offense;occurred;note\n${Array.from({ length: 100 }, (_, i) => `${i};13A;03/${(i % 28) + 1}/2024;"line one\nline two"`).join('\n')}\n`),
    enc(`id\tvalue\tflag\n${Array.from({ length: 100 }, (_, i) => `${i}\t${i % 5 === 0 ? '' : i * 1.5}\t${i % 2 === 0}`).join('\n')}\n`),
  ];
}

/** Loads a CSV case with the real engine, as `spi sql`/ingest do: from a file on disk. */
async function loadCsv(bytes: Uint8Array, ctx: FuzzContext): Promise<AnyResult> {
  const file = path.join(ctx.dir, ctx.fileName);
  await writeFile(file, bytes);
  const engine = await ctx.engine();
  return loadTableFromSource(engine, { fileName: ctx.fileName, head: bytes.subarray(0, 65_536), sqlSource: file, readAll: async () => bytes }, 'fuzz_case');
}

/** A CSV load is correct when the table it reports exists with exactly the rows it reports. */
async function checkCsvLoad(value: unknown, _bytes: Uint8Array, ctx: FuzzContext): Promise<string | null> {
  const v = value as { table: string; rows: number; columns: unknown[] };
  if (!Number.isInteger(v.rows) || v.rows < 0) return `row count ${v.rows}`;
  if (v.columns.length === 0) return 'a table without columns';
  const counted = await (await ctx.engine()).query(`SELECT count(*)::DOUBLE AS n FROM ${quoteIdent(v.table)}`);
  if (!counted.ok) return `the loaded table cannot be counted: ${JSON.stringify(counted.error)}`;
  const n = Number(counted.value.getChild('n')?.get(0));
  return n === v.rows ? null : `reported ${v.rows} rows, the table holds ${n}`;
}

/** Seeds: a workbook with text, numbers, dates, empty cells and a merged header cell. */
async function xlsxSeeds(): Promise<Uint8Array[]> {
  const rows = Array.from({ length: 60 }, (_, i) => [`24-${2000 + i}`, ['13A', '220', '23F'][i % 3]!, { date: 45_300 + i / 7 }, i % 5 === 0 ? null : 32.7 + i / 1e4, -97.3 - i / 1e4, `${i} ELM ST <&>`]);
  return [buildXlsx([['Case', 'Offense', 'Occurred', 'Lat', 'Lon', 'Address'], ...rows]), buildXlsx([['Report', null, 'x'], ['a', 'b', 'c'], [1, 2, 3]], { merges: ['A1:B1'], sheetName: 'Data & "more"' })];
}

/** Seeds: points with properties, a polygon layer, mixed geometries and a null geometry. */
async function geojsonSeeds(): Promise<Uint8Array[]> {
  const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
  const points = Array.from({ length: 80 }, (_, i) => ({ type: 'Feature', properties: { case_id: `24-${i}`, offense: '13A', occurred: `2024-03-${String((i % 28) + 1).padStart(2, '0')}T10:00` }, geometry: i % 17 === 0 ? null : { type: 'Point', coordinates: [-97.3 - i / 1e3, 32.7 + i / 1e3] } }));
  const square = (x: number, y: number) => [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]];
  const polygons = Array.from({ length: 12 }, (_, i) => ({ type: 'Feature', properties: { beat: String(i + 1), district: i < 6 ? 'N' : 'S' }, geometry: i % 5 === 4 ? { type: 'MultiPolygon', coordinates: [square(-97.3 + i / 50, 32.7)] } : { type: 'Polygon', coordinates: square(-97.3 + i / 50, 32.7) } }));
  const lines = [{ type: 'Feature', properties: { name: 'MAIN ST' }, geometry: { type: 'LineString', coordinates: [[-97.3, 32.7], [-97.29, 32.71]] } }];
  return [enc({ type: 'FeatureCollection', features: points }), enc({ type: 'FeatureCollection', features: [...polygons, ...lines] })];
}

/** Seeds: point shapefiles in State Plane feet with a .prj, and in degrees without one. */
async function shapefileSeeds(): Promise<Uint8Array[]> {
  const attrs = Array.from({ length: 40 }, (_, i) => ({ CASE_NO: `24-${i}`, OFFENSE: ['13A', '220'][i % 2]!, DATE: `03/${(i % 28) + 1}/2024` }));
  return [
    buildPointShapefile(attrs.map((_, i) => (i % 9 === 0 ? null : [2_400_000 + i * 50, 6_950_000 + i * 40])), attrs, PRJ_2276),
    buildPointShapefile(attrs.map((_, i) => [-97.3 - i / 1e3, 32.7 + i / 1e3]), attrs),
  ];
}

/** A parsed table is correct when every column has one value per row and rows are numbered. */
function checkTabular(value: unknown): string | null {
  if ((Object.prototype as { polluted?: unknown }).polluted !== undefined) return 'Object.prototype was polluted';
  const t = value as TabularData;
  if (t.values.length !== t.columns.length) return `${t.columns.length} columns but ${t.values.length} value arrays`;
  for (let c = 0; c < t.values.length; c++) {
    if (t.values[c]!.length !== t.sourceRows.length) return `column ${JSON.stringify(t.columns[c])} has ${t.values[c]!.length} values for ${t.sourceRows.length} rows`;
  }
  return null;
}

/** A reference layer is correct when every feature kept has finite lon/lat inside the world. */
function checkLayer(value: unknown): string | null {
  if ((Object.prototype as { polluted?: unknown }).polluted !== undefined) return 'Object.prototype was polluted';
  const layer = value as ReferenceLayer;
  let bad: string | null = null;
  const visit = (c: unknown): void => {
    if (bad) return;
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as number[];
      if (!Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x!) > 180 || Math.abs(y!) > 90) bad = `a kept position [${x}, ${y}] is not a lon/lat`;
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  layer.features.forEach((f, i) => {
    if (!bad && (!f.geometry || typeof f.geometry.type !== 'string')) bad = `kept feature ${i + 1} has no geometry`;
    visit(f.geometry?.coordinates);
  });
  for (const inv of layer.invalid) if (!bad && (!(inv.feature >= 1) || !inv.reason)) bad = `an invalid feature without a number or reason: ${JSON.stringify(inv)}`;
  return bad;
}

/** Where the escape probe tries to write: beside the runner's workspace, outside it. */
export const ESCAPE_PROBE_FILE = 'spi-fuzz-escape-probe.txt';

/**
 * Every fuzzable reader, by name. Plug a new reader in with one `readerTarget(...)` line.
 * `escape-probe` is no reader: it writes outside its folder on purpose, so a test can prove the
 * runner's sandbox refuses that (every case must end as `escape`).
 */
export const FUZZ_TARGETS: Readonly<Record<string, FuzzTarget>> = {
  'escape-probe': readerTarget('escape-probe', 'case.bin', [BYTE_MUTATORS], async () => [new Uint8Array(16)], async (b, ctx) => {
    await writeFile(path.join(ctx.dir, '..', '..', ESCAPE_PROBE_FILE), b);
    return { ok: true, value: { rows: 0 } };
  }),
  project: readerTarget('project', 'case.spiproj', [BYTE_MUTATORS, PROJECT_MUTATORS], projectSeeds, (b, ctx) => readProject(b, ctx.fileName, { passphrase: FUZZ_PASSPHRASE }), checkOpenedProject),
  csv: readerTarget('csv', 'case.csv', [BYTE_MUTATORS, TEXT_MUTATORS], csvSeeds, loadCsv, checkCsvLoad),
  xlsx: readerTarget('xlsx', 'case.xlsx', [BYTE_MUTATORS, ZIP_MEMBER_MUTATORS], xlsxSeeds, (b, ctx) => parseXlsxTable(b, ctx.fileName), checkTabular),
  geojson: readerTarget('geojson', 'case.geojson', [BYTE_MUTATORS, TEXT_MUTATORS, GEOJSON_MUTATORS], geojsonSeeds, async (b, ctx) => parseGeoJsonTable(b, ctx.fileName), checkTabular),
  shapefile: readerTarget('shapefile', 'case.zip', [BYTE_MUTATORS, ZIP_MEMBER_MUTATORS], shapefileSeeds, (b, ctx) => parseShapefileTable(b, ctx.fileName), checkTabular),
  'reference-geojson': readerTarget('reference-geojson', 'layer.geojson', [BYTE_MUTATORS, GEOJSON_MUTATORS], geojsonSeeds, async (b, ctx) => readReferenceLayer(b, ctx.fileName), checkLayer),
  'reference-shapefile': readerTarget('reference-shapefile', 'layer.zip', [BYTE_MUTATORS, ZIP_MEMBER_MUTATORS], shapefileSeeds, async (b, ctx) => readReferenceLayer(b, ctx.fileName), checkLayer),
};

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { topIndices } from '../../../shared/domain/analysis/result';
import { parseChoroplethRate, parsePolygonUnits } from '../../../shared/domain/explore/choropleth';
import { choroplethConvention, runChoropleth } from '../../../shared/domain/explore/run-choropleth';
import { CliInputError, type CliIo, type Verb } from '../io';
import { csvOutput, emitAnalysis, metadataOutput, type OutputFile } from './analysis-output';
import { SOURCE_HELP, SOURCE_OPTIONS, checkOutExtension, checkSourceArgs, fail, loadAnalysisSource, type LoadedSource } from './analysis-source';

const HELP = `spi choropleth SRC --layer beats|districts|ID|FILE.geojson [--rate km2|mi2|count|per:FIELD:N]
                     [--classes quantile|jenks|stddev|equal[:K]] --out polygons.csv|polygons.geojson

Counts incidents by polygon (beats, districts, or any polygon layer), with rates.
${choroplethConvention({ kind: 'area', unit: 'km2' }, 'the layer', 'the analysis CRS').map((l) => `  ${l}`).join('\n')}
Rates (--rate): count; km2 / mi2 (per square kilometre / mile of polygon area, the default km2);
per:FIELD:N (per N units of the numeric polygon property FIELD, e.g. per:population:1000; N
defaults to 1000). A polygon whose FIELD is missing or <= 0 has no value (never Infinity).
Columns: unit (1-based, file order), name, count, area_km2, denominator, value, class.
With --out FILE.geojson: the polygons (lon/lat) with their properties plus spi_name, spi_count,
spi_area_km2, spi_denominator, spi_value, spi_class. A FILE.meta.json beside either states the
conventions.

Options:
  --layer L             a layer of the project SRC by id or role (beats, districts, ...), or a
                        GeoJSON file of polygons in lon/lat
  --rate R              km2 (default), mi2, count or per:FIELD:N
  --classes M[:K]       classing of the values: quantile (default), jenks, stddev or equal, K
                        classes (default 5)

${SOURCE_HELP}
`;

const OPTIONS = { ...SOURCE_OPTIONS, layer: { type: 'string' }, rate: { type: 'string' }, classes: { type: 'string' } } as const;

async function readLayer(spec: string, loaded: LoadedSource, cwd: string): Promise<{ name: string; geojson: unknown }> {
  if (/\.(geo)?json$/i.test(spec)) {
    let text: string;
    try {
      text = await readFile(path.resolve(cwd, spec), 'utf8');
    } catch {
      throw new CliInputError(`--layer: ${spec}: file not found`);
    }
    try {
      return { name: spec, geojson: JSON.parse(text) };
    } catch (e) {
      throw new CliInputError(`--layer: ${spec}: not JSON (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  const layers = loaded.project?.project.layers ?? [];
  if (!loaded.project) throw new CliInputError(`--layer: "${spec}" names a project layer, but SRC is not a project (give a .spiproj SRC or a .geojson file)`);
  const layer = layers.find((l) => l.meta.id === spec) ?? layers.find((l) => l.meta.role === spec);
  if (!layer) throw new CliInputError(`--layer: "${spec}" is not a layer of ${loaded.arg} (layers: ${layers.map((l) => `${l.meta.id} (${l.meta.role})`).join(', ') || 'none'})`);
  return { name: layer.meta.name || layer.meta.id, geojson: layer.geojson };
}

export const choroplethVerb: Verb = {
  name: 'choropleth',
  summary: 'incident counts and rates (per km^2 or per population) by polygon: beats, districts, any layer',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
    const src = await checkSourceArgs(positionals, values);
    if (values.layer === undefined) throw new CliInputError('--layer is required: beats, districts, a layer id, or a polygons .geojson file');
    const rateText = values.rate ?? 'km2';
    const rate = parseChoroplethRate(rateText);
    if (!rate.ok) fail(rate.error);
    const m = /^(quantile|jenks|stddev|equal)(?::(\d+))?$/.exec(values.classes ?? 'quantile');
    const k = m?.[2] === undefined ? 5 : Number(m[2]);
    if (!m || k < 2 || k > 9) throw new CliInputError(`--classes: "${values.classes}" is not valid (expected quantile, jenks, stddev or equal, optionally :K with K 2-9)`);
    const ext = checkOutExtension(values.out, ['.csv', '.geojson'], 'choropleth');
    const loaded = await loadAnalysisSource(src, values, { dates: 'none' }, io.cwd);
    if (!loaded.crs) throw new CliInputError(`${src}: the CRS of x/y is not recorded (give --crs EPSG:N)`);
    const layer = await readLayer(values.layer, loaded, io.cwd);
    const units = parsePolygonUnits(layer.geojson, loaded.crs, layer.name);
    if (!units.ok) fail(units.error);
    const result = runChoropleth(units.value, loaded.points.x, loaded.points.y, rate.value, rateText, layer.name, { classing: m[1] as 'quantile', classes: k });
    if (!result.ok) fail(result.error);
    const { run, geojson } = result.value;
    const outputs: OutputFile[] = [];
    if (values.out) {
      outputs.push(ext === '.csv' ? csvOutput(values.out, run.table) : { arg: values.out, bytes: new TextEncoder().encode(`${JSON.stringify(geojson)}\n`), what: `${run.table.rows.toLocaleString('en-US')} polygons` });
      const meta = metadataOutput(values.out, run, loaded);
      outputs.push({ ...meta, arg: `${values.out.replace(/\.(csv|geojson)$/i, '')}.meta.json` });
    }
    const value = run.table.columns.find((c) => c.name === 'value')?.values as Float64Array;
    return emitAnalysis(run, {
      io,
      values,
      source: loaded,
      outputs,
      textRows: values.out || values.json ? null : { caption: 'Polygons with the highest values (use --out for every polygon)', indices: topIndices(Float64Array.from(value, (v) => (Number.isFinite(v) ? v : -Infinity)), 10) },
    });
  },
};

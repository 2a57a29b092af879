import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatAppError } from '../../../shared/base/errors';
import { parsePeriod } from '../../../shared/domain/design/period';
import { buildTargetList } from '../../../shared/domain/outputs/targets/build';
import { parseVisitLength } from '../../../shared/domain/outputs/targets/dosage';
import { exportTargetList, isTargetFormat, TARGET_FORMATS, toTargetExportLogEntry, type TargetFormat } from '../../../shared/domain/outputs/targets/export';
import { DEFAULT_HANDLING, type PdfFonts } from '../../../shared/domain/outputs/targets/export-pdf';
import { formatWindow } from '../../../shared/domain/outputs/targets/aoristic';
import { streetLine } from '../../../shared/domain/outputs/targets/rows';
import { appendLog } from '../../../shared/domain/project/project';
import { saveProjectFile } from '../../services/project-file';
import { writeFileAtomic } from '../../services/atomic-write';
import { formatTextTable } from '../format';
import { CliInputError, type CliIo } from '../io';
import { fail, parseNumberOption, parseUnitOption, parseWeightsOption } from './analysis-source';
import { loadPrivacyProfile, loadTargetAreas, loadTargetsProject, type AreaSource } from './export-targets-load';

/** `spi export targets --help`. */
export const EXPORT_TARGETS_HELP = `spi export targets P.spiproj (--design NAME | --hotspots [ANALYSIS_ID] | --areas A.geojson)
                   --format pdf|csv|xlsx|geojson|kml|gpx --out FILE [options]

A ranked patrol target list: per area its rank, id/name, centre (lon/lat and analysis-CRS x/y),
size, nearest street and cross streets (from the project's street centerline layer), the 3 most
frequent addresses inside, incidents by offense group in the period, peak days and hours and
the recommended patrol windows from the aoristic hour-by-day grid (Ratcliffe 2000: each
incident counts 1/k in each of the k clock hours between occurred_from and occurred_to, windows
capped at 7 days), and optionally a Koper dosage plan. Areas are ranked by incidents inside.
Formats: a printable PDF patrol sheet (a summary page, then one page per area with a map), CSV
and XLSX (cells starting with = + - @ tab or CR prefixed with ' so they never run as formulas),
GeoJSON, KML (placemarks with polygons) and GPX (waypoints at the centres).

Areas:
  --design NAME            the target areas of the saved design designs/NAME
  --hotspots [ID]          significant Getis-Ord Gi* cells: of the saved analysis analyses/ID
                           ("spi hotspots --save"), or run now on the period's incidents with
                           --unit (default grid:250), --weights (default band:500), --fdr
  --min-bin B              hot-spot cells with bin >= B (default 2 = 95% confidence; 1 = 90%)
  --areas FILE.geojson     polygons in lon/lat (properties.id, properties.name)
Options:
  --format F               ${TARGET_FORMATS.join(', ')} (default: from --out's extension)
  --out FILE               the file to write
  --period FROM..TO        incidents with occurred_from in these days (both included; default all)
  --top N                  areas listed (default 10)
  --privacy P              a privacy profile: a project document privacy/P, a built-in
                           ("internal", "public"), or a profile .json file; printed on the export
  --dosage 15m             add a dosage plan: visits of this length (1-120 minutes)
  --visits N               visits per shift in the dosage plan (default 2)
  --seed S                 seed of the dosage plan (default 1)
  --handling TEXT          the handling caveat (default "${DEFAULT_HANDLING}")
  --dataset ID, --filter SQL   which dataset, and a read-only row filter
  --save-log               record the export in the project's log (format, rows, privacy
                           profile, SHA-256 of the file)
  --json                   print the list as JSON
  --progress               report each step on stderr (reading the project, building the list,
                           writing outputs)`;

const OPTIONS = {
  design: { type: 'string' },
  hotspots: { type: 'boolean' },
  areas: { type: 'string' },
  unit: { type: 'string' },
  weights: { type: 'string' },
  fdr: { type: 'boolean' },
  'min-bin': { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  period: { type: 'string' },
  top: { type: 'string' },
  privacy: { type: 'string' },
  dosage: { type: 'string' },
  visits: { type: 'string' },
  seed: { type: 'string' },
  handling: { type: 'string' },
  dataset: { type: 'string' },
  filter: { type: 'string' },
  'save-log': { type: 'boolean' },
  json: { type: 'boolean' },
  progress: { type: 'boolean' },
} as const;

const FONT_DIR = fileURLToPath(new URL('../../../resources/fonts/', import.meta.url));

/** The shipped DejaVu fonts, read once. */
let fonts: PdfFonts | null = null;
function loadFonts(): PdfFonts {
  fonts ??= { regular: new Uint8Array(readFileSync(`${FONT_DIR}DejaVuSans.ttf`)), bold: new Uint8Array(readFileSync(`${FONT_DIR}DejaVuSans-Bold.ttf`)) };
  return fonts;
}

function parseSource(values: { design?: string; hotspots?: boolean; areas?: string; unit?: string; weights?: string; fdr?: boolean; 'min-bin'?: string }, extra: string | undefined): AreaSource {
  const given = [values.design !== undefined, values.hotspots === true, values.areas !== undefined].filter(Boolean).length;
  if (given !== 1) throw new CliInputError('give exactly one of --design NAME, --hotspots [ANALYSIS_ID] or --areas FILE.geojson');
  if (extra !== undefined && !values.hotspots) throw new CliInputError(`unexpected argument "${extra}"`);
  if (values.design !== undefined) return { kind: 'design', name: values.design };
  if (values.areas !== undefined) return { kind: 'areas', file: values.areas };
  const minBin = values['min-bin'] === undefined ? 2 : parseNumberOption('--min-bin', values['min-bin'], { min: 1, integer: true, what: 'a bin 1, 2 or 3' });
  if (minBin > 3) throw new CliInputError(`--min-bin: "${values['min-bin']}" is not valid (expected a bin 1, 2 or 3)`);
  const unit = parseUnitOption(values.unit ?? 'grid:250');
  const weightsText = values.weights ?? 'band:500';
  return {
    kind: 'hotspots',
    request: { analysisId: extra ?? null, unit, unitText: `${unit.kind}:${unit.size}`, weights: parseWeightsOption(weightsText), weightsText, fdr: values.fdr ?? false, minBin },
  };
}

/** Runs `spi export targets ...` (argv after "targets"); exit 0 when the file is written. */
export async function runExportTargets(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  const project = positionals[0];
  if (!project || !project.toLowerCase().endsWith('.spiproj')) throw new CliInputError(`name the project: spi export targets P.spiproj ... (got "${project ?? ''}")`);
  if (positionals.length > 2) throw new CliInputError(`unexpected argument "${positionals[2]}"`);
  const source = parseSource(values, positionals[1]);
  if (!values.out) throw new CliInputError('--out FILE is required (the file to write)');
  const ext = path.extname(values.out).slice(1).toLowerCase();
  const format = (values.format ?? ext).toLowerCase();
  if (!isTargetFormat(format)) throw new CliInputError(`--format: "${values.format ?? ext}" is not valid (expected ${TARGET_FORMATS.join(', ')})`);
  if (ext !== format && !(format === 'geojson' && ext === 'json')) throw new CliInputError(`--out: "${values.out}" does not end in .${format} (the --format)`);
  let period = null;
  if (values.period !== undefined) {
    const p = parsePeriod('--period', values.period);
    if (!p.ok) fail(p.error);
    period = p.value;
  }
  const top = values.top === undefined ? 10 : parseNumberOption('--top', values.top, { min: 1, integer: true, what: 'a whole number >= 1' });
  let dosage = null;
  if (values.dosage !== undefined) {
    const minutes = parseVisitLength(values.dosage);
    if (minutes === null) throw new CliInputError(`--dosage: "${values.dosage}" is not valid (expected a visit length of 1-120 minutes, e.g. 15m)`);
    const visitsPerShift = values.visits === undefined ? 2 : parseNumberOption('--visits', values.visits, { min: 1, integer: true, what: 'a whole number >= 1' });
    const seed = values.seed === undefined ? 1 : parseNumberOption('--seed', values.seed, { min: 0, integer: true, what: 'a whole number >= 0' });
    dosage = { minutes, visitsPerShift, seed };
  } else if (values.visits !== undefined || values.seed !== undefined) {
    throw new CliInputError('--visits and --seed apply to a dosage plan: add --dosage 15m');
  }
  const handling = values.handling ?? DEFAULT_HANDLING;

  const step = values.progress ? (message: string) => io.err(`${message}\n`) : () => undefined;
  step(`reading ${project}`);
  const loaded = await loadTargetsProject(project, io.cwd, values.dataset, values.filter);
  const documents = loaded.opened.project.documents;
  const profile = await loadPrivacyProfile(values.privacy, documents, io.cwd);
  const { areas, label } = await loadTargetAreas(source, loaded, period, profile, io.cwd);
  step(`building the target list: ${areas.length.toLocaleString('en-US')} areas, ${loaded.incidents.n.toLocaleString('en-US')} incidents`);
  const list = buildTargetList({ areas, incidents: loaded.incidents, source: label, period, top, profile, streets: loaded.streets, dosage });
  const bytes = await exportTargetList(list, format as TargetFormat, { handling, fonts: format === 'pdf' ? loadFonts() : undefined, streets: loaded.streets, agency: loaded.opened.project.info.agency });
  const outPath = path.resolve(io.cwd, values.out);
  step('writing outputs');
  // Temporary file, fsync, rename: a kill or a full disk leaves the previous file whole, never half of one.
  const written = await writeFileAtomic(outPath, bytes, { keepBackup: false });
  if (!written.ok) throw new CliInputError(formatAppError(written.error));
  const entry = await toTargetExportLogEntry(list, format as TargetFormat, bytes, values.out, 'spi export targets', loaded.dataHash ? { [loaded.datasetId]: loaded.dataHash } : {});
  if (values['save-log']) {
    if (loaded.opened.readOnly) throw new CliInputError(`--save-log: ${project} opened read-only; the file was written but the log not saved`);
    const saved = await saveProjectFile(appendLog(loaded.opened.project, entry), path.resolve(io.cwd, project), process.env.npm_package_version ?? '0.1.0');
    if (!saved.ok) throw new CliInputError(`--save-log: ${formatAppError(saved.error)}`);
  }
  if (values.json) {
    io.out(`${JSON.stringify({ file: outPath, format, bytes: bytes.length, sha256: entry.parameters.fileSha256, privacy: list.privacy, source: list.source, period: list.period, candidates: list.candidates, conventions: list.conventions, warnings: list.warnings, rows: list.rows.map((r) => ({ rank: r.rank, id: r.id, name: r.name, lon: r.lon, lat: r.lat, x: r.x, y: r.y, areaM2: r.areaM2, street: r.street, topAddresses: r.topAddresses, total: r.total, byGroup: Object.fromEntries(list.groups.map((g, i) => [g, r.byGroup[i]])), peakDays: r.peakDays, peakHours: r.peakHours, windows: r.windows.map(formatWindow), dosage: r.dosage })) }, null, 2)}\n`);
    return 0;
  }
  const rows = list.rows.map((r) => ({ rank: r.rank, area: r.name, incidents: r.total, street: streetLine(r), 'best windows': r.windows.slice(0, 2).map(formatWindow).join(', ') }));
  io.out(
    [
      `Target list: ${list.source}; ${list.rows.length} of ${list.candidates} areas${list.period ? `, ${list.period.from}..${list.period.to}` : ''}.`,
      list.privacy,
      formatTextTable(['rank', 'area', 'incidents', 'street', 'best windows'], rows, rows.length).trimEnd(),
      ...list.warnings.map((w) => `warning: ${w}`),
      `Wrote ${values.out} (${format}, ${bytes.length.toLocaleString('en-US')} bytes, sha256 ${String(entry.parameters.fileSha256).slice(0, 12)}…)${values['save-log'] ? `; logged in ${project}` : ''}.`,
      '',
    ].join('\n'),
  );
  return 0;
}

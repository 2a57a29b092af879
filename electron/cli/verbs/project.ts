import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatAppError } from '../../../shared/base/errors';
import { sha256Hex } from '../../../shared/base/hash';
import { getCrsDefinition } from '../../../shared/domain/geo/crs';
import { parseColumnMapping, type ColumnMapping } from '../../../shared/domain/ingest/mapping';
import { appendToDataset, applyAppend } from '../../../shared/domain/project/append';
import { DATASET_KINDS, type DatasetKind } from '../../../shared/domain/project/manifest';
import { appendLog, createProject, toPartId, type Project, type ProjectDataset, type ProjectLayer } from '../../../shared/domain/project/project';
import { listZipEntries, readZipEntry } from '../../../shared/domain/project/zip-reader';
import { describeOpenProblems, openProjectFile, saveProjectFile } from '../../services/project-file';
import { CliInputError, EXIT_BAD_INPUT, EXIT_CHECK_FAILED, EXIT_OK, type CliIo, type Verb } from '../io';
import { openNodeEngine } from '../../services/duckdb-node';
import { writeFileAtomic } from '../../services/atomic-write';
import { nodeFileSource } from './ingest';
import { loadDatasetDir } from './project-from-dir';
import { maskedDatasetParts } from './privacy-export';
import { toExportLogEntry } from '../../../shared/domain/privacy/export-log';

const HELP = `spi project <create|info|verify|export|append> ...

  spi project create OUT.spiproj --from DIR... [--title T] [--author A] [--agency G] [--force]
                    [--by-reference]
      A project from folders written by "spi ingest" (each <name>.parquet with its quality.json,
      quarantine and mapping.json becomes a dataset) and GeoJSON reference layers found in them
      (beats/districts/streets/... .geojson). Saved atomically; an existing OUT needs --force.
      --by-reference leaves the Parquet files where they are and records their path and SHA-256:
      opening reports a missing or changed file and opens the rest.
  spi project info P.spiproj [--json]
      The manifest, datasets with row counts, reference layers, documents and the analysis log.
  spi project verify P.spiproj [--json]
      Checks the container, every part's SHA-256 and every schema. Exit 0 when intact, 1 if not.
  spi project export P.spiproj --out DIR [--force] [--include-sensitive] [--save-log]
      Unpacks every intact part (Parquet, GeoJSON, JSON) for use in R, Python, DuckDB or a GIS.
      Sensitive columns (DatasetMeta.sensitive, else detected from the names) and the raw source
      lines of the quarantine are left out of the Parquet parts unless --include-sensitive.
      --save-log records the export (files, SHA-256 of each, sensitive choice) in the project's log.
  spi project append P.spiproj NEW_EXPORT.csv --dataset ID [--mapping M.json] [--crs EPSG:N]
                    [--out P2.spiproj [--force]] [--json]
      Adds a newer RMS export of the same kind to dataset ID: loaded with the dataset's saved
      column mapping (or M.json: a mapping as "spi ingest" writes it, or a saved template), then
      deduplicated by case number: cases only in the export are added, cases whose rows differ
      (normalized fields or original columns) are replaced by the export's version
      ("changed"), identical ones are left ("unchanged"), and the project's other cases are kept. The log entry records the counts
      and the SHA-256 of the dataset before and after and of the export. Saved in place
      (verified, the old file kept as P.spiproj.bak) or to --out. A mapping or kind that does
      not fit is refused and nothing is written.

The format is documented in docs/project-format.md.
`;

export const projectVerb: Verb = {
  name: 'project',
  summary: 'create, inspect, verify and unpack .spiproj project files',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const [sub, ...rest] = argv;
    switch (sub) {
      case 'create':
        return create(rest, io);
      case 'info':
        return info(rest, io, false);
      case 'verify':
        return info(rest, io, true);
      case 'export':
        return exportParts(rest, io);
      case 'append':
        return appendExport(rest, io);
      default:
        throw new CliInputError(`unknown sub-command "${sub ?? ''}" (create, info, verify, export, append; see spi project --help)`);
    }
  },
};

async function create(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { from: { type: 'string', multiple: true }, title: { type: 'string' }, author: { type: 'string' }, agency: { type: 'string' }, force: { type: 'boolean' }, json: { type: 'boolean' }, kind: { type: 'string' }, 'by-reference': { type: 'boolean' } },
  });
  const out = positionals[0];
  if (!out || !out.endsWith('.spiproj')) throw new CliInputError('name the project file to write, ending in .spiproj');
  if (!values.from?.length) throw new CliInputError('--from DIR is required (a folder written by "spi ingest")');
  const kind = (values.kind ?? 'incidents') as DatasetKind;
  if (!DATASET_KINDS.includes(kind)) throw new CliInputError(`--kind: "${values.kind}" is not one of ${DATASET_KINDS.join(', ')}`);
  const target = path.resolve(io.cwd, out);
  if ((await stat(target).catch(() => null)) && !values.force) throw new CliInputError(`${out} exists; use --force to replace it (the old file is kept as ${out}.bak)`);

  let project: Project = createProject({ title: values.title ?? path.basename(out, '.spiproj'), author: values.author ?? '', agency: values.agency ?? '' });
  const datasets: ProjectDataset[] = [];
  const layers: ProjectLayer[] = [];
  for (const dir of values.from) {
    const loaded = await loadDatasetDir(path.resolve(io.cwd, dir), dir, kind, [...datasets.map((d) => d.meta.id), ...layers.map((l) => l.meta.id)]);
    if (!loaded.ok) {
      io.err(`spi project create: ${formatAppError(loaded.error)}\n`);
      return EXIT_BAD_INPUT;
    }
    datasets.push(
      ...loaded.value.datasets.map((d) =>
        values['by-reference']
          ? // The Parquet stays where "spi ingest" wrote it; the project records its path and hash.
            { ...d, table: null, meta: { ...d.meta, source: { ...d.meta.source, storage: 'reference' as const, path: path.resolve(io.cwd, dir, d.meta.name) } } }
          : d,
      ),
    );
    layers.push(...loaded.value.layers);
  }
  if (datasets.length === 0 && layers.length === 0) throw new CliInputError(`no .parquet datasets or .geojson layers in ${values.from.join(', ')}`);
  const crs = datasets.find((d) => d.meta.crs.analysis)?.meta.crs.analysis ?? null;
  project = { ...project, info: { ...project.info, analysisCrs: crs }, datasets, layers };
  project = appendLog(project, {
    at: new Date().toISOString(),
    by: values.author ?? '',
    action: 'project.create',
    parameters: { from: values.from },
    dataHashes: Object.fromEntries(datasets.filter((d) => d.meta.source.sha256).map((d) => [d.meta.id, d.meta.source.sha256!])),
  });
  const saved = await saveProjectFile(project, target, appVersion());
  if (!saved.ok) {
    io.err(`spi project create: ${formatAppError(saved.error)}\n`);
    return EXIT_BAD_INPUT;
  }
  const summary = { file: target, bytes: saved.value.bytes, datasets: datasets.map((d) => ({ id: d.meta.id, kind: d.meta.kind, rows: d.table?.numRows ?? d.meta.rows })), layers: layers.map((l) => l.meta.id) };
  if (values.json) io.out(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    io.out(`Wrote ${out} (${(saved.value.bytes / 1024 ** 2).toFixed(1)} MiB)\n`);
    for (const d of summary.datasets) io.out(`  dataset ${d.id} (${d.kind}): ${d.rows.toLocaleString('en-US')} rows\n`);
    for (const l of summary.layers) io.out(`  layer   ${l}\n`);
  }
  return EXIT_OK;
}

async function info(argv: string[], io: CliIo, verifyOnly: boolean): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' } } });
  const file = positionals[0];
  if (!file) throw new CliInputError('name a .spiproj file');
  const opened = await openProjectFile(path.resolve(io.cwd, file));
  if (!opened.ok) {
    io.err(`spi project ${verifyOnly ? 'verify' : 'info'}: ${formatAppError({ ...opened.error, ...('path' in opened.error ? { path: file } : {}) } as typeof opened.error)}\n`);
    return verifyOnly ? EXIT_CHECK_FAILED : EXIT_BAD_INPUT;
  }
  const { project, problems, readOnly, formatVersion } = opened.value;
  const report = {
    file,
    formatVersion,
    intact: problems.length === 0,
    readOnly,
    problems,
    info: project.info,
    datasets: project.datasets.map((d) => ({ id: d.meta.id, name: d.meta.name, kind: d.meta.kind, rows: d.table?.numRows ?? d.meta.rows, storage: d.meta.source.storage, quarantined: d.quarantine?.numRows ?? 0, crs: d.meta.crs })),
    layers: project.layers.map((l) => ({ id: l.meta.id, name: l.meta.name, role: l.meta.role, features: l.geojson.features.length })),
    documents: Object.keys(project.documents).sort(),
    log: project.log,
  };
  if (values.json) io.out(`${JSON.stringify(verifyOnly ? { file, intact: report.intact, problems } : report, null, 2)}\n`);
  else if (verifyOnly) {
    io.out(problems.length === 0 ? `${file}: intact (format ${formatVersion}, every part's SHA-256 and schema checked)\n` : `${file}: ${problems.length} problem(s)\n${describeOpenProblems(opened.value).map((l) => `  ${l}\n`).join('')}`);
  } else {
    const i = project.info;
    io.out(`${i.title}  (${file}, format ${formatVersion}${readOnly ? ', READ-ONLY' : ''})\n`);
    io.out(`  author ${i.author || '—'}, agency ${i.agency || '—'}, analysis CRS ${i.analysisCrs ?? '—'}\n  created ${i.createdAt}, modified ${i.modifiedAt}\n`);
    io.out(`Datasets:\n${report.datasets.map((d) => `  ${d.id.padEnd(20)} ${d.kind.padEnd(12)} ${d.rows.toLocaleString('en-US').padStart(10)} rows  ${d.storage}${d.quarantined ? `, ${d.quarantined} quarantined` : ''}\n`).join('') || '  (none)\n'}`);
    io.out(`Layers:\n${report.layers.map((l) => `  ${l.id.padEnd(20)} ${l.role.padEnd(12)} ${l.features} features\n`).join('') || '  (none)\n'}`);
    io.out(`Documents: ${report.documents.join(', ') || '(none)'}\n`);
    io.out(`Log: ${project.log.length} entries${project.log.length ? `, last: ${project.log.at(-1)!.at} ${project.log.at(-1)!.action}` : ''}\n`);
    if (problems.length) io.out(`Problems:\n${describeOpenProblems(opened.value).map((l) => `  ${l}\n`).join('')}`);
  }
  return verifyOnly && problems.length > 0 ? EXIT_CHECK_FAILED : EXIT_OK;
}

async function exportParts(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string' }, force: { type: 'boolean' }, json: { type: 'boolean' }, 'include-sensitive': { type: 'boolean' }, 'save-log': { type: 'boolean' } } });
  const file = positionals[0];
  if (!file) throw new CliInputError('name a .spiproj file');
  if (!values.out) throw new CliInputError('--out DIR is required');
  const opened = await openProjectFile(path.resolve(io.cwd, file));
  if (!opened.ok) {
    io.err(`spi project export: ${formatAppError(opened.error)}\n`);
    return EXIT_BAD_INPUT;
  }
  const outDir = path.resolve(io.cwd, values.out);
  const existing = await readdir(outDir).catch(() => [] as string[]);
  if (existing.length > 0 && !values.force) throw new CliInputError(`${values.out} is not empty; use --force to write into it`);
  const bytes = new Uint8Array(await readFile(path.resolve(io.cwd, file)));
  const listed = listZipEntries(bytes);
  const bad = new Set(opened.value.problems.map((p) => p.part));
  const written: string[] = [];
  // Sensitive columns leave only with --include-sensitive: their dataset and quarantine parts are
  // rewritten without them (privacy-export.ts); every file written is hashed for the export log.
  const masked = maskedDatasetParts(opened.value.project, values['include-sensitive'] ?? false);
  const hashes: Record<string, string> = {};
  for (const entry of listed.ok ? listed.value : []) {
    if (bad.has(entry.name)) continue;
    const data = masked.parts.has(entry.name) ? { ok: true as const, value: masked.parts.get(entry.name)! } : readZipEntry(bytes, entry);
    if (!data.ok) continue;
    // Names were validated by the reader (relative, no ".."); resolve and check again anyway.
    const target = path.resolve(outDir, entry.name);
    if (!target.startsWith(outDir + path.sep)) continue;
    await mkdir(path.dirname(target), { recursive: true });
    // Each part atomically: a killed export leaves every part absent, old or whole.
    const w = await writeFileAtomic(target, data.value, { keepBackup: false });
    if (!w.ok) throw new CliInputError(`--out: ${formatAppError(w.error)}`);
    written.push(entry.name);
    hashes[entry.name] = await sha256Hex(data.value);
  }
  const skipped = [...bad];
  const entry = await toExportLogEntry({ kind: 'project', format: 'folder', file: values.out, bytes: null, rows: masked.rows, privacy: null, includeSensitive: values['include-sensitive'] ?? false, omitted: masked.omitted, by: 'spi project export', files: hashes, extra: { project: file, projectSha256: await sha256Hex(bytes), skipped } });
  if (values['save-log']) {
    if (opened.value.readOnly) throw new CliInputError(`--save-log: ${file} opened read-only; the parts were written but the log not saved`);
    const saved = await saveProjectFile(appendLog(opened.value.project, entry), path.resolve(io.cwd, file), appVersion());
    if (!saved.ok) throw new CliInputError(`--save-log: ${formatAppError(saved.error)}`);
  }
  if (values.json) io.out(`${JSON.stringify({ out: outDir, written, skipped, sha256: await sha256Hex(bytes), sensitive_omitted: masked.omitted, log: entry }, null, 2)}\n`);
  else io.out(`Unpacked ${written.length} parts to ${outDir}${skipped.length ? `; skipped damaged: ${skipped.join(', ')}` : ''}\n${masked.omitted.length ? `Sensitive columns left out (--include-sensitive keeps them): ${masked.omitted.join(', ')}\n` : ''}${values['save-log'] ? `Logged in ${file}.\n` : ''}`);
  return skipped.length ? EXIT_CHECK_FAILED : EXIT_OK;
}

async function appendExport(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { dataset: { type: 'string' }, mapping: { type: 'string' }, crs: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' }, json: { type: 'boolean' }, author: { type: 'string' } },
  });
  const [file, exportFile, extra] = positionals;
  const usage = 'spi project append P.spiproj NEW_EXPORT.csv --dataset ID';
  if (!file) throw new CliInputError(`name the project: ${usage}`);
  if (!/\.spiproj$/i.test(file)) {
    if (exportFile !== undefined && /\.spiproj$/i.test(exportFile)) throw new CliInputError(`the project comes first: spi project append ${exportFile} ${file} --dataset ID`);
    throw new CliInputError(`"${file}" is not a project file (a .spiproj is expected first: ${usage})`);
  }
  if (!exportFile) throw new CliInputError('name the new export: spi project append P.spiproj NEW_EXPORT.csv --dataset ID');
  if (extra !== undefined) throw new CliInputError(`unexpected argument "${extra}"`);
  if (!values.dataset) throw new CliInputError('--dataset ID is required (spi project info lists the datasets)');
  if (values.out !== undefined && !values.out.endsWith('.spiproj')) throw new CliInputError(`--out: "${values.out}" is not valid (expected a file ending in .spiproj)`);
  if (values.crs !== undefined && !getCrsDefinition(values.crs)) throw new CliInputError(`--crs: "${values.crs}" is not a known CRS (e.g. EPSG:2276)`);
  const source = path.resolve(io.cwd, file);
  const target = values.out ? path.resolve(io.cwd, values.out) : source;
  if (values.out && (await stat(target).catch(() => null)) && !values.force) throw new CliInputError(`--out: ${values.out} exists; use --force to replace it`);
  const exportAbs = path.resolve(io.cwd, exportFile);
  const exportInfo = await stat(exportAbs).catch(() => null);
  if (!exportInfo?.isFile()) throw new CliInputError(`${exportFile}: file not found`);
  let mapping: ColumnMapping | undefined;
  if (values.mapping) {
    const text = await readFile(path.resolve(io.cwd, values.mapping), 'utf8').catch(() => null);
    if (text === null) throw new CliInputError(`--mapping: ${values.mapping}: file not found or unreadable`);
    // A mapping as "spi ingest" writes it, or a saved template ({name, mapping, ...}).
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new CliInputError(`--mapping: ${values.mapping} is not JSON`);
    }
    const inner = json && typeof json === 'object' && 'mapping' in json ? (json as { mapping: unknown }).mapping : json;
    const parsed = parseColumnMapping(JSON.stringify(inner), values.mapping);
    if (!parsed.ok) throw new CliInputError(formatAppError(parsed.error));
    mapping = parsed.value;
  }
  const opened = await openProjectFile(source);
  if (!opened.ok) {
    io.err(`spi project append: ${formatAppError(opened.error)}\n`);
    return EXIT_BAD_INPUT;
  }
  if (opened.value.readOnly) throw new CliInputError(`${file} opened read-only (${describeOpenProblems(opened.value)[0] ?? 'written by a newer version'}); nothing appended`);
  const project = opened.value.project;
  const dataset = project.datasets.find((d) => d.meta.id === values.dataset);
  if (!dataset) throw new CliInputError(`--dataset: "${values.dataset}" is not in ${file} (datasets: ${project.datasets.map((d) => d.meta.id).join(', ') || 'none'})`);
  const exportHash = await sha256Hex(new Uint8Array(await readFile(exportAbs)));
  const engine = await openNodeEngine();
  let result;
  try {
    result = await appendToDataset(engine, dataset, await nodeFileSource(exportAbs), { ...(mapping ? { mapping } : {}), exportSha256: exportHash, ...(values.crs ? { ingest: { crs: getCrsDefinition(values.crs)!.code } } : {}) });
  } finally {
    await engine.close();
  }
  if (!result.ok) throw new CliInputError(formatAppError(result.error));
  const updated = applyAppend(project, result.value, path.basename(exportFile), new Date().toISOString(), values.author ?? '');
  const saved = await saveProjectFile(updated, target, appVersion());
  if (!saved.ok) {
    io.err(`spi project append: ${formatAppError(saved.error)}\n`);
    return EXIT_BAD_INPUT;
  }
  const c = result.value.counts;
  const summary = { file: target, dataset: dataset.meta.id, export: exportFile, ...c, hashes: result.value.hashes, bytes: saved.value.bytes };
  if (values.json) io.out(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    const f = (n: number) => n.toLocaleString('en-US');
    io.out(`Appended ${exportFile} to dataset ${dataset.meta.id}: ${f(c.added)} added, ${f(c.changed)} changed, ${f(c.unchanged)} unchanged case(s); ${f(c.kept)} kept from before\n`);
    io.out(`  rows ${f(c.rowsBefore)} -> ${f(c.rowsAfter)}; the export had ${f(c.exportRowsLoaded)} rows loaded and ${f(c.exportRowsQuarantined)} quarantined (${f(c.quarantineAdded)} new to the quarantine)\n`);
    if (c.columnsOnlyInExport.length || c.columnsOnlyInProject.length) io.out(`  columns only in the export: ${c.columnsOnlyInExport.join(', ') || 'none'}; only in the project: ${c.columnsOnlyInProject.join(', ') || 'none'}\n`);
    io.out(`  data SHA-256 before ${result.value.hashes.before}\n                after  ${result.value.hashes.after}\n`);
    io.out(`Saved ${target === source ? `${file} (verified; previous version kept as ${file}.bak)` : values.out}\n`);
  }
  return EXIT_OK;
}

function appVersion(): string {
  return process.env.npm_package_version ?? '0.1.0';
}


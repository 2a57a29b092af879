import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readDesignDocument } from '../../../shared/domain/design/design-doc';
import { parseExploreFilter } from '../../../shared/domain/explore/filters';
import { parseLayerSettings } from '../../../shared/domain/explore/layer-settings';
import { OFFENSE_GROUPS } from '../../../shared/domain/ingest/nibrs';
import { atlasPagesFromAreas, atlasPagesFromLayer, parseAtlasSpec, type AtlasPage } from '../../../shared/domain/outputs/layout/atlas';
import { createDefaultLayout } from '../../../shared/domain/outputs/layout/defaults';
import { layoutDocumentKey, parseLayout, type Layout } from '../../../shared/domain/outputs/layout/layout-schema';
import { computeAnalysisLayer, designAreas, type MapData } from '../../../shared/domain/outputs/layout/map-data';
import { queryLayoutPoints } from '../../../shared/domain/outputs/layout/query-points';
import { buildPages, exportLayoutPdf, exportLayoutPng } from '../../../shared/domain/outputs/layout/render';
import type { OpenedProject } from '../../../shared/domain/project/read-project';
import { parseAnnotations, ANNOTATIONS_DOC } from '../../../shared/domain/session/annotations';
import { formatStatsError } from '../../../shared/domain/evaluation/stats-error';
import { applyPrivacyToMapPoints } from '../../../shared/domain/outputs/layout/privacy';
import { describeProfile, parseProfile, readProfileDocument, type PrivacyProfile } from '../../../shared/domain/privacy';
import { openNodeEngine } from '../../services/duckdb-node';
import { writeFileAtomic } from '../../services/atomic-write';
import { openProjectFile, saveProjectFile } from '../../services/project-file';
import { sha256Hex } from '../../../shared/base/hash';
import { formatAppError } from '../../../shared/base/errors';
import { appendLog } from '../../../shared/domain/project/project';
import { toExportLogEntry } from '../../../shared/domain/privacy/export-log';
import { loadLayoutFonts, rasterizeSvg } from '../../services/rasterize';
import { CliInputError, EXIT_OK, type CliIo } from '../io';
import { fail } from './analysis-source';

/** `spi export map --help`. */
export const EXPORT_MAP_HELP = `spi export map P.spiproj [--layout NAME|LAYOUT.json] --out MAP.pdf|MAP.png [--dpi 150|300]
               [--atlas beats|design:NAME] [--privacy PROFILE] [--json]

Exports a briefing map for command staff: banner (default "LAW ENFORCEMENT SENSITIVE"), title,
subtitle, date range, the map frame (reference layers, incidents by offense group, the map's
grid/KDE/hot-spot layer, annotations, a design's areas), legend, scale bar, north arrow, inset,
logo, author and source note. The map is drawn in Web Mercator like the app's map; its scale
"1:S" and the scale bar hold at the frame's centre latitude (ellipsoidal scale factor).

Options:
  --layout NAME        a layout saved in the project (document layouts/NAME, made in the app's
                       "Briefing map…" view), or a template file (.spilayout.json / .json).
                       Default: the whole data extent on Letter landscape with every reference
                       layer, titled after the project
  --out FILE           .pdf (text, legend and scale bar stay vector; the map is an image at
                       --dpi) or .png (the whole page at --dpi). An atlas to PNG writes
                       FILE-01.png, FILE-02.png, ...
  --dpi N              150 or 300 (default 300)
  --atlas beats        one page per polygon of the project's beats layer, zoomed to it
  --atlas design:NAME  one page per target area of design NAME
  --privacy PROFILE    for release outside the agency: a profile of the project (privacy/NAME),
                       a built-in (internal, public) or a profile .json file. Withheld offense
                       groups/codes are left out, points snapped to the profile's grid, small
                       legend counts shown as "<k", and the profile is printed on the page
  --json               print a JSON summary instead of a line of text

  --save-log           record the export in the project's log (files and their SHA-256,
                       privacy profile, layout)

The map document's filter and legend toggles choose the incidents, as on screen. Without
--save-log nothing is written into the project; the file is written atomically enough for a
single user (a temporary name, then rename).`;

const OPTIONS = {
  layout: { type: 'string' },
  out: { type: 'string' },
  dpi: { type: 'string' },
  atlas: { type: 'string' },
  'save-log': { type: 'boolean' },
  privacy: { type: 'string' },
  json: { type: 'boolean' },
} as const;

async function loadLayout(arg: string | undefined, opened: OpenedProject, cwd: string): Promise<Layout> {
  const project = opened.project;
  if (arg === undefined) {
    return createDefaultLayout({
      title: project.info.title,
      agency: project.info.agency,
      author: project.info.author,
      referenceLayers: project.layers.map((l) => l.meta.id),
    });
  }
  if (/\.json$/i.test(arg)) {
    const abs = path.resolve(cwd, arg);
    const info = await stat(abs).catch(() => null);
    if (!info?.isFile()) throw new CliInputError(`--layout: ${arg}: file not found`);
    let json: unknown;
    try {
      json = JSON.parse(await readFile(abs, 'utf8'));
    } catch (e) {
      throw new CliInputError(`--layout: ${arg}: not JSON (${e instanceof Error ? e.message : String(e)})`);
    }
    const parsed = parseLayout(json, arg);
    if (!parsed.ok) fail(parsed.error);
    return parsed.value;
  }
  const raw = project.documents[layoutDocumentKey(arg)];
  if (raw === undefined) {
    const names = Object.keys(project.documents).filter((k) => k.startsWith('layouts/')).map((k) => k.slice(8));
    throw new CliInputError(`--layout: "${arg}" is not a layout of the project (${names.length ? `layouts: ${names.join(', ')}` : 'it has none; give a .spilayout.json file or leave --layout out for the default'})`);
  }
  const parsed = parseLayout(raw, layoutDocumentKey(arg));
  if (!parsed.ok) fail(parsed.error);
  return parsed.value;
}

/** Reads the project's map data for `layout` (points through the engine with the map's filter). */
async function loadMapData(opened: OpenedProject, layout: Layout, src: string, profile: PrivacyProfile | null): Promise<MapData> {
  const project = opened.project;
  const map = (project.documents.map ?? {}) as { visibleGroups?: unknown; layer?: unknown; filter?: unknown };
  const visibleGroups = Array.from({ length: OFFENSE_GROUPS.length + 1 }, (_, i) => (Array.isArray(map.visibleGroups) && map.visibleGroups[i] === false ? false : true));
  const settings = parseLayerSettings(map.layer);
  const filter = parseExploreFilter(map.filter);
  const ds = project.datasets.find((d) => d.table && d.meta.kind === 'incidents') ?? project.datasets.find((d) => d.table);
  let points: MapData['points'] = null;
  let dateRange: MapData['dateRange'] = null;
  if (ds?.table && (layout.map.incidents || layout.map.analysisLayer)) {
    const engine = await openNodeEngine();
    try {
      const inserted = await engine.insertArrowTable('incidents', ds.table);
      if (!inserted.ok) fail(inserted.error);
      const q = await queryLayoutPoints(engine, 'incidents', filter, visibleGroups, profile?.dropCodes ?? []);
      if (!q.ok) fail(q.error);
      points = profile ? applyPrivacyToMapPoints(q.value.points, profile) : q.value.points;
      dateRange = q.value.dateRange;
    } finally {
      await engine.close();
    }
  }
  let analysis: MapData['analysis'] = null;
  if (points && layout.map.analysisLayer && points.lon.length > 0) {
    const a = computeAnalysisLayer(points, visibleGroups, settings);
    if (!a.ok) throw new CliInputError(`${src}: the map's ${settings.kind} layer cannot be drawn: ${formatStatsError(a.error)}`);
    analysis = a.value;
  }
  let areas: MapData['areas'] = [];
  if (layout.map.design) {
    const d = readDesignDocument(project.documents, layout.map.design);
    if (!d.ok) fail(d.error);
    areas = designAreas(d.value);
  }
  return {
    points,
    visibleGroups,
    referenceLayers: project.layers,
    analysis,
    annotations: parseAnnotations(project.documents[ANNOTATIONS_DOC]).annotations,
    areas,
    designName: layout.map.design,
    dateRange,
    privacyLine: profile ? describeProfile(profile) : null,
    suppressBelow: profile?.suppressBelow ?? 0,
  };
}

/** --privacy NAME (a project profile or a built-in: internal, public) or a profile .json file. */
async function loadProfile(arg: string, opened: OpenedProject, cwd: string): Promise<PrivacyProfile> {
  if (/\.json$/i.test(arg)) {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(path.resolve(cwd, arg), 'utf8'));
    } catch (e) {
      throw new CliInputError(`--privacy: ${arg}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const p = parseProfile(json, arg);
    if (!p.ok) fail(p.error);
    return p.value;
  }
  const p = readProfileDocument(opened.project.documents, arg);
  if (!p.ok) fail(p.error);
  return p.value;
}

function atlasPages(spec: string, opened: OpenedProject): AtlasPage[] {
  const parsed = parseAtlasSpec(spec);
  if (!parsed.ok) fail(parsed.error);
  const project = opened.project;
  if (parsed.value.kind === 'beats') {
    const beats = project.layers.find((l) => l.meta.role === 'beats');
    if (!beats) throw new CliInputError(`--atlas beats: the project has no beats layer (layers: ${project.layers.map((l) => `${l.meta.id} (${l.meta.role})`).join(', ') || 'none'})`);
    const pages = atlasPagesFromLayer(beats);
    if (!pages.length) throw new CliInputError(`--atlas beats: layer "${beats.meta.id}" has no polygons`);
    return pages;
  }
  const d = readDesignDocument(project.documents, parsed.value.name);
  if (!d.ok) fail({ ...d.error, ...(d.error.kind === 'invalid-argument' ? { name: '--atlas design' } : {}) });
  const pages = atlasPagesFromAreas(designAreas(d.value));
  if (!pages.length) throw new CliInputError(`--atlas design:${parsed.value.name}: the design has no target areas that can be placed (its CRS: ${d.value.crs ?? 'none'})`);
  return pages;
}

/**
 * Writes bytes atomically (temporary file in the same folder, fsync, rename; writeFileAtomic):
 * a crash or kill leaves the old map or the new one whole, and temporary files of killed runs
 * are removed by the next successful write.
 */
async function writeOut(file: string, bytes: Uint8Array): Promise<void> {
  const written = await writeFileAtomic(file, bytes, { keepBackup: false });
  if (!written.ok) throw new CliInputError(formatAppError(written.error));
}

/** `spi export map`: see {@link EXPORT_MAP_HELP}. Exit 0 written, 2 bad input. */
export async function runExportMap(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  const src = positionals[0];
  if (!src || !/\.spiproj$/i.test(src)) throw new CliInputError(`name the project: spi export map P.spiproj --out MAP.pdf (got "${src ?? ''}")`);
  if (positionals.length > 1) throw new CliInputError(`unexpected argument "${positionals[1]}"`);
  if (!values.out) throw new CliInputError('--out is required: MAP.pdf or MAP.png');
  const ext = path.extname(values.out).toLowerCase();
  if (ext !== '.pdf' && ext !== '.png') throw new CliInputError(`--out: "${values.out}" is not a supported output (expected .pdf or .png)`);
  const dpi = values.dpi === undefined ? 300 : Number(values.dpi);
  if (dpi !== 150 && dpi !== 300) throw new CliInputError(`--dpi: "${values.dpi}" is not valid (expected 150 or 300)`);
  const opened = await openProjectFile(path.resolve(io.cwd, src));
  if (!opened.ok) fail(opened.error.kind === 'file-format' ? { ...opened.error, path: src } : opened.error);
  const loadedLayout = await loadLayout(values.layout, opened.value, io.cwd);
  const profile = values.privacy === undefined ? null : await loadProfile(values.privacy, opened.value, io.cwd);
  const layout = profile ? { ...loadedLayout, privacy: { ...loadedLayout.privacy, visible: true, profile: profile.name } } : loadedLayout;
  const pages = values.atlas === undefined ? [] : atlasPages(values.atlas, opened.value);
  const data = await loadMapData(opened.value, layout, src, profile);
  const fonts = loadLayoutFonts();
  const today = new Date().toISOString().slice(0, 10);
  const env = { fonts, rasterize: rasterizeSvg, dpi, today, pages };
  const outAbs = path.resolve(io.cwd, values.out);
  const written: string[] = [];
  const hashes: Record<string, string> = {};
  if (ext === '.pdf') {
    const bytes = await exportLayoutPdf(layout, data, env);
    await writeOut(outAbs, bytes);
    written.push(values.out);
    hashes[values.out] = await sha256Hex(bytes);
  } else {
    const pngs = await exportLayoutPng(layout, data, env);
    for (let i = 0; i < pngs.length; i++) {
      const name = pngs.length === 1 ? values.out : values.out.replace(/\.png$/i, `-${String(i + 1).padStart(2, '0')}.png`);
      await writeOut(path.resolve(io.cwd, name), pngs[i]!);
      written.push(name);
      hashes[name] = await sha256Hex(pngs[i]!);
    }
  }
  if (values['save-log']) {
    // A briefing map carries no row data: sensitive fields are never in it.
    const entry = await toExportLogEntry({ kind: 'map', format: ext.slice(1), file: values.out, bytes: null, rows: null, privacy: profile?.name ?? null, includeSensitive: false, by: 'spi export map', files: hashes, extra: { layout: values.layout ?? '(default)', pages: Math.max(1, pages.length), dpi } });
    if (opened.value.readOnly) throw new CliInputError(`--save-log: ${src} opened read-only; the map was written but the log not saved`);
    const saved = await saveProjectFile(appendLog(opened.value.project, entry), path.resolve(io.cwd, src), process.env.npm_package_version ?? '0.1.0');
    if (!saved.ok) throw new CliInputError(`--save-log: ${formatAppError(saved.error)}`);
  }
  const first = buildPages(layout, data, { fonts, today, pages: pages.slice(0, 1) })[0]!;
  const summary = {
    files: written,
    pages: Math.max(1, pages.length),
    page: `${layout.page.size} ${layout.page.orientation}`,
    dpi,
    scale: first.scaleBar?.ratio ?? null,
    points: data.points?.lon.length ?? 0,
    layout: values.layout ?? '(default)',
  };
  if (values.json) io.out(`${JSON.stringify(summary, null, 2)}\n`);
  else io.out(`Wrote ${written.join(', ')}: ${summary.pages} page${summary.pages === 1 ? '' : 's'}, ${summary.page}, ${dpi} dpi, ${summary.points.toLocaleString('en-US')} incidents${summary.scale ? `, map scale ${summary.scale}${pages.length ? ' (first page)' : ''}` : ''}.\n`);
  return EXIT_OK;
}

/**
 * What the layout view does besides drawing: export PNG/PDF/atlas through the host (a download
 * in the browser, a save dialog on the desktop), save the layout in the project, save and load
 * template files, pick a logo.
 */
import { formatAppError } from '../../../shared/base/errors';
import type { HostApi } from '../../../shared/contract/host-api';
import { readDesignDocument } from '../../../shared/domain/design/design-doc';
import { atlasPagesFromAreas, atlasPagesFromLayer, type AtlasPage } from '../../../shared/domain/outputs/layout/atlas';
import { toBase64 } from '../../../shared/domain/outputs/layout/encode';
import { layoutDocumentKey, parseLayout, toTemplateJson, type Layout } from '../../../shared/domain/outputs/layout/layout-schema';
import { designAreas, type MapData } from '../../../shared/domain/outputs/layout/map-data';
import { exportLayoutPdf, exportLayoutPng } from '../../../shared/domain/outputs/layout/render';
import type { ProjectLayer } from '../../../shared/domain/project/project';
import type { Store } from '../../state/store';
import { sha256Hex } from '../../../shared/base/hash';
import type { LogEntry } from '../../../shared/domain/project/manifest';
import { toExportLogEntry } from '../../../shared/domain/privacy/export-log';
import { logEntry } from '../project/project-tasks';
import { createCanvasRasterizer, loadBrowserFonts } from './browser-render';

/** "none", "beats" or "design:NAME". */
export type AtlasChoice = string;

/** The atlas pages of a choice, or an error message. */
export function atlasPagesFor(choice: AtlasChoice, layers: readonly ProjectLayer[], documents: Readonly<Record<string, unknown>>): AtlasPage[] | string {
  if (choice === 'none') return [];
  if (choice === 'beats') {
    const beats = layers.find((l) => l.meta.role === 'beats');
    return beats ? atlasPagesFromLayer(beats) : 'The project has no beats layer.';
  }
  const d = readDesignDocument(documents, choice.replace(/^design:/, ''));
  return d.ok ? atlasPagesFromAreas(designAreas(d.value)) : formatAppError(d.error);
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9 ._-]+/g, '_').trim() || 'briefing-map';

/**
 * Exports the layout as PNG pages or one PDF and hands the bytes to the host. An atlas to PNG
 * saves one file per page. Returns a message for the status line.
 */
export async function exportLayout(
  host: HostApi,
  layout: Layout,
  data: MapData,
  format: 'png' | 'pdf',
  dpi: number,
  pages: readonly AtlasPage[],
  /** Receives the `export.map` log entry of what was saved (privacy/export-log.ts). */
  onExported?: (entry: LogEntry) => void,
): Promise<string> {
  // A briefing map carries no row data: no sensitive field can be in it.
  const log = async (file: string, bytes: Uint8Array | null, files?: Record<string, string>) =>
    onExported?.(await toExportLogEntry({ kind: 'map', format, file, bytes, rows: null, privacy: layout.privacy.profile ?? null, includeSensitive: false, by: 'analyst', ...(files ? { files } : {}), extra: { layout: layout.name, pages: pages.length || 1, dpi } }));
  const fonts = await loadBrowserFonts();
  const env = { fonts, rasterize: createCanvasRasterizer(fonts), dpi, today: new Date().toISOString().slice(0, 10), pages };
  const base = safeName(layout.name);
  if (format === 'pdf') {
    const bytes = await exportLayoutPdf(layout, data, env);
    const r = await host.saveFile({ suggestedName: `${base}.pdf`, bytes: bytes as Uint8Array<ArrayBuffer>, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    if (!r.ok) return formatAppError(r.error);
    if (r.value.saved) await log(r.value.path ?? `${base}.pdf`, bytes);
    return r.value.saved ? `Exported ${base}.pdf (${pages.length || 1} page${pages.length > 1 ? 's' : ''}, ${(bytes.length / 1e6).toFixed(1)} MB).` : 'Export cancelled.';
  }
  const pngs = await exportLayoutPng(layout, data, env);
  let saved = 0;
  const hashes: Record<string, string> = {};
  for (let i = 0; i < pngs.length; i++) {
    const name = pngs.length === 1 ? `${base}.png` : `${base}-${String(i + 1).padStart(2, '0')}.png`;
    const r = await host.saveFile({ suggestedName: name, bytes: pngs[i]! as Uint8Array<ArrayBuffer>, filters: [{ name: 'PNG image', extensions: ['png'] }] });
    if (!r.ok) return formatAppError(r.error);
    if (!r.value.saved) break;
    hashes[r.value.path ?? name] = await sha256Hex(pngs[i]!);
    saved++;
  }
  if (saved === 1) await log(Object.keys(hashes)[0]!, pngs[0]!);
  else if (saved > 1) await log(`${base}-NN.png`, null, hashes);
  return saved ? `Exported ${saved} PNG page${saved > 1 ? 's' : ''} at ${dpi} dpi.` : 'Export cancelled.';
}

/** Saves the layout in the project as document layouts/<name> (undoable, logged). */
export function saveLayoutInProject(store: Store, layout: Layout): string {
  store.dispatch({ type: 'set-document', path: layoutDocumentKey(layout.name), value: layout, log: logEntry('layout.save', { name: layout.name, page: `${layout.page.size} ${layout.page.orientation}` }) });
  return `Saved layout "${layout.name}" in the project (save the project to keep it).`;
}

/** Saves the layout as a reusable template file (.spilayout.json). */
export async function saveTemplate(host: HostApi, layout: Layout): Promise<string> {
  const name = `${safeName(layout.name)}.spilayout.json`;
  const r = await host.saveFile({ suggestedName: name, bytes: new TextEncoder().encode(toTemplateJson(layout)), filters: [{ name: 'Layout template', extensions: ['json'] }] });
  if (!r.ok) return formatAppError(r.error);
  return r.value.saved ? `Saved template ${name}.` : 'Cancelled.';
}

/** Opens a template file; the layout or an error message. */
export async function openTemplate(host: HostApi): Promise<Layout | string | null> {
  const r = await host.openFiles({ title: 'Open a layout template', filters: [{ name: 'Layout template', extensions: ['json'] }] });
  if (!r.ok) return formatAppError(r.error);
  const f = r.value[0];
  if (!f) return null;
  try {
    const parsed = parseLayout(JSON.parse(new TextDecoder().decode(f.bytes)), f.name);
    return parsed.ok ? parsed.value : formatAppError(parsed.error);
  } catch (e) {
    return `${f.name}: not JSON (${e instanceof Error ? e.message : String(e)})`;
  }
}

/** Picks a PNG or JPEG logo; its bytes go into the layout (base64). */
export async function pickLogo(host: HostApi): Promise<Layout['logo']['image'] | string | null> {
  const r = await host.openFiles({ title: 'Choose the agency logo', filters: [{ name: 'PNG or JPEG image', extensions: ['png', 'jpg', 'jpeg'] }] });
  if (!r.ok) return formatAppError(r.error);
  const f = r.value[0];
  if (!f) return null;
  const b = f.bytes;
  const png = b[0] === 0x89 && b[1] === 0x50;
  const jpeg = b[0] === 0xff && b[1] === 0xd8;
  if (!png && !jpeg) return `${f.name}: not a PNG or JPEG image`;
  if (b.length > 2_900_000) return `${f.name}: ${(b.length / 1e6).toFixed(1)} MB is too large for a logo (at most 2.9 MB)`;
  return { mediaType: png ? 'image/png' : 'image/jpeg', base64: toBase64(b), fileName: f.name };
}

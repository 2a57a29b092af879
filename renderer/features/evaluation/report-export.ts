/**
 * "Export report": the evaluation report of shared/domain/report (design summary, map, balance,
 * results with footnotes, charts, methods) as one self-contained HTML file or a PDF with the
 * shipped DejaVu fonts (fetched from the app's own bundle, never the network), saved through the
 * host (a save dialog on the desktop, a download in the browser).
 */
import { formatAppError } from '../../../shared/base/errors';
import type { HostApi } from '../../../shared/contract/host-api';
import type { DesignDoc } from '../../../shared/domain/design/design-doc';
import type { EvaluationResult } from '../../../shared/domain/evaluation/run-evaluation';
import { renderReportHtml } from '../../../shared/domain/report/html';
import { renderReportPdf } from '../../../shared/domain/report/pdf';
import { buildEvaluationReport } from '../../../shared/domain/report/report-model';
import type { ProjectLayer } from '../../../shared/domain/project/project';
import regularUrl from '../../../resources/fonts/DejaVuSans.ttf?url';
import boldUrl from '../../../resources/fonts/DejaVuSans-Bold.ttf?url';

async function fontBytes(url: string): Promise<Uint8Array> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`the bundled font ${url} could not be read (${r.status})`);
  return new Uint8Array(await r.arrayBuffer());
}

/** Builds and saves the report; returns a status line or throws a plain-words Error. */
export async function exportEvaluationReport(host: HostApi, format: 'html' | 'pdf', result: EvaluationResult, design: DesignDoc, project: { title: string; layers: readonly ProjectLayer[] }): Promise<string> {
  const generatedAt = new Date().toISOString();
  const doc = buildEvaluationReport({
    result,
    design,
    project: { title: project.title, agency: '', author: 'analyst' },
    layers: project.layers,
    generatedAt,
    appVersion: __APP_VERSION__,
  });
  const base = `evaluation-${result.design}`;
  const bytes = format === 'html' ? new TextEncoder().encode(renderReportHtml(doc)) : await renderReportPdf(doc, { regular: await fontBytes(regularUrl), bold: await fontBytes(boldUrl) }, generatedAt);
  const saved = await host.saveFile({ suggestedName: `${base}.${format}`, bytes, filters: [{ name: format === 'html' ? 'HTML report' : 'PDF report', extensions: [format] }] });
  if (!saved.ok) throw new Error(formatAppError(saved.error));
  return saved.value.saved ? `Report saved${saved.value.path ? ` to ${saved.value.path}` : ` as ${base}.${format}`}.` : 'Export cancelled.';
}

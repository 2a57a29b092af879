/**
 * The evaluation report: HTML is self-contained (no URL at all, inline SVG) and carries the
 * figures; the PDF's extracted text (pdfjs-dist) has the title and the results table's figures;
 * the charts and the map are well-formed drawings of the data.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isAvailable } from '../../../../shared/domain/evaluation/run-evaluation';
import { cumulativeWddScene, cumulativeWddSvg, monthlyCountsScene, monthlyCountsSvg } from '../../../../shared/domain/report/charts';
import { renderReportHtml } from '../../../../shared/domain/report/html';
import { designMapScene, projectStreets } from '../../../../shared/domain/report/map-scene';
import { renderReportPdf } from '../../../../shared/domain/report/pdf';
import { buildEvaluationReport } from '../../../../shared/domain/report/report-model';
import { sceneToSvg } from '../../../../shared/domain/report/scene';
import { REPORT_DESIGN, reportInput, reportResult, streetLayer } from './fixture';
import { pdfPages } from '../../../helpers/pdf-text';


const pdfAllText = async (bytes: Uint8Array) => (await pdfPages(bytes, ' ')).join('\n');

const FONTS = { regular: new Uint8Array(readFileSync('resources/fonts/DejaVuSans.ttf')), bold: new Uint8Array(readFileSync('resources/fonts/DejaVuSans-Bold.ttf')) };

describe('evaluation report', () => {
  const result = reportResult();
  if (!isAvailable(result.wdd) || !isAvailable(result.resPoisson) || !isAvailable(result.did)) throw new Error('fixture');
  const wdd = result.wdd;
  const res = result.resPoisson;

  it('HTML: no URL of any kind, inline SVG figures, the numbers and the notes', () => {
    const html = renderReportHtml(buildEvaluationReport(reportInput(result)));
    expect(html).not.toMatch(/https?:/i);
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
    expect(html.match(/<svg/g)).toHaveLength(3); // map, monthly counts, cumulative WDD
    expect(result.counts.T).toEqual({ pre: 240, post: 160 });
    expect(html).toContain('Evaluation of pilot');
    expect(html).toContain('LAW ENFORCEMENT SENSITIVE');
    expect(html).toContain(`<td>${wdd.wdd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}</td>`.replace(/\.00<\/td>$/, '</td>'));
    expect(html).toContain(res.res.toFixed(3));
    expect(html).toContain(`${res.ciLower.toFixed(3)}, ${res.ciUpper.toFixed(3)}`);
    expect(html).toContain('Wheeler &amp; Ratcliffe (2018)');
    expect(html).toContain('Farrington, Gill, Waples &amp; Argomaniz (2007)');
    expect(html).toContain('pre-period count'); // the balance table
    expect(html).toContain('Methods');
  });

  it('HTML escapes text from the project (no markup injection)', () => {
    const input = reportInput(result);
    const html = renderReportHtml(buildEvaluationReport({ ...input, project: { ...input.project, title: '<img src=x onerror=alert(1)>' } }));
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x');
  });

  it('PDF: extractable text with the title, the results table figures and the methods', async () => {
    const bytes = await renderReportPdf(buildEvaluationReport(reportInput(result)), FONTS, '2025-03-01T12:00:00.000Z');
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
    const text = await pdfAllText(bytes);
    expect(text).toContain('Evaluation of pilot');
    expect(text).toContain('LAW ENFORCEMENT SENSITIVE');
    expect(text).toContain(res.res.toFixed(3));
    expect(text).toContain(res.ciLower.toFixed(3));
    expect(text).toContain(String(Math.round(wdd.wdd)));
    const did = result.did;
    if (!isAvailable(did)) throw new Error(did.unavailable);
    const didPct = `${did.percentChange >= 0 ? '+' : ''}${did.percentChange.toFixed(1)}%`;
    expect(text).toContain(didPct);
    expect(text).toContain('Wheeler & Ratcliffe (2018)');
    expect(text).toMatch(/page 1 of \d/);
  }, 30_000);

  it('charts: one line per series, the intervention marker between the last pre and first post month', () => {
    const s = monthlyCountsScene(result);
    const lines = s.shapes.filter((x) => x.kind === 'path' && x.stroke && x.width === 2 || (x.kind === 'path' && x.dash && x.width === 1.5 && x.stroke !== '#222222'));
    expect(lines.length).toBeGreaterThanOrEqual(4); // T, C, D, DC (+ legend swatches)
    const marker = s.shapes.find((x) => x.kind === 'text' && x.text.startsWith('intervention'));
    expect(marker && marker.kind === 'text' && marker.text).toContain('2023-01-01');
    const svg = monthlyCountsSvg(result);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(sceneToSvg(s, { inline: true })).not.toContain('http');
    // Cumulative WDD: 12 post months, last point the whole-period WDD; band drawn.
    expect(result.cumulativeWdd.labels).toHaveLength(12);
    expect(result.cumulativeWdd.wdd.at(-1)).toBeCloseTo(wdd.wdd, 9);
    expect(cumulativeWddScene(result).shapes.some((x) => x.kind === 'path' && x.fill && x.fillOpacity === 0.25)).toBe(true);
    expect(cumulativeWddSvg(result)).toContain('Cumulative WDD');
  });

  it('map: streets projected from lon/lat and clipped, areas and rings drawn, legend and scale bar', () => {
    const streets = projectStreets([streetLayer()], 'EPSG:32138');
    expect(streets.length).toBe(9);
    expect(streets[0]![0]).toBeCloseTo(750_000 - 500, 3);
    const m = designMapScene(REPORT_DESIGN, streets);
    const within = m.shapes.filter((x) => x.kind === 'path').every((x) => x.kind === 'path' && x.parts.every((p) => p.every((v, i) => (i % 2 === 0 ? v >= -1 && v <= m.width + 1 : v >= -1 && v <= m.height))));
    expect(within).toBe(true);
    const rings = m.shapes.filter((x) => x.kind === 'path' && x.round && x.fill === x.stroke && (x.width ?? 0) > 2);
    expect(rings).toHaveLength(3);
    expect(m.shapes.some((x) => x.kind === 'text' && /\d+ (m|km)$/.test(x.text))).toBe(true);
    expect(m.shapes.some((x) => x.kind === 'text' && x.text === 'T1')).toBe(true);
    expect(projectStreets([streetLayer()], null)).toEqual([]);
  });
});

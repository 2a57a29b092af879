/**
 * The report as one self-contained HTML file: inline CSS and inline SVG figures, no script, no
 * external resource and no URL of any kind (works offline and passes strict mail filters).
 */
import type { ReportDocument, ReportTable } from './report-model';
import { escapeXml, sceneToSvg } from './scene';

const CSS = [
  'body{font:14px/1.45 "DejaVu Sans",system-ui,sans-serif;color:#222;max-width:60em;margin:2em auto;padding:0 1em}',
  'h1{font-size:1.6em;margin:0}h2{font-size:1.2em;margin:1.6em 0 .4em;border-bottom:1px solid #ccc}',
  '.sub{color:#444;margin:.2em 0 .6em}.meta{color:#666;margin:0;font-size:.9em}.caveat{font-weight:bold;color:#a00000;letter-spacing:.05em}',
  'table{border-collapse:collapse;margin:.6em 0 1em;font-size:.9em}caption{text-align:left;font-weight:bold;margin-bottom:.3em}',
  'th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}th{background:#f3f3f3}',
  'figure{margin:1em 0}figcaption{color:#555;font-size:.9em}svg{max-width:100%;height:auto}',
  '.notes li{margin-bottom:.4em}.notes p{margin:0}',
  '@media print{body{margin:0}figure,table{break-inside:avoid}}',
].join('');

function tableHtml(t: ReportTable): string {
  const head = `<tr>${t.header.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr>`;
  const body = t.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeXml(c)}</td>`).join('')}</tr>`).join('');
  return `<table><caption>${escapeXml(t.caption)}</caption><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

/** Renders the document as an HTML string (UTF-8, lang en). */
export function renderReportHtml(doc: ReportDocument): string {
  const parts: string[] = [];
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'heading':
        parts.push(`<h2>${escapeXml(b.text)}</h2>`);
        break;
      case 'paragraph':
        parts.push(`<p>${escapeXml(b.text)}</p>`);
        break;
      case 'list':
        parts.push(`<ul>${b.items.map((i) => `<li>${escapeXml(i)}</li>`).join('')}</ul>`);
        break;
      case 'table':
        parts.push(tableHtml(b.table));
        break;
      case 'figure':
        parts.push(`<figure>${sceneToSvg(b.scene, { inline: true })}<figcaption>${escapeXml(b.caption)}</figcaption></figure>`);
        break;
      case 'footnotes':
        parts.push(`<ol class="notes">${b.items.map((n) => `<li value="${escapeXml(n.mark)}"><strong>${escapeXml(n.title)}</strong>${n.lines.map((l) => `<p>${escapeXml(l)}</p>`).join('')}</li>`).join('')}</ol>`);
        break;
    }
  }
  const caveats = doc.meta.filter((m) => m === m.toUpperCase() && /[A-Z]/.test(m));
  const meta = doc.meta.map((m) => `<p class="${caveats.includes(m) ? 'meta caveat' : 'meta'}">${escapeXml(m)}</p>`).join('');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeXml(doc.title)}</title><style>${CSS}</style></head><body><header><h1>${escapeXml(doc.title)}</h1><p class="sub">${escapeXml(doc.subtitle)}</p>${meta}</header><main>${parts.join('')}</main></body></html>\n`;
}

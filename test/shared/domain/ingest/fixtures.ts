/**
 * Fixture builders for ingest tests: a minimal .xlsx package (inline strings, numbers, a
 * date-formatted cell, merged cells), a zipped point shapefile (.shp/.shx/.dbf/.prj), the sample
 * city's incidents.csv, and an in-memory IngestSource.
 */
import { strToU8, zipSync } from 'fflate';
import { generateSampleCity, toSampleFiles, type GroundTruth } from '../../../../shared/domain/sample';
import { sourceFromBytes, type IngestSource } from '../../../../shared/domain/ingest/source';

export const utf8 = (s: string) => new TextEncoder().encode(s);

/** An IngestSource over in-memory text or bytes. */
export function memorySource(name: string, content: string | Uint8Array): IngestSource {
  return sourceFromBytes(name, typeof content === 'string' ? utf8(content) : content);
}

export type Cell = string | number | null | { date: number };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const letter = (i: number) => String.fromCharCode(65 + i);

/** A one-sheet workbook; `{date: serial}` cells carry a date number format; `merges` like "B1:C1". */
export function buildXlsx(rows: Cell[][], options: { merges?: string[]; sheetName?: string } = {}): Uint8Array {
  const body = rows
    .map((r, ri) =>
      `<row r="${ri + 1}">` +
      r
        .map((v, ci) => {
          const ref = `${letter(ci)}${ri + 1}`;
          if (v === null) return '';
          if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
          if (typeof v === 'object') return `<c r="${ref}" s="1"><v>${v.date}</v></c>`;
          return `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
        })
        .join('') +
      '</row>',
    )
    .join('');
  const merges = options.merges?.length ? `<mergeCells count="${options.merges.length}">${options.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
  const ns = 'http://schemas.openxmlformats.org';
  return zipSync({
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    ),
    '_rels/.rels': strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets><sheet name="${esc(options.sheetName ?? 'Sheet1')}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${ns}/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    ),
    'xl/styles.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${ns}/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="m/d/yyyy h:mm"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${ns}/spreadsheetml/2006/main"><sheetData>${body}</sheetData>${merges}</worksheet>`),
  });
}

/** ESRI WKT of NAD83 / Texas North Central (ftUS), as ArcGIS writes it. */
export const PRJ_2276 =
  'PROJCS["NAD_1983_StatePlane_Texas_North_Central_FIPS_4202_Feet",GEOGCS["GCS_North_American_1983",DATUM["D_North_American_1983",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",1968500.0],PARAMETER["False_Northing",6561666.666666666],PARAMETER["Central_Meridian",-98.5],PARAMETER["Standard_Parallel_1",32.13333333333333],PARAMETER["Standard_Parallel_2",33.96666666666667],PARAMETER["Latitude_Of_Origin",31.66666666666667],UNIT["Foot_US",0.3048006096012192]]';

/**
 * A zipped point shapefile: points [x, y] (null -> a Null shape) and text attributes (dBASE III,
 * character fields of width 20). `prj` omitted: no .prj in the archive.
 */
export function buildPointShapefile(points: ([number, number] | null)[], attributes: Record<string, string>[], prj?: string): Uint8Array {
  const recordSize = (p: [number, number] | null) => (p ? 20 : 4);
  const shpLength = 100 + points.reduce((s, p) => s + 8 + recordSize(p), 0);
  const shp = new DataView(new ArrayBuffer(shpLength));
  const shx = new DataView(new ArrayBuffer(100 + 8 * points.length));
  const xs = points.filter((p): p is [number, number] => p !== null).map((p) => p[0]);
  const ys = points.filter((p): p is [number, number] => p !== null).map((p) => p[1]);
  for (const [view, length] of [
    [shp, shpLength],
    [shx, 100 + 8 * points.length],
  ] as const) {
    view.setInt32(0, 9994, false);
    view.setInt32(24, length / 2, false);
    view.setInt32(28, 1000, true);
    view.setInt32(32, 1, true);
    view.setFloat64(36, Math.min(...xs), true);
    view.setFloat64(44, Math.min(...ys), true);
    view.setFloat64(52, Math.max(...xs), true);
    view.setFloat64(60, Math.max(...ys), true);
  }
  let at = 100;
  points.forEach((p, i) => {
    shx.setInt32(100 + 8 * i, at / 2, false);
    shx.setInt32(104 + 8 * i, recordSize(p) / 2, false);
    shp.setInt32(at, i + 1, false);
    shp.setInt32(at + 4, recordSize(p) / 2, false);
    shp.setInt32(at + 8, p ? 1 : 0, true);
    if (p) {
      shp.setFloat64(at + 12, p[0], true);
      shp.setFloat64(at + 20, p[1], true);
    }
    at += 8 + recordSize(p);
  });
  const fields = Object.keys(attributes[0] ?? {});
  const width = 20;
  const headerSize = 32 + 32 * fields.length + 1;
  const recordLength = 1 + width * fields.length;
  const dbf = new Uint8Array(headerSize + recordLength * attributes.length + 1);
  const dv = new DataView(dbf.buffer);
  dbf[0] = 3;
  dv.setUint32(4, attributes.length, true);
  dv.setUint16(8, headerSize, true);
  dv.setUint16(10, recordLength, true);
  fields.forEach((f, k) => {
    const base = 32 + 32 * k;
    dbf.set(utf8(f.slice(0, 10)), base);
    dbf[base + 11] = 'C'.charCodeAt(0);
    dbf[base + 16] = width;
  });
  dbf[headerSize - 1] = 0x0d;
  attributes.forEach((rec, r) => {
    const base = headerSize + r * recordLength;
    dbf[base] = 0x20;
    fields.forEach((f, k) => {
      const text = (rec[f] ?? '').padEnd(width, ' ').slice(0, width);
      dbf.set(utf8(text), base + 1 + k * width);
    });
  });
  dbf[dbf.length - 1] = 0x1a;
  const files: Record<string, Uint8Array> = {
    'points.shp': new Uint8Array(shp.buffer),
    'points.shx': new Uint8Array(shx.buffer),
    'points.dbf': dbf,
  };
  if (prj !== undefined) files['points.prj'] = utf8(prj);
  return zipSync(files);
}

/** The sample city's incidents.csv (text) and ground truth for `incidents` incidents. */
export function sampleIncidents(incidents: number, seed?: number): { csv: string; truth: GroundTruth } {
  const city = generateSampleCity({ incidents, ...(seed !== undefined ? { seed } : {}) });
  const file = toSampleFiles(city).find((f) => f.name === 'incidents.csv');
  if (!file) throw new Error('sample city has no incidents.csv');
  return { csv: [...file.chunks()].join(''), truth: city.groundTruth };
}

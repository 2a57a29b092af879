/**
 * GeoJSON, KML and GPX of a target list, for in-car systems, CAD and any GIS (text out, no file
 * system). Every format carries the rows of {@link targetTable}; XML text is cleaned of
 * characters XML 1.0 cannot hold and escaped (never CDATA, which a hostile "]]>" could close).
 */
import type { TargetList } from './build';
import { cleanText, targetTable, type TargetCell } from './rows';

const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/**
 * XML text or attribute value (after {@link cleanText}): & < > " ' escaped, and tab, LF and CR as
 * character references, so a parser's line-end and attribute normalization gives back the
 * exact text.
 */
export function escapeXml(s: string): string {
  return cleanText(s).replace(/[&<>"'\t\n\r]/g, (c) => XML_ESCAPES[c]!);
}

const coord = (v: number) => Number(v.toFixed(7));

/**
 * A GeoJSON FeatureCollection (RFC 7946, lon/lat): one Polygon feature per area with the row's
 * cells as properties (header names as keys), plus foreign members `handling` and `privacy`.
 */
export function formatTargetsGeoJson(list: TargetList, handling: string): string {
  const t = targetTable(list);
  const features = list.rows.map((r, i) => ({
    type: 'Feature',
    id: i + 1,
    properties: Object.fromEntries(t.header.map((h, j) => [h, t.rows[i]![j]!])),
    geometry: { type: 'Polygon', coordinates: r.ringsLonLat.map((ring) => ring.map(([x, y]) => [coord(x), coord(y)])) },
  }));
  return `${JSON.stringify({ type: 'FeatureCollection', handling: cleanText(handling), privacy: cleanText(list.privacy), source: cleanText(list.source), features }, null, 1)}\n`;
}

const cellText = (v: TargetCell) => (typeof v === 'number' ? String(v) : v);

/**
 * A KML 2.2 document: a Placemark per area named "<rank>. <name>" with the row as ExtendedData
 * and a MultiGeometry of the centre Point and the area's Polygon; the handling caveat and the
 * privacy profile in the document's description.
 */
export function formatTargetsKml(list: TargetList, handling: string): string {
  const t = targetTable(list);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<kml xmlns="http://www.opengis.net/kml/2.2">',
    '<Document>',
    `<name>${escapeXml(`Patrol targets: ${list.source}`)}</name>`,
    `<description>${escapeXml(`${handling}. ${list.privacy}`)}</description>`,
    '<Style id="target"><LineStyle><color>ff2b18b2</color><width>2</width></LineStyle><PolyStyle><color>402b18b2</color></PolyStyle></Style>',
  ];
  list.rows.forEach((r, i) => {
    const ring = (pts: readonly (readonly [number, number])[]) => `<LinearRing><coordinates>${pts.map(([x, y]) => `${coord(x)},${coord(y)}`).join(' ')}</coordinates></LinearRing>`;
    const [outer, ...holes] = r.ringsLonLat;
    out.push(
      '<Placemark>',
      `<name>${escapeXml(`${r.rank}. ${r.name}`)}</name>`,
      '<styleUrl>#target</styleUrl>',
      '<ExtendedData>',
      ...t.header.map((h, j) => `<Data name="${escapeXml(h)}"><value>${escapeXml(cellText(t.rows[i]![j]!))}</value></Data>`),
      '</ExtendedData>',
      '<MultiGeometry>',
      `<Point><coordinates>${coord(r.lon)},${coord(r.lat)}</coordinates></Point>`,
      `<Polygon><outerBoundaryIs>${ring(outer ?? [])}</outerBoundaryIs>${holes.map((h) => `<innerBoundaryIs>${ring(h)}</innerBoundaryIs>`).join('')}</Polygon>`,
      '</MultiGeometry>',
      '</Placemark>',
    );
  });
  out.push('</Document>', '</kml>');
  return `${out.join('\n')}\n`;
}

/**
 * A GPX 1.1 file: one waypoint per area at its centre, named "<rank>. <name>", with the nearest
 * street, incidents and patrol windows in `desc` and the whole row in `cmt` as "header: value"
 * lines; the handling caveat and the privacy profile in the metadata.
 */
export function formatTargetsGpx(list: TargetList, handling: string): string {
  const t = targetTable(list);
  const col = (name: string) => t.header.indexOf(name);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gpx version="1.1" creator="SPI Workbench" xmlns="http://www.topografix.com/GPX/1/1">',
    `<metadata><name>${escapeXml(`Patrol targets: ${list.source}`)}</name><desc>${escapeXml(`${handling}. ${list.privacy}`)}</desc><time>${escapeXml(list.generatedAt)}</time></metadata>`,
  ];
  list.rows.forEach((r, i) => {
    const row = t.rows[i]!;
    const desc = [row[col('nearest_street')], `incidents ${row[col('incidents')]}`, row[col('patrol_windows')]].filter((v) => v !== '' && v !== undefined).join(' | ');
    out.push(
      `<wpt lat="${coord(r.lat)}" lon="${coord(r.lon)}">`,
      `<name>${escapeXml(`${r.rank}. ${r.name}`)}</name>`,
      `<cmt>${escapeXml(t.header.map((h, j) => `${h}: ${cellText(row[j]!)}`).join('\n'))}</cmt>`,
      `<desc>${escapeXml(String(desc))}</desc>`,
      '<type>patrol target</type>',
      '</wpt>',
    );
  });
  out.push('</gpx>');
  return `${out.join('\n')}\n`;
}

/**
 * Small hand-made fixtures for the target-list tests: incidents in EPSG:32138 around a made-up
 * block pattern, square areas, a street grid, and readers for every export format (a CSV
 * parser, and a strict little XML well-formedness checker: node has no DOMParser).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTransform } from '../../../../../shared/domain/geo/crs';
import type { TargetArea } from '../../../../../shared/domain/outputs/targets/areas';
import { cellRings } from '../../../../../shared/domain/outputs/targets/areas';
import { encodeColumn, type TargetIncidents } from '../../../../../shared/domain/outputs/targets/incidents';

export const CRS = 'EPSG:32138';
/** Origin of the fixtures (metres, EPSG:32138: north central Texas). */
export const X0 = 700_000;
export const Y0 = 2_140_000;

/** Epoch ms of a naive local time "YYYY-MM-DDTHH:MM". */
export const at = (s: string) => Date.parse(`${s}:00Z`);

/** One fixture incident. */
export interface Inc {
  x: number;
  y: number;
  from: string | null;
  to?: string | null;
  group?: string | null;
  code?: string | null;
  address?: string | null;
}

/** Incidents as the columns queryTargetIncidents returns. */
export function makeIncidents(list: readonly Inc[]): TargetIncidents {
  return {
    n: list.length,
    x: Float64Array.from(list, (i) => i.x),
    y: Float64Array.from(list, (i) => i.y),
    crs: CRS,
    fromMs: Float64Array.from(list, (i) => (i.from ? at(i.from) : Number.NaN)),
    toMs: Float64Array.from(list, (i) => (i.to ? at(i.to) : Number.NaN)),
    group: encodeColumn(list.map((i) => i.group ?? null)),
    code: encodeColumn(list.map((i) => i.code ?? null)),
    address: encodeColumn(list.map((i) => i.address ?? null)),
    skipped: { noCoordinates: 0, extraCaseRows: 0 },
    notes: [],
  };
}

/** A 200 m square area centred at (X0 + dx, Y0 + dy). */
export function squareArea(id: string, name: string, dx: number, dy: number, size = 200): TargetArea {
  return { id, name, rings: cellRings('grid', X0 + dx, Y0 + dy, size), z: null };
}

/**
 * A street grid in lon/lat: "MAIN ST" east-west through Y0 from X0-500 to X0+500 in two
 * segments meeting "1ST AVE" (x = X0-100) ... as LineStrings with a `name` property.
 */
export function streetLayer(): { type: 'FeatureCollection'; features: unknown[] } {
  const t = createTransform(CRS, 'EPSG:4326');
  const line = (name: string, pts: [number, number][]) => ({ type: 'Feature', properties: { name }, geometry: { type: 'LineString', coordinates: pts.map(([x, y]) => t(X0 + x, Y0 + y)) } });
  return {
    type: 'FeatureCollection',
    features: [
      line('MAIN ST', [[-500, 0], [-100, 0]]),
      line('MAIN ST', [[-100, 0], [300, 0]]),
      line('1ST AVE', [[-100, -400], [-100, 0]]),
      line('1ST AVE', [[-100, 0], [-100, 400]]),
      line('2ND AVE', [[300, -400], [300, 0]]),
      line('OAK ST', [[300, 0], [700, 0]]),
    ],
  };
}

/** The shipped fonts. */
export function fonts(): { regular: Uint8Array; bold: Uint8Array } {
  const dir = path.resolve(__dirname, '../../../../../resources/fonts');
  return { regular: new Uint8Array(readFileSync(path.join(dir, 'DejaVuSans.ttf'))), bold: new Uint8Array(readFileSync(path.join(dir, 'DejaVuSans-Bold.ttf'))) };
}

/** RFC 4180 CSV parser (quotes, doubled quotes, CRLF or LF), after an optional BOM. */
export function parseCsv(text: string): string[][] {
  const s = text.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || (c === '\r' && s[i + 1] === '\n')) {
      if (c === '\r') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** An XML element as the checker returns it. */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string, where: number): string {
  return s.replace(/&([^;]*);|&/g, (m, name: string | undefined) => {
    if (name === undefined) throw new Error(`bare & at ${where}`);
    if (name in ENTITIES) return ENTITIES[name]!;
    const num = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(name);
    if (num) return String.fromCodePoint(num[1]!.startsWith('x') ? parseInt(num[1]!.slice(1), 16) : Number(num[1]));
    throw new Error(`unknown entity ${m} at ${where}`);
  });
}

/**
 * Parses XML strictly enough to catch what an escaping bug produces: one root, balanced and
 * properly nested tags, quoted attributes without "<", only the five entities and character
 * references, no "<" or bare "&" in text, no characters XML 1.0 forbids. Throws with the offset.
 */
export function parseXml(xml: string): XmlNode {
  // eslint-disable-next-line no-control-regex
  const bad = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.exec(xml);
  if (bad) throw new Error(`forbidden character U+${bad[0].charCodeAt(0).toString(16)} at ${bad.index}`);
  let i = 0;
  const prolog = /^<\?xml[^?]*\?>\s*/.exec(xml);
  if (prolog) i = prolog[0].length;
  const root: XmlNode = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  const NAME = /^[A-Za-z_][\w.:-]*/;
  while (i < xml.length) {
    const top = stack[stack.length - 1]!;
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i);
      if (end < 0) throw new Error(`unclosed comment at ${i}`);
      i = end + 3;
    } else if (xml.startsWith('</', i)) {
      const m = NAME.exec(xml.slice(i + 2));
      if (!m || xml[i + 2 + m[0].length] !== '>') throw new Error(`bad end tag at ${i}`);
      if (m[0] !== top.name) throw new Error(`end tag </${m[0]}> does not match <${top.name}> at ${i}`);
      stack.pop();
      i += 3 + m[0].length;
    } else if (xml[i] === '<') {
      const m = NAME.exec(xml.slice(i + 1));
      if (!m) throw new Error(`bad tag at ${i}`);
      const node: XmlNode = { name: m[0], attrs: {}, children: [], text: '' };
      i += 1 + m[0].length;
      for (;;) {
        const ws = /^\s*/.exec(xml.slice(i))![0];
        i += ws.length;
        if (xml.startsWith('/>', i)) {
          i += 2;
          top.children.push(node);
          break;
        }
        if (xml[i] === '>') {
          i += 1;
          top.children.push(node);
          stack.push(node);
          break;
        }
        const a = /^([A-Za-z_][\w.:-]*)="([^"<]*)"/.exec(xml.slice(i));
        if (!a || ws === '') throw new Error(`bad attribute in <${node.name}> at ${i}`);
        if (a[1]! in node.attrs) throw new Error(`duplicate attribute ${a[1]} at ${i}`);
        node.attrs[a[1]!] = decode(a[2]!, i);
        i += a[0].length;
      }
      if (stack.length === 1 && root.children.length > 1) throw new Error(`second root element at ${i}`);
    } else {
      const end = xml.indexOf('<', i);
      const raw = xml.slice(i, end < 0 ? xml.length : end);
      if (raw.includes('>') && raw.includes(']]>')) throw new Error(`"]]>" in text at ${i}`);
      if (stack.length === 1 && raw.trim() !== '') throw new Error(`text outside the root at ${i}`);
      top.text += decode(raw, i);
      i += raw.length;
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (root.children.length !== 1) throw new Error('no single root element');
  return root.children[0]!;
}

/** All descendants named `name`, depth first. */
export function findAll(node: XmlNode, name: string): XmlNode[] {
  const out: XmlNode[] = [];
  const visit = (n: XmlNode) => {
    if (n.name === name) out.push(n);
    n.children.forEach(visit);
  };
  visit(node);
  return out;
}

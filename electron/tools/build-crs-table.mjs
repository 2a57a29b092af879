#!/usr/bin/env node
// Generates resources/crs/crs-table.json, the coordinate reference systems the workbench knows
// offline, from the EPSG registry snapshot in the `epsg-index` dev dependency. Run it after
// upgrading epsg-index and commit the result; the app never reads epsg-index at run time.
//
//   node electron/tools/build-crs-table.mjs [--check]
//
// --check exits 1 when the committed table differs from what would be generated (CI guard).
//
// Selected: WGS 84 (4326), Web Mercator (3857), NAD83 / NAD83(HARN) / NAD83(2011) geographic,
// every US State Plane zone in metres, US survey feet and international feet for NAD83,
// NAD83(HARN) and NAD83(2011), state-wide systems named after a state (e.g. Texas Centric
// Albers), Conus Albers, and UTM zones for WGS 84 (N and S) and NAD83 / NAD83(HARN) / NAD83(2011).
// County-level low-distortion systems (WISCRS, InGCS, Oregon LDP, ...) are left out.
//
// Each row: [code, name, proj4, units, bbox, metricTwin]
//   units: "m" | "us-ft" | "ft" | "deg"; bbox: [west, south, east, north] degrees (area of use);
//   metricTwin: for a feet zone, the code of the same projection in metres (else 0).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const all = JSON.parse(readFileSync(path.join(root, 'node_modules/epsg-index/all.json'), 'utf8'));
const out = path.join(root, 'resources/crs/crs-table.json');

const STATES = [
  'Alabama', 'Alaska', 'Arizona', 'Arkansas', 'California', 'Colorado', 'Connecticut', 'Delaware', 'Florida', 'Georgia',
  'Hawaii', 'Idaho', 'Illinois', 'Indiana', 'Iowa', 'Kansas', 'Kentucky', 'Louisiana', 'Maine', 'Maryland',
  'Massachusetts', 'Michigan', 'Minnesota', 'Mississippi', 'Missouri', 'Montana', 'Nebraska', 'Nevada', 'New Hampshire',
  'New Jersey', 'New Mexico', 'New York', 'North Carolina', 'North Dakota', 'Ohio', 'Oklahoma', 'Oregon', 'Pennsylvania',
  'Rhode Island', 'South Carolina', 'South Dakota', 'Tennessee', 'Texas', 'Utah', 'Vermont', 'Virginia', 'Washington',
  'West Virginia', 'Wisconsin', 'Wyoming', 'Puerto Rico and Virgin Is.', 'Puerto Rico & Virgin Is.',
];
const DATUMS = ['NAD83', 'NAD83(HARN)', 'NAD83(2011)'];
const COUNTY_SYSTEMS = /WISCRS|InGCS|RMTCRS|IaRCS|MnDOT|KS RCS|CS2000|Oregon .+ zone \(|Texas .+ Centric (Lambert|Albers) Conformal Conic|Michigan CS27/;
const EXTRA = [4326, 3857, 4269, 4152, 6318, 5070, 6350];

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const statePattern = new RegExp(`^(${DATUMS.map(esc).join('|')}) / (${STATES.map(esc).join('|')})( |$)`);
const utmPattern = /^(WGS 84|NAD83|NAD83\(HARN\)|NAD83\(2011\)) \/ UTM zone \d+[NS]$/;

function unitsOf(entry) {
  if (entry.kind === 'CRS-GEOGCRS') return 'deg';
  const m = /\+units=([\w-]+)/.exec(entry.proj4 ?? '');
  if (!m) return /\+proj=(longlat|latlong)/.test(entry.proj4) ? 'deg' : 'm';
  return { m: 'm', 'us-ft': 'us-ft', ft: 'ft' }[m[1]] ?? null;
}

function cleanProj4(p) {
  return p.replace(/\s*\+type=crs/, '').replace(/\s*\+no_defs/, '').trim() + ' +no_defs';
}

/** Datum (from the name) and projection parameters, without units and false origin. */
function signature(name, p) {
  const params = p.split(/\s+/).filter((t) => !/^\+(units|no_defs|type|x_0|y_0)(=|$)/.test(t));
  return `${name.split(' / ')[0]} ${params.join(' ')}`;
}

function falseOrigin(p) {
  const get = (k) => Number((new RegExp(`\\+${k}=([-\\d.e]+)`).exec(p) ?? [])[1] ?? 0);
  return [get('x_0'), get('y_0')];
}

/** The metre zone with the same datum and projection, false origin within 1 cm (feet zones' origins are rounded conversions). */
function metricTwinOf(r) {
  const [x0, y0] = falseOrigin(r.proj4);
  for (const m of metricBySignature.get(signature(r.name, r.proj4)) ?? []) {
    const [mx, my] = falseOrigin(m.proj4);
    if (Math.abs(mx - x0) < 0.01 && Math.abs(my - y0) < 0.01) return m.code;
  }
  return 0;
}

const rows = [];
for (const entry of Object.values(all)) {
  const code = Number(entry.code);
  if (!entry.proj4) continue;
  const wanted =
    EXTRA.includes(code) ||
    (entry.kind === 'CRS-PROJCRS' && (utmPattern.test(entry.name) || (statePattern.test(entry.name) && !COUNTY_SYSTEMS.test(entry.name))));
  if (!wanted) continue;
  const units = unitsOf(entry);
  if (!units) continue;
  const [n, w, s, e] = entry.bbox ?? [90, -180, -90, 180];
  rows.push({ code, name: entry.name, proj4: cleanProj4(entry.proj4), units, bbox: [w, s, e, n] });
}
rows.sort((a, b) => a.code - b.code);

const metricBySignature = new Map();
for (const r of rows) {
  if (r.units !== 'm') continue;
  const key = signature(r.name, r.proj4);
  metricBySignature.set(key, [...(metricBySignature.get(key) ?? []), r]);
}
const table = rows.map((r) => [
  r.code,
  r.name,
  r.proj4,
  r.units,
  r.bbox,
  r.units === 'us-ft' || r.units === 'ft' ? metricTwinOf(r) : 0,
]);

const text = `{"source":"EPSG registry via epsg-index ${JSON.parse(readFileSync(path.join(root, 'node_modules/epsg-index/package.json'), 'utf8')).version}","columns":["code","name","proj4","units","bbox","metricTwin"],"rows":[\n${table.map((r) => JSON.stringify(r)).join(',\n')}\n]}\n`;

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(out, 'utf8');
  } catch {
    // missing counts as different
  }
  if (current !== text) {
    console.error(`${path.relative(root, out)} is out of date: run node electron/tools/build-crs-table.mjs`);
    process.exit(1);
  }
  console.log(`${path.relative(root, out)} is up to date (${table.length} systems)`);
} else {
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, text);
  const byUnits = table.reduce((m, r) => ({ ...m, [r[3]]: (m[r[3]] ?? 0) + 1 }), {});
  console.log(`wrote ${path.relative(root, out)}: ${table.length} systems ${JSON.stringify(byUnits)}, ${(text.length / 1024).toFixed(0)} KiB`);
}

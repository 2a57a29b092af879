import { readSheet } from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { buildTargetList, type TargetList } from '../../../../../shared/domain/outputs/targets/build';
import { exportTargetList, TARGET_FORMATS, toTargetExportLogEntry } from '../../../../../shared/domain/outputs/targets/export';
import { cleanText, MAX_TEXT_LENGTH, neutralizeFormula, targetTable, type TargetCell } from '../../../../../shared/domain/outputs/targets/rows';
import { buildStreetIndex } from '../../../../../shared/domain/outputs/targets/streets';
import { NO_PRIVACY, type PrivacyProfile } from '../../../../../shared/domain/privacy';
import { sha256Hex } from '../../../../../shared/base/hash';
import { CRS, findAll, fonts, makeIncidents, parseCsv, parseXml, squareArea, streetLayer, X0, Y0, type Inc } from './fixtures';
import { pdfPages } from '../../../../helpers/pdf-text';

const HOSTILE = [
  '=HYPERLINK("http://evil","click")',
  '+1+1',
  '-2+3',
  '@SUM(A1)',
  '\tTAB',
  '\rCR',
  '<script>alert("x")</script> & </Data> ]]> <![CDATA[',
  "O'Brien \"quoted\", with comma\nand newline",
  'שלום עולם — مرحبا بالعالم',
  '東京都 新宿区 · Ελληνικά · кириллица · 🚓',
  'NUL\u0000 BEL\u0007 ESC\u001b VT\u000b FF\u000c DEL\u007f lone\ud800surrogate',
  'x'.repeat(40_000),
];

function hostileList(profile: PrivacyProfile = NO_PRIVACY): TargetList {
  const incidents: Inc[] = [];
  const areas = HOSTILE.map((name, k) => squareArea(name.slice(0, 5000) || `a${k}`, name, k * 400, 0));
  HOSTILE.forEach((name, k) => {
    for (let j = 0; j <= k % 4; j++) incidents.push({ x: X0 + k * 400 + j * 7, y: Y0 + j * 5, from: `2024-03-0${(j % 7) + 1}T2${j}:15`, group: HOSTILE[(k + j) % HOSTILE.length]!.slice(0, 40), code: '13A', address: `${100 + k} ${name}` });
  });
  return buildTargetList({
    areas,
    incidents: makeIncidents(incidents),
    source: 'fuzz <&>',
    period: null,
    top: 50,
    profile,
    streets: buildStreetIndex(streetLayer(), CRS),
    dosage: { minutes: 15, visitsPerShift: 2, seed: 3 },
    generatedAt: '2024-04-01T12:00:00Z',
  });
}

const decode = (b: Uint8Array) => new TextDecoder().decode(b);
const asText = (v: TargetCell) => (typeof v === 'number' ? String(v) : v);

async function checkRoundTrips(list: TargetList): Promise<void> {
  const t = targetTable(list);
  const expectedText = [t.header, ...t.rows.map((r) => r.map(asText))];

  // Every text cell is formula-safe and holds no forbidden character.
  for (const row of [t.header, ...t.rows]) {
    for (const v of row) {
      if (typeof v !== 'string') continue;
      expect(/^[=+\-@\t\r]/.test(v)).toBe(false);
      expect(v).toBe(cleanText(v));
      expect(v.length).toBeLessThanOrEqual(MAX_TEXT_LENGTH + 1);
    }
  }

  const csv = parseCsv(decode(await exportTargetList(list, 'csv')));
  expect(csv).toEqual(expectedText);

  const xlsx = await readSheet(Buffer.from(await exportTargetList(list, 'xlsx', { handling: '=HANDLING' })), 'Targets');
  expect(xlsx.map((r) => r.map((v) => (v === null ? '' : v)))).toEqual([t.header, ...t.rows]);
  const about = await readSheet(Buffer.from(await exportTargetList(list, 'xlsx', { handling: '=HANDLING' })), 'About');
  expect(about[0]![0]).toBe("'=HANDLING");
  expect(String(about[1]![0])).toBe(list.privacy);

  const geo = JSON.parse(decode(await exportTargetList(list, 'geojson')));
  expect(geo.type).toBe('FeatureCollection');
  expect(geo.features.map((f: { properties: Record<string, TargetCell> }) => t.header.map((h) => f.properties[h]))).toEqual(t.rows);
  expect(geo.features[0].geometry.type).toBe('Polygon');
  expect(geo.privacy).toBe(list.privacy);

  const kml = parseXml(decode(await exportTargetList(list, 'kml')));
  expect(kml.name).toBe('kml');
  const placemarks = findAll(kml, 'Placemark');
  expect(placemarks).toHaveLength(list.rows.length);
  expect(placemarks.map((p) => findAll(p, 'Data').map((d) => d.attrs.name))).toEqual(t.rows.map(() => t.header));
  expect(placemarks.map((p) => findAll(p, 'value').map((v) => v.text))).toEqual(t.rows.map((r) => r.map(asText)));
  expect(placemarks.map((p) => findAll(p, 'name')[0]!.text)).toEqual(list.rows.map((r) => cleanText(`${r.rank}. ${r.name}`)));
  expect(findAll(placemarks[0]!, 'Polygon')).toHaveLength(1);

  const gpx = parseXml(decode(await exportTargetList(list, 'gpx')));
  const wpts = findAll(gpx, 'wpt');
  expect(wpts.map((w) => [Number(w.attrs.lat), Number(w.attrs.lon)])).toEqual(list.rows.map((r) => [Number(r.lat.toFixed(7)), Number(r.lon.toFixed(7))]));
  expect(wpts.map((w) => findAll(w, 'cmt')[0]!.text)).toEqual(t.rows.map((r) => cleanText(t.header.map((h, j) => `${h}: ${asText(r[j]!)}`).join('\n'))));
}

describe('target list exports', () => {
  it('neutralizes formulas and cleans text', () => {
    expect(neutralizeFormula('=1+1')).toBe("'=1+1");
    expect(neutralizeFormula('-5')).toBe("'-5");
    expect(neutralizeFormula('\tx')).toBe("'\tx");
    expect(neutralizeFormula('1200 BLOCK')).toBe('1200 BLOCK');
    expect(cleanText('a\u0000b\u0007c\ud800d\ud83d\ude93')).toBe('abcd\ud83d\ude93');
    expect(cleanText('y'.repeat(MAX_TEXT_LENGTH + 10))).toHaveLength(MAX_TEXT_LENGTH);
  });

  it('every format parses back with the same rows, hostile values included (fuzz)', async () => {
    const list = hostileList();
    expect(list.rows).toHaveLength(HOSTILE.length);
    await checkRoundTrips(list);
  });

  it('every format parses back under a privacy profile with suppressed counts', async () => {
    const list = hostileList({ ...NO_PRIVACY, name: 'public <x>', addresses: 'hundred-block', gridM: 100, suppressBelow: 3 });
    const t = targetTable(list);
    const col = t.header.indexOf('incidents');
    expect(t.rows.some((r) => r[col] === '<3')).toBe(true);
    expect(t.rows.every((r) => r[col] === '<3' || (typeof r[col] === 'number' && (r[col] as number) >= 3))).toBe(true);
    expect(String(t.rows[0]![t.header.indexOf('top_addresses')])).toMatch(/^100 BLOCK /);
    await checkRoundTrips(list);
  });

  it('prints a PDF patrol sheet with extractable text: names, banner, privacy, one page per area', async () => {
    const list = hostileList({ ...NO_PRIVACY, name: 'public', suppressBelow: 3 });
    const pick = (start: string) => list.rows.find((r) => r.name.startsWith(start))!;
    const few = { ...list, rows: [pick('東京都'), pick('NUL'), pick('<script>'), pick('שלום'), pick('xxx')] };
    const bytes = await exportTargetList(few, 'pdf', { fonts: fonts(), handling: 'FOR OFFICIAL USE ONLY', streets: buildStreetIndex(streetLayer(), CRS) });
    const pages = await pdfPages(bytes, '');
    expect(pages.length).toBe(few.rows.length + 1);
    for (const p of pages) {
      expect(p).toContain('FOR OFFICIAL USE ONLY');
      expect(p).toContain('Privacy profile "public"');
    }
    expect(pages[0]).toContain('Patrol target list');
    const squeeze = (s: string) => s.replace(/\s/g, '');
    // DejaVu Sans has Greek and Cyrillic but no CJK: those glyphs print as the font's empty box.
    expect(squeeze(pages[1]!)).toContain(`${few.rows[0]!.rank}.`);
    expect(squeeze(pages[1]!)).toContain('Ελληνικά·кириллица');
    expect(squeeze(pages[2]!)).toContain(`${few.rows[1]!.rank}.NULBELESCVTFFDELlonesurrogate`);
    expect(squeeze(pages[3]!)).toContain(`${few.rows[2]!.rank}.<script>alert("x")</script>&`);
    expect(squeeze(pages[5]!)).toContain(`${few.rows[4]!.rank}.xxxxxxxxxx`);
    for (const r of few.rows) expect(squeeze(pages[0]!)).toContain(`${r.rank}`);
    expect(pages[1]).toContain('Recommended patrol windows');
    expect(pages[1]).toContain('Dosage plan');
  }, 60_000);

  it('logs an export with format, rows, privacy and the SHA-256 of the bytes', async () => {
    const list = hostileList();
    const bytes = await exportTargetList(list, 'csv');
    const entry = await toTargetExportLogEntry(list, 'csv', bytes, 'out.csv', 'tester', { incidents: 'a'.repeat(64) });
    expect(entry.action).toBe('export.targets');
    expect(entry.parameters).toMatchObject({ format: 'csv', file: 'out.csv', count: HOSTILE.length, privacy: 'internal', fileSha256: await sha256Hex(bytes) });
    expect(TARGET_FORMATS).toEqual(['pdf', 'csv', 'xlsx', 'geojson', 'kml', 'gpx']);
  });
});

import { describe, expect, it } from 'vitest';
import { createTransform } from '../../../../shared/domain/geo/crs';
import { pointInRing } from '../../../../shared/domain/sample/intervention';
import { INCIDENT_COLUMNS } from '../../../../shared/domain/sample/index';
import { failures, fileText, parseExportDate, parseTable, sampleFixture } from './sample-fixtures';

describe('incidents.csv (default city)', () => {
  const { city, files } = sampleFixture();
  const text = fileText(files, 'incidents.csv');
  const t = parseTable(text);
  const gt = city.groundTruth;

  it('has the vendor-style header and one row per incident plus the duplicate-offense rows', () => {
    expect(t.header).toEqual([...INCIDENT_COLUMNS]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(t.rows.length).toBe(60000 + gt.messiness.duplicateOffenseRows.rows);
    expect(t.rows.length).toBe(gt.counts.incidentRows);
    expect(failures(t.rows, (r) => (r.length === t.header.length ? undefined : `${r.length} fields`))).toEqual([]);
  });

  it('numbers cases YYYY-NNNNNNN, unique except the second rows of multi-offense incidents', () => {
    const caseCol = t.col('Case Number');
    const codeCol = t.col('Offense Code');
    const seen = new Map<string, string[]>();
    expect(failures(t.rows, (r) => (/^20(22|23|24|25)-\d{7}$/.test(r[caseCol]!) ? undefined : r[caseCol]))).toEqual([]);
    for (const r of t.rows) seen.set(r[caseCol]!, [...(seen.get(r[caseCol]!) ?? []), r[codeCol]!]);
    expect(seen.size).toBe(60000);
    const doubles = [...seen.values()].filter((codes) => codes.length > 1);
    expect(doubles.length).toBe(gt.messiness.duplicateOffenseRows.incidents);
    expect(failures(doubles, (codes) => (codes.length === 2 && codes[0] !== codes[1] ? undefined : codes.join('/')))).toEqual([]);
  });

  it('orders times: occurred from <= occurred to <= reported, all within or just after the period', () => {
    const [f, to, rep] = [t.col('Occurred From'), t.col('Occurred To'), t.col('Reported Date')];
    let exact = 0;
    const bad = failures(t.rows, (r) => {
      const a = parseExportDate(r[f]!).ms;
      const b = r[to] === '' ? a : parseExportDate(r[to]!).ms;
      if (r[to] === '') exact++;
      const c = parseExportDate(r[rep]!).ms;
      const ok = a >= Date.UTC(2022, 0, 1) && a < Date.UTC(2025, 0, 2) && (r[to] === '' || b > a) && c >= b;
      return ok ? undefined : `${r[f]} / ${r[to]} / ${r[rep]}`;
    });
    expect(bad).toEqual([]);
    expect(exact / t.rows.length).toBeGreaterThan(0.3);
  });

  it('writes hundred-block addresses and feet/degree coordinates that agree with each other and the beat', () => {
    const [bx, x, y, lat, lon, beat, district] = ['Block Address', 'X Coordinate', 'Y Coordinate', 'Latitude', 'Longitude', 'Beat', 'District'].map((c) => t.col(c)) as number[];
    const toLonLat = createTransform('EPSG:2276', 'EPSG:4326');
    const hqX = city.hq.x.toFixed(2);
    const beatRing = new Map(city.beats.codes.map((c, i) => [c, city.beats.rings[i]!]));
    const beatDistrict = new Map(city.beats.codes.map((c, i) => [c, city.districts.names[city.beats.parent[i]!]]));
    let checked = 0;
    const bad = failures(t.rows, (r) => {
      if (!/^\d+00 BLOCK OF [A-Z][A-Z ]+$/.test(r[bx!]!)) return `block "${r[bx!]}"`;
      if (beatDistrict.get(r[beat!]!) !== r[district!]) return `beat ${r[beat!]} not in ${r[district!]}`;
      if (r[x!] === '' || r[x!] === '0' || r[x!] === hqX || Number(r[lat!]) < 0) return undefined;
      if (!/^\d{7}\.\d{2}$/.test(r[x!]!) || !/^\d{2}\.\d{6}$/.test(r[lat!]!) || !/^-\d{2}\.\d{6}$/.test(r[lon!]!)) return 'number format';
      const [elon, elat] = toLonLat(Number(r[x!]), Number(r[y!]));
      if (Math.abs(elon - Number(r[lon!])) > 1e-6 || Math.abs(elat - Number(r[lat!])) > 1e-6) return 'lat/lon disagree with X/Y';
      if (!pointInRing(beatRing.get(r[beat!]!)!, Number(r[x!]), Number(r[y!]))) return `point outside beat ${r[beat!]}`;
      checked++;
      return undefined;
    });
    expect(bad).toEqual([]);
    expect(checked).toBeGreaterThan(0.95 * 60000);
  });

  it('quotes only where RFC 4180 requires it (or to keep edge spaces)', () => {
    for (const line of text.split('\r\n').slice(1, 2000)) {
      if (line.includes('"')) expect(line).toMatch(/," [^"]*"|"[^"]* "/);
    }
  });
});

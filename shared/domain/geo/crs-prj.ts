/**
 * Recognizing the coordinate system a shapefile's `.prj` (WKT, usually ESRI flavour) describes,
 * as one of the bundled EPSG codes.
 */
import proj4 from 'proj4';
import { getCrsDefinition, listCrsDefinitions } from './crs';

/** The fields of a parsed proj4 projection this module compares. */
interface ProjParams {
  /** proj4js's aliases of the projection method ('lcc', 'Lambert_Conformal_Conic', ...). */
  names?: string[];
  projName?: string;
  lat0?: number;
  long0?: number;
  lat1?: number;
  lat2?: number;
  k0?: number;
  x0?: number;
  y0?: number;
  to_meter?: number;
  a?: number;
  rf?: number;
  b?: number;
  zone?: number;
  utmSouth?: boolean;
}

/** What a .prj says. */
export type PrjMatch =
  | { readonly kind: 'matched'; readonly code: string; readonly name: string; readonly how: 'authority' | 'parameters' | 'geographic' }
  | { readonly kind: 'unknown'; readonly name: string; readonly reason: string };

let parsedRegistry: { code: string; name: string; p: ProjParams }[] | undefined;

function parse(def: string): ProjParams | undefined {
  try {
    return new (proj4 as unknown as { Proj: new (d: string) => ProjParams }).Proj(def);
  } catch {
    return undefined;
  }
}

function registry(): { code: string; name: string; p: ProjParams }[] {
  if (!parsedRegistry) {
    parsedRegistry = [];
    for (const d of listCrsDefinitions()) {
      if (d.units === 'degree') continue;
      const p = parse(d.proj4);
      if (p) parsedRegistry.push({ code: d.code, name: d.name, p });
    }
  }
  return parsedRegistry;
}

const close = (a: number | undefined, b: number | undefined, tol: number) => (a ?? 0) === (b ?? 0) || Math.abs((a ?? 0) - (b ?? 0)) <= tol;

/** proj4js names one method several ways ('lcc' vs 'Lambert_Conformal_Conic'): compare alias lists. */
function sameMethod(a: ProjParams, b: ProjParams): boolean {
  // UTM is Transverse Mercator with fixed parameters, which the other checks compare.
  const names = (p: ProjParams) => {
    const list = (p.names ?? [p.projName ?? '']).map((n) => n.toLowerCase());
    return list.includes('utm') ? [...list, 'tmerc', 'transverse_mercator'] : list;
  };
  const aliases = new Set(names(a));
  return names(b).some((n) => aliases.has(n));
}

function sameProjection(a: ProjParams, b: ProjParams): boolean {
  if (!sameMethod(a, b)) return false;
  const rad = 1e-9;
  const parallels = (p: ProjParams) => [p.lat1 ?? 0, p.lat2 ?? p.lat1 ?? 0].sort((x, y) => x - y);
  const [a1, a2] = parallels(a);
  const [b1, b2] = parallels(b);
  return (
    close(a.lat0, b.lat0, rad) &&
    close(a.long0, b.long0, rad) &&
    close(a1, b1, rad) &&
    close(a2, b2, rad) &&
    close(a.k0 ?? 1, b.k0 ?? 1, 1e-10) &&
    close(a.x0, b.x0, 0.01) &&
    close(a.y0, b.y0, 0.01) &&
    close(a.to_meter ?? 1, b.to_meter ?? 1, 1e-9) &&
    close(a.a, b.a, 0.001) &&
    close(a.rf, b.rf, 1e-6)
  );
}

/**
 * Matches WKT text to a registry code:
 * 1. an `AUTHORITY["EPSG","nnnn"]` of the outermost PROJCS/GEOGCS that the registry knows;
 * 2. otherwise the projection parameters (method, origin, standard parallels, scale, false
 *    origin within 1 cm, linear unit, ellipsoid), preferring the datum the WKT names
 *    (HARN, 2011) and plain NAD83 otherwise: NAD83 variants share parameters, and differ from
 *    each other by at most about a metre, below what RMS geocoding resolves;
 * 3. a geographic WKT (GEOGCS only) -> EPSG:4326 (NAD83 and WGS 84 differ by about a metre).
 * `unknown` names the system the WKT declares so the analyst can pick its EPSG code.
 */
export function matchPrj(wkt: string): PrjMatch {
  const text = wkt.trim();
  const name = /^\s*(?:PROJCS|GEOGCS|PROJCRS|GEOGCRS)\s*\[\s*"([^"]*)"/i.exec(text)?.[1] ?? 'unnamed';
  const authority = /AUTHORITY\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]\s*\]\s*$/i.exec(text)?.[1] ?? /ID\s*\[\s*"EPSG"\s*,\s*(\d+)\s*\]\s*\]\s*$/i.exec(text)?.[1];
  if (authority) {
    const def = getCrsDefinition(authority);
    if (def) return { kind: 'matched', code: def.code, name: def.name, how: 'authority' };
  }
  if (/^\s*GEOG(CS|CRS)\s*\[/i.test(text)) {
    const def = getCrsDefinition('EPSG:4326');
    return { kind: 'matched', code: 'EPSG:4326', name: def?.name ?? 'WGS 84', how: 'geographic' };
  }
  const p = parse(text);
  if (!p) return { kind: 'unknown', name, reason: 'the .prj text is not WKT that proj4 can read' };
  const matches = registry().filter((r) => sameProjection(p, r.p));
  if (matches.length === 0) return { kind: 'unknown', name, reason: 'no bundled EPSG system has these projection parameters' };
  const datum = /HARN/i.test(text) ? 'NAD83(HARN) /' : /2011/.test(text) ? 'NAD83(2011) /' : 'NAD83 /';
  const best = matches.find((m) => m.name.startsWith(datum)) ?? matches.find((m) => m.name.startsWith('NAD83 /')) ?? matches[0];
  if (!best) return { kind: 'unknown', name, reason: 'no bundled EPSG system has these projection parameters' };
  return { kind: 'matched', code: best.code, name: best.name, how: 'parameters' };
}

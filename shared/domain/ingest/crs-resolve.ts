/**
 * Which CRS a file's X/Y columns are in: the analyst's choice, else what the file declares
 * (.prj, GeoJSON), else what the numbers say (degrees, or a projected zone confirmed by the
 * file's own latitude/longitude columns). When it stays ambiguous the import stops and asks,
 * with candidates: a wrong guess would put every point in the wrong place.
 */
import { err, ok, type Result } from '../../base/result';
import { getCrsDefinition } from '../geo/crs';
import { guessCrs } from '../geo/crs-suggest';
import type { IngestError } from './raw-table';

export interface CrsResolution {
  readonly code: string;
  readonly name: string;
  /** 'given', 'mapping', '.prj', 'GeoJSON', 'values: degrees', 'values: matches the Latitude/Longitude columns'. */
  readonly how: string;
  /** The X column holds latitudes and Y longitudes throughout: swap the columns. */
  readonly swapColumns?: boolean;
}

/** An unknown code as the error every entry point reports. */
export function unknownCrsError(name: string, value: string): IngestError {
  return {
    kind: 'invalid-argument',
    name,
    value,
    expected: `a known EPSG code: "${value}" is not in the bundled table (every US State Plane zone in metres and feet for NAD83, NAD83(HARN), NAD83(2011); UTM zones; EPSG:3857; EPSG:4326)`,
  };
}

export interface ResolveCrsInput {
  readonly file: string;
  readonly given?: string;
  readonly mappingCrs?: string;
  readonly declared?: { code: string; how: string };
  /** Why the file's own declaration could not be used (e.g. "the shapefile has no .prj"). */
  readonly problem?: string;
  /** Sample of the X/Y values and, when mapped, the same rows' lon/lat. */
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  readonly lon?: Float64Array;
  readonly lat?: Float64Array;
}

/** Resolves the X/Y CRS (see module comment). A projected guess must agree with lon/lat columns within 100 m. */
export function resolveSourceCrs(input: ResolveCrsInput): Result<CrsResolution, IngestError> {
  const named = (code: string, how: string, label: string): Result<CrsResolution, IngestError> => {
    const def = getCrsDefinition(code);
    if (!def) return err(unknownCrsError(label, code));
    return ok({ code: def.code, name: def.name, how });
  };
  if (input.given) return named(input.given, 'given', '--crs');
  if (input.mappingCrs) return named(input.mappingCrs, 'mapping', 'mapping crs');
  if (input.declared) return named(input.declared.code, input.declared.how, 'declared CRS');
  const guess = guessCrs(input.xs, input.ys, input.lon && input.lat ? { lonLat: { lon: input.lon, lat: input.lat } } : {});
  if (guess.kind === 'degrees') {
    return ok({ code: 'EPSG:4326', name: 'WGS 84 (longitude/latitude)', how: guess.swapped ? 'values: degrees, X and Y columns swapped' : 'values: degrees', ...(guess.swapped ? { swapColumns: true } : {}) });
  }
  if (guess.kind === 'projected') {
    const best = guess.candidates[0];
    if (best && best.medianOffsetM !== undefined && best.medianOffsetM < 100) {
      return ok({ code: best.code, name: best.name, how: `values: matches the latitude/longitude columns (median offset ${best.medianOffsetM.toFixed(2)} m)` });
    }
    return err({
      kind: 'crs-required',
      path: input.file,
      reason: `${input.problem ? `${input.problem}; ` : ''}the X/Y values are projected coordinates and the file does not say which system; give its EPSG code`,
      candidates: guess.candidates.map((c) => ({ code: c.code, name: c.name })),
    });
  }
  return err({ kind: 'crs-required', path: input.file, reason: `${input.problem ? `${input.problem}; ` : ''}no X/Y value is a number, so the coordinate system cannot be guessed`, candidates: [] });
}

/** One line naming the CRS question and the candidates, for the CLI. */
export function formatCrsRequired(e: Extract<IngestError, { kind: 'crs-required' }>): string {
  const list = e.candidates.slice(0, 6).map((c) => `${c.code} (${c.name})`).join(', ');
  return `${e.path}: ${e.reason} with --crs EPSG:NNNN${list ? `; candidates from the value ranges: ${list}` : ''}`;
}

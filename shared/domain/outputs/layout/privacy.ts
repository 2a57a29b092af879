/**
 * Briefing maps for release outside the agency: the privacy profile (shared/domain/privacy) is
 * applied to the incident points before anything is drawn or computed from them (offense
 * groups withheld, points snapped to the profile's grid in a metric CRS), small legend counts
 * are suppressed, and the profile's one-line description is printed on the page.
 */
import { chooseExploreCrs } from '../../explore/analysis-crs';
import { OFFENSE_GROUPS } from '../../ingest/nibrs';
import { applyPrivacyToLonLat, describeProfile, type PrivacyProfile } from '../../privacy';
import type { MapData, MapPoints } from './map-data';

/**
 * The points generalized by `profile`: withheld groups removed, the rest snapped to the
 * profile's grid (in the UTM zone of the points, so a 100 m grid is 100 m on the ground).
 * Offense codes are withheld by the point query (see queryLayoutPoints' `excludeCodes`).
 */
export function applyPrivacyToMapPoints(points: MapPoints, profile: PrivacyProfile): MapPoints {
  const ids = OFFENSE_GROUPS.map((g) => g.id as string);
  const group = Array.from(points.group, (g) => ids[g] ?? 'unmapped');
  const r = applyPrivacyToLonLat(profile, { lon: points.lon, lat: points.lat, group }, chooseExploreCrs(points.lon, points.lat));
  const lon = new Float64Array(r.kept);
  const lat = new Float64Array(r.kept);
  const g = new Uint8Array(r.kept);
  for (let i = 0, k = 0; i < r.keep.length; i++) {
    if (!r.keep[i]) continue;
    lon[k] = r.lon[i] as number;
    lat[k] = r.lat[i] as number;
    g[k++] = points.group[i] as number;
  }
  return { lon, lat, group: g };
}

/** `data` with the profile applied to its points, its description as the privacy line, and small counts suppressed. */
export function withPrivacy(data: MapData, profile: PrivacyProfile): MapData {
  return {
    ...data,
    points: data.points ? applyPrivacyToMapPoints(data.points, profile) : null,
    privacyLine: describeProfile(profile),
    suppressBelow: profile.suppressBelow,
  };
}

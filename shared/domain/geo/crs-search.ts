/**
 * Searching the bundled CRS registry by code or name, as an analyst types it into the import
 * dialog: "2276", "epsg:2276", "texas north central feet", "utm 14", "harn ohio south",
 * "web mercator".
 */
import { listCrsDefinitions, normalizeCrsCode, type CrsDefinition } from './crs';

/** Words that say nothing about which system is meant. */
const STOP_WORDS = new Set(['state', 'plane', 'stateplane', 'spcs', 'zone', 'epsg', 'nad', 'the', 'of', 'us', 'survey', '/']);

/** Query word -> alternatives that count as a match in a name (lower case). */
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  feet: ['ftus', 'ft'],
  foot: ['ftus', 'ft'],
  ft: ['ftus', 'ft'],
  ftus: ['ftus'],
  mercator: ['mercator', 'pseudo-mercator'],
  web: ['pseudo-mercator', 'web'],
  wgs84: ['wgs 84'],
  harn: ['nad83(harn)'],
  '2011': ['nad83(2011)'],
};

function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[(),]/g, ' ')
    .split(/\s+/)
    .filter((t) => t !== '' && !STOP_WORDS.has(t));
}

/**
 * Registry entries matching `query`, best first, at most `limit` (default 20).
 * - A code ("2276", "EPSG:2276", "epsg::2276") matches that entry first, then codes that start
 *   with the digits typed so far.
 * - Otherwise every query word must occur in the name (case-insensitive; "feet"/"ft" match
 *   "(ftUS)" and "(ft)", "harn" the NAD83(HARN) datum, "web mercator" EPSG:3857, "utm 14"
 *   "UTM zone 14N/S"). Ties rank plain NAD83 before HARN/2011 and shorter names first.
 * An empty query lists the registry in order.
 */
export function searchCrs(query: string, limit = 20): CrsDefinition[] {
  const all = listCrsDefinitions();
  const q = query.trim();
  if (q === '') return all.slice(0, limit);
  const code = normalizeCrsCode(q);
  const digits = /^EPSG:(\d+)$/.exec(code)?.[1];
  if (digits) {
    const exact = all.filter((d) => d.code === code);
    const prefix = all.filter((d) => d.code !== code && d.code.slice(5).startsWith(digits));
    return [...exact, ...prefix].slice(0, limit);
  }
  const words = tokens(q);
  if (words.length === 0) return all.slice(0, limit);
  const scored: { def: CrsDefinition; score: number }[] = [];
  for (const def of all) {
    const name = def.name.toLowerCase();
    const nameWords = new Set(tokens(def.name));
    let score = 0;
    let matched = true;
    for (const w of words) {
      const alternatives = SYNONYMS[w] ?? [w];
      if (alternatives.some((a) => nameWords.has(a))) score += 2;
      else if (alternatives.some((a) => name.includes(a))) score += 1;
      else if (/^\d+[ns]?$/.test(w) && /utm/.test(name) && new RegExp(`zone ${w.replace(/[ns]$/, '')}[ns]$`).test(name)) score += 2;
      else {
        matched = false;
        break;
      }
    }
    if (!matched) continue;
    // Prefer the datum most exports use, then the shortest (most specific) name.
    if (name.startsWith('nad83 /')) score += 0.5;
    score -= def.name.length / 1000;
    scored.push({ def, score });
  }
  scored.sort((a, b) => b.score - a.score);
  return scored.slice(0, limit).map((s) => s.def);
}

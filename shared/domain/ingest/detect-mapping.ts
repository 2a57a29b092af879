/**
 * Guessing column roles from header names and sample values. Every (role, column) pair gets a
 * score: a name score from the rules below (exact vendor spellings score highest) times a value
 * check (a "Date" column must hold dates, "Latitude" numbers in -90..90, an offense code column
 * NIBRS-like codes); then roles are assigned greedily, best score first, one column per role and
 * one role per column. The result is a plain ColumnMapping the analyst can correct.
 */
import type { ColumnMapping, DatasetKind, Role } from './mapping';
import { isDateLike, isExcelSerialLike, profileValues, type ValueProfile } from './value-profile';

/** Why a role went to a column (shown as a tooltip in the import dialog). */
export interface RoleEvidence {
  readonly column: string;
  readonly score: number;
  readonly why: string;
}

export interface DetectedMapping {
  readonly mapping: ColumnMapping;
  readonly evidence: Partial<Record<Role, RoleEvidence>>;
}

interface NameRule {
  role: Role;
  pattern: RegExp;
  score: number;
  kinds?: readonly DatasetKind[];
}

/** Lower case; "#" -> "number"; anything but letters/digits -> single spaces. */
export function normalizeHeader(name: string): string {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/#/g, ' number ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const ID = '(number|no|num|nbr|nmbr|id)';
const NOT_INCIDENTS: readonly DatasetKind[] = ['calls', 'arrests', 'field-interviews', 'probation', 'partner', 'hospital', 'facilities'];
/**
 * Rules of the other source kinds' roles (sources/kinds.ts). Every one is limited to the kinds
 * it applies to, never 'incidents', so an RMS incident export is mapped exactly as before.
 */
const SOURCE_RULES: readonly NameRule[] = [
  // No call_type rule: a call type column stays offense_description (so offense groups work for
  // calls too); source-columns.ts copies it to call_type. The role can still be given by hand.
  { role: 'priority', pattern: /^(call |cad |dispatch )?(priority|pri|prty|priority code|priority level)$/, score: 10, kinds: ['calls'] },
  { role: 'dispatched_at', pattern: /^(time |date )?(dispatched|dispatch|assigned|disp)( date| time| datetime| date time)?( time)?$/, score: 10, kinds: ['calls'] },
  { role: 'arrived_at', pattern: /^(time |date )?(arrived|arrival|on scene|onscene|at scene|enroute arrived)( date| time| datetime| date time)?( time)?$/, score: 10, kinds: ['calls'] },
  { role: 'cleared_at', pattern: /^(time |date )?(cleared|clear|closed|close|completed|available|in service)( date| time| datetime| date time)?( time)?$/, score: 10, kinds: ['calls'] },
  { role: 'disposition', pattern: /^(call |case |final |clearance )?(disposition|dispo|disp code|clearance|outcome|result)( code| description)?$/, score: 10, kinds: NOT_INCIDENTS },
  { role: 'person_id', pattern: new RegExp(`^(person|arrestee|subject|suspect|offender|patient|individual|defendant|supervisee|client|master name|name|pin|sid|fbi)( master)? ?${ID}$`), score: 10, kinds: ['arrests', 'field-interviews', 'probation', 'hospital', 'partner'] },
  { role: 'charge', pattern: /^(charge|charges|arrest charge|statute|offense charged|top charge)( text)?$/, score: 9, kinds: ['arrests', 'field-interviews'] },
  { role: 'related_case', pattern: new RegExp(`^(case|incident|report|rms|offense|related case|associated case)( report)? ?${ID}$`), score: 12, kinds: ['calls', 'arrests', 'field-interviews'] },
  { role: 'case_id', pattern: new RegExp(`^(supervision|probation|parole|offender|docket)( case)? ?${ID}$`), score: 10, kinds: ['probation'] },
  { role: 'case_id', pattern: new RegExp(`^(record|encounter|visit|admission|trauma|patient record|mrn)( record)? ?${ID}$`), score: 10, kinds: ['hospital'] },
  { role: 'case_id', pattern: new RegExp(`^(facility|site|school|location|place)( site)? ?${ID}$`), score: 10, kinds: ['facilities'] },
  { role: 'occurred_from', pattern: /^(arrival|admission|admit|injury|visit|encounter|start|supervision start)( date)?( time)?$/, score: 11, kinds: ['hospital', 'probation'] },
  { role: 'occurred_to', pattern: /^(end|expiration|discharge|supervision end|termination)( date)?( time)?$/, score: 11, kinds: ['probation'] },
  { role: 'address', pattern: /^(contact|residence|home|supervision|injury|incident|facility|site|school|patient|stop)? ?(address|addr|location|block)$/, score: 10, kinds: NOT_INCIDENTS },
  { role: 'category', pattern: /^(contact |stop |fi )?(reason|purpose)$|^(injury|wound|facility|site|supervision|school|mechanism|contact) (type|kind|category|class)$|^(injury|mechanism)$/, score: 10, kinds: ['field-interviews', 'hospital', 'probation', 'facilities', 'partner'] },
  { role: 'name', pattern: /^(facility|site|school|place|location|business)( name)?$|^name$/, score: 9, kinds: ['facilities'] },
];
const RULES: readonly NameRule[] = [
  { role: 'case_id', pattern: new RegExp(`^(case|incident|report|rpt|offense|event|complaint|ir|cr|file)( report)? ?${ID}$`), score: 10 },
  { role: 'case_id', pattern: new RegExp(`^(call|cad|cfs|event|incident)( call)? ?${ID}$`), score: 10, kinds: ['calls'] },
  { role: 'case_id', pattern: new RegExp(`^(arrest|booking)( report)? ?${ID}$`), score: 10, kinds: ['arrests'] },
  { role: 'case_id', pattern: new RegExp(`^(fi|contact|stop|interview|card)( card)? ?${ID}$`), score: 10, kinds: ['field-interviews'] },
  { role: 'case_id', pattern: /^(case|uid|incident|inc|caseno|case no|incidentnum|objectid|id|record id|unique id|key)$/, score: 6 },
  { role: 'case_id', pattern: new RegExp(`\\b(case|incident|report)\\b.*\\b${ID}\\b`), score: 5 },
  { role: 'offense_code', pattern: /^(offense|offence|nibrs|ucr|crime|incident|charge|statute|violation)( offense)? (code|cd|class)$/, score: 10 },
  { role: 'offense_code', pattern: /^(nibrs|ucr|nibrs offense|ucr code|offense cd|ibr code|code)$/, score: 7 },
  // A bare "Offense" column holding codes ("13A", "220"): the value check decides against the description role.
  { role: 'offense_code', pattern: /^(offense|offence|crime|charge)$/, score: 6 },
  { role: 'offense_description', pattern: /^(offense|offence|crime|incident|charge|call|event|nature)( code)? (description|desc|type|category|name|nature|title)$/, score: 10 },
  { role: 'offense_description', pattern: /^(offense|offence|crime|description|nature|category|call type|type|offense type|crime type|charge|primary type|incident type)$/, score: 7 },
  { role: 'occurred_from', pattern: /^(occurred|occ|offense|incident|crime|event)( from)? (date|datetime|date time|dt|start)( time)?$|^(occurred|from|start|begin|occurred from)( date)?( time)?$|^date occurred$|^occurred on$/, score: 10 },
  { role: 'occurred_from', pattern: /^(received|call received|time received|created|create time|call time|date received|received date|call date|cad date)( time)?$/, score: 10, kinds: ['calls'] },
  { role: 'occurred_from', pattern: /^(arrest|booking) (date|datetime|date time)( time)?$/, score: 10, kinds: ['arrests'] },
  { role: 'occurred_from', pattern: /^(contact|stop|interview) (date|datetime)( time)?$/, score: 10, kinds: ['field-interviews'] },
  { role: 'occurred_from', pattern: /^(date|datetime|date time|timestamp|dt)$/, score: 6 },
  { role: 'occurred_to', pattern: /^(occurred|occ|offense|incident)? ?(to|thru|through|end|until)( date)?( time)?$|^(occurred|occ) (to|thru|end) (date|datetime)/, score: 10 },
  { role: 'reported_at', pattern: /^(reported|report|rpt|entered|date reported|reported on)( date)?( time)?$|^date reported$|^report (date|datetime)/, score: 10 },
  { role: 'occurred_date', pattern: /^(occurred|occ|offense|incident|from|start)? ?date$/, score: 8 },
  { role: 'occurred_time', pattern: /^(occurred|occ|offense|incident|from|start)? ?(time|hour min|military time)$/, score: 8 },
  { role: 'occurred_to_date', pattern: /^(to|end|thru|occurred to) date$/, score: 8 },
  { role: 'occurred_to_time', pattern: /^(to|end|thru|occurred to) time$/, score: 8 },
  { role: 'reported_date', pattern: /^(reported|report|rpt) date$/, score: 8 },
  { role: 'reported_time', pattern: /^(reported|report|rpt) time$/, score: 8 },
  { role: 'year', pattern: /^(year|yr|occurred year|occ year)$/, score: 8 },
  { role: 'month', pattern: /^(month|mo|occurred month|occ month)$/, score: 8 },
  { role: 'day', pattern: /^(day|dom|day of month|occurred day)$/, score: 8 },
  { role: 'hour', pattern: /^(hour|hr|occurred hour|occ hour)$/, score: 8 },
  { role: 'minute', pattern: /^(minute|min|minutes)$/, score: 8 },
  { role: 'address', pattern: /^(block|street|incident|hundred block|full|arrest|offense|event|call)? ?(address|addr|location|block|hundred block|street)( address| name)?$/, score: 10 },
  { role: 'beat', pattern: /^(beat|patrol beat|police beat|zone|sector|reporting area|ra|post)( code| number| no)?$/, score: 10 },
  { role: 'district', pattern: /^(district|precinct|division|area|pct|dist|police district|patrol district)( code| name| number)?$/, score: 10 },
  { role: 'lat', pattern: /^(lat|latitude|y lat|lat y|geo lat|gps lat|point lat|lat dd|latitude y)$/, score: 10 },
  { role: 'lon', pattern: /^(lon|lng|long|longitude|x lon|lon x|x long|geo lon|gps lon|point lon|long dd|longitude x)$/, score: 10 },
  { role: 'x', pattern: /^geometry x$/, score: 12 },
  { role: 'y', pattern: /^geometry y$/, score: 12 },
  { role: 'x', pattern: /^(x|x coordinate|x coord|xcoord|x cord|xcoordinate|easting|point x|map x|x value|x sp|state plane x|gis x)$/, score: 10 },
  { role: 'y', pattern: /^(y|y coordinate|y coord|ycoord|y cord|ycoordinate|northing|point y|map y|y value|y sp|state plane y|gis y)$/, score: 10 },
  ...SOURCE_RULES,
];

/** 0..1: how well a column's values fit a role (0 rules the pair out). */
function valueFit(role: Role, p: ValueProfile): { fit: number; why: string } {
  if (p.count === 0) return { fit: role === 'occurred_to' ? 0.5 : 0.2, why: 'no values in the preview' };
  const dateFit = isDateLike(p) || isExcelSerialLike(p) ? 1 : 0;
  switch (role) {
    case 'case_id':
      return { fit: p.distinctShare >= 0.5 ? 1 : 0.3, why: `${Math.round(p.distinctShare * 100)}% distinct` };
    case 'offense_code':
      return { fit: p.nibrsCodeShare >= 0.5 ? 1 : p.meanLength <= 8 && p.letterShare < 1 ? 0.6 : 0.05, why: `${Math.round(p.nibrsCodeShare * 100)}% NIBRS-shaped codes` };
    case 'offense_description':
      return { fit: p.letterShare >= 0.8 && p.meanLength > 3 ? 1 : 0.1, why: 'text' };
    case 'occurred_from':
    case 'occurred_to':
    case 'reported_at':
      return { fit: dateFit && p.dateTimeShare + (isExcelSerialLike(p) ? 1 : 0) >= p.dateOnlyShare ? 1 : dateFit ? 0.7 : 0, why: `${Math.round((p.dateTimeShare + p.dateOnlyShare) * 100)}% dates` };
    case 'occurred_date':
    case 'occurred_to_date':
    case 'reported_date':
      return { fit: p.dateOnlyShare >= 0.6 || (isExcelSerialLike(p) && p.integerShare > 0.9) ? 1 : 0, why: `${Math.round(p.dateOnlyShare * 100)}% dates without time` };
    case 'occurred_time':
    case 'occurred_to_time':
    case 'reported_time':
      return { fit: p.timeOnlyShare >= 0.6 ? 1 : 0, why: `${Math.round(p.timeOnlyShare * 100)}% times` };
    case 'year':
      return inRange(p, 1900, 2100);
    case 'month':
      return { fit: p.monthShare >= 0.9 ? 1 : 0, why: 'months (1-12 or names)' };
    case 'day':
      return inRange(p, 1, 31);
    case 'hour':
      return inRange(p, 0, 23);
    case 'minute':
      return inRange(p, 0, 59);
    case 'address':
      return { fit: p.addressShare >= 0.3 ? 1 : p.letterShare > 0.8 ? 0.6 : 0.1, why: `${Math.round(p.addressShare * 100)}% address-like` };
    case 'beat':
    case 'district':
      return { fit: p.distinctShare <= 0.5 || p.count < 20 ? 1 : 0.4, why: 'few distinct values' };
    case 'lat':
      return numericIn(p, -90, 90);
    case 'lon':
      return numericIn(p, -180, 180);
    case 'x':
    case 'y':
      return { fit: p.numericShare >= 0.8 ? 1 : 0, why: `${Math.round(p.numericShare * 100)}% numbers` };
    case 'dispatched_at':
    case 'arrived_at':
    case 'cleared_at':
      return { fit: dateFit ? 1 : 0, why: `${Math.round((p.dateTimeShare + p.dateOnlyShare) * 100)}% dates` };
    case 'priority':
      return { fit: p.distinctShare <= 0.5 || p.count < 20 ? 1 : 0.3, why: 'few distinct values' };
    case 'person_id':
    case 'related_case':
      return { fit: 1, why: `${Math.round(p.distinctShare * 100)}% distinct` };
    case 'call_type':
    case 'disposition':
    case 'charge':
    case 'category':
    case 'name':
      return { fit: p.letterShare >= 0.5 ? 1 : 0.3, why: 'text' };
  }
}

function inRange(p: ValueProfile, lo: number, hi: number): { fit: number; why: string } {
  const ok = p.integerShare >= 0.9 && p.min >= lo && p.max <= hi;
  return { fit: ok ? 1 : 0, why: `integers ${lo}-${hi}` };
}

function numericIn(p: ValueProfile, lo: number, hi: number): { fit: number; why: string } {
  if (p.numericShare < 0.8) return { fit: 0, why: 'not numbers' };
  return { fit: p.min >= lo && p.max <= hi ? 1 : 0.3, why: `numbers in ${p.min}..${p.max}` };
}

/**
 * Detects the mapping of `columns` from their names and `rows` (preview rows, values in column
 * order; a few hundred is plenty). Day-first slash dates ("25/12/2023") switch `dateOrder` to
 * 'dmy' when no value says month-first.
 */
export function detectMapping(columns: readonly string[], rows: readonly (readonly (string | null)[])[], kind: DatasetKind = 'incidents'): DetectedMapping {
  const names = columns.map(normalizeHeader);
  const profiles = columns.map((_, j) => profileValues(rows.map((r) => r[j] ?? null), /time|hour/.test(names[j] ?? '')));
  const pairs: { role: Role; column: number; score: number; why: string }[] = [];
  columns.forEach((_, j) => {
    const name = names[j] ?? '';
    const best = new Map<Role, number>();
    for (const rule of RULES) {
      if (rule.kinds && !rule.kinds.includes(kind)) continue;
      if (rule.pattern.test(name)) best.set(rule.role, Math.max(best.get(rule.role) ?? 0, rule.score + (rule.kinds ? 1 : 0)));
    }
    for (const [role, nameScore] of best) {
      const { fit, why } = valueFit(role, profiles[j] as ValueProfile);
      if (fit > 0) pairs.push({ role, column: j, score: nameScore * fit, why: `header "${columns[j]}"; ${why}` });
    }
  });
  pairs.sort((a, b) => b.score - a.score || a.column - b.column);
  const roles: Partial<Record<Role, string>> = {};
  const evidence: Partial<Record<Role, RoleEvidence>> = {};
  const used = new Set<number>();
  for (const p of pairs) {
    if (roles[p.role] !== undefined || used.has(p.column)) continue;
    if (conflicts(roles, p.role)) continue;
    roles[p.role] = columns[p.column];
    evidence[p.role] = { column: columns[p.column] as string, score: Math.round(p.score * 10) / 10, why: p.why };
    used.add(p.column);
  }
  dropUnpaired(roles, evidence);
  const dayFirst = profiles.reduce((s, p) => s + p.dayFirstHints, 0);
  const monthFirst = profiles.reduce((s, p) => s + p.monthFirstHints, 0);
  return { mapping: { version: 1, kind, roles, dateOrder: dayFirst > 0 && monthFirst === 0 ? 'dmy' : 'mdy' }, evidence };
}

/** Roles that cannot coexist with one already assigned (a full date-time vs its date-only form). */
function conflicts(roles: Partial<Record<Role, string>>, role: Role): boolean {
  const exclusive: [Role, Role][] = [
    ['occurred_from', 'occurred_date'],
    ['occurred_from', 'year'],
    ['occurred_to', 'occurred_to_date'],
    ['reported_at', 'reported_date'],
  ];
  return exclusive.some(([a, b]) => (role === a && roles[b] !== undefined) || (role === b && roles[a] !== undefined));
}

/** x without y (or lat without lon), a time without its date, or date parts without a year are dropped. */
function dropUnpaired(roles: Partial<Record<Role, string>>, evidence: Partial<Record<Role, RoleEvidence>>): void {
  const drop = (r: Role) => {
    delete roles[r];
    delete evidence[r];
  };
  for (const [a, b] of [
    ['x', 'y'],
    ['lat', 'lon'],
  ] as [Role, Role][]) {
    if ((roles[a] === undefined) !== (roles[b] === undefined)) {
      drop(a);
      drop(b);
    }
  }
  if (roles.occurred_time && !roles.occurred_date) drop('occurred_time');
  if (roles.occurred_to_time && !roles.occurred_to_date) drop('occurred_to_time');
  if (roles.reported_time && !roles.reported_date) drop('reported_time');
  if (!(roles.year && roles.month && roles.day)) for (const r of ['year', 'month', 'day', 'hour', 'minute'] as Role[]) drop(r);
}

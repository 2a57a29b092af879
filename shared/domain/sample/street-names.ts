/**
 * Street names of the sample city. Fixed lists (not random) so that names stay stable when the
 * generator's random draws change. North-south locals are trees ("ST"), east-west locals are
 * Texas counties ("AVE"); every eighth line (one mile) is a named arterial.
 */

/** Arterials on north-south grid lines x = 0, 8, ..., 80 (index = line / 8). */
export const NS_ARTERIALS: readonly string[] = [
  'COUNTY LINE RD', 'RANCH RD', 'COLLEGE BLVD', 'STATION RD', 'PRAIRIE RD', 'MAIN ST',
  'COOPER RD', 'CHISHOLM TRAIL PKWY', 'LAKE BLVD', 'MILLER RD', 'EAST LOOP RD',
];

/** Arterials on east-west grid lines y = 0, 8, ..., 64 (index = line / 8). */
export const EW_ARTERIALS: readonly string[] = [
  'SOUTH LOOP RD', 'RAILROAD AVE', 'INDUSTRIAL BLVD', 'BROADWAY', 'CENTRAL AVE', 'UNIVERSITY DR',
  'HIGHLAND BLVD', 'MEADOWBROOK DR', 'NORTH LOOP RD',
];

/** North-south locals, west to east, skipping arterial lines (70 names). */
export const NS_LOCALS: readonly string[] = [
  'ACACIA', 'AGARITA', 'ALDER', 'ANACUA', 'ASH', 'ASPEN', 'BAY', 'BEECH', 'BIRCH', 'BOXWOOD',
  'BUCKEYE', 'CATALPA', 'CEDAR', 'CHERRY', 'CHESTNUT', 'COTTONWOOD', 'CRABAPPLE', 'CYPRESS',
  'DOGWOOD', 'ELDER', 'ELM', 'FIR', 'GINKGO', 'HACKBERRY', 'HAWTHORN', 'HAZEL', 'HEMLOCK',
  'HICKORY', 'HOLLY', 'HORNBEAM', 'IRONWOOD', 'JUNIPER', 'LACEBARK', 'LARCH', 'LAUREL', 'LINDEN',
  'LOCUST', 'MADRONE', 'MAGNOLIA', 'MAPLE', 'MESQUITE', 'MIMOSA', 'MULBERRY', 'MYRTLE', 'OAK',
  'OLIVE', 'OSAGE', 'PALM', 'PAWPAW', 'PECAN', 'PERSIMMON', 'PINE', 'PLUM', 'POPLAR', 'QUINCE',
  'REDBUD', 'REDWOOD', 'SASSAFRAS', 'SOAPBERRY', 'SPRUCE', 'SUMAC', 'SWEETGUM', 'SYCAMORE',
  'TAMARACK', 'TUPELO', 'WALNUT', 'WILLOW', 'WISTERIA', 'YAUPON', 'YEW',
];

/** East-west locals, south to north, skipping arterial lines (56 names). */
export const EW_LOCALS: readonly string[] = [
  'ABILENE', 'AMARILLO', 'ANGELINA', 'BANDERA', 'BASTROP', 'BAYLOR', 'BOWIE', 'BRAZOS', 'BURNET',
  'CADDO', 'CAMERON', 'COMANCHE', 'CONCHO', 'CROCKETT', 'DENTON', 'ELLIS', 'FANNIN', 'GOLIAD',
  'GONZALES', 'GRAYSON', 'HAYS', 'HOOD', 'HUNT', 'JASPER', 'KAUFMAN', 'KERR', 'LAMAR', 'LAREDO',
  'LLANO', 'LUBBOCK', 'MARFA', 'MEDINA', 'MILAM', 'NAVARRO', 'NUECES', 'ODESSA', 'PALO PINTO',
  'PECOS', 'RUSK', 'SABINE', 'SAN SABA', 'SEGUIN', 'STARR', 'TARRANT', 'TRAVIS', 'TRINITY', 'TYLER',
  'UVALDE', 'VAN ZANDT', 'WACO', 'WHARTON', 'WICHITA', 'WISE', 'YOAKUM', 'YOUNG', 'ZAVALA',
];

/** Diagonal arterials: name and end points in block units from the south-west corner. */
export const DIAGONALS: readonly { name: string; from: [number, number]; to: [number, number] }[] = [
  { name: 'OLD MILL RD', from: [6, 4], to: [74, 58] },
  { name: 'RIVER PKWY', from: [5, 60], to: [62, 3] },
];

/** Name of the north-south street on grid line `i` (0..80), without direction prefix. */
export function nsStreetName(i: number): string {
  if (i % 8 === 0) return NS_ARTERIALS[i / 8] ?? `LINE ${i} RD`;
  const k = i - Math.floor(i / 8) - 1;
  return `${NS_LOCALS[k] ?? `STREET ${i}`} ST`;
}

/** Name of the east-west street on grid line `j` (0..64), without direction prefix. */
export function ewStreetName(j: number): string {
  if (j % 8 === 0) return EW_ARTERIALS[j / 8] ?? `LINE ${j} RD`;
  const k = j - Math.floor(j / 8) - 1;
  return `${EW_LOCALS[k] ?? `AVENUE ${j}`} AVE`;
}

/**
 * The default NIBRS offense dictionary: code -> description, analysis group, UCR Part I class and
 * NIBRS "crime against" category. Codes and descriptions follow the FBI's NIBRS User Manual
 * (2021.0 and later; "Rape" replaced "Forcible Rape" in 2013). Groups are the workbench's
 * analysis groups, not an FBI classification: agencies can remap codes per project.
 * UCR Part I names follow the Summary Reporting System index offenses.
 */

export type OffenseGroup = 'violent' | 'property' | 'drugs' | 'weapons' | 'public-order' | 'other';
export type CrimeAgainst = 'person' | 'property' | 'society';

export interface NibrsOffense {
  /** NIBRS offense code, upper case, as printed in the manual ("09A", "120", "23F"). */
  readonly code: string;
  readonly description: string;
  readonly group: OffenseGroup;
  /** UCR Part I index offense this code counts toward, or null (Part II / not an index crime). */
  readonly ucrPart1: string | null;
  readonly crimeAgainst: CrimeAgainst;
}

function o(
  code: string,
  description: string,
  group: OffenseGroup,
  ucrPart1: string | null,
  crimeAgainst: CrimeAgainst,
): NibrsOffense {
  return Object.freeze({ code, description, group, ucrPart1, crimeAgainst });
}

/** Group A offenses plus the Group B codes agencies commonly export. */
export const NIBRS_OFFENSES: readonly NibrsOffense[] = Object.freeze([
  o('09A', 'Murder and Nonnegligent Manslaughter', 'violent', 'Murder', 'person'),
  o('09B', 'Negligent Manslaughter', 'violent', null, 'person'),
  o('100', 'Kidnapping/Abduction', 'violent', null, 'person'),
  o('11A', 'Rape', 'violent', 'Rape', 'person'),
  o('11B', 'Sodomy', 'violent', 'Rape', 'person'),
  o('11C', 'Sexual Assault With An Object', 'violent', 'Rape', 'person'),
  o('11D', 'Fondling', 'violent', null, 'person'),
  o('120', 'Robbery', 'violent', 'Robbery', 'property'),
  o('13A', 'Aggravated Assault', 'violent', 'Aggravated Assault', 'person'),
  o('13B', 'Simple Assault', 'violent', null, 'person'),
  o('13C', 'Intimidation', 'violent', null, 'person'),
  o('200', 'Arson', 'property', 'Arson', 'property'),
  o('210', 'Extortion/Blackmail', 'property', null, 'property'),
  o('220', 'Burglary/Breaking & Entering', 'property', 'Burglary', 'property'),
  o('23A', 'Pocket-picking', 'property', 'Larceny-Theft', 'property'),
  o('23B', 'Purse-snatching', 'property', 'Larceny-Theft', 'property'),
  o('23C', 'Shoplifting', 'property', 'Larceny-Theft', 'property'),
  o('23D', 'Theft From Building', 'property', 'Larceny-Theft', 'property'),
  o('23E', 'Theft From Coin-Operated Machine or Device', 'property', 'Larceny-Theft', 'property'),
  o('23F', 'Theft From Motor Vehicle', 'property', 'Larceny-Theft', 'property'),
  o('23G', 'Theft of Motor Vehicle Parts or Accessories', 'property', 'Larceny-Theft', 'property'),
  o('23H', 'All Other Larceny', 'property', 'Larceny-Theft', 'property'),
  o('240', 'Motor Vehicle Theft', 'property', 'Motor Vehicle Theft', 'property'),
  o('250', 'Counterfeiting/Forgery', 'property', null, 'property'),
  o('26A', 'False Pretenses/Swindle/Confidence Game', 'property', null, 'property'),
  o('26B', 'Credit Card/Automated Teller Machine Fraud', 'property', null, 'property'),
  o('26C', 'Impersonation', 'property', null, 'property'),
  o('26E', 'Wire Fraud', 'property', null, 'property'),
  o('26F', 'Identity Theft', 'property', null, 'property'),
  o('26G', 'Hacking/Computer Invasion', 'property', null, 'property'),
  o('270', 'Embezzlement', 'property', null, 'property'),
  o('280', 'Stolen Property Offenses', 'property', null, 'property'),
  o('290', 'Destruction/Damage/Vandalism of Property', 'property', null, 'property'),
  o('35A', 'Drug/Narcotic Violations', 'drugs', null, 'society'),
  o('35B', 'Drug Equipment Violations', 'drugs', null, 'society'),
  o('520', 'Weapon Law Violations', 'weapons', null, 'society'),
  o('370', 'Pornography/Obscene Material', 'other', null, 'society'),
  o('39A', 'Betting/Wagering', 'other', null, 'society'),
  o('39B', 'Operating/Promoting/Assisting Gambling', 'other', null, 'society'),
  o('40A', 'Prostitution', 'public-order', null, 'society'),
  o('40B', 'Assisting or Promoting Prostitution', 'public-order', null, 'society'),
  o('40C', 'Purchasing Prostitution', 'public-order', null, 'society'),
  o('720', 'Animal Cruelty', 'other', null, 'society'),
  o('90A', 'Bad Checks', 'property', null, 'property'),
  o('90C', 'Disorderly Conduct', 'public-order', null, 'society'),
  o('90D', 'Driving Under the Influence', 'public-order', null, 'society'),
  o('90E', 'Drunkenness', 'public-order', null, 'society'),
  o('90F', 'Family Offenses, Nonviolent', 'other', null, 'society'),
  o('90G', 'Liquor Law Violations', 'public-order', null, 'society'),
  o('90J', 'Trespass of Real Property', 'public-order', null, 'society'),
  o('90Z', 'All Other Offenses', 'other', null, 'society'),
]);

/** Display metadata of an analysis group; `color` is sRGB 0-255. */
export interface OffenseGroupInfo {
  readonly id: OffenseGroup;
  readonly label: string;
  readonly color: readonly [number, number, number];
}

/**
 * Analysis groups in display order, coloured from the Okabe-Ito palette (Okabe & Ito 2008,
 * "Color Universal Design"), which stays distinguishable under the common colour-vision
 * deficiencies. Grey is kept for "other"; {@link UNMAPPED_COLOR} marks codes not in the dictionary.
 */
export const OFFENSE_GROUPS: readonly OffenseGroupInfo[] = Object.freeze([
  { id: 'violent', label: 'Violent', color: [213, 94, 0] }, // vermillion
  { id: 'property', label: 'Property', color: [0, 114, 178] }, // blue
  { id: 'drugs', label: 'Drugs', color: [0, 158, 115] }, // bluish green
  { id: 'weapons', label: 'Weapons', color: [204, 121, 167] }, // reddish purple
  { id: 'public-order', label: 'Public order', color: [230, 159, 0] }, // orange
  { id: 'other', label: 'Other', color: [136, 136, 136] }, // grey
] as const);

/** Colour for records whose code is not in the dictionary (near-black, Okabe-Ito black). */
export const UNMAPPED_COLOR: readonly [number, number, number] = [0, 0, 0];

const BY_CODE: ReadonlyMap<string, NibrsOffense> = new Map(NIBRS_OFFENSES.map((x) => [x.code, x]));

/** Normalizes a code as exported: trimmed and upper-cased (" 23f " -> "23F"). */
export function normalizeOffenseCode(code: string): string {
  return code.trim().toUpperCase();
}

/** The dictionary entry for a code (normalized first), or undefined. */
export function getNibrsOffense(code: string): NibrsOffense | undefined {
  return BY_CODE.get(normalizeOffenseCode(code));
}

/** The analysis group of a code (normalized first), or 'unmapped' for codes not in the dictionary. */
export function offenseGroupOf(code: string): OffenseGroup | 'unmapped' {
  return BY_CODE.get(normalizeOffenseCode(code))?.group ?? 'unmapped';
}

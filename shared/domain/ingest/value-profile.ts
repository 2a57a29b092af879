/**
 * What a column's sample values look like (dates, times, numbers, offense codes, addresses):
 * the evidence role detection weighs beside the header name. Pure JS over at most a few hundred
 * preview values.
 */

export interface ValueProfile {
  /** Non-empty values seen. */
  readonly count: number;
  /** Share of all sampled rows that were empty. */
  readonly emptyShare: number;
  readonly dateTimeShare: number;
  readonly dateOnlyShare: number;
  readonly timeOnlyShare: number;
  readonly numericShare: number;
  readonly integerShare: number;
  /** Robust range of the numeric values (5th-95th percentile), NaN when none. */
  readonly min: number;
  readonly max: number;
  readonly nibrsCodeShare: number;
  readonly addressShare: number;
  readonly letterShare: number;
  readonly distinctShare: number;
  /** Share of values that are month numbers (1-12) or month names (Jan, March, ...). */
  readonly monthShare: number;
  readonly meanLength: number;
  /** Slash dates whose first number is over 12 (day first) and second over 12 (month first). */
  readonly dayFirstHints: number;
  readonly monthFirstHints: number;
}

const ISO_DT = /^\d{4}-\d{1,2}-\d{1,2}[ T]\d{1,2}:\d{2}/;
const ISO_D = /^\d{4}-\d{1,2}-\d{1,2}$/;
const SLASH_DT = /^(\d{1,2})[/-](\d{1,2})[/-]\d{2,4}[ T]+\d{1,2}:\d{2}/;
const SLASH_D = /^(\d{1,2})[/-](\d{1,2})[/-]\d{2,4}$/;
const MONTH_D = /^(\d{1,2}-[A-Za-z]{3}-\d{2,4}|[A-Za-z]{3,9} \d{1,2},? \d{4})( \d{1,2}:\d{2}.*)?$/;
const COMPACT_D = /^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/;
const TIME = /^\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?( ?[AaPp][Mm])?$/;
const MILITARY = /^([01]?\d|2[0-3])[0-5]\d$/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const NIBRS = /^(\d{2}[A-Za-z]|\d{3})$/;
const MONTH = /^(0?[1-9]|1[0-2])$|^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$/i;
const ADDRESS = /^\d+[A-Za-z]?\s+(BLOCK\s+(OF\s+)?)?[A-Za-z0-9]|\b(ST|AVE|RD|BLVD|DR|LN|HWY|PKWY|WAY|CT|PL|STREET|AVENUE|ROAD)\b|\s(&|AND|\/)\s/i;

/** Profiles `values` (null or '' counts as empty). `timeByName`: treat 3-4 digit numbers as military times. */
export function profileValues(values: readonly (string | null | undefined)[], timeByName = false): ValueProfile {
  let count = 0;
  let dt = 0;
  let d = 0;
  let t = 0;
  let num = 0;
  let int = 0;
  let nibrs = 0;
  let addr = 0;
  let letters = 0;
  let length = 0;
  let dayFirst = 0;
  let monthFirst = 0;
  let month = 0;
  const numbers: number[] = [];
  const distinct = new Set<string>();
  for (const raw of values) {
    const v = (raw ?? '').trim();
    if (v === '') continue;
    count++;
    length += v.length;
    distinct.add(v);
    const slash = SLASH_DT.exec(v) ?? SLASH_D.exec(v);
    if (slash) {
      if (Number(slash[1]) > 12) dayFirst++;
      if (Number(slash[2]) > 12) monthFirst++;
    }
    if (ISO_DT.test(v) || SLASH_DT.test(v) || (MONTH_D.test(v) && /:\d{2}/.test(v))) dt++;
    else if (ISO_D.test(v) || SLASH_D.test(v) || MONTH_D.test(v) || COMPACT_D.test(v)) d++;
    else if (TIME.test(v) || (timeByName && MILITARY.test(v))) t++;
    if (NUMBER.test(v)) {
      num++;
      const n = Number(v);
      numbers.push(n);
      if (Number.isInteger(n)) int++;
    }
    if (NIBRS.test(v)) nibrs++;
    if (MONTH.test(v)) month++;
    if (ADDRESS.test(v)) addr++;
    if (/[A-Za-z]/.test(v)) letters++;
  }
  numbers.sort((a, b) => a - b);
  const q = (p: number) => (numbers.length ? (numbers[Math.min(numbers.length - 1, Math.floor(p * numbers.length))] as number) : Number.NaN);
  const share = (k: number) => (count ? k / count : 0);
  return {
    count,
    emptyShare: values.length ? 1 - count / values.length : 1,
    dateTimeShare: share(dt),
    dateOnlyShare: share(d),
    timeOnlyShare: share(t),
    numericShare: share(num),
    integerShare: share(int),
    min: q(0.05),
    max: q(0.95),
    nibrsCodeShare: share(nibrs),
    addressShare: share(addr),
    letterShare: share(letters),
    distinctShare: share(distinct.size),
    monthShare: share(month),
    meanLength: count ? length / count : 0,
    dayFirstHints: dayFirst,
    monthFirstHints: monthFirst,
  };
}

/** Whether the profile says "dates" (with or without times) for most values. */
export function isDateLike(p: ValueProfile): boolean {
  return p.count > 0 && p.dateTimeShare + p.dateOnlyShare >= 0.6;
}

/** Whether most values are Excel serial day numbers (1960s-2100s): 22000-73000, some with fractions. */
export function isExcelSerialLike(p: ValueProfile): boolean {
  return p.count > 0 && p.numericShare >= 0.9 && p.min >= 22000 && p.max <= 73000;
}

/**
 * Keys that decide whether two records name the same case, person or address. Normalization is
 * deliberately modest and documented, so a reviewer can predict every match:
 * - ids: upper case; split into runs of letters and runs of digits (anything else separates);
 *   leading zeros of digit runs dropped: "2023-0012345", "2023 12345" -> "2023-12345".
 * - person ids additionally drop a leading prefix of 1-3 letters before digits, as agencies add
 *   "P"/"ID" prefixes inconsistently: "P000123", "p-000123", "000123" -> "123".
 * - addresses: upper case, punctuation removed, single spaces; blocks: the hundred block
 *   ("1234 W ELM ST" and "1200 BLOCK OF W ELM ST" -> "1200 BLOCK W ELM ST").
 */
import { hundredBlock } from '../privacy/apply';

/** Runs of letters and digits of an id, digit runs without leading zeros; null for empty text. */
function idTokens(text: string | null): string[] | null {
  if (text === null) return null;
  const tokens = text.toUpperCase().match(/[A-Z]+|[0-9]+/g);
  if (!tokens) return null;
  return tokens.map((t) => (/^[0-9]/.test(t) ? t.replace(/^0+(?=\d)/, '') : t));
}

/** Case-number key (see module comment); null when the text has no letters or digits. */
export function caseKey(text: string | null): string | null {
  const t = idTokens(text);
  return t ? t.join('-') : null;
}

/** Person-id key (see module comment); null when the text has no letters or digits. */
export function personKey(text: string | null): string | null {
  const t = idTokens(text);
  if (!t) return null;
  if (t.length >= 2 && /^[A-Z]{1,3}$/.test(t[0] as string) && /^[0-9]/.test(t[1] as string)) t.shift();
  return t.join('-');
}

/** Address key: upper case, letters/digits only, single spaces; null when empty. */
export function addressKey(text: string | null): string | null {
  if (text === null) return null;
  const t = text.toUpperCase().replace(/[^A-Z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
}

/** Hundred-block key: "1234 W ELM ST" -> "1200 BLOCK W ELM ST"; null when empty. */
export function blockKey(text: string | null): string | null {
  const a = addressKey(text);
  if (a === null) return null;
  const b = hundredBlock(a) ?? a;
  return b.replace(/^(\d+) BLOCK OF /, '$1 BLOCK ').replace(/^(\d+) BLK /, '$1 BLOCK ');
}

/**
 * `JSON.stringify(value)` for messages and text cells that never throws: a value nested too
 * deeply for the stack (hostile input), a cycle or a BigInt gives `fallback` instead of an
 * exception. `maxChars` (default unlimited) cuts the text, marking the cut with `…`.
 */
export function safeJson(value: unknown, maxChars = Infinity, fallback = '[a value nested too deeply to show]'): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    return fallback;
  }
  if (text === undefined) return String(value);
  return text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
}

/**
 * A value as short text for a message: strings, numbers and booleans as themselves, anything
 * else as {@link safeJson} (so an array nested 100,000 deep cannot overflow `String()`), cut at
 * `maxChars` (default 60).
 */
export function safeText(value: unknown, maxChars = 60): string {
  const text = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null ? String(value) : safeJson(value, maxChars);
  return text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
}

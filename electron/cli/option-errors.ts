/**
 * node:util parseArgs errors turned into one plain line for `spi <verb>`: an unknown option with
 * the closest option the verb has ("did you mean"), a missing or ambiguous value with how to give
 * it. The verb's option names are read from its help text (every `--name` it documents), so the
 * suggestion always names an option the analyst can look up in `spi <verb> --help`.
 */

/** True for the errors node:util parseArgs throws (code `ERR_PARSE_ARGS_*`). */
export function isParseArgsError(e: unknown): e is Error & { code: string } {
  const code = e instanceof Error ? (e as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

/** Every `--name` a help text mentions, in order, without duplicates (`--help` and `--debug` included). */
export function optionNamesOf(help: string): string[] {
  const names = new Set<string>();
  for (const m of help.matchAll(/(?<![\w-])--([a-z][a-z0-9-]*)/gi)) names.add(m[1]!);
  names.add('help');
  names.add('debug');
  return [...names];
}

/** Levenshtein edit distance (insertions, deletions, substitutions each cost 1). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The known option closest to `typed` (without dashes): one that starts with it (`--inc` for
 * `--incidents`), else the nearest by edit distance if at most max(2, a third of its length)
 * edits away; null when none is close. Ties go to the option listed first.
 */
export function closestOption(typed: string, known: readonly string[]): string | null {
  const t = typed.toLowerCase();
  const prefixed = known.filter((k) => k.startsWith(t) && t.length >= 2);
  if (prefixed.length === 1) return prefixed[0]!;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(t, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(t.length / 3)) ? best : null;
}

/**
 * One line (without `spi <verb>: ` and newline) for a parseArgs error of `verb`:
 * `unknown option --foo (did you mean --bar?)` / `(see spi <verb> --help)`;
 * `--out needs a value`; `--radius -5: a value starting with "-" is written --radius=-5`;
 * `--json takes no value`. Other parseArgs errors keep node's first line.
 */
export function describeParseArgsError(verb: string, help: string, e: Error & { code: string }): string {
  const first = e.message.split('\n')[0] ?? e.message;
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const typed = /Unknown option '([^']+)'/.exec(first)?.[1] ?? first;
    const bare = typed.replace(/^-+/, '').split('=')[0]!;
    const suggestion = closestOption(bare, optionNamesOf(help));
    return `unknown option ${typed} (${suggestion ? `did you mean --${suggestion}?` : `see spi ${verb} --help`})`;
  }
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    // "Option '--out <value>' ..." or, with a short alias, "Option '-o, --out <value>' ...".
    const quoted = /Option '([^']+)'/.exec(first)?.[1] ?? '';
    const option = /--[^\s<,]+/.exec(quoted)?.[0] ?? /-[^\s<,]+/.exec(quoted)?.[0];
    if (option && /argument missing/.test(first)) return `${option} needs a value`;
    if (option && /ambiguous/.test(first)) return `${option}: a value starting with "-" is written ${option}=-VALUE (e.g. ${option}=-5)`;
    if (option && /does not take an argument/.test(first)) return `${option} takes no value`;
  }
  if (e.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `${first} (see spi ${verb} --help)`;
  return first;
}

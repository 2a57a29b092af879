/** Where a verb writes: stdout for results, stderr for messages. Injected so tests capture it. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  /** Show stack traces (set by --debug). */
  debug: boolean;
}

/** Exit codes: 0 done, 1 a check failed (e.g. verify), 2 bad input or usage. */
export const EXIT_OK = 0;
export const EXIT_CHECK_FAILED = 1;
export const EXIT_BAD_INPUT = 2;

/** A usage or input error a verb raises; `runCli` prints its message alone, exit 2. */
export class CliInputError extends Error {}

/** One verb of the CLI. `help` is the full `spi <verb> --help` text. */
export interface Verb {
  name: string;
  summary: string;
  help: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

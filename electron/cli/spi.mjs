#!/usr/bin/env node
// The `spi` command: runs the TypeScript CLI (electron/cli/main.ts) under tsx, so the CLI and the
// app always run the same shared/ sources with no separate build step.
import { register } from 'tsx/esm/api';

register();
const { runCli, processIo } = await import('./main.ts');
process.exitCode = await runCli(process.argv.slice(2), processIo());

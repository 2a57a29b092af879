/**
 * The fuzz runner: a child process (bundled and started by harness.ts under Node's permission
 * model, writes allowed only in its workspace folder) that regenerates each case from its seed,
 * runs the target's reader, and answers over IPC. It never sees the parent's verdict on time:
 * a hang is the parent killing it.
 *
 * Messages in:  {type:'case', target, index, caseSeed}
 * Messages out: {type:'ready'} once, then one {type:'result', ...CaseResult} per case.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { createRng } from '../../../shared/base/random';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import { openNodeEngine } from '../../../electron/services/duckdb-node';
import { BYTE_MUTATORS, type Mutation } from './mutators';
import { FUZZ_TARGETS, type FuzzTarget } from './targets';

/** How a case ended. `escape`: the reader tried to write outside its folder (permission denied). */
export type CaseOutcome = 'loaded' | 'error' | 'violation' | 'crash' | 'hang' | 'escape';

/** One case's result as the runner reports it. */
export interface CaseResult {
  target: string;
  index: number;
  mutator: string;
  label: string;
  outcome: CaseOutcome;
  /** The load summary, the error message, or what went wrong (first 300 characters). */
  message: string;
  /** Time to run the reader on the case, in ms. */
  ms: number;
  /** Time to build the case (mutation), in ms. */
  buildMs: number;
}

const workspace = process.argv[2];
if (!workspace) throw new Error('usage: runner <workspace folder>');

const seedCache = new Map<string, Promise<Uint8Array[]>>();
let engine: Promise<SqlEngine> | null = null;

/** Builds case `caseSeed` of `target`: a seed input, one mutator drawn from one group. */
async function buildCase(target: FuzzTarget, caseSeed: number): Promise<{ mutator: string; mutation: Mutation }> {
  if (!seedCache.has(target.name)) seedCache.set(target.name, target.seeds());
  const seeds = await seedCache.get(target.name)!;
  const rng = createRng(caseSeed);
  const input = seeds[rng.int(seeds.length)]!;
  for (let attempt = 0; attempt < 10; attempt++) {
    const group = target.mutators[rng.int(target.mutators.length)]!;
    const mutator = group[rng.int(group.length)]!;
    const mutation = await mutator.mutate(input, rng);
    if (mutation) return { mutator: mutator.name, mutation };
  }
  return { mutator: 'bit-flip', mutation: BYTE_MUTATORS[0]!.mutate(input, rng) as Mutation };
}

const isPermissionDenial = (text: string) => /ERR_ACCESS_DENIED|Access to this API has been restricted/.test(text);

async function runCase(targetName: string, index: number, caseSeed: number): Promise<CaseResult> {
  const target = FUZZ_TARGETS[targetName];
  if (!target) throw new Error(`unknown fuzz target ${targetName}`);
  const buildStarted = performance.now();
  const { mutator, mutation } = await buildCase(target, caseSeed);
  const buildMs = performance.now() - buildStarted;
  const dir = path.join(workspace!, `case-${targetName}-${index}`);
  await mkdir(dir, { recursive: true });
  const started = performance.now();
  const base = { target: targetName, index, mutator, label: mutation.label, buildMs };
  try {
    const r = await target.run(mutation.bytes, {
      dir,
      fileName: target.fileName,
      engine: () => (engine ??= openNodeEngine()),
    });
    const ms = performance.now() - started;
    if ('violation' in r) return { ...base, outcome: 'violation', message: r.violation.slice(0, 300), ms };
    if (!r.ok) return { ...base, outcome: isPermissionDenial(r.error) ? 'escape' : 'error', message: r.error.slice(0, 300), ms };
    return { ...base, outcome: 'loaded', message: r.detail, ms };
  } catch (thrown) {
    const text = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
    return { ...base, outcome: isPermissionDenial(text) ? 'escape' : 'crash', message: `threw ${text}`.slice(0, 300), ms: performance.now() - started };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

process.on('message', (message: { type: string; target: string; index: number; caseSeed: number }) => {
  if (message.type !== 'case') return;
  void runCase(message.target, message.index, message.caseSeed).then(
    (result) => process.send?.({ type: 'result', ...result }),
    (thrown: unknown) => process.send?.({ type: 'fatal', message: thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown) }),
  );
});
process.send?.({ type: 'ready' });

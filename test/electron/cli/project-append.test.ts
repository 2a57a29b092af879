/**
 * `spi project append`: a project made from one RMS export takes a newer, overlapping export;
 * the counts of added/changed/unchanged cases are printed, the saved project holds the merged
 * rows and a log entry with the data hashes; a mapping that does not fit changes nothing.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliInputError } from '../../../electron/cli/io';
import { projectVerb } from '../../../electron/cli/verbs/project';
import { ingestVerb } from '../../../electron/cli/verbs/ingest';
import { openProjectFile } from '../../../electron/services/project-file';
import { tempDir } from '../../helpers/engine';
import { capture } from './analysis-helpers';

const tmp = tempDir('spi-append-');
const HEADER = 'Case Number,Offense Code,Offense Description,Occurred Date,Address,Latitude,Longitude';
const line = (k: number, address = `${100 + k} MAIN ST`) =>
  `C${String(k).padStart(4, '0')},220,BURGLARY,2024-03-${String(1 + (k % 27)).padStart(2, '0')} 10:15,${address},${(32.77 + k * 0.0005).toFixed(5)},${(-96.8 - k * 0.0004).toFixed(5)}`;
/** Cases from..to; those in `changed` get another address. */
const exportOf = (from: number, to: number, changed: (k: number) => boolean = () => false) =>
  `${[HEADER, ...Array.from({ length: to - from + 1 }, (_, i) => from + i).map((k) => (changed(k) ? line(k, `${100 + k} ELM ST`) : line(k)))].join('\n')}\n`;

async function run(argv: string[]): Promise<string> {
  const c = capture(tmp.dir);
  const code = await projectVerb.run(argv, c.io);
  if (code !== 0) throw new Error(`exit ${code}: ${c.err()}`);
  return c.out();
}

describe('spi project append', () => {
  const project = () => path.join(tmp.dir, 'p.spiproj');
  beforeAll(async () => {
    tmp.write('q1.csv', exportOf(1, 40));
    const c = capture(tmp.dir);
    expect(await ingestVerb.run(['q1.csv', '--out', 'q1'], c.io)).toBe(0);
    await run(['create', 'p.spiproj', '--from', 'q1']);
  }, 60_000);
  afterAll(() => tmp.cleanup());

  it('adds, replaces and keeps cases, saves in place (verified, .bak kept) and logs the hashes', async () => {
    // Cases 21-60: 21-30 changed, 31-40 unchanged, 41-60 new; 1-20 only in the project.
    tmp.write('q2.csv', exportOf(21, 60, (k) => k <= 30));
    const before = await openProjectFile(project());
    if (!before.ok) throw new Error('open');
    const r = JSON.parse(await run(['append', 'p.spiproj', 'q2.csv', '--dataset', before.value.project.datasets[0]!.meta.id, '--json']));
    expect({ added: r.added, changed: r.changed, unchanged: r.unchanged, kept: r.kept }).toEqual({ added: 20, changed: 10, unchanged: 10, kept: 20 });
    expect(r.rowsBefore).toBe(40);
    expect(r.rowsAfter).toBe(60);
    expect(existsSync(`${project()}.bak`)).toBe(true);
    const after = await openProjectFile(project());
    if (!after.ok) throw new Error('open');
    expect(after.value.problems).toEqual([]);
    const d = after.value.project.datasets[0]!;
    expect(d.table!.numRows).toBe(60);
    const entry = after.value.project.log.at(-1)!;
    expect(entry.action).toBe('dataset.append');
    expect(entry.dataHashes[`${d.meta.id}@before`]).toBe(r.hashes.before);
    expect(entry.dataHashes[d.meta.id]).toBe(r.hashes.after);
    // The new data hash is that of the Parquet part the manifest lists.
    expect(d.meta.source.sha256).toBe(r.hashes.after);
    const { createHash } = await import('node:crypto');
    expect(entry.dataHashes[`${d.meta.id}@export`]).toBe(createHash('sha256').update(readFileSync(path.join(tmp.dir, 'q2.csv'))).digest('hex'));
    const text = await run(['append', 'p.spiproj', 'q2.csv', '--dataset', d.meta.id, '--out', 'p2.spiproj']);
    expect(text).toContain('0 added, 0 changed, 40 unchanged case(s); 20 kept from before');
  }, 120_000);

  it('refuses an export the saved mapping does not fit and leaves the file as it was', async () => {
    tmp.write('renamed.csv', exportOf(50, 70).replace('Case Number', 'Incident No'));
    const bytes = readFileSync(project());
    const opened = await openProjectFile(project());
    if (!opened.ok) throw new Error('open');
    let message = '';
    try {
      await run(['append', 'p.spiproj', 'renamed.csv', '--dataset', opened.value.project.datasets[0]!.meta.id]);
    } catch (e) {
      if (!(e instanceof CliInputError)) throw e;
      message = e.message;
    }
    expect(message).toContain('renamed.csv');
    expect(message).toContain('Case Number');
    expect(readFileSync(project()).equals(bytes)).toBe(true);
    await expect(run(['append', 'p.spiproj', 'renamed.csv', '--dataset', 'nope'])).rejects.toThrow('"nope" is not in p.spiproj');
  }, 60_000);
});

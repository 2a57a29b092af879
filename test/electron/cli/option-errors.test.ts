import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../electron/cli/io';
import { runCli } from '../../../electron/cli/main';
import { closestOption, editDistance, optionNamesOf } from '../../../electron/cli/option-errors';
import { tempDir } from '../../helpers/engine';

/**
 * CLI polish of issue 10: an unknown option, a missing value, a refused import, a missing --out
 * folder and a swapped `spi project append` each give one plain line naming what the analyst
 * typed (exit 2), and a refused `spi ingest` leaves no folder behind.
 */
function capture(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => void out.push(t), err: (t) => void err.push(t), cwd, debug: false };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

const tmp = tempDir('spi-cli-polish-');
tmp.write('points.csv', 'id,x,y\n1,500000,3600000\n2,500100,3600100\n3,500050,3600020\n');
// A text file the ingest sniffer refuses (a NUL byte: not a CSV).
tmp.write('binary.csv', new Uint8Array([0x41, 0x2c, 0x42, 0x0a, 0x00, 0x01, 0x02, 0x0a]));
afterAll(() => tmp.cleanup());

describe('option suggestions', () => {
  it('edit distance: the textbook values', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'out')).toBe(3);
    expect(editDistance('radius', 'radius')).toBe(0);
  });

  it('reads the option names from a help text and finds the closest one', () => {
    const names = optionNamesOf('Options:\n  --out DIR   folder\n  --max-bytes N  limit\n  --not-sensitive A,B\n  see also a--b and x--y');
    expect(names).toEqual(['out', 'max-bytes', 'not-sensitive', 'help', 'debug']);
    expect(closestOption('ot', names)).toBe('out');
    expect(closestOption('maxbytes', names)).toBe('max-bytes');
    expect(closestOption('max', names)).toBe('max-bytes'); // a unique prefix
    expect(closestOption('zzzzzz', names)).toBeNull();
  });
});

describe('spi with a bad option', () => {
  it('an unknown option names the closest option of that verb, exit 2, one line', async () => {
    const c = capture(tmp.dir);
    expect(await runCli(['ingest', 'points.csv', '--otu', 'out'], c.io)).toBe(2);
    expect(c.err()).toBe('spi ingest: unknown option --otu (did you mean --out?)\n');
    const k = capture(tmp.dir);
    expect(await runCli(['kde', 'points.csv', '--radiuss', '100'], k.io)).toBe(2);
    expect(k.err()).toBe('spi kde: unknown option --radiuss (did you mean --radius?)\n');
  });

  it('an option nothing resembles points at the verb help', async () => {
    const c = capture(tmp.dir);
    expect(await runCli(['sql', '--zzzzzzzz'], c.io)).toBe(2);
    expect(c.err()).toBe('spi sql: unknown option --zzzzzzzz (see spi sql --help)\n');
  });

  it('a missing value and a negative value say how to write them', async () => {
    const c = capture(tmp.dir);
    expect(await runCli(['ingest', 'points.csv', '--out'], c.io)).toBe(2);
    expect(c.err()).toBe('spi ingest: --out needs a value\n');
    const k = capture(tmp.dir);
    expect(await runCli(['kde', 'points.csv', '--radius', '-5'], k.io)).toBe(2);
    expect(k.err()).toBe('spi kde: --radius: a value starting with "-" is written --radius=-VALUE (e.g. --radius=-5)\n');
  });
});

describe('spi ingest refused', () => {
  it('leaves no --out folder behind when the import is refused', async () => {
    const c = capture(tmp.dir);
    expect(await runCli(['ingest', 'binary.csv', '--out', 'never/made'], c.io)).toBe(2);
    expect(c.err()).toMatch(/^spi ingest: .*binary\.csv/);
    expect(existsSync(path.join(tmp.dir, 'never'))).toBe(false);
    expect(readdirSync(tmp.dir).sort()).toEqual(['binary.csv', 'points.csv']);
  });
});

describe('spi kde --out in a missing folder', () => {
  it("names the analyst's folder, not a temporary file, before doing the work", async () => {
    const c = capture(tmp.dir);
    expect(await runCli(['kde', 'points.csv', '--crs', 'EPSG:32614', '--out', 'nofolder/kde.csv'], c.io)).toBe(2);
    expect(c.err()).toBe('spi kde: --out: nofolder/kde.csv: the folder nofolder does not exist\n');
    expect(c.err()).not.toMatch(/\.tmp/);
    const t = capture(tmp.dir);
    expect(await runCli(['kde', 'points.csv', '--out', 'points.csv/kde.tif'], t.io)).toBe(2);
    expect(t.err()).toBe('spi kde: --out: points.csv/kde.tif: points.csv is not a folder\n');
  });
});

describe('spi project append with something else than a project first', () => {
  it('says the project comes first when the two were swapped', async () => {
    const c = capture(tmp.dir);
    expect(await runCli(['project', 'append', 'new.csv', 'city.spiproj', '--dataset', 'incidents'], c.io)).toBe(2);
    expect(c.err()).toBe('spi project: the project comes first: spi project append city.spiproj new.csv --dataset ID\n');
  });

  it('names the argument that is not a project', async () => {
    const c = capture(tmp.dir);
    expect(await runCli(['project', 'append', 'points.csv', '--dataset', 'incidents'], c.io)).toBe(2);
    expect(c.err()).toBe('spi project: "points.csv" is not a project file (a .spiproj is expected first: spi project append P.spiproj NEW_EXPORT.csv --dataset ID)\n');
  });
});

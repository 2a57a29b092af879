import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { runCli } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/io';
import { tempDir } from '../../helpers/engine';

const ROOT = path.resolve(__dirname, '../../..');

function capture(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => void out.push(t), err: (t) => void err.push(t), cwd, debug: false };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

const tmp = tempDir('spi-cli-');
tmp.write('robberies 2019.csv', 'uid,offense,hour\n1,robbery,22\n2,robbery,23\n3,burglary,10\n');
tmp.write('photo.csv', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]));
afterAll(() => tmp.cleanup());

describe('spi (in process)', () => {
  it('lists its verbs with --help and each verb explains itself', async () => {
    const c = capture(tmp.dir);
    expect(await runCli(['--help'], c.io)).toBe(0);
    expect(c.out()).toMatch(/sample .*\n.*sql /s);
    const v = capture(tmp.dir);
    expect(await runCli(['sql', '--help'], v.io)).toBe(0);
    expect(v.out()).toMatch(/spi sql FILE\.\.\. --query "SQL"/);
  });

  it('runs SQL over a CSV loaded as a table named after the file', async () => {
    const c = capture(tmp.dir);
    const code = await runCli(['sql', 'robberies 2019.csv', '--query', 'SELECT offense, count(*) AS n FROM robberies_2019 GROUP BY 1 ORDER BY 2 DESC'], c.io);
    expect(c.err()).toBe('');
    expect(code).toBe(0);
    expect(c.out()).toMatch(/robberies_2019 \(3 rows\)/);
    expect(c.out()).toMatch(/robbery\s+2/);
  });

  it('prints machine-readable JSON with --json', async () => {
    const c = capture(tmp.dir);
    expect(await runCli(['sql', 'robberies 2019.csv', '--query', 'SELECT sum(hour)::INTEGER AS h FROM robberies_2019', '--json'], c.io)).toBe(0);
    const json = JSON.parse(c.out());
    expect(json.rows).toEqual([{ h: 55 }]);
    expect(json.tables[0]).toMatchObject({ table: 'robberies_2019', rows: 3 });
  });

  it.each([
    [['sql', 'missing.csv', '--query', 'SELECT 1'], /^spi sql: missing\.csv: file not found\n$/],
    [['sql', 'photo.csv', '--query', 'SELECT 1'], /^spi sql: photo\.csv: not a CSV or Parquet file/],
    [['sql', 'robberies 2019.csv', '--query', 'SELEC 1'], /^spi sql: SQL error: Parser Error: syntax error at or near "SELEC"\n$/],
    [['sql', 'robberies 2019.csv'], /^spi sql: --query "SQL" is required\n$/],
    [['sql', 'robberies 2019.csv', '--query', 'SELECT 1', '--max-rows', 'ten'], /--max-rows: "ten" is not a whole number/],
    [['frobnicate'], /^spi: unknown verb "frobnicate"/],
    [['sample', '--out', 'x', '--incidents=-5'], /--incidents: "-5" is not a whole number/],
  ])('refuses bad input %j with one line and exit code 2', async (argv, message) => {
    const c = capture(tmp.dir);
    expect(await runCli(argv, c.io)).toBe(2);
    expect(c.err()).toMatch(message);
    expect(c.err().trim().split('\n')).toHaveLength(1);
  });
});

describe('spi (as a process, through the package bin)', () => {
  const bin = path.join(ROOT, 'electron/cli/spi.mjs');
  it('exits 2 with a one-line message and no stack trace; --debug adds the stack', () => {
    const plain = spawnSync(process.execPath, [bin, 'sql', 'missing.csv', '--query', 'SELECT 1'], { cwd: tmp.dir, encoding: 'utf8' });
    expect(plain.status).toBe(2);
    expect(plain.stderr).toBe('spi sql: missing.csv: file not found\n');
    const debug = spawnSync(process.execPath, [bin, 'sql', 'missing.csv', '--query', 'SELECT 1', '--debug'], { cwd: tmp.dir, encoding: 'utf8' });
    expect(debug.status).toBe(2);
    expect(debug.stderr).toMatch(/at .*sql\.ts/);
  });
});

// Makes renderer/public/sample-city.spiproj (the project the app opens when started with no
// arguments) with `spi sample`, unless it is newer than every source it is made from. The file is
// generated, not committed: the generator is deterministic, so the same sources give the same data.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, copyFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const target = path.join(root, 'renderer/public/sample-city.spiproj');
const sources = ['shared/domain/sample', 'shared/domain/ingest', 'shared/domain/project', 'shared/domain/geo', 'resources', 'electron/cli/verbs/sample.ts', 'electron/cli/verbs/sample-project.ts'];

/** Newest modification time of a file, or of every file below a folder. */
function newestMtime(dir) {
  if (!statSync(dir).isDirectory()) return statSync(dir).mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const newestSource = Math.max(...sources.map((s) => newestMtime(path.join(root, s))));
if (existsSync(target) && statSync(target).mtimeMs > newestSource) {
  console.log(`sample-city.spiproj is up to date`);
  process.exit(0);
}
// A folder per process and an atomic rename: two builds running at once (CI, several terminals)
// must not delete each other's files or leave a half-copied project behind.
const work = path.join(root, `.tmp/sample-build-${process.pid}`);
rmSync(work, { recursive: true, force: true });
const r = spawnSync(process.execPath, [path.join(root, 'electron/cli/spi.mjs'), 'sample', '--out', work, '--incidents-only-project'], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
mkdirSync(path.dirname(target), { recursive: true });
const partial = `${target}.${process.pid}.partial`;
copyFileSync(path.join(work, 'sample-city.spiproj'), partial);
renameSync(partial, target);
rmSync(work, { recursive: true, force: true });
console.log(`wrote ${path.relative(root, target)}`);

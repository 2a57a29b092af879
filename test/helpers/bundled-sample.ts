import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';

/**
 * The app's bundled sample project (renderer/public/sample-city.spiproj, generated and not
 * committed), made first when it is missing or older than its sources, by the same script the
 * renderer build runs (electron/tools/build-sample-project.mjs; safe to run concurrently). Unit
 * tests run before the build in `npm test`, so a test that reads this file calls this first.
 */
export function bundledSampleProject(): string {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const r = spawnSync(process.execPath, [path.join(root, 'electron/tools/build-sample-project.mjs')], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`building the sample project failed:\n${r.stdout}\n${r.stderr}`);
  return path.join(root, 'renderer/public/sample-city.spiproj');
}

/**
 * What `spi sample --out DIR --incidents-only-project` leaves in DIR that the sample-city tests
 * read: DIR/sample-city.spiproj and DIR/ground_truth.json. The bundled project IS that command's
 * project (build-sample-project.mjs runs it with the default seed and size), so tests copy it
 * instead of generating and ingesting the 60,000-incident city again (35-50 s per file on a
 * loaded 2-core machine); the ground truth is the project's own `sample/ground-truth` document,
 * which the sample verb reads from ground_truth.json. Returns the project's path.
 */
export function copyBundledSample(dir: string): string {
  const project = path.join(dir, 'sample-city.spiproj');
  copyFileSync(bundledSampleProject(), project);
  const entry = 'docs/sample/ground-truth.json';
  const unzipped = unzipSync(new Uint8Array(readFileSync(project)), { filter: (f) => f.name === entry });
  const truth = unzipped[entry];
  if (!truth) throw new Error(`the bundled sample project has no ${entry}`);
  writeFileSync(path.join(dir, 'ground_truth.json'), strFromU8(truth));
  return project;
}

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

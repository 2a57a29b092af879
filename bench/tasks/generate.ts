// Task: generate N sample incidents and write the sample city's files (the `spi sample` path).
import { runCli } from '../../electron/cli/main';
import { measure } from './measure';

const [out, incidents] = process.argv.slice(2);
await measure('generate', async () => {
  const code = await runCli(['sample', '--out', out!, '--incidents', incidents!, '--force', '--no-project', '--json'], {
    out: () => undefined,
    err: (t) => void process.stderr.write(t),
    cwd: process.cwd(),
    debug: false,
  });
  if (code !== 0) throw new Error(`spi sample exited ${code}`);
  return { incidents: Number(incidents) };
});

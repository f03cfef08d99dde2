/** `npm run eval`: the eval command with this process's arguments. */
import { runCli } from './cli.ts';

try {
  const r = await runCli(process.argv.slice(2));
  process.exitCode = r.exitCode;
} catch (err) {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
}

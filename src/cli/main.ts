import { SystemClock } from '../platform/clock/index.ts';
import { runCommandLine } from './runCommandLine.ts';

const code = await runCommandLine(process.argv.slice(2), {
  env: process.env,
  clock: new SystemClock(),
  stdout: process.stdout,
  stderr: process.stderr,
});
// A success ends when nothing is left to do; a failure ends now, whatever is still open.
if (code !== 0) process.exit(code);

import { Writable } from 'node:stream';
import { runCommandLine } from '../../src/cli/runCommandLine.ts';
import { type Clock, SystemClock } from '../../src/platform/clock/index.ts';
import type { ConsoleResult } from './runConsole.ts';

/** Keeps what is written to it; `write` lands synchronously, so the text is whole once the command returns. */
class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

/**
 * `bin/console` run in this process: the same program, output and exit code as `runConsole`,
 * without a child's start (node, tsx's loader, the imports: 1.5 s and more on a busy machine).
 * `env` is the whole environment the command sees; `clock` its time (default the system's). What only a process shows stays with
 * `runConsole`: the loader, signals, two processes sharing a data directory.
 */
export async function runConsoleInProcess(
  args: readonly string[],
  env: Record<string, string> = {},
  clock: Clock = new SystemClock(),
): Promise<ConsoleResult & { readonly code: number }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCommandLine(args, { env, clock, stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

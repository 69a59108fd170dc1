import type { Clock } from '../platform/clock/index.ts';
import type { Env } from '../platform/config/env.ts';

/** Where a command prints: the process's stdout or stderr, or a test's capture. */
export type ConsoleStream = NodeJS.WritableStream & { readonly isTTY?: boolean };

/**
 * What a command reads and writes besides its arguments. `bin/console` hands over the process's
 * own and the system clock; a test runs a command in process with an environment and a clock of
 * its choosing and reads what it printed, without a child process or a mutated `process.env`.
 */
export interface ConsoleContext {
  readonly env: Env;
  readonly clock: Clock;
  readonly stdout: ConsoleStream;
  readonly stderr: ConsoleStream;
}

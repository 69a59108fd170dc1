import { CommanderError } from 'commander';
import { ConfigError } from '../platform/config/env.ts';
import type { ConsoleContext } from './consoleContext.ts';
import { buildProgram } from './program.ts';

/** Exit code for bad usage: an unknown flag, a malformed value, a missing variable. */
const USAGE_ERROR = 2;

/**
 * Runs one command line (the arguments after `bin/console`) and returns its exit code: 0, 2 for a
 * usage error (commander's, a command's, or a malformed variable), 1 for any other failure, whose
 * message goes to stderr.
 */
export async function runCommandLine(args: readonly string[], context: ConsoleContext): Promise<number> {
  try {
    await buildProgram(context).parseAsync([...args], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : USAGE_ERROR;
    context.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return error instanceof ConfigError ? USAGE_ERROR : 1;
  }
}

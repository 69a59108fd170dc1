import { CommanderError } from 'commander';
import { ConfigError } from '../platform/config/env.ts';
import { buildProgram } from './program.ts';

/** Exit code for bad usage: an unknown flag, a malformed value, a missing variable. */
const USAGE_ERROR = 2;

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exit(error.exitCode === 0 ? 0 : USAGE_ERROR);
  }
  if (error instanceof ConfigError) {
    process.stderr.write(`error: ${error.message}\n`);
    process.exit(USAGE_ERROR);
  }
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

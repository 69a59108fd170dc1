// A tiny console with only `mtf:config:check` registered, run as a child process by the tests: the command is
// wired into bin/console's program by its owner, this checks its output and exit codes on its own.
import { Command, CommanderError } from 'commander';
import { registerMtfConfigCheck } from '../../src/cli/commands/mtfConfigCheck.ts';

const program = new Command('bin/console').exitOverride();
registerMtfConfigCheck(program);
try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exit(error instanceof CommanderError ? (error.exitCode === 0 ? 0 : 2) : 1);
}

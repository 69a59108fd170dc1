import { Command } from 'commander';
import { registerAppServe } from './commands/appServe.ts';
import { registerBacktestRun } from './commands/backtestRun.ts';
import { registerBitmartFetchContracts } from './commands/bitmartFetchContracts.ts';
import { registerBitmartFetchKlines } from './commands/bitmartFetchKlines.ts';
import { registerIndicatorConditionsDiagnose } from './commands/indicatorConditionsDiagnose.ts';
import { registerKlinesImport } from './commands/klinesImport.ts';
import { registerMtfConfigCheck } from './commands/mtfConfigCheck.ts';
import { registerMtfRun } from './commands/mtfRun.ts';
import { registerMtfWorker } from './commands/mtfWorker.ts';
import { registerScheduleStatus } from './commands/scheduleStatus.ts';
import { registerSimRun } from './commands/simRun.ts';
import { registerTradeEntryConfigCheck } from './commands/tradeEntryConfigCheck.ts';
import { registerUp } from './commands/up.ts';
import { registerWsReplayFailures } from './commands/wsReplayFailures.ts';
import { registerWsRun } from './commands/wsRun.ts';
import type { ConsoleContext } from './consoleContext.ts';

/**
 * One Symfony-style command per file under commands/; each registers itself here and prints
 * through `context`. Commander throws instead of exiting (`runCommandLine` turns that into the exit code).
 */
export function buildProgram(context: ConsoleContext): Command {
  const program = new Command('bin/console')
    .description('BitMart USDT-M futures trading platform')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  program.configureOutput({
    writeOut: (text) => context.stdout.write(text),
    writeErr: (text) => context.stderr.write(text),
  });
  for (const register of [
    registerUp,
    registerSimRun,
    registerWsRun,
    registerWsReplayFailures,
    registerAppServe,
    registerBitmartFetchContracts,
    registerBitmartFetchKlines,
    registerMtfConfigCheck,
    registerMtfRun,
    registerMtfWorker,
    registerTradeEntryConfigCheck,
    registerScheduleStatus,
    registerIndicatorConditionsDiagnose,
    registerKlinesImport,
    registerBacktestRun,
  ]) {
    register(program, context);
  }
  return program;
}

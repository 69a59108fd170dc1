import type { Command } from 'commander';
import { loadWsWorkerConfig } from '../../platform/config/wsWorkerConfig.ts';
import { createLogger } from '../../platform/logging/logger.ts';
import type { ConsoleContext } from '../consoleContext.ts';
import { withEnvFile } from '../envFile.ts';
import { runUntilStopped } from '../runUntilStopped.ts';

export function registerWsRun(program: Command, context: ConsoleContext): void {
  program
    .command('ws:run')
    .description(
      'Run the ws-worker: BitMart streams, signals to the trading-app, entry-zone and SL/TP execution, control API on CTRL_ADDR (default 127.0.0.1:8089)',
    )
    .option(
      '--dotenv <path>',
      'read variables from this file; the real environment wins over it (not --env-file: Node 20 takes that flag for itself)',
      '.env',
    )
    .action(async (options: { dotenv: string }) => {
      const config = loadWsWorkerConfig(withEnvFile(context.env, options.dotenv));
      const logger = createLogger({ name: 'ws-worker', pretty: process.stdout.isTTY });
      // Loaded here, not at the top: other commands need not pay for the worker's imports.
      const { startWsWorker } = await import('../../ws-worker/main.ts');
      const worker = await startWsWorker(config, { logger });
      // Two ways to the one shutdown path: a signal, or POST /stop (which stops the worker itself).
      // The signal handlers are in place before the address is printed: whoever reads it may stop us.
      const done = Promise.race([runUntilStopped(() => worker.stop()), worker.stopped]);
      context.stdout.write(`ws-worker control API listening on ${worker.controlUrl}\n`);
      await done;
      context.stdout.write('ws-worker stopped\n');
    });
}

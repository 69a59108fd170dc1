import type { Command } from 'commander';
import { loadWsWorkerConfig } from '../../platform/config/wsWorkerConfig.ts';
import { createLogger } from '../../platform/logging/logger.ts';
import { startWsWorker } from '../../ws-worker/main.ts';
import { runUntilStopped } from '../runUntilStopped.ts';

export function registerWsRun(program: Command): void {
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
      loadEnvFile(options.dotenv);
      const config = loadWsWorkerConfig();
      const logger = createLogger({ name: 'ws-worker', pretty: process.stdout.isTTY });
      const worker = await startWsWorker(config, { logger });
      // Two ways to the one shutdown path: a signal, or POST /stop (which stops the worker itself).
      // The signal handlers are in place before the address is printed: whoever reads it may stop us.
      const done = Promise.race([runUntilStopped(() => worker.stop()), worker.stopped]);
      process.stdout.write(`ws-worker control API listening on ${worker.controlUrl}\n`);
      await done;
      process.stdout.write('ws-worker stopped\n');
    });
}

/**
 * The worker's variables live in `.env`, as in the seeds (docs/reference/seed-contracts.md#worker-environment);
 * a missing file is fine, variables already set win.
 */
function loadEnvFile(path: string): void {
  try {
    process.loadEnvFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

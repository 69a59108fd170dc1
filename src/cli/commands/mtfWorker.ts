import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Command } from 'commander';
import { ConfigError } from '../../platform/config/env.ts';
import { loadQueueConfig } from '../../platform/config/queueConfig.ts';
import { createLogger } from '../../platform/logging/logger.ts';
import { queueConnection } from '../../platform/queue/queueConnection.ts';
import { startBatchWorker } from '../../trading-app/mtf-runner/evaluation/batchQueue.ts';
import { DEFAULT_CONFIG_DIRECTORY } from '../../trading-app/mtf-runner/MtfService.ts';
import type { ConsoleContext } from '../consoleContext.ts';
import { parsePositiveInt } from '../options.ts';
import { runUntilStopped } from '../runUntilStopped.ts';

/**
 * `bin/console mtf:worker`: takes MTF batches from the shared queue (QUEUE=postgres|redis) until
 * SIGINT or SIGTERM, on any machine that reaches the queue (decision 0030). It needs no store and
 * no venue: the app sends the candles with each batch. Run one per core.
 */
export function registerMtfWorker(program: Command, context: ConsoleContext): void {
  program
    .command('mtf:worker')
    .description(
      'Evaluate MTF runs in batches from the shared queue (QUEUE=postgres|redis, MTF_EVALUATION=queue on the app)',
    )
    .option(
      '--config-dir <dir>',
      "where mtf_validations*.yaml live (the app's files, same names)",
      DEFAULT_CONFIG_DIRECTORY,
    )
    .option(
      '--lock-duration <ms>',
      "how long a batch stays this worker's without renewal: if it dies, another takes the batch after about this long",
      parsePositiveInt(600_000),
      30_000,
    )
    .action(async (options: { configDir: string; lockDuration: number }) => {
      const config = loadQueueConfig(context.env);
      if (config.backend === 'inprocess') {
        throw new ConfigError(
          'QUEUE',
          'mtf:worker takes batches from a shared queue: set QUEUE=postgres or QUEUE=redis',
        );
      }
      const name = `mtf-worker-${hostname()}-${process.pid}-${randomBytes(2).toString('hex')}`;
      const logger = createLogger({ name: 'mtf-worker', pretty: process.stdout.isTTY });
      const worker = await startBatchWorker({
        connection: queueConnection(config),
        configDirectory: options.configDir,
        logger,
        name,
        lockDurationMs: options.lockDuration,
      });
      context.stdout.write(`${name} taking MTF batches from ${config.backend} (namespace ${config.prefix})\n`);
      await runUntilStopped(
        () => worker.close(),
        () => context.stdout.write(`${name} stopped\n`),
      );
    });
}

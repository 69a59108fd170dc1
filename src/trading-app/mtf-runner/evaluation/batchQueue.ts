import { basename, join } from 'node:path';
import type { Job, Worker } from 'bullmq';
import type { Logger } from '../../../platform/logging/logger.ts';
import type { QueueConnection } from '../../../platform/queue/queueConnection.ts';
import type { EvaluatedSymbol, EvaluationJob, EvaluationSettings } from './EvaluationJob.ts';
import { SymbolEvaluator } from './SymbolEvaluator.ts';

/** The queue of an MTF run's batches, which every `mtf:worker` takes from (decision 0030). */
export const MTF_BATCHES_QUEUE = 'mtf-batches';

/** One batch: symbols of one run and what the run shares. Plain JSON (the queue stores it). */
export interface BatchData {
  readonly runId: string;
  readonly jobs: readonly EvaluationJob[];
  readonly settings: EvaluationSettings;
}

export interface BatchWorkerOptions {
  readonly connection: QueueConnection;
  /** This machine's MTF configuration (`config/`): the run's profile file is read from here. */
  readonly configDirectory: string;
  readonly logger: Logger;
  /** Unique among the workers: `GET /api/schedules` and the logs name it. */
  readonly name: string;
  /**
   * How long a batch's lock lasts without renewal: a worker that dies holding one (SIGKILL, its
   * machine gone) lets another take the batch after about this long. BullMQ's default: 30 s.
   */
  readonly lockDurationMs?: number;
}

/**
 * An `mtf:worker`: takes batches, evaluates each symbol with the same `SymbolEvaluator` as the
 * app's threads, and returns the results to the run that waits for them. A batch is cold (every
 * feed resets): it may land on any worker, so no indicator state is kept between runs.
 */
export async function startBatchWorker(options: BatchWorkerOptions): Promise<Worker> {
  const evaluator = new SymbolEvaluator();
  const lockDuration = options.lockDurationMs ?? 30_000;
  const worker = options.connection.worker(
    MTF_BATCHES_QUEUE,
    async (job: Job<BatchData>): Promise<EvaluatedSymbol[]> => {
      const settings = {
        ...job.data.settings,
        // The app's path names a file of its machine; this machine has the same file in its own config/.
        configPath: join(options.configDirectory, basename(job.data.settings.configPath)),
      };
      const results = job.data.jobs.map((item) => evaluator.evaluate(item, settings));
      options.logger.debug({ runId: job.data.runId, batch: job.id, symbols: results.length }, 'MTF batch evaluated');
      return results;
    },
    {
      name: options.name,
      // Evaluation is CPU work: one batch at a time per process; run a process per core.
      concurrency: 1,
      lockDuration,
      stalledInterval: Math.max(500, Math.floor(lockDuration / 2)),
      maxStalledCount: 2,
    },
  );
  worker.on('error', (error) => options.logger.warn({ err: error }, 'mtf worker error'));
  worker.on('stalled', (jobId) =>
    options.logger.warn({ jobId }, 'an MTF batch stalled (its worker stopped); it runs again'),
  );
  await worker.waitUntilReady();
  return worker;
}

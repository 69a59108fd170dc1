import { randomUUID } from 'node:crypto';
import type { FlowProducer, Job, Worker } from 'bullmq';
import type { Clock, TimerHandle } from '../../../platform/clock/index.ts';
import type { Logger } from '../../../platform/logging/logger.ts';
import type { QueueConnection } from '../../../platform/queue/queueConnection.ts';
import { evaluationError } from '../errorResult.ts';
import { type BatchData, MTF_BATCHES_QUEUE } from './batchQueue.ts';
import type { EvaluatedSymbol, EvaluationJob, EvaluationSettings } from './EvaluationJob.ts';
import type { Evaluator } from './Evaluator.ts';

/** Symbols per batch: one batch is one lock, one retry unit after a worker dies. */
export const BATCH_SIZE = 25;
/** A run whose batches are not all back by then ends with the missing symbols as ERROR. */
export const RUN_DEADLINE_MS = 5 * 60_000;

interface Gathered {
  readonly values: readonly EvaluatedSymbol[][];
  readonly failures: readonly string[];
}

interface Pending {
  resolve(gathered: Gathered): void;
}

/**
 * The runner's evaluation over `mtf:worker` processes (decision 0030): a BullMQ flow whose children
 * are the run's batches (queue `mtf-batches`, any worker) and whose parent, in this instance's own
 * gather queue, runs once every batch is back and hands their results to the waiting run. A batch
 * that failed for good is ignored by the parent (its symbols become ERROR results, decision 0007);
 * a worker that died mid-batch loses its lock and another takes the batch (stalled-job recovery).
 * Results carry no cursors: the next run reads every series cold, since its batches may land anywhere.
 */
export class QueueEvaluator implements Evaluator {
  readonly #flows: FlowProducer;
  readonly #gather: Worker;
  readonly #gatherQueue: string;
  readonly #pending = new Map<string, Pending>();
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #batchSize: number;
  readonly #deadlineMs: number;

  constructor(options: {
    connection: QueueConnection;
    clock: Clock;
    logger: Logger;
    /** Unique per app instance: its gather queue is `mtf-gather-<name>`. */
    instanceName: string;
    batchSize?: number;
    deadlineMs?: number;
  }) {
    this.#clock = options.clock;
    this.#logger = options.logger;
    this.#batchSize = options.batchSize ?? BATCH_SIZE;
    this.#deadlineMs = options.deadlineMs ?? RUN_DEADLINE_MS;
    this.#gatherQueue = `mtf-gather-${options.instanceName}`;
    this.#flows = options.connection.flowProducer();
    this.#gather = options.connection.worker(this.#gatherQueue, (job) => this.#gathered(job), {
      name: options.instanceName,
      concurrency: 4,
    });
    this.#gather.on('error', (error) => this.#logger.warn({ err: error }, 'MTF gather worker error'));
  }

  async evaluate(jobs: readonly EvaluationJob[], settings: EvaluationSettings): Promise<EvaluatedSymbol[]> {
    if (jobs.length === 0) return [];
    const runId = randomUUID();
    const batches: EvaluationJob[][] = [];
    for (let at = 0; at < jobs.length; at += this.#batchSize) batches.push(jobs.slice(at, at + this.#batchSize));
    let timer: TimerHandle | undefined;
    const gathered = new Promise<Gathered>((resolve) => {
      this.#pending.set(runId, { resolve });
      timer = this.#clock.setTimeout(() => resolve({ values: [], failures: ['RUN_DEADLINE'] }), this.#deadlineMs);
    });
    try {
      await this.#flows.add({
        name: 'mtf-run',
        queueName: this.#gatherQueue,
        data: { runId },
        opts: { jobId: runId, removeOnComplete: true, removeOnFail: true },
        children: batches.map((batch, index) => ({
          name: 'mtf-batch',
          queueName: MTF_BATCHES_QUEUE,
          data: { runId, jobs: batch, settings } satisfies BatchData,
          opts: {
            jobId: `${runId}-${index}`,
            attempts: 2,
            ignoreDependencyOnFailure: true,
            removeOnComplete: true,
            removeOnFail: 100,
          },
        })),
      });
      const result = await gathered;
      return merge(jobs, result);
    } finally {
      this.#clock.clearTimer(timer);
      this.#pending.delete(runId);
    }
  }

  /** The runner forgets a lane whose evaluation threw; the queue's life is the app's (`stop`). */
  async close(): Promise<void> {}

  async stop(): Promise<void> {
    await this.#gather.close();
    await this.#flows.close();
  }

  async #gathered(job: Job): Promise<{ batches: number }> {
    const values = Object.values(await job.getChildrenValues()) as EvaluatedSymbol[][];
    const failures = Object.values(await job.getIgnoredChildrenFailures());
    if (failures.length > 0) this.#logger.error({ runId: job.id, failures }, 'MTF batches failed');
    this.#pending.get(String(job.id))?.resolve({ values, failures });
    return { batches: values.length };
  }
}

/** The results in the order of `jobs`; a symbol whose batch did not come back is an ERROR. */
function merge(jobs: readonly EvaluationJob[], gathered: Gathered): EvaluatedSymbol[] {
  const bySymbol = new Map<string, EvaluatedSymbol>();
  for (const batch of gathered.values)
    for (const result of batch) bySymbol.set(result.symbol, { ...result, cursors: {} });
  const reason = `BATCH_FAILED: ${gathered.failures[0] ?? 'no result'}`;
  return jobs.map((job) => bySymbol.get(job.symbol) ?? evaluationError(job.symbol, reason, {}));
}

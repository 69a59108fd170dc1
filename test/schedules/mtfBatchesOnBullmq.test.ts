import type { Worker } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { MTF_BATCHES_QUEUE, startBatchWorker } from '../../src/trading-app/mtf-runner/evaluation/batchQueue.ts';
import { QueueEvaluator } from '../../src/trading-app/mtf-runner/evaluation/QueueEvaluator.ts';
import { DEFAULT_CONFIG_DIRECTORY, MtfService } from '../../src/trading-app/mtf-runner/index.ts';
import type { RunResponse } from '../../src/trading-app/mtf-runner/response/runResponse.ts';
import { type MtfHarness, openMtfHarness, RUN_AT } from '../mtf-runner/support/mtfHarness.ts';
import { waitFor } from '../support/waitFor.ts';
import { QUEUE_TARGETS, type QueueTarget } from './support/queueTargets.ts';

// An MTF run fanned out as a BullMQ flow over mtf:worker processes' batch workers (two real
// connections each), against the same run in this thread.
let harness: MtfHarness;
let inThisThread: RunResponse;
beforeAll(async () => {
  harness = await openMtfHarness();
  inThisThread = await harness.service().run({ symbols: [...harness.symbols], profile: 'default', now: RUN_AT });
}, 60_000);
afterAll(async () => harness?.close());

describe.each(QUEUE_TARGETS)('MTF runs over mtf:worker batches ($name)', ({ open }) => {
  let target: QueueTarget | undefined;
  const workers: Worker[] = [];
  const evaluators: QueueEvaluator[] = [];
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.close(true)));
    await Promise.all(evaluators.splice(0).map((evaluator) => evaluator.stop()));
    await target?.dispose(['mtf-batches', 'mtf-gather-app-test']);
    target = undefined;
  });

  function queuedService(queue: QueueTarget): MtfService {
    const evaluator = new QueueEvaluator({
      connection: queue.connect(),
      clock: harness.clock,
      logger: silentLogger(),
      instanceName: 'app-test',
      batchSize: 3,
    });
    evaluators.push(evaluator);
    return new MtfService({ db: harness.database.drizzle, clock: harness.clock, evaluator });
  }

  async function batchWorker(queue: QueueTarget, name: string): Promise<Worker> {
    const worker = await startBatchWorker({
      connection: queue.connect(),
      configDirectory: DEFAULT_CONFIG_DIRECTORY,
      logger: silentLogger(),
      name,
      lockDurationMs: 1_000,
    });
    workers.push(worker);
    return worker;
  }

  it('two workers share the batches; the parent gathers the same run response as in one thread', async () => {
    target = open();
    await batchWorker(target, 'mtf-worker-a');
    await batchWorker(target, 'mtf-worker-b');
    const response = await queuedService(target).run({
      symbols: [...harness.symbols],
      profile: 'default',
      now: RUN_AT,
    });
    expect(response.data.results).toEqual(inThisThread.data.results);
    expect(response.data.summary_by_tf).toEqual(inThisThread.data.summary_by_tf);
    expect(response.data.summary.symbols_processed).toBe(harness.symbols.length);
  });

  it('a worker that dies holding a batch: another takes it when its lock lapses, and the run completes', async () => {
    target = open();
    const queue = target;
    // The first worker takes a batch and never finishes it, then goes away without a word (as after SIGKILL).
    let held = 0;
    const dying = queue.connect().worker(
      MTF_BATCHES_QUEUE,
      () => {
        held += 1;
        return new Promise(() => {});
      },
      { name: 'mtf-worker-dying', concurrency: 1, lockDuration: 1_000, stalledInterval: 500 },
    );
    const running = queuedService(queue).run({ symbols: [...harness.symbols], profile: 'default', now: RUN_AT });
    await waitFor(() => held === 1, 'the dying worker to take a batch');
    await dying.close(true);
    await batchWorker(queue, 'mtf-worker-survivor');
    const response = await running;
    expect(response.data.results).toEqual(inThisThread.data.results);
    expect(response.data.summary.symbols_failed).toBe(inThisThread.data.summary.symbols_failed);
  });
});

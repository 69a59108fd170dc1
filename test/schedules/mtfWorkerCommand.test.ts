import { once } from 'node:events';
import type { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { MTF_BATCHES_QUEUE, startBatchWorker } from '../../src/trading-app/mtf-runner/evaluation/batchQueue.ts';
import { QueueEvaluator } from '../../src/trading-app/mtf-runner/evaluation/QueueEvaluator.ts';
import { DEFAULT_CONFIG_DIRECTORY, MtfService } from '../../src/trading-app/mtf-runner/index.ts';
import { type MtfHarness, openMtfHarness, RUN_AT } from '../mtf-runner/support/mtfHarness.ts';
import { runConsoleInProcess } from '../support/consoleInProcess.ts';
import { startConsole, waitForOutput } from '../support/runConsole.ts';
import { waitFor } from '../support/waitFor.ts';
import { QUEUE_TARGETS, type QueueTarget, queueEnvironment } from './support/queueTargets.ts';

let harness: MtfHarness;
let target: QueueTarget;
beforeAll(async () => {
  harness = await openMtfHarness();
  target = QUEUE_TARGETS.find((candidate) => candidate.name === 'postgres')?.open() as QueueTarget;
}, 60_000);
afterAll(async () => {
  await harness?.close();
  await target?.dispose();
});

// A child process (tsx's loader, the imports) and a run: a minute on a loaded two-core machine.
describe('bin/console mtf:worker', { timeout: 90_000 }, () => {
  it('refuses to start without a shared queue, naming QUEUE (exit 2)', async () => {
    const result = await runConsoleInProcess(['mtf:worker']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/QUEUE: mtf:worker takes batches from a shared queue/);
  });

  it("as a process: takes a run's batches from PostgreSQL, and stops on SIGTERM", async () => {
    const child = startConsole(['mtf:worker'], queueEnvironment(target));
    try {
      await waitForOutput(child, /taking MTF batches from postgres/);
      const evaluator = new QueueEvaluator({
        connection: target.connect(),
        clock: harness.clock,
        logger: silentLogger(),
        instanceName: 'app-cli-test',
        batchSize: 4,
      });
      try {
        const service = new MtfService({ db: harness.database.drizzle, clock: harness.clock, evaluator });
        const queued = await service.run({ symbols: [...harness.symbols], profile: 'default', now: RUN_AT });
        const local = await harness.service().run({ symbols: [...harness.symbols], profile: 'default', now: RUN_AT });
        expect(queued.data.results).toEqual(local.data.results);
      } finally {
        await evaluator.stop();
      }
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = await exited;
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('refuses a lock duration that is not a whole number of milliseconds, naming the flag (exit 2)', async () => {
    const result = await runConsoleInProcess(['mtf:worker', '--lock-duration=soon'], queueEnvironment(target));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--lock-duration/);
  });
});

describe.each(QUEUE_TARGETS)('an mtf:worker process killed mid-batch ($name)', { timeout: 120_000 }, ({ open }) => {
  it('another worker takes the batch it held once its lock lapses, and the run completes with the same results', async () => {
    const queue = open();
    const child = startConsole(['mtf:worker', '--lock-duration=1000'], queueEnvironment(queue));
    const evaluator = new QueueEvaluator({
      connection: queue.connect(),
      clock: harness.clock,
      logger: silentLogger(),
      instanceName: 'app-kill-test',
      batchSize: 1,
    });
    const batches = queue.connect().queue(MTF_BATCHES_QUEUE);
    let rescuer: Worker | undefined;
    try {
      await waitForOutput(child, /taking MTF batches/);
      const service = new MtfService({ db: harness.database.drizzle, clock: harness.clock, evaluator });
      const queued = service.run({ symbols: [...harness.symbols], profile: 'default', now: RUN_AT });
      // The child is the only worker, so a batch active while it is frozen is one it holds: freeze it
      // on an active batch (thaw and try again if it finished in between), then kill it.
      await waitFor(async () => {
        if ((await batches.getActiveCount()) === 0) return false;
        child.kill('SIGSTOP');
        if ((await batches.getActiveCount()) > 0) return true;
        child.kill('SIGCONT');
        return false;
      }, 'the mtf:worker process holding a batch');
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
      rescuer = await startBatchWorker({
        connection: queue.connect(),
        configDirectory: DEFAULT_CONFIG_DIRECTORY,
        logger: silentLogger(),
        name: 'mtf-worker-rescuer',
        lockDurationMs: 1_000,
      });
      let stalled = 0;
      rescuer.on('stalled', () => {
        stalled += 1;
      });
      const response = await queued;
      const local = await harness.service().run({ symbols: [...harness.symbols], profile: 'default', now: RUN_AT });
      expect(stalled).toBeGreaterThan(0);
      expect(response.data.results).toEqual(local.data.results);
      expect(response.data.summary.symbols_failed).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await rescuer?.close(true);
      await evaluator.stop();
      await batches.close();
      await queue.dispose(['mtf-batches', 'mtf-gather-app-kill-test']);
    }
  });
});

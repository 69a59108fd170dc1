import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { QueueEvaluator } from '../../src/trading-app/mtf-runner/evaluation/QueueEvaluator.ts';
import { MtfService } from '../../src/trading-app/mtf-runner/index.ts';
import { type MtfHarness, openMtfHarness, RUN_AT } from '../mtf-runner/support/mtfHarness.ts';
import { runConsoleInProcess } from '../support/consoleInProcess.ts';
import { startConsole, waitForOutput } from '../support/runConsole.ts';
import { POSTGRES_URL, QUEUE_TARGETS, type QueueTarget } from './support/queueTargets.ts';

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
    const child = startConsole(['mtf:worker'], {
      QUEUE: 'postgres',
      DATABASE_URL: POSTGRES_URL,
      QUEUE_PREFIX: target.config.prefix,
    });
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
});

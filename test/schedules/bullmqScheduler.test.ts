import type { Job } from 'bullmq';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { SystemClock } from '../../src/platform/clock/index.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { BullmqScheduler, SCHEDULES_QUEUE, tickTime } from '../../src/trading-app/schedules/BullmqScheduler.ts';
import type { ScheduledJob } from '../../src/trading-app/schedules/Scheduler.ts';
import { waitFor } from '../support/waitFor.ts';
import { QUEUE_TARGETS, type QueueTarget } from './support/queueTargets.ts';

// Every second, so that a handful of ticks pass in a few seconds of the queue's own (wall) clock.
const EVERY_SECOND = '* * * * * *';

/** An app instance's schedules: its own connection, one job that counts its runs. */
function instance(target: QueueTarget, name: string, runs: string[], logger = silentLogger()) {
  const scheduler = new BullmqScheduler({
    connection: target.connect(),
    clock: new SystemClock(),
    logger,
    workerName: name,
    lateTickMs: 500,
  });
  const job: ScheduledJob = {
    name: 'mtf-run',
    cron: EVERY_SECOND,
    enabled: true,
    run: async () => {
      runs.push(name);
      return { outcome: 'ok', summary: `ran on ${name}` };
    },
  };
  scheduler.add(job);
  return scheduler;
}

/** The ticks the queue ran, read from the queue itself: each finished job's tick time. */
async function finishedTicks(target: QueueTarget): Promise<number[]> {
  const queue = target.connect().queue(SCHEDULES_QUEUE);
  try {
    const jobs: Job[] = await queue.getJobs(['completed', 'failed'], 0, -1);
    return jobs.map(tickTime).sort((a, b) => a - b);
  } finally {
    await queue.close();
  }
}

describe.each(QUEUE_TARGETS)('schedules on BullMQ ($name)', ({ open }) => {
  let target: QueueTarget | undefined;
  const started: BullmqScheduler[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((scheduler) => scheduler.stop()));
    await target?.dispose();
    target = undefined;
  });

  it('two instances upsert the same schedule: N ticks give exactly N runs, none twice', async () => {
    target = open();
    const runs: string[] = [];
    const a = instance(target, 'app-a', runs);
    const b = instance(target, 'app-b', runs);
    started.push(a, b);
    await Promise.all([a.start(), b.start()]);
    await waitFor(() => runs.length >= 6, 'six ticks of the every-second schedule');
    await Promise.all(started.splice(0).map((scheduler) => scheduler.stop()));

    const ticks = await finishedTicks(target);
    expect(ticks.length).toBe(runs.length);
    expect(new Set(ticks).size).toBe(ticks.length);
    // Whole seconds, each once. (A tick promoted more than a second late makes BullMQ skip the
    // next one, the missed-tick policy: so no claim that every second of the span ran.)
    for (const tick of ticks) expect(tick % 1_000).toBe(0);
  });

  it('a tick missed while every instance was down runs once, late, logged; the ticks after it are skipped', async () => {
    target = open();
    const runs: string[] = [];
    const a = instance(target, 'app-a', runs);
    started.push(a);
    await a.start();
    await waitFor(() => runs.length >= 1, 'a first tick');
    await a.stop();
    started.splice(0);
    const ranBefore = (await finishedTicks(target)).length;

    // The next tick waits in the queue as one delayed job; let it and two more seconds pass with nobody up.
    const queue = target.connect().queue(SCHEDULES_QUEUE);
    const [pending] = await queue.getDelayed();
    await queue.close();
    expect(pending).toBeDefined();
    const missedAt = tickTime(pending as Job);
    await waitFor(
      () => Date.now() >= missedAt + 2_500,
      'the missed tick and two more seconds to pass (the queue runs on the wall clock)',
    );

    const lines: { msg?: string; lateMs?: number; tickAt?: string }[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const b = instance(target, 'app-b', runs, logger);
    started.push(b);
    await b.start();
    await waitFor(
      async () => (await finishedTicks(target as QueueTarget)).length >= ranBefore + 2,
      'the late tick and the next one',
    );
    await b.stop();
    started.splice(0);

    const ticks = (await finishedTicks(target)).slice(ranBefore);
    expect(ticks[0]).toBe(missedAt);
    // The ticks of the seconds nobody was up were never created: the next one is after b started.
    expect((ticks[1] ?? 0) - missedAt).toBeGreaterThanOrEqual(3_000);
    const late = lines.filter((line) => line.msg?.includes('run once, late'));
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ tickAt: new Date(missedAt).toISOString() });
    expect(late[0]?.lateMs).toBeGreaterThanOrEqual(2_500);
  });
});

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemClock } from '../../src/platform/clock/index.ts';
import { queueConnection } from '../../src/platform/queue/queueConnection.ts';
import type { TradingApp } from '../../src/trading-app/main.ts';
import { SCHEDULES_QUEUE, tickTime } from '../../src/trading-app/schedules/BullmqScheduler.ts';
import type { ScheduleStatus } from '../../src/trading-app/schedules/Scheduler.ts';
import type { QueueStatus } from '../../src/trading-app/schedules/Schedules.ts';
import { waitFor } from '../support/waitFor.ts';
import { postgresTarget } from '../trading-app-store/support/databaseTargets.ts';
import { startQueuedAppInstance } from './support/queuedAppInstance.ts';

// Two real app instances on one PostgreSQL store, their schedules on BullMQ over the same server
// (QUEUE=postgres), the MTF run every second of the queue's (wall) clock.
const database = postgresTarget();
const clock = new SystemClock();
const apps: TradingApp[] = [];
const PREFIX = 'bullmq_app_test';

async function startInstance(): Promise<TradingApp> {
  const app = await startQueuedAppInstance(database.url, { QUEUE: 'postgres', QUEUE_PREFIX: PREFIX }, clock);
  apps.push(app);
  return app;
}

async function schedules(app: TradingApp): Promise<{ data: ScheduleStatus[]; queue: QueueStatus | null }> {
  const response = await fetch(`${app.url}/api/schedules`);
  expect(response.status).toBe(200);
  return (await response.json()) as { data: ScheduleStatus[]; queue: QueueStatus | null };
}

async function storedRuns(): Promise<number> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>('select count(*) from mtf_runs');
    return Number(rows[0]?.count ?? 0);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  // The schema first, once: then both instances open a migrated store.
  await (await database.open()).close();
}, 60_000);

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await database.dispose();
}, 60_000);

describe('two app instances with QUEUE=postgres', () => {
  it('run each MTF tick once between them, and GET /api/schedules shows the shared queue and both workers', async () => {
    const a = await startInstance();
    await startInstance();
    await waitFor(
      async () => ((await schedules(a)).queue?.workers.filter((w) => w.connected).length ?? 0) >= 2,
      'both instances to be seen on the queue',
    );
    await waitFor(async () => (await storedRuns()) >= 5, 'five MTF runs stored');
    await Promise.all(apps.splice(0).map((app) => app.stop()));

    // Read from the queue itself: every mtf-run tick it ran, by the tick's time.
    const queue = queueConnection({ backend: 'postgres', url: database.url, prefix: PREFIX }).queue(SCHEDULES_QUEUE);
    const jobs = await queue.getJobs(['completed', 'failed'], 0, -1);
    await queue.close();
    const ticks = jobs
      .filter((job) => job.name === 'mtf-run')
      .map(tickTime)
      .sort((x, y) => x - y);
    // Each tick (a whole second) one run, recorded once: none twice.
    expect(ticks.length).toBe(await storedRuns());
    expect(new Set(ticks).size).toBe(ticks.length);
    for (const tick of ticks) expect(tick % 1_000).toBe(0);
  });

  it('GET /api/schedules reports the queue: waiting, active, delayed, failed, stalled, the workers and their last heartbeat', async () => {
    const app = await startInstance();
    await waitFor(async () => (await schedules(app)).queue?.last_heartbeat_at !== null, 'a finished tick');
    const { data, queue } = await schedules(app);
    expect(queue).toMatchObject({ backend: 'postgres', prefix: PREFIX, queue: 'schedules', stalled: 0, failed: 0 });
    expect(queue?.delayed).toBeGreaterThanOrEqual(1);
    // The two instances of the first test are gone from the connections, still listed by their last jobs.
    expect(queue?.workers.filter((worker) => worker.connected)).toHaveLength(1);
    expect(queue?.workers.length).toBeGreaterThanOrEqual(2);
    const mtfRun = data.find((schedule) => schedule.name === 'mtf-run');
    expect(mtfRun).toMatchObject({ cron: '* * * * * *', enabled: true, last_outcome: 'ok' });
    expect(Date.parse(mtfRun?.next_run_at ?? '')).toBeGreaterThan(Date.parse(mtfRun?.last_run_at ?? ''));
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWsWorkerConfig } from '../../src/platform/config/wsWorkerConfig.ts';
import { startWsWorker } from '../../src/ws-worker/main.ts';
import { REDIS_URL } from '../schedules/support/queueTargets.ts';
import { startTestSimulator } from '../support/testSimulator.ts';

// The ws-worker on a shared queue (QUEUE=redis) counts its REST requests in the key's shared budget
// (decision 0038), where the app instances count theirs.
const redis = new Redis(REDIS_URL);
afterAll(async () => {
  await redis.quit();
});

describe('the ws-worker on a shared queue', () => {
  it("counts its REST requests in the key's shared budget, and refuses QUEUE=redis without REDIS_URL", async () => {
    expect(() => loadWsWorkerConfig({ QUEUE: 'redis' })).toThrow(/REDIS_URL/);
    const sim = await startTestSimulator();
    const directory = await mkdtemp(join(tmpdir(), 'ws-worker-budget-'));
    const prefix = `budget_worker_${randomBytes(4).toString('hex')}`;
    const worker = await startWsWorker(
      loadWsWorkerConfig({
        ...sim.bitmartEnv,
        CTRL_ADDR: '127.0.0.1:0',
        WORKER_DATA_DIR: directory,
        ORDERS_CONFIG: join(directory, 'orders.yaml'),
        QUEUE: 'redis',
        REDIS_URL,
        QUEUE_PREFIX: prefix,
      }),
    );
    try {
      // Starting, the worker asks the venue for its clock and the account's state: each request a send in the budget.
      const sends = await redis.keys(`${prefix}:rate-budget:*:log`);
      expect(sends.length).toBeGreaterThan(0);
      const counted = await Promise.all(sends.map((key) => redis.zcard(key)));
      expect(counted.reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0);
    } finally {
      await worker.stop();
      await sim.simulator.stop();
      await rm(directory, { recursive: true, force: true });
    }
  });
});

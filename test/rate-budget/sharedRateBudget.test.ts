import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { RestRateLimiter } from '../../src/exchange/bitmart/rest/RestRateLimiter.ts';
import { SystemClock } from '../../src/platform/clock/index.ts';
import type { Logger } from '../../src/platform/logging/logger.ts';
import { PostgresRateBudget } from '../../src/platform/rateBudget/PostgresRateBudget.ts';
import type { RateBudget } from '../../src/platform/rateBudget/RateBudget.ts';
import { RedisRateBudget } from '../../src/platform/rateBudget/RedisRateBudget.ts';
import { POSTGRES_URL, REDIS_URL } from '../schedules/support/queueTargets.ts';

/** One process's sliding log: what two processes sharing a budget must answer together. */
class OneLog {
  #sent: number[] = [];
  #blocked = 0;

  take(limit: number, windowMs: number, now: number): number {
    if (this.#blocked > now) return this.#blocked - now;
    this.#sent = this.#sent.filter((at) => at > now - windowMs);
    if (this.#sent.length < limit) {
      this.#sent.push(now);
      return 0;
    }
    return Math.max(1, (this.#sent[this.#sent.length - limit] as number) + windowMs - now);
  }

  block(until: number): void {
    this.#blocked = Math.max(this.#blocked, until);
  }
}

const BACKENDS = [
  { name: 'redis', open: (namespace: string) => new RedisRateBudget(REDIS_URL, namespace) },
  { name: 'postgres', open: (namespace: string) => new PostgresRateBudget(POSTGRES_URL, namespace) },
] as const;

const namespaces: string[] = [];
afterAll(async () => {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  for (const namespace of namespaces) await client.query(`drop schema if exists ${namespace} cascade`);
  await client.end();
});

describe.each(BACKENDS)('the REST budget shared on $name', ({ open }) => {
  function twoProcesses(): [RateBudget, RateBudget] {
    const namespace = `rate_test_${randomBytes(4).toString('hex')}`;
    namespaces.push(namespace);
    return [open(namespace), open(namespace)];
  }

  it('answers two processes as one process answers alone: the same sends taken, the same waits', async () => {
    const [first, second] = twoProcesses();
    let run = 0;
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 6 }),
          fc.array(
            fc.record({
              process: fc.constantFrom(0, 1),
              advanceMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 400 })),
              action: fc.oneof(
                { weight: 9, arbitrary: fc.constant('take' as const) },
                { weight: 1, arbitrary: fc.constant('block' as const) },
              ),
              blockMs: fc.integer({ min: 1, max: 1_500 }),
            }),
            { minLength: 1, maxLength: 40 },
          ),
          async (limit, steps) => {
            run += 1;
            const bucket = `submit-order:key-${run}`;
            const model = new OneLog();
            let now = 1_700_000_000_000;
            for (const step of steps) {
              now += step.advanceMs;
              const budget = step.process === 0 ? first : second;
              if (step.action === 'block') {
                await budget.block(bucket, now + step.blockMs);
                model.block(now + step.blockMs);
              } else {
                expect(await budget.take(bucket, limit, 1_000, now)).toBe(model.take(limit, 1_000, now));
              }
            }
          },
        ),
        { numRuns: 25 },
      );
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  }, 60_000);

  it('never gives the last send of a window to both of two processes asking at once', async () => {
    const [first, second] = twoProcesses();
    try {
      const now = 1_700_000_000_000;
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, index) => (index % 2 === 0 ? first : second).take('cancel', 10, 2_000, now)),
      );
      expect(answers.filter((wait) => wait === 0)).toHaveLength(10);
      expect(answers.filter((wait) => wait === 2_000)).toHaveLength(30);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});

describe('a limiter whose shared budget does not answer', () => {
  it.each([
    { name: 'redis', open: () => new RedisRateBudget('redis://127.0.0.1:1', 'rate_unreachable') },
    {
      name: 'postgres',
      open: () => new PostgresRateBudget('postgres://postgres@127.0.0.1:1/test', 'rate_unreachable'),
    },
  ])(
    'counts alone on $name within a few seconds, and warns once',
    async ({ open }) => {
      const budget = open();
      const warnings: string[] = [];
      const logger = { warn: (_fields: unknown, message: string) => warnings.push(message) } as unknown as Logger;
      const limiter = new RestRateLimiter({ clock: new SystemClock(), logger, shared: budget });
      const family = { limit: 2, windowMs: 2_000, per: 'key' } as const;
      try {
        const started = Date.now();
        await limiter.acquire('submit-order', family, 'protective');
        await limiter.acquire('submit-order', family, 'protective');
        expect(Date.now() - started).toBeLessThan(5_000);
        // Its own log still holds the limit: a third send waits for the window.
        expect(limiter.tryAcquire('submit-order', family, 'protective')).toBe(false);
        expect(warnings.filter((message) => message.includes('does not answer'))).toHaveLength(1);
      } finally {
        await budget.close().catch(() => {});
      }
    },
    15_000,
  );
});

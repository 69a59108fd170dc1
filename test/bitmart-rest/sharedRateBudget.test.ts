import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { OrderRequest } from '../../src/exchange/port/types.ts';
import { composeVenue, type VenueExchange } from '../../src/exchange/venues/composeVenue.ts';
import { ManualClock, SystemClock } from '../../src/platform/clock/index.ts';
import { loadVenueConfig } from '../../src/platform/config/venueConfig.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import type { Logger } from '../../src/platform/logging/logger.ts';
import type { RateBudget } from '../../src/platform/rateBudget/RateBudget.ts';
import { sharedRateBudget } from '../../src/platform/rateBudget/sharedRateBudget.ts';
import { POSTGRES_URL, REDIS_URL } from '../schedules/support/queueTargets.ts';
import { startTestSimulator } from '../support/testSimulator.ts';

// Two processes of one key (say the app and the ws-worker), each with its own limiter as composed
// for production, against the simulator's BitMart limits: submit-order 24 per 2 s per key.
type Session = Awaited<ReturnType<typeof startTestSimulator>>;

const schemas: string[] = [];
afterAll(async () => {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  for (const schema of schemas) await client.query(`drop schema if exists ${schema} cascade`);
  await client.end();
});

/** A logger that keeps the warnings: each 429 BitMart answers is one "backing off" warning. */
function warnings(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger: Logger = pino({ level: 'warn' }, sink);
  return { logger, lines };
}

function processOfTheKey(session: Session, sharedBudget: RateBudget | undefined, logger: Logger): VenueExchange {
  const { account } = session.simulator;
  const config = loadVenueConfig({
    BITMART_BASE_URL: session.restUrl,
    BITMART_API_KEY: account.apiKey,
    BITMART_API_SECRET: account.apiSecret,
    BITMART_API_MEMO: account.apiMemo,
  });
  return composeVenue(config, new SystemClock(), logger, sharedBudget ? { sharedBudget } : {}).exchange;
}

async function burst(exchange: VenueExchange, prefix: string, price: Dec, count: number) {
  const order = (index: number): OrderRequest => ({
    symbol: 'BTCUSDT',
    clientOrderId: `${prefix}${index}`,
    side: 'open_long',
    type: 'limit',
    price,
    size: new Dec(1),
    leverage: new Dec(10),
    marginMode: 'cross',
  });
  return Promise.allSettled(Array.from({ length: count }, (_, index) => exchange.submitOrder(order(index))));
}

/** Both processes send 20 submit-orders at once: 40 against BitMart's 24 per 2 s for the key. */
async function twoBursts(session: Session, budgets: [RateBudget, RateBudget] | undefined) {
  const { logger, lines } = warnings();
  const first = processOfTheKey(session, budgets?.[0], logger);
  const second = processOfTheKey(session, budgets?.[1], logger);
  try {
    const price = (await first.ticker('BTCUSDT')).lastPrice.mul(0.5).toDecimalPlaces(1);
    const results = (await Promise.all([burst(first, 'a', price, 20), burst(second, 'b', price, 20)])).flat();
    return {
      rejected: results.filter((result) => result.status === 'rejected'),
      refusals: lines.filter((line) => line.includes('answered 429')).length,
      open: await first.openOrders('BTCUSDT'),
    };
  } finally {
    await Promise.all([first.stop(), second.stop()]);
    await Promise.all(budgets?.map((budget) => budget.close()) ?? []);
  }
}

describe('the REST budget of a key shared by two processes (SIM_RATE_LIMITS=1)', () => {
  it('without a shared budget each process keeps to 20 of 24 alone, and together they overrun BitMart', async () => {
    // The venue's clock stands still mid-window: all 40 land in one of its 2 s windows (on the wall
    // clock a burst may straddle two, and then 24 + 16 pass). The clients send at once, never waiting.
    const session = await startTestSimulator(
      { SIM_RATE_LIMITS: '1' },
      new ManualClock(Math.floor(Date.now() / 2_000) * 2_000 + 1_000),
    );
    try {
      const { refusals } = await twoBursts(session, undefined);
      expect(refusals).toBeGreaterThan(0);
    } finally {
      await session.simulator.stop();
    }
  });

  it.each([
    { backend: 'redis' as const, url: REDIS_URL },
    { backend: 'postgres' as const, url: POSTGRES_URL },
  ])(
    'with the budget on $backend, all 40 are placed and BitMart refuses none',
    async ({ backend, url }) => {
      const session = await startTestSimulator({ SIM_RATE_LIMITS: '1' });
      const prefix = `budget_test_${randomBytes(4).toString('hex')}`;
      schemas.push(prefix);
      try {
        const budgets: [RateBudget, RateBudget] = [
          sharedRateBudget({ backend, url, prefix }),
          sharedRateBudget({ backend, url, prefix }),
        ];
        const { rejected, open } = await twoBursts(session, budgets);
        expect(rejected).toEqual([]);
        expect(open).toHaveLength(40);
      } finally {
        await session.simulator.stop();
      }
    },
    30_000,
  );
});

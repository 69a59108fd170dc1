import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { OrderRequest } from '../../src/exchange/port/types.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { RetryableError } from '../../src/platform/errors/exchangeErrors.ts';
import { startTestSimulator } from '../support/testSimulator.ts';
import { waitFor } from '../support/waitFor.ts';
import { exchangeFor } from './bitmartRestKit.ts';

const restingBuy = (clientOrderId: string, price: Dec): OrderRequest => ({
  symbol: 'BTCUSDT',
  clientOrderId,
  side: 'open_long',
  type: 'limit',
  price,
  size: new Dec(1),
  leverage: new Dec(10),
  marginMode: 'cross',
});

async function burst(exchange: ReturnType<typeof exchangeFor>, prefix: string, count: number) {
  const price = (await exchange.ticker('BTCUSDT')).lastPrice.mul(0.5).toDecimalPlaces(1);
  return Promise.allSettled(
    Array.from({ length: count }, (_, index) => exchange.submitOrder(restingBuy(`${prefix}${index}`, price))),
  );
}

describe('BitMart REST adapter: rate limits (SIM_RATE_LIMITS=1)', () => {
  it('absorbs a burst of 30 submit-orders (limit 24 / 2 s): all placed, no 429 reaches the caller', async () => {
    const session = await startTestSimulator({ SIM_RATE_LIMITS: '1' });
    const exchange = exchangeFor(session);
    try {
      const startedAt = Date.now();
      const results = await burst(exchange, 'burst', 30);
      const rejected = results.filter((result) => result.status === 'rejected');
      expect(rejected).toEqual([]);
      expect(await exchange.openOrders('BTCUSDT')).toHaveLength(30);
      // The last 6 had to wait for the window to move on.
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(2_000);
    } finally {
      await exchange.stop();
      await session.simulator.stop();
    }
  });

  it('surfaces a 429 it could not foresee as retryable with a delay, and warns that it backs off', async () => {
    const session = await startTestSimulator({ SIM_RATE_LIMITS: '1' });
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    // A client that believes the limit is 100 / 2 s overruns BitMart's 24.
    const exchange = exchangeFor(
      session,
      {},
      {
        logger: pino({ level: 'warn' }, sink),
        rateLimits: { '/contract/private/submit-order': { limit: 100, windowMs: 2_000, per: 'key' } },
      },
    );
    try {
      // Twice BitMart's 24 per window: on a loaded machine a burst may straddle two windows.
      const results = await burst(exchange, 'over', 60);
      const errors = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
      expect(errors.length).toBeGreaterThan(0);
      for (const error of errors) {
        expect(error).toBeInstanceOf(RetryableError);
        expect(error).toMatchObject({ venueCode: 30013 });
        expect((error as RetryableError).retryAfterMs).toBeGreaterThan(0);
      }
      expect(lines.some((line) => line.includes('backing off'))).toBe(true);
      expect(lines.join('')).not.toContain(session.simulator.account.apiSecret);
    } finally {
      await exchange.stop();
      await session.simulator.stop();
    }
  });

  it('places a close at once while a burst of entries waits for the next window', async () => {
    const session = await startTestSimulator({ SIM_RATE_LIMITS: '1' });
    const exchange = exchangeFor(session);
    try {
      const opened = { ...restingBuy('open1', new Dec(0)), type: 'market' as const, price: undefined };
      await exchange.submitOrder(opened);
      const settled: string[] = [];
      const entries = burst(exchange, 'entry', 24).then((results) => {
        settled.push('entries');
        return results;
      });
      await waitFor(async () => (await exchange.openOrders('BTCUSDT')).length >= 19, '19 entries placed');
      const close: OrderRequest = { ...opened, clientOrderId: 'close1', side: 'close_long' };
      const sentAt = Date.now();
      await exchange.submitOrder(close);
      settled.push('close');
      // The close used the protective reserve: it did not wait for the window the entries wait for.
      expect(Date.now() - sentAt).toBeLessThan(1_000);
      expect(settled).toEqual(['close']);
      expect((await entries).filter((result) => result.status === 'rejected')).toEqual([]);
      expect(await exchange.positions('BTCUSDT')).toEqual([]);
    } finally {
      await exchange.stop();
      await session.simulator.stop();
    }
  });
});

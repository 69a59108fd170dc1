import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryKlines } from '../../src/backtest/memoryKlines.ts';
import type { Kline, Timeframe } from '../../src/exchange/port/types.ts';
import { TIMEFRAME_MS } from '../../src/exchange/port/types.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { KlineRepository } from '../../src/trading-app/market-data/KlineRepository.ts';
import { StoreCandleSource } from '../../src/trading-app/mtf-runner/candles/StoreCandleSource.ts';
import type { Database } from '../../src/trading-app/store/index.ts';
import { freshPglite } from '../support/freshPglite.ts';

const T0 = Date.UTC(2026, 0, 5);
const SYMBOLS = ['BTCUSDT', 'ETHUSDT'] as const;
const TIMEFRAMES: readonly Timeframe[] = ['1m', '5m'];

/** A candle at slot `slot` of its timeframe, with prices that keep their decimals (and one in exponent form). */
const klineArbitrary = fc
  .record({
    symbol: fc.constantFrom(...SYMBOLS),
    timeframe: fc.constantFrom(...TIMEFRAMES),
    slot: fc.integer({ min: 0, max: 40 }),
    cents: fc.array(fc.integer({ min: 1, max: 9_999_999 }), { minLength: 5, maxLength: 5 }),
    tiny: fc.boolean(),
  })
  .map(({ symbol, timeframe, slot, cents, tiny }): Kline => {
    const [open, high, low, close, volume] = cents.map((value) => new Dec(value).div(tiny ? 1e12 : 100)) as [
      Dec,
      Dec,
      Dec,
      Dec,
      Dec,
    ];
    return { symbol, timeframe, openTime: T0 + slot * TIMEFRAME_MS[timeframe], open, high, low, close, volume };
  });

const batchesArbitrary = fc.array(
  fc.record({ candles: fc.array(klineArbitrary, { maxLength: 12 }), nowSlot: fc.integer({ min: 0, max: 45 }) }),
  { minLength: 1, maxLength: 6 },
);

function plain(klines: readonly Kline[]): unknown[] {
  return klines.map((kline) => ({
    ...kline,
    open: kline.open.toString(),
    high: kline.high.toString(),
    low: kline.low.toString(),
    close: kline.close.toString(),
    volume: kline.volume.toString(),
  }));
}

/**
 * The backtest's candles in memory answer what the `klines` table answers (decision 0031): the
 * same writes go to both, in the same order, and every read of the port and of the runner's
 * candle source is compared, including the float values the indicators read.
 */
describe('MemoryKlines against the klines table', () => {
  let database: Database;

  beforeAll(async () => {
    database = await freshPglite();
  });
  afterAll(async () => {
    await database.close();
  });

  it('answers every read as KlineRepository and StoreCandleSource do after the same writes', async () => {
    await fc.assert(
      fc.asyncProperty(
        batchesArbitrary,
        fc.integer({ min: 0, max: 45 }),
        fc.integer({ min: 0, max: 50 }),
        async (batches, cutSlot, limit) => {
          await database.drizzle.execute(sql`delete from klines`);
          const table = new KlineRepository(database.drizzle);
          const source = new StoreCandleSource(database.drizzle);
          const memory = new MemoryKlines();
          for (const { candles, nowSlot } of batches) {
            const now = T0 + nowSlot * TIMEFRAME_MS['1m'];
            expect(await memory.upsertClosed(candles, 'rest', now)).toEqual(
              await table.upsertClosed(candles, 'rest', now),
            );
          }
          for (const symbol of SYMBOLS) {
            for (const timeframe of TIMEFRAMES) {
              const step = TIMEFRAME_MS[timeframe];
              const cut = T0 + cutSlot * step;
              expect(await memory.count(symbol, timeframe)).toBe(await table.count(symbol, timeframe));
              expect(await memory.latestOpenTime(symbol, timeframe)).toBe(
                await table.latestOpenTime(symbol, timeframe),
              );
              expect(plain(await memory.lastClosed(symbol, timeframe, limit))).toEqual(
                plain(await table.lastClosed(symbol, timeframe, limit)),
              );
              expect(plain(await memory.lastClosed(symbol, timeframe, limit, { until: cut }))).toEqual(
                plain(await table.lastClosed(symbol, timeframe, limit, { until: cut })),
              );
              expect(plain(await memory.closedBetween(symbol, timeframe, T0 + step, cut, limit))).toEqual(
                plain(await table.closedBetween(symbol, timeframe, T0 + step, cut, limit)),
              );
              expect(await memory.findGaps(symbol, timeframe, T0, cut)).toEqual(
                await table.findGaps(symbol, timeframe, T0, cut),
              );
            }
          }
          expect(await memory.latestOpenTimes([...SYMBOLS], TIMEFRAMES)).toEqual(
            await table.latestOpenTimes([...SYMBOLS], TIMEFRAMES),
          );
          for (const timeframe of ['1m', '5m'] as const) {
            const lastClosedOpen = T0 + cutSlot * TIMEFRAME_MS[timeframe];
            const wants = [
              { symbol: 'BTCUSDT', after: undefined },
              { symbol: 'ETHUSDT', after: T0 + (cutSlot >> 1) * TIMEFRAME_MS[timeframe] },
            ];
            expect(await memory.closedCandles(timeframe, wants, lastClosedOpen, limit)).toEqual(
              await source.closedCandles(timeframe, wants, lastClosedOpen, limit),
            );
          }
        },
      ),
      { numRuns: 12 },
    );
    // About 30 statements a run on PGlite, on a shared machine.
  }, 180_000);
});

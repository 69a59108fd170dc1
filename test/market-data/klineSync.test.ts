import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TIMEFRAME_MS, type Timeframe } from '../../src/exchange/port/types.ts';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { createSimulatedVenue, type SimulatedVenue } from '../../src/simulator/adapter/createSimulatedVenue.ts';
import { createEngine } from '../../src/simulator/engine/index.ts';
import { createMarket } from '../../src/simulator/market/index.ts';
import { lastClosedOpenTime } from '../../src/trading-app/market-data/closedCandles.ts';
import { KlineRepository } from '../../src/trading-app/market-data/KlineRepository.ts';
import { KlineSync } from '../../src/trading-app/market-data/KlineSync.ts';
import { waitFor } from '../support/waitFor.ts';
import { pgliteTarget } from '../trading-app-store/support/databaseTargets.ts';
import { useMarketDataFixture } from './support/marketDataFixture.ts';

const SYMBOLS = ['BTCUSDT', 'ETHUSDT'];
const TIMEFRAMES: readonly Timeframe[] = ['4h', '1h', '15m', '5m', '1m'];
const MINUTE = 60_000;

describe('KlineSync against the in-process simulator', () => {
  const fixture = useMarketDataFixture(pgliteTarget());
  let clock: ManualClock;
  let venue: SimulatedVenue;
  let klines: KlineRepository;
  let sync: KlineSync;

  beforeEach(async () => {
    // 20 s into a minute, so that a candle is forming at the start.
    clock = new ManualClock(Date.UTC(2026, 0, 5, 10, 7, 20));
    const market = createMarket({ seed: 7, clock });
    const engine = createEngine({ market, clock });
    venue = createSimulatedVenue({ engine, market, clock, accountId: 'market-data' });
    klines = new KlineRepository(fixture.database.drizzle);
    sync = new KlineSync({ exchange: venue.exchange, klines, clock, stream: venue.marketStream, historyCandles: 300 });
    await venue.marketStream.start();
  });

  afterEach(async () => {
    await sync.stop();
    await venue.marketStream.stop();
  });

  const newestStored = async (symbol: string, timeframe: Timeframe) => klines.latestOpenTime(symbol, timeframe);
  const rowsOf = async (query: ReturnType<typeof sql>) =>
    ((await fixture.database.drizzle.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;

  it('fills the last 300 closed candles of every series at start, without the forming one', async () => {
    const report = await sync.watch(SYMBOLS, TIMEFRAMES);
    expect(report).toMatchObject({ series: 10, fetched: 10, written: 3_000, failed: [] });
    for (const symbol of SYMBOLS) {
      for (const timeframe of TIMEFRAMES) {
        expect(await klines.count(symbol, timeframe)).toBe(300);
        expect(await newestStored(symbol, timeframe)).toBe(lastClosedOpenTime(timeframe, clock.now()));
      }
    }
    // What is stored is what the venue serves.
    const stored = await klines.lastClosed('BTCUSDT', '15m', 300);
    const end = lastClosedOpenTime('15m', clock.now());
    expect(stored).toEqual(await venue.exchange.klines({ symbol: 'BTCUSDT', timeframe: '15m', end, limit: 300 }));
    // A second start finds nothing to fetch.
    expect(await new KlineSync({ exchange: venue.exchange, klines, clock }).watch(SYMBOLS, TIMEFRAMES)).toMatchObject({
      fetched: 0,
      written: 0,
    });
  });

  it('stores each candle the stream closes exactly once, in one write per boundary, never the forming one', async () => {
    await sync.watch(SYMBOLS, TIMEFRAMES);
    const before = await klines.count('BTCUSDT', '1m');
    const writes: number[] = [];
    const upsert = klines.upsertClosed.bind(klines);
    klines.upsertClosed = async (candles, source, now) => {
      writes.push(candles.length);
      return upsert(candles, source, now);
    };
    for (let minute = 0; minute < 13; minute += 1) {
      clock.advance(MINUTE);
      await sync.idle();
    }
    expect(await klines.count('BTCUSDT', '1m')).toBe(before + 13);
    expect(await klines.count('ETHUSDT', '5m')).toBe(303);
    expect(await klines.count('ETHUSDT', '15m')).toBe(301);
    // 13 boundaries; at each, both symbols' closes went in together (2, 4 or 6 candles).
    expect(writes).toHaveLength(13);
    expect(writes.every((count) => count >= 2)).toBe(true);
    const [row] = await rowsOf(sql`select count(*)::int as n from klines where source = 'stream'`);
    expect(row?.n).toBe(13 * 2 + 3 * 2 + 1 * 2);
    for (const timeframe of TIMEFRAMES) {
      expect(await newestStored('BTCUSDT', timeframe)).toBe(lastClosedOpenTime(timeframe, clock.now()));
    }
    // The venue's history, forming candle excluded, is what the stream stored.
    const end = lastClosedOpenTime('1m', clock.now());
    const served = await venue.exchange.klines({ symbol: 'BTCUSDT', timeframe: '1m', end, limit: 13 });
    expect(served).toHaveLength(13);
    expect(await klines.lastClosed('BTCUSDT', '1m', 13)).toEqual(served);
  });

  it('never stores a forming candle, even between boundaries', async () => {
    await sync.watch(SYMBOLS, ['1m']);
    clock.advance(30_000);
    await sync.idle();
    await sync.ensureFresh(SYMBOLS, ['1m'], clock.now());
    const [row] = await rowsOf(sql`select max(open_time) as newest from klines`);
    const newest = new Date(String(row?.newest instanceof Date ? row.newest.toISOString() : row?.newest)).getTime();
    expect(newest + TIMEFRAME_MS['1m']).toBeLessThanOrEqual(clock.now());
  });

  it('fills from REST the candles that closed while the stream was down', async () => {
    await sync.watch(SYMBOLS, TIMEFRAMES);
    await venue.marketStream.stop();
    clock.advance(20 * MINUTE);
    await sync.idle();
    expect(await newestStored('BTCUSDT', '1m')).toBeLessThan(lastClosedOpenTime('1m', clock.now()));
    await venue.marketStream.start();
    await sync.idle();
    for (const timeframe of TIMEFRAMES) {
      const to = lastClosedOpenTime(timeframe, clock.now());
      expect(await klines.findGaps('ETHUSDT', timeframe, to - 299 * TIMEFRAME_MS[timeframe], to)).toEqual([]);
    }
    clock.advance(MINUTE);
    await sync.idle();
    expect(await newestStored('ETHUSDT', '1m')).toBe(lastClosedOpenTime('1m', clock.now()));
  });

  it('ensureFresh catches up by REST the series that have no stream', async () => {
    const restOnly = new KlineSync({ exchange: venue.exchange, klines, clock });
    await restOnly.watch(['BTCUSDT'], ['1h', '1m']);
    clock.advance(3 * 60 * MINUTE);
    const report = await restOnly.ensureFresh(['BTCUSDT'], ['1h', '1m'], clock.now());
    expect(report).toMatchObject({ series: 2, fetched: 2, written: 3 + 180, failed: [] });
    expect(await restOnly.ensureFresh(['BTCUSDT'], ['1h', '1m'], clock.now())).toMatchObject({ fetched: 0 });
    expect(await newestStored('BTCUSDT', '1h')).toBe(lastClosedOpenTime('1h', clock.now()));
  });

  it('stops after the REST requests under way, without beginning the rest of the catch-up', async () => {
    const asked: string[] = [];
    let answer: (() => void) | undefined;
    const slow = new KlineSync({
      exchange: {
        klines: async (query) => {
          asked.push(`${query.symbol} ${query.timeframe}`);
          if (asked.length === 1) {
            await new Promise<void>((resolve) => {
              answer = resolve;
            });
          }
          return venue.exchange.klines(query);
        },
      },
      klines,
      clock,
      concurrency: 1,
    });
    const watching = slow.watch(SYMBOLS, TIMEFRAMES);
    await waitFor(() => answer !== undefined, 'the first REST request');
    const stopped = slow.stop();
    answer?.();
    await stopped;
    expect(asked).toEqual(['BTCUSDT 4h']);
    expect(await watching).toMatchObject({ series: 10, fetched: 1, failed: [] });
    expect(await klines.count('BTCUSDT', '4h')).toBe(300);
    expect(await klines.count('ETHUSDT', '1m')).toBe(0);
  });
});

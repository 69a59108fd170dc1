import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Contract } from '../../../src/exchange/port/types.ts';
import { Dec } from '../../../src/platform/decimal/index.ts';
import { ContractRepository } from '../../../src/trading-app/market-data/ContractRepository.ts';
import { KlineRepository } from '../../../src/trading-app/market-data/KlineRepository.ts';
import { candles, type MarketDataFixture } from './marketDataFixture.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 5, 0);

function contract(overrides: Partial<Contract> = {}): Contract {
  return {
    symbol: 'BTCUSDT',
    baseCurrency: 'BTC',
    quoteCurrency: 'USDT',
    contractSize: new Dec('0.001'),
    tickSize: new Dec('0.1'),
    sizeStep: new Dec('1'),
    minSize: new Dec('1'),
    maxSize: new Dec('500000'),
    maxMarketSize: new Dec('100000'),
    minLeverage: new Dec('1'),
    maxLeverage: new Dec('200'),
    status: 'trading',
    lastPrice: new Dec('98765.123456789012345678'),
    indexPrice: new Dec('98760.5'),
    volume24h: new Dec('1234567'),
    turnover24h: new Dec('123456789.987654321'),
    fundingRate: new Dec('-0.000125'),
    fundingIntervalHours: 8,
    nextFundingTime: T0 + 8 * HOUR,
    openTime: Date.UTC(2020, 6, 7),
    expireTime: undefined,
    delistTime: undefined,
    ...overrides,
  };
}

export function repositorySuite(fixture: MarketDataFixture): void {
  describe('ContractRepository', () => {
    it('round-trips every field exactly and rewrites a contract on the next sync', async () => {
      const repository = new ContractRepository(fixture.database.drizzle);
      expect(await repository.upsertMany([contract(), contract({ symbol: 'ETHUSDT', baseCurrency: 'ETH' })], T0)).toBe(
        2,
      );
      expect(await repository.get('BTCUSDT')).toEqual({ ...contract(), updatedAt: T0 });

      const delisting = contract({ lastPrice: new Dec('99000.01'), status: 'delisted', delistTime: T0 + HOUR });
      expect(await repository.upsertMany([delisting], T0 + HOUR)).toBe(1);
      expect(await repository.get('BTCUSDT')).toEqual({ ...delisting, updatedAt: T0 + HOUR });
      expect((await repository.listActive()).map((row) => row.symbol)).toEqual(['ETHUSDT']);
      expect((await repository.listAll()).map((row) => row.symbol)).toEqual(['BTCUSDT', 'ETHUSDT']);
      expect(await repository.get('XRPUSDT')).toBeUndefined();
    });
  });

  describe('KlineRepository', () => {
    it('stores closed candles once, exactly, however often they are upserted', async () => {
      const repository = new KlineRepository(fixture.database.drizzle);
      const series = candles('BTCUSDT', '1h', T0, 24);
      const now = T0 + 24 * HOUR;
      expect(await repository.upsertClosed(series, 'rest', now)).toEqual({ accepted: 24, refused: 0 });
      expect(await repository.upsertClosed([...series, ...series], 'stream', now)).toEqual({
        accepted: 24,
        refused: 0,
      });
      expect(await repository.count('BTCUSDT', '1h')).toBe(24);
      expect(await repository.lastClosed('BTCUSDT', '1h', 100)).toEqual(series);
      const [row] = (
        (await fixture.database.drizzle.execute(
          sql`select open::text, volume::text, source from klines order by open_time limit 1`,
        )) as unknown as { rows: Record<string, unknown>[] }
      ).rows;
      // Unchanged values are not rewritten: the REST row keeps its source.
      expect(row).toEqual({ open: '100.000000000001', volume: '12345.678901234567', source: 'rest' });
    });

    it('refuses the forming candle and updates a candle whose values changed', async () => {
      const repository = new KlineRepository(fixture.database.drizzle);
      const series = candles('BTCUSDT', '1h', T0, 3);
      // At T0 + 2h 30m the third candle is still forming.
      expect(await repository.upsertClosed(series, 'rest', T0 + 2.5 * HOUR)).toEqual({ accepted: 2, refused: 1 });
      expect(await repository.latestOpenTime('BTCUSDT', '1h')).toBe(T0 + HOUR);
      const first = series[0];
      if (first === undefined) throw new Error('no candle');
      const corrected = { ...first, close: new Dec('101.5') };
      await repository.upsertClosed([corrected], 'stream', T0 + 3 * HOUR);
      expect((await repository.lastClosed('BTCUSDT', '1h', 1, { until: T0 }))[0]?.close.toFixed()).toBe('101.5');
    });

    it('reads the last N closed candles ascending, per series', async () => {
      const repository = new KlineRepository(fixture.database.drizzle);
      await repository.upsertClosed(
        [...candles('BTCUSDT', '1h', T0, 10), ...candles('BTCUSDT', '4h', T0, 10), ...candles('ETHUSDT', '1h', T0, 5)],
        'rest',
        T0 + 100 * HOUR,
      );
      const last3 = await repository.lastClosed('BTCUSDT', '1h', 3);
      expect(last3.map((kline) => kline.openTime)).toEqual([7, 8, 9].map((i) => T0 + i * HOUR));
      expect(
        (await repository.lastClosed('BTCUSDT', '1h', 2, { until: T0 + 4 * HOUR })).map((k) => k.openTime),
      ).toEqual([T0 + 3 * HOUR, T0 + 4 * HOUR]);
      const latest = await repository.latestOpenTimes(['BTCUSDT', 'ETHUSDT', 'XRPUSDT'], ['1h', '4h']);
      expect(Object.fromEntries(latest)).toEqual({
        'BTCUSDT:1h': T0 + 9 * HOUR,
        'BTCUSDT:4h': T0 + 36 * HOUR,
        'ETHUSDT:1h': T0 + 4 * HOUR,
      });
    });

    it('reads a range of one series ascending, [from, to) and at most the limit (a backtest pages through a year)', async () => {
      const repository = new KlineRepository(fixture.database.drizzle);
      await repository.upsertClosed(
        [...candles('BTCUSDT', '1h', T0, 10), ...candles('BTCUSDT', '4h', T0, 3)],
        'import',
        T0 + 100 * HOUR,
      );
      const page = await repository.closedBetween('BTCUSDT', '1h', T0 + 2 * HOUR, T0 + 8 * HOUR, 4);
      expect(page.map((kline) => kline.openTime)).toEqual([2, 3, 4, 5].map((i) => T0 + i * HOUR));
      expect(page[0]?.close.toFixed()).toBe('102.250000000001');
      const rest = await repository.closedBetween('BTCUSDT', '1h', T0 + 6 * HOUR, T0 + 8 * HOUR, 4);
      expect(rest.map((kline) => kline.openTime)).toEqual([6, 7].map((i) => T0 + i * HOUR));
    });

    it('finds leading, inner and trailing gaps of a series', async () => {
      const repository = new KlineRepository(fixture.database.drizzle);
      const series = candles('BTCUSDT', '1h', T0, 10).filter((_, index) => ![0, 1, 4, 5, 6, 9].includes(index));
      await repository.upsertClosed(series, 'rest', T0 + 100 * HOUR);
      expect(await repository.findGaps('BTCUSDT', '1h', T0, T0 + 9 * HOUR)).toEqual([
        { from: T0, to: T0 + HOUR },
        { from: T0 + 4 * HOUR, to: T0 + 6 * HOUR },
        { from: T0 + 9 * HOUR, to: T0 + 9 * HOUR },
      ]);
      expect(await repository.findGaps('BTCUSDT', '1h', T0 + 2 * HOUR, T0 + 3 * HOUR)).toEqual([]);
      expect(await repository.findGaps('ETHUSDT', '1h', T0, T0 + HOUR)).toEqual([{ from: T0, to: T0 + HOUR }]);
    });

    it('writes a sync-sized batch in chunks', async () => {
      const repository = new KlineRepository(fixture.database.drizzle);
      const batch = Array.from({ length: 40 }, (_, index) => candles(`S${index}USDT`, '1m', T0, 300)).flat();
      expect(await repository.upsertClosed(batch, 'rest', T0 + 1_000 * HOUR)).toEqual({ accepted: 12_000, refused: 0 });
      expect(await repository.count('S39USDT', '1m')).toBe(300);
    });
  });
}

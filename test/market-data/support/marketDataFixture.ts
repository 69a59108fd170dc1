import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type Kline, TIMEFRAME_MS, type Timeframe } from '../../../src/exchange/port/types.ts';
import { Dec } from '../../../src/platform/decimal/index.ts';
import type { Database } from '../../../src/trading-app/store/index.ts';
import type { DatabaseTarget } from '../../trading-app-store/support/databaseTargets.ts';
import { OPEN_TIMEOUT_MS } from '../../trading-app-store/support/storeFixture.ts';

export interface MarketDataFixture {
  readonly database: Database;
}

/** One migrated database per test file, with `contracts` and `klines` emptied before each test. */
export function useMarketDataFixture(target: DatabaseTarget): MarketDataFixture {
  let database: Database | undefined;
  beforeAll(async () => {
    database = await target.open();
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await database?.close();
    await target.dispose();
  });
  beforeEach(async () => {
    await database?.drizzle.execute(sql.raw('truncate contracts, klines'));
  });
  return {
    get database(): Database {
      if (database === undefined) throw new Error('the database is not open yet');
      return database;
    },
  };
}

/** `count` consecutive candles of a series from `firstOpenTime`, with distinct exact prices. */
export function candles(symbol: string, timeframe: Timeframe, firstOpenTime: number, count: number): Kline[] {
  return Array.from({ length: count }, (_, index) => {
    const base = new Dec('100.000000000001').add(index);
    return {
      symbol,
      timeframe,
      openTime: firstOpenTime + index * TIMEFRAME_MS[timeframe],
      open: base,
      high: base.add('0.5'),
      low: base.sub('0.5'),
      close: base.add('0.25'),
      volume: new Dec('12345.678901234567'),
    };
  });
}

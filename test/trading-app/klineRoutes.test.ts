import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { createSimulatedVenue } from '../../src/simulator/adapter/createSimulatedVenue.ts';
import { createEngine } from '../../src/simulator/engine/index.ts';
import { createMarket } from '../../src/simulator/market/index.ts';
import { buildTradingAppServer } from '../../src/trading-app/api/buildTradingAppServer.ts';
import { createMarketData, type MarketData } from '../../src/trading-app/market-data/createMarketData.ts';
import { TradingAppMetrics } from '../../src/trading-app/metrics/TradingAppMetrics.ts';
import { createTradingAppStore, type Database, openDatabase } from '../../src/trading-app/store/index.ts';
import { candles } from '../market-data/support/marketDataFixture.ts';
import { TEST_SECRET } from './support/signing.ts';

const T0 = Date.UTC(2025, 10, 7, 0, 0, 0);
let database: Database;
let marketData: MarketData;
let app: FastifyInstance;

beforeAll(async () => {
  const clock = new ManualClock(T0 + 86_400_000);
  const logger = silentLogger();
  database = await openDatabase({ dataDir: 'memory://' });
  const market = createMarket({ seed: 3, clock });
  const venue = createSimulatedVenue({ engine: createEngine({ market, clock }), market, clock, accountId: 'k' });
  marketData = createMarketData({ database, exchange: venue.exchange, clock });
  await marketData.klines.upsertClosed(candles('BTCUSDT', '1h', T0, 5), 'rest', clock.now());
  app = buildTradingAppServer({
    store: createTradingAppStore(database, {
      clock,
      logger,
      alertPolicy: { minAvailable: '1', maxFrozenPercent: '80' },
    }),
    clock,
    logger,
    metrics: new TradingAppMetrics(),
    sharedSecret: TEST_SECRET,
    marketData,
  });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await database.close();
});

describe('GET /api/klines', () => {
  it('answers the last stored candles of a series, oldest first, with exact decimals', async () => {
    const response = await app.inject({ url: '/api/klines?symbol=btcusdt&timeframe=1h&limit=2' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ok',
      symbol: 'BTCUSDT',
      timeframe: '1h',
      count: 2,
      data: [
        {
          open_time: new Date(T0 + 3 * 3_600_000).toISOString(),
          open: '103.000000000001',
          high: '103.500000000001',
          low: '102.500000000001',
          close: '103.250000000001',
          volume: '12345.678901234567',
        },
        expect.objectContaining({ open_time: new Date(T0 + 4 * 3_600_000).toISOString() }),
      ],
    });
  });

  it('stops at `until` (inclusive)', async () => {
    const until = new Date(T0 + 3_600_000).toISOString();
    const response = await app.inject({ url: `/api/klines?symbol=BTCUSDT&timeframe=1h&until=${until}` });
    expect(response.json<{ data: { open_time: string }[] }>().data.map((row) => row.open_time)).toEqual([
      new Date(T0).toISOString(),
      until,
    ]);
  });

  it.each([
    ['timeframe', '/api/klines?symbol=BTCUSDT&timeframe=2m'],
    ['symbol', '/api/klines?timeframe=1h'],
    ['limit', '/api/klines?symbol=BTCUSDT&timeframe=1h&limit=0'],
    ['color', '/api/klines?symbol=BTCUSDT&timeframe=1h&color=red'],
  ])('refuses a bad %s with a 400 naming it', async (field, url) => {
    const response = await app.inject({ url });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ message: string }>().message).toContain(field);
  });
});

import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarketDataRest } from '../../src/exchange/port/FuturesExchange.ts';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { createSimulatedVenue } from '../../src/simulator/adapter/createSimulatedVenue.ts';
import { createEngine } from '../../src/simulator/engine/index.ts';
import { createMarket } from '../../src/simulator/market/index.ts';
import { buildTradingAppServer } from '../../src/trading-app/api/buildTradingAppServer.ts';
import { createMarketData, type MarketData } from '../../src/trading-app/market-data/createMarketData.ts';
import { TradingAppMetrics } from '../../src/trading-app/metrics/TradingAppMetrics.ts';
import { createTradingAppStore, type Database } from '../../src/trading-app/store/index.ts';
import { freshPglite } from '../support/freshPglite.ts';

const logger = pino({ level: 'silent' });

describe('GET|POST /api/mtf/sync-contracts', () => {
  const clock = new ManualClock(Date.UTC(2026, 0, 5, 9));
  let database: Database;
  let marketData: MarketData;
  let app: FastifyInstance;
  let failing: FastifyInstance;

  beforeAll(async () => {
    database = await freshPglite();
    const market = createMarket({ seed: 3, clock });
    const venue = createSimulatedVenue({ engine: createEngine({ market, clock }), market, clock, accountId: 'routes' });
    marketData = createMarketData({ database, exchange: venue.exchange, clock });
    const common = {
      store: createTradingAppStore(database, {
        clock,
        logger,
        alertPolicy: { minAvailable: undefined, maxFrozenPercent: '80' },
      }),
      clock,
      logger,
      metrics: new TradingAppMetrics(),
      sharedSecret: 'a-test-secret-of-enough-length',
    };
    app = buildTradingAppServer({ ...common, exchange: venue.exchange, marketData });
    const down: Pick<MarketDataRest, 'contracts' | 'klines'> = {
      contracts: async () => {
        throw new Error('connect ECONNREFUSED 10.0.0.1:443');
      },
      klines: async () => [],
    };
    failing = buildTradingAppServer({ ...common, marketData: createMarketData({ database, exchange: down, clock }) });
  }, 60_000);

  afterAll(async () => {
    await app.close();
    await failing.close();
    await database.close();
  });

  it('stores every contract of the venue and answers in the original shape', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/mtf/sync-contracts' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toEqual({
      status: 'success',
      message: 'Contract synchronization completed',
      data: {
        upserted: body.data.total_fetched,
        total_fetched: expect.any(Number),
        symbols_requested: 'all',
        timestamp: '2026-01-05T09:00:00.000Z',
      },
      errors: [],
    });
    expect(body.data.total_fetched).toBeGreaterThan(2);
    expect((await marketData.contracts.listActive()).length).toBe(body.data.total_fetched);
    const btc = await marketData.contracts.get('BTCUSDT');
    expect(btc?.turnover24h.gt(0)).toBe(true);
    expect(btc?.openTime).toBeTypeOf('number');
  });

  it('takes symbols as a CSV query and reports unknown ones as a partial success', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/mtf/sync-contracts?symbols=btcusdt,NOPEUSDT' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'partial_success',
      data: { upserted: 1, symbols_requested: ['BTCUSDT', 'NOPEUSDT'] },
      errors: ['NOPEUSDT: not listed by the venue'],
    });
  });

  it('takes symbols as a JSON array, and refuses malformed ones', async () => {
    const ok = await app.inject({
      method: 'POST',
      url: '/api/mtf/sync-contracts',
      headers: { 'content-type': 'application/json' },
      payload: { symbols: ['ETHUSDT', 'BTCUSDT'] },
    });
    expect(ok.json()).toMatchObject({
      status: 'success',
      data: { upserted: 2, symbols_requested: ['ETHUSDT', 'BTCUSDT'] },
    });
    const bad = await app.inject({
      method: 'POST',
      url: '/api/mtf/sync-contracts',
      headers: { 'content-type': 'application/json' },
      payload: { symbols: ['BTC-USDT'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ status: 'error', code: 'invalid_parameter' });
  });

  it("takes the original scheduler's daily body and syncs every contract, as the original did", async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/mtf/sync-contracts',
      payload: { workers: 5, dry_run: true, force_run: false, force_timeframe_check: false },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'success', data: { symbols_requested: 'all' } });
    const wrongType = await app.inject({
      method: 'POST',
      url: '/api/mtf/sync-contracts',
      payload: { workers: 'five' },
    });
    expect([wrongType.statusCode, wrongType.json().message]).toEqual([
      400,
      'workers: Invalid input: expected number, received NaN',
    ]);
  });

  it('answers 502 without internals when the venue is down', async () => {
    const response = await failing.inject({ method: 'POST', url: '/api/mtf/sync-contracts' });
    expect(response.statusCode).toBe(502);
    expect(response.json()).toEqual({ status: 'error', code: 'exchange_unavailable' });
  });
});

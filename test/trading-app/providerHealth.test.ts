import { createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBitmartExchange } from '../../src/exchange/bitmart/createBitmartExchange.ts';
import { createBitmartStreams } from '../../src/exchange/bitmart/streams/createBitmartStreams.ts';
import type { MarketStream } from '../../src/exchange/port/index.ts';
import { SystemClock } from '../../src/platform/clock/index.ts';
import { loadBitmartConfig } from '../../src/platform/config/bitmartConfig.ts';
import { loadTradingAppConfig } from '../../src/platform/config/tradingAppConfig.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import type { TradingAppApiDependencies } from '../../src/trading-app/api/apiDependencies.ts';
import { buildTradingAppServer } from '../../src/trading-app/api/buildTradingAppServer.ts';
import type { ProviderHealthReport } from '../../src/trading-app/health/providerHealth.ts';
import { startTradingApp, type TradingApp } from '../../src/trading-app/main.ts';
import { TradingAppMetrics } from '../../src/trading-app/metrics/TradingAppMetrics.ts';
import { migratedPglite } from '../support/freshPglite.ts';
import { startTestSimulator } from '../support/testSimulator.ts';
import { waitFor } from '../support/waitFor.ts';
import { InMemoryTradingAppStore } from './support/InMemoryTradingAppStore.ts';
import { TEST_SECRET } from './support/signing.ts';

// GET /provider/health (docs/reference/seed-contracts.md#provider-health) over HTTP, against the simulator: through the
// app's composition root (exchange and rate limits), cut off from it, and with a kline stream as `up` runs one.
let sim: Awaited<ReturnType<typeof startTestSimulator>>;
let app: TradingApp;

/** A loopback port nothing listens on: an exchange there refuses every connection. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const appConfig = () =>
  loadTradingAppConfig({ APP_ADDR: '127.0.0.1:0', WS_WORKER_SHARED_SECRET: TEST_SECRET, DATA_DIR: 'memory://' });
const simulatorBitmart = () =>
  loadBitmartConfig({
    BITMART_BASE_URL: sim.restUrl,
    BITMART_PUBLIC_WS_URI: sim.publicWsUrl,
    BITMART_PRIVATE_WS_URI: sim.privateWsUrl,
  });

beforeAll(async () => {
  sim = await startTestSimulator();
  app = await startTradingApp(appConfig(), {
    logger: silentLogger(),
    bitmart: simulatorBitmart(),
    initialDataDir: await migratedPglite(),
  });
}, 60_000);
afterAll(async () => {
  await app?.stop();
  await sim?.simulator.stop();
});

/** The app's HTTP API alone (no database), over `exchange` and the health sources given. */
function apiOver(parts: Pick<TradingAppApiDependencies, 'exchange' | 'providerHealth'>): FastifyInstance {
  return buildTradingAppServer({
    store: new InMemoryTradingAppStore(),
    clock: new SystemClock(),
    logger: silentLogger(),
    metrics: new TradingAppMetrics(),
    sharedSecret: TEST_SECRET,
    ...parts,
  });
}

async function health(url: string): Promise<{ status: number; body: ProviderHealthReport }> {
  const response = await fetch(`${url}/provider/health`);
  return { status: response.status, body: (await response.json()) as ProviderHealthReport };
}

describe('GET /provider/health', () => {
  it('reports the exchange reachable, the clock offset and the rate-limit headroom', async () => {
    const { status, body } = await health(app.url);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ok',
      venue: 'bitmart',
      exchange: { reachable: true, latency_ms: expect.any(Number), error: null },
      clock: { offset_ms: expect.any(Number), server_time: expect.any(String) },
      websocket: null,
    });
    // The simulator runs on this machine's clock: the offset is the round trip's error at most.
    expect(Math.abs(body.clock.offset_ms ?? Number.NaN)).toBeLessThan(1_000);
    expect(body.rate_limits?.lowest_headroom).toBeGreaterThan(0);
    expect(body.rate_limits?.endpoints).toContainEqual({
      endpoint: '/system/time',
      scope: 'ip',
      used: 1,
      limit: 10,
      blocked_for_ms: 0,
    });
  });

  it('answers 503 with the same report when the exchange cannot be reached', async () => {
    const config = loadBitmartConfig({ BITMART_BASE_URL: `http://127.0.0.1:${await closedPort()}` });
    const exchange = createBitmartExchange({ config, clock: new SystemClock() });
    const cutOff = apiOver({ exchange, providerHealth: { rateLimits: () => exchange.rateLimitUsage() } });
    const response = await cutOff.inject({ method: 'GET', url: '/provider/health' });
    await cutOff.close();
    await exchange.stop();
    const [status, body] = [response.statusCode, response.json() as ProviderHealthReport];
    expect(status).toBe(503);
    expect(body).toMatchObject({
      status: 'unavailable',
      venue: 'bitmart',
      exchange: { reachable: false, latency_ms: null, error: expect.any(String) },
      clock: { offset_ms: null, server_time: null },
      websocket: null,
      rate_limits: { lowest_headroom: expect.any(Number) },
    });
    expect(Object.keys(body).sort()).toEqual(Object.keys((await health(app.url)).body).sort());
  });

  it('reports the kline stream: its topics, and those without a message yet', async () => {
    const clock = new SystemClock();
    const exchange = createBitmartExchange({ config: simulatorBitmart(), clock });
    const stream: MarketStream = createBitmartStreams({
      config: simulatorBitmart(),
      clock,
      klineSource: (query) => exchange.klines(query),
    }).market;
    const server = apiOver({ exchange, providerHealth: { stream } });
    try {
      await stream.start();
      stream.subscribeKlines('BTCUSDT', ['1m', '5m']);
      const read = async () => (await server.inject({ method: 'GET', url: '/provider/health' })).json();
      await waitFor(async () => (await read()).websocket.subscribed === 2, 'both kline topics subscribed');
      expect((await read()).websocket).toMatchObject({ topics: 2, subscribed: 2, reconnects: 0 });
    } finally {
      await server.close();
      await stream.stop();
      await exchange.stop();
    }
  });
});

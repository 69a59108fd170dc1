import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBitmartExchange } from '../../src/exchange/bitmart/createBitmartExchange.ts';
import { SystemClock } from '../../src/platform/clock/index.ts';
import { loadWsWorkerConfig, type WsWorkerConfig } from '../../src/platform/config/wsWorkerConfig.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import type { WorkerStatus } from '../../src/ws-worker/control-api/statusView.ts';
import { startWsWorker, type WsWorker } from '../../src/ws-worker/main.ts';
import { type RealTradingApp, startRealTradingApp } from '../support/realTradingApp.ts';
import { startTestSimulator } from '../support/testSimulator.ts';
import { waitFor } from '../support/waitFor.ts';

const SECRET = 'test-shared-secret-0123456789';

let sim: Awaited<ReturnType<typeof startTestSimulator>>;
let app: RealTradingApp;
let dataDirectory: string;
let config: WsWorkerConfig;
let worker: WsWorker;

async function call(method: 'GET' | 'POST', path: string, body?: string): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${worker.controlUrl}${path}`, {
    method,
    ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }),
  });
  const text = await response.text();
  return {
    status: response.status,
    json: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
  };
}

const status = async () => (await call('GET', '/status')).json as WorkerStatus;
/** What a refused request must leave untouched. */
const stableView = (s: WorkerStatus) => ({
  kline_channels: s.kline_channels,
  order_subscribed: s.order_subscribed,
  position_subscribed: s.position_subscribed,
  balance_subscribed: s.balance_subscribed,
  pending_orders: s.pending_orders,
  topics: s.health.map((topic) => `${topic.topic}:${topic.subscribed}`).sort(),
});
const setPrice = (symbol: string, price: string) =>
  fetch(`${sim.restUrl}/sim/price`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ symbol, price }),
  });

beforeAll(async () => {
  sim = await startTestSimulator();
  app = await startRealTradingApp({ sharedSecret: SECRET });
  dataDirectory = await mkdtemp(join(tmpdir(), 'ws-worker-'));
  config = loadWsWorkerConfig({
    ...sim.bitmartEnv,
    CTRL_ADDR: '127.0.0.1:0',
    TRADING_APP_BASE_URI: app.url,
    TRADING_APP_SHARED_SECRET: SECRET,
    WORKER_DATA_DIR: dataDirectory,
    TRADING_APP_SIGNAL_FAILURE_LOG: join(dataDirectory, 'order-failures.log'),
    TRADING_APP_BALANCE_FAILURE_LOG: join(dataDirectory, 'balance-failures.log'),
    TRADING_APP_CALLBACK_FAILURE_LOG: join(dataDirectory, 'callback-failures.log'),
    ORDERS_CONFIG: join(dataDirectory, 'orders.yaml'),
  });
  worker = await startWsWorker(config);
});

afterAll(async () => {
  await worker?.stop();
  await app?.close();
  await sim?.simulator.stop();
  await rm(dataDirectory, { recursive: true, force: true });
});

describe('ws-worker over loopback against the simulator', () => {
  it('starts logged in, subscribed to the private channels, with the balance reconciled from REST', async () => {
    const s = await status();
    expect(s).toMatchObject({
      is_running: true,
      // Nothing to hold on the public stream yet: it connects on the first subscription (BitMart
      // closes a public connection that subscribes to nothing).
      public_ws_connected: false,
      private_ws_connected: true,
      authenticated: true,
      kline_channels: [],
      order_subscribed: true,
      position_subscribed: true,
      balance_subscribed: true,
      positions: {},
      signals_enabled: true,
      outbox: { failed: 0, authFailures: 0 },
      role: 'active',
      lease: null,
      // Nothing to watch yet: no entry zone, no position.
      price_evaluations: { count: 0, first_at: null, last_at: null },
    });
    expect(s.active_since).toEqual(expect.any(Number));
    expect(s.balance).toMatchObject({ currency: 'USDT', available_balance: '10000' });
    expect(s.health.map((topic) => topic.topic)).toEqual(
      expect.arrayContaining(['futures/order', 'futures/position', 'futures/asset:USDT']),
    );
  });

  it('lists every route in /help, /subscribe and /unsubscribe included', async () => {
    const { json } = await call('GET', '/help');
    const help = json as {
      endpoints: Record<string, string>;
      supported_timeframes: string[];
      example_requests: string[];
    };
    expect(Object.keys(help.endpoints)).toEqual(
      expect.arrayContaining([
        'POST /subscribe',
        'POST /unsubscribe',
        'POST /klines/subscribe',
        'POST /api/place-order',
      ]),
    );
    expect(help.supported_timeframes).toEqual(['1m', '5m', '15m', '30m', '1h', '2h', '4h', '1d', '1w']);
    expect(help.example_requests[0]).toContain(worker.controlUrl);
  });

  it('streams klines after /klines/subscribe and stops updating after /klines/unsubscribe', async () => {
    const subscribed = await call('POST', '/klines/subscribe', '{"symbol":"BTCUSDT","tfs":["1m","5m"]}');
    expect(subscribed).toEqual({
      status: 200,
      json: { ok: true, message: 'Subscribed to klines for BTCUSDT with timeframes: 1m, 5m' },
    });
    expect((await status()).kline_channels).toEqual(['futures/klineBin1m:BTCUSDT', 'futures/klineBin5m:BTCUSDT']);
    await waitFor(
      () => worker.status().health.some((t) => t.topic === 'futures/klineBin1m:BTCUSDT' && t.subscribed),
      'ack',
    );
    await setPrice('BTCUSDT', '96123.4');
    await waitFor(() => worker.status().last_prices.BTCUSDT?.price === '96123.4', 'BTCUSDT kline price');
    const kline = (await status()).health.find((topic) => topic.topic === 'futures/klineBin1m:BTCUSDT');
    expect(kline?.last_message_age_ms).not.toBeNull();

    const legacy = await call('POST', '/subscribe', '{"symbol":"ETHUSDT","tfs":"1m"}');
    expect(legacy.json).toEqual({ ok: true, message: 'Subscribed to klines for ETHUSDT with timeframes: 1m' });
    const unsubscribed = await call('POST', '/klines/unsubscribe', '{"symbol":"BTCUSDT","tfs":["1m","5m"]}');
    expect(unsubscribed.json).toEqual({
      ok: true,
      message: 'Unsubscribed from klines for BTCUSDT with timeframes: 1m, 5m',
    });
    expect((await status()).kline_channels).toEqual(['futures/klineBin1m:ETHUSDT']);
    await waitFor(
      () => worker.status().health.some((t) => t.topic === 'futures/klineBin1m:ETHUSDT' && t.subscribed),
      'ack',
    );
    // ETHUSDT is the control: once its move is seen, BTCUSDT's would have been seen too.
    await setPrice('BTCUSDT', '97000');
    await setPrice('ETHUSDT', '3456.7');
    await waitFor(() => worker.status().last_prices.ETHUSDT?.price === '3456.7', 'ETHUSDT kline price');
    // The simulator's own ticks may move BTCUSDT before the unsubscribe lands; the move made after it must not arrive.
    expect(worker.status().last_prices.BTCUSDT?.price).not.toBe('97000');
    expect((await call('POST', '/unsubscribe', '{"symbol":"ETHUSDT","tfs":"1m"}')).status).toBe(200);
  });

  it.each([
    ['not JSON', '/klines/subscribe', '{"symbol":', 'request body is not JSON'],
    ['an unknown timeframe', '/klines/subscribe', '{"symbol":"BTCUSDT","tfs":["1m","3m"]}', 'unknown timeframe "3m"'],
    ['an unknown symbol', '/klines/subscribe', '{"symbol":"NOPEUSDT","tfs":["1m"]}', 'unknown symbol "NOPEUSDT"'],
    ['no symbol', '/subscribe', '{"tfs":["1m"]}', 'Missing symbol or tfs parameter'],
    ['no tfs', '/klines/unsubscribe', '{"symbol":"BTCUSDT"}', 'Missing symbol or tfs parameter'],
    ['empty tfs', '/klines/subscribe', '{"symbol":"BTCUSDT","tfs":[]}', 'Missing symbol or tfs parameter'],
    ['an unknown field', '/klines/subscribe', '{"symbol":"BTCUSDT","tfs":"1m","tf":"5m"}', 'unknown field: tf'],
    ['a list body', '/klines/subscribe', '["BTCUSDT"]', 'expected a JSON object'],
    [
      'a place-order without quantity',
      '/api/place-order',
      '{"id":"a1","symbol":"BTCUSDT","side":"long","entry_zone_min":1,"entry_zone_max":2}',
      'Missing required field: quantity',
    ],
    [
      'a place-order with a bad side',
      '/api/place-order',
      '{"id":"a1","symbol":"BTCUSDT","side":"up","entry_zone_min":1,"entry_zone_max":2,"quantity":1}',
      'side',
    ],
    ['bad JSON to a private channel', '/orders/unsubscribe', '{', 'request body is not JSON'],
  ])('refuses %s with 400 naming it, and changes nothing', async (_what, path, body, error) => {
    const before = stableView(await status());
    const answer = await call('POST', path, body);
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ ok: false });
    expect((answer.json as { error: string }).error).toContain(error);
    expect(stableView(await status())).toEqual(before);
  });

  it('answers 404 Not Found to an unknown path and to a wrong method', async () => {
    expect(await call('GET', '/nope')).toEqual({ status: 404, json: 'Not Found' });
    expect(await call('GET', '/stop')).toEqual({ status: 404, json: 'Not Found' });
    expect(await call('POST', '/status')).toEqual({ status: 404, json: 'Not Found' });
    expect((await status()).is_running).toBe(true);
  });

  it('toggles the private channels with the original answers', async () => {
    for (const noun of ['orders', 'positions', 'balance']) {
      expect((await call('POST', `/${noun}/unsubscribe`)).json).toEqual({
        ok: true,
        message: `Unsubscribed from ${noun}`,
      });
      expect((await call('POST', `/${noun}/subscribe`)).json).toEqual({ ok: true, message: `Subscribed to ${noun}` });
    }
    const s = await status();
    expect([s.order_subscribed, s.position_subscribed, s.balance_subscribed]).toEqual([true, true, true]);
  });

  it('sends a signed order signal for every order event and a balance signal when the balance moves', async () => {
    const exchange = createBitmartExchange({ config: config.bitmart, clock: new SystemClock() });
    await waitFor(() => worker.status().health.every((t) => t.subscribed), 'private channels acknowledged');
    await exchange.submitOrder({
      symbol: 'BTCUSDT',
      clientOrderId: 'WSTEST1',
      side: 'open_long',
      type: 'limit',
      size: new Dec(1),
      price: new Dec(80000),
      leverage: new Dec(10),
    });
    await exchange.cancelOrder({ symbol: 'BTCUSDT', clientOrderId: 'WSTEST1' });
    // The app's state, not a count of deliveries: balance heartbeats are deliveries too.
    await waitFor(async () => (await app.api.order('WSTEST1'))?.status === 'CANCELLED', 'the cancel stored by the app');
    const order = await app.api.order('WSTEST1');
    expect(order?.lifecycle.map((event) => event.status)).toEqual(expect.arrayContaining(['SUBMITTED', 'CANCELLED']));
    expect(order).toMatchObject({ status: 'CANCELLED', kind: 'ENTRY', symbol: 'BTCUSDT' });
    const balances = await app.stored('balance');
    expect(balances.length).toBeGreaterThan(0);
    expect(balances[0]?.payload).toMatchObject({ asset: 'USDT', payload_version: '1.0' });
    expect(await app.api.metric('trading_app_signature_failures_total')).toBe(0);
    await waitFor(() => worker.status().outbox.depth === 0, 'the outbox drained');
    await exchange.stop();
  });

  it('queues a place-order (202), refuses its duplicate (409) and lists it in /api/orders/status', async () => {
    const body = JSON.stringify({
      id: 'ZONE1',
      symbol: 'BTCUSDT',
      side: 'long',
      entry_zone_min: 50000,
      entry_zone_max: 50100,
      quantity: 1,
      stop_loss: 49000,
      timeout_seconds: 300,
    });
    expect(await call('POST', '/api/place-order', body)).toEqual({
      status: 202,
      json: { ok: true, message: 'Order added to queue', order_id: 'ZONE1' },
    });
    const duplicate = await call('POST', '/api/place-order', body);
    expect(duplicate.status).toBe(409);
    expect(duplicate.json).toMatchObject({ ok: false });
    const orders = (await call('GET', '/api/orders/status')).json as { pending_orders: number; orders: object };
    expect(orders.pending_orders).toBe(1);
    expect(orders.orders).toHaveProperty('ZONE1');
    expect((await status()).pending_orders).toBe(1);
  });

  it('counts in /status the price events its execution evaluates, with the first and the last time', async () => {
    // ZONE1 (above) watches BTCUSDT: its price, read over REST at admission, was the first evaluation.
    await waitFor(async () => (await status()).price_evaluations.count > 0, 'the first price evaluation');
    const first = (await status()).price_evaluations;
    expect(first.first_at).toBeGreaterThanOrEqual((await status()).active_since ?? Number.POSITIVE_INFINITY);
    const pushedAfter = Date.now();
    await setPrice('BTCUSDT', '97001.5');
    await waitFor(
      async () => (await status()).price_evaluations.count > first.count,
      'the pushed price to be evaluated',
    );
    const later = (await status()).price_evaluations;
    expect(later.first_at).toBe(first.first_at);
    expect(later.last_at).toBeGreaterThanOrEqual(pushedAfter);
  });

  it('refuses a second worker on the same WORKER_DATA_DIR, naming the directory and the holder, and keeps the first running', async () => {
    const refused = await startWsWorker({ ...config, control: { ...config.control, port: 0 } }).catch(
      (error: unknown) => error,
    );
    expect((refused as Error).message).toContain(`${dataDirectory} is in use by another process: pid ${process.pid}`);
    expect((refused as Error).message).toContain('(ws-worker)');
    expect((await status()).is_running).toBe(true);
  });

  it('refuses what a web page could send (foreign Origin, text/plain, a cross-site /stop) and keeps running', async () => {
    // What these requests could change: the orders waiting for a zone and the subscriptions. The
    // orders' own fields (in flight, fallback) move with the market, so their ids are compared.
    const orderIds = async () =>
      Object.keys(((await call('GET', '/api/orders/status')).json as { orders: object }).orders).sort();
    const before = [stableView(await status()), await orderIds()];
    const order = '{"id":"EVIL1","symbol":"BTCUSDT","side":"long","entry_zone_min":1,"entry_zone_max":2,"quantity":1}';
    const sent = [
      await fetch(`${worker.controlUrl}/api/place-order`, {
        method: 'POST',
        headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
        body: order,
      }),
      await fetch(`${worker.controlUrl}/api/place-order`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: order,
      }),
      await fetch(`${worker.controlUrl}/stop`, { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' } }),
    ];
    expect(sent.map((answer) => answer.status)).toEqual([403, 415, 403]);
    expect([stableView(await status()), await orderIds()]).toEqual(before);
    expect(before[1]).not.toContain('EVIL1');
    expect(worker.status().is_running).toBe(true);
  });

  it('stops for real on POST /stop: answers, then closes everything', async () => {
    expect(await call('POST', '/stop')).toEqual({ status: 200, json: { ok: true, message: 'Worker stopped' } });
    await worker.stopped;
    expect(worker.status().is_running).toBe(false);
    await expect(fetch(`${worker.controlUrl}/status`)).rejects.toThrow();
  });
});

import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlaceOrderRequest } from '../../src/contracts/api/placeOrder.ts';
import { ManualClock } from '../../src/platform/clock/index.ts';
import {
  FatalExchangeError,
  InvalidRequestError,
  RetryableError,
  UnknownOutcomeError,
} from '../../src/platform/errors/exchangeErrors.ts';
import { WsWorkerClient } from '../../src/trading-app/ws-worker-client/WsWorkerClient.ts';

/** A stand-in for the worker's control API: records requests, answers what the test says. */
interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}
type Answer = (request: Received, response: ServerResponse) => void;

let server: Server;
let baseUrl: string;
let answer: Answer;
let received: Received[] = [];
let connections = 0;
const clock = new ManualClock();
const clients: WsWorkerClient[] = [];

beforeAll(async () => {
  server = createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += String(chunk);
    const entry = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body };
    received.push(entry);
    answer(entry, response);
  });
  server.on('connection', () => {
    connections += 1;
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  received = [];
  await Promise.all(clients.splice(0).map((client) => client.close()));
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
});

function client(options: { controlToken?: string; baseUrl?: string } = {}): WsWorkerClient {
  const created = new WsWorkerClient({
    baseUrl: options.baseUrl ?? baseUrl,
    clock,
    callbackUrl: 'http://127.0.0.1:8080/api/orders/callback',
    timeoutMs: 2_000,
    ...(options.controlToken ? { controlToken: options.controlToken } : {}),
  });
  clients.push(created);
  return created;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Answer {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
}

const ORDER: PlaceOrderRequest = {
  id: 'test123',
  symbol: 'BTCUSDT',
  side: 'long',
  entry_zone_min: '65000',
  entry_zone_max: '65500',
  quantity: '1',
  leverage: 10,
  stop_loss: '64000',
  take_profit: '68000',
  timeout_seconds: 300,
};

describe('WsWorkerClient.placeOrder', () => {
  it('posts the order with our callback URL and bearer token, and returns queued', async () => {
    // Our worker answers 202 (queued, not placed); the original's answered 200. Both are success.
    answer = json(202, { ok: true, message: 'Order added to queue', order_id: 'test123' });
    const result = await client({ controlToken: 'ctrl-token-0123456789' }).placeOrder(ORDER);
    expect(result).toEqual({ status: 'queued', orderId: 'test123', message: 'Order added to queue' });
    const [request] = received;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/api/place-order');
    expect(request?.headers.authorization).toBe('Bearer ctrl-token-0123456789');
    expect(JSON.parse(request?.body ?? '')).toEqual({
      ...ORDER,
      callback_url: 'http://127.0.0.1:8080/api/orders/callback',
    });
  });

  it("sends the seeds' id and a base-asset quantity as they are (the worker maps the id)", async () => {
    answer = json(202, { ok: true, message: 'Order added to queue', order_id: 'test-order-123' });
    const seed = { ...ORDER, id: 'test-order-123', quantity: '0.01', quantity_unit: 'base' as const };
    expect(await client().placeOrder(seed)).toMatchObject({ status: 'queued', orderId: 'test-order-123' });
    expect(JSON.parse(received[0]?.body ?? '')).toMatchObject({ id: 'test-order-123', quantity_unit: 'base' });
  });

  it('sends nothing for a request that breaks the contract (stop loss inside the zone)', async () => {
    answer = json(200, { ok: true });
    await expect(client().placeOrder({ ...ORDER, stop_loss: '65100' })).rejects.toThrow(InvalidRequestError);
    expect(received).toHaveLength(0);
  });

  it('sends the trade-management fields as typed, with the decision key as id', async () => {
    answer = json(202, { ok: true, message: 'Order added to queue', order_id: 'dk7f3a9c' });
    const { take_profit: _single, ...seed } = ORDER;
    const managed: PlaceOrderRequest = {
      ...seed,
      id: 'dk7f3a9c',
      targets: [{ price: '66500', fraction: '0.6' }, { price: '68000' }],
      trailing: { mode: 'atr_chandelier', atr: '120.5', atr_k: 1.5 },
      time_stop_seconds: 2700,
      fallback_end_of_zone: { seconds_before_end: 25, max_spread_bps: 8, max_slippage_bps: 10, only_within_zone: true },
    };
    expect(await client().placeOrder(managed)).toMatchObject({ status: 'queued', orderId: 'dk7f3a9c' });
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({
      ...managed,
      callback_url: 'http://127.0.0.1:8080/api/orders/callback',
    });
  });

  it('sends nothing for trade management the worker would refuse (trailing with one target)', async () => {
    answer = json(202, { ok: true });
    const { take_profit: _single, ...seed } = ORDER;
    const oneTarget = { ...seed, targets: [{ price: '68000' }], trailing: { mode: 'break_even' as const } };
    await expect(client().placeOrder(oneTarget)).rejects.toThrow(/trailing/);
    expect(received).toHaveLength(0);
  });

  it('returns duplicate on 409: the worker already knows the id (a retry that got through)', async () => {
    answer = json(409, { ok: false, error: 'order test123 already exists' });
    expect(await client().placeOrder(ORDER)).toEqual({
      status: 'duplicate',
      orderId: 'test123',
      message: 'order test123 already exists',
    });
  });

  it('maps 400, 401, 404, 429 and 5xx to what the caller must do', async () => {
    answer = json(400, { ok: false, error: 'Missing required field: quantity' });
    await expect(client().placeOrder(ORDER)).rejects.toThrow(
      expect.objectContaining({ name: 'InvalidRequestError', message: expect.stringContaining('quantity') }),
    );
    answer = json(401, { ok: false, error: 'unauthorized' });
    await expect(client().placeOrder(ORDER)).rejects.toThrow(FatalExchangeError);
    answer = json(404, { error: 'not found' });
    await expect(client().placeOrder(ORDER)).rejects.toThrow(FatalExchangeError);
    answer = json(503, { ok: false, error: 'OrderQueue not initialized' }, { 'retry-after': '3' });
    const unavailable = await client()
      .placeOrder(ORDER)
      .catch((error: unknown) => error);
    expect(unavailable).toBeInstanceOf(RetryableError);
    expect((unavailable as RetryableError).retryAfterMs).toBe(3_000);
  });

  it('reports an unknown outcome when a 200 carries an unreadable body', async () => {
    answer = (_request, response) => response.end('<html>proxy</html>');
    await expect(client().placeOrder(ORDER)).rejects.toThrow(UnknownOutcomeError);
  });

  it('reports an unknown outcome, with the client order id, when the worker never answers', async () => {
    answer = () => {}; // Keeps the request hanging.
    const arrived = once(server, 'request');
    const pending = client()
      .placeOrder(ORDER)
      .catch((error: unknown) => error);
    await arrived;
    clock.advance(2_000);
    const error = await pending;
    expect(error).toBeInstanceOf(UnknownOutcomeError);
    expect((error as UnknownOutcomeError).clientOrderId).toBe('test123');
  });

  it('reports retryable when nothing listens (nothing was sent)', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    closed.close();
    await once(closed, 'close');
    await expect(client({ baseUrl: url }).placeOrder(ORDER)).rejects.toThrow(RetryableError);
  });
});

describe('WsWorkerClient.monitorPosition', () => {
  const WATCH = { id: 'watch-1', symbol: 'BTCUSDT', order_id: '3000100011000000', stop_loss: '64000' };

  it("posts the original's monitor-position body with our callback URL and returns monitored on 200", async () => {
    answer = json(200, { ok: true, message: 'Position added for monitoring', position_id: 'watch-1' });
    expect(await client().monitorPosition(WATCH)).toEqual({
      status: 'monitored',
      positionId: 'watch-1',
      message: 'Position added for monitoring',
    });
    expect(received[0]?.url).toBe('/api/monitor-position');
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({
      ...WATCH,
      callback_url: 'http://127.0.0.1:8080/api/orders/callback',
    });
  });

  it('returns conflict on 409 with the reason, refuses a request without levels before sending', async () => {
    answer = json(409, { ok: false, error: 'no open long position on BTCUSDT' });
    expect(await client().monitorPosition(WATCH)).toEqual({
      status: 'conflict',
      positionId: 'watch-1',
      message: 'no open long position on BTCUSDT',
    });
    const { stop_loss: _, ...withoutLevels } = WATCH;
    await expect(client().monitorPosition(withoutLevels)).rejects.toThrow(InvalidRequestError);
    expect(received).toHaveLength(1);
  });
});

describe('WsWorkerClient.ordersStatus', () => {
  it('reads the queue, including PHP empty maps encoded as []', async () => {
    answer = json(200, { pending_orders: 0, monitored_positions: 0, orders: [], positions: [] });
    expect(await client().ordersStatus()).toEqual({
      pendingOrders: 0,
      monitoredPositions: 0,
      orders: {},
      positions: {},
    });
  });

  it('types the entries by id and reuses one keep-alive connection', async () => {
    answer = json(200, {
      pending_orders: 1,
      monitored_positions: 1,
      orders: { test123: { id: 'test123', symbol: 'BTCUSDT', side: 'long', entry_zone_min: 65000 } },
      positions: { test122: { symbol: 'ETHUSDT', order_id: '42', stop_loss: 2900 } },
    });
    const worker = client();
    const before = connections;
    const first = await worker.ordersStatus();
    for (let call = 0; call < 4; call += 1) await worker.ordersStatus();
    // undici may open a second socket while the first is being released; never one per call.
    expect(connections - before).toBeLessThanOrEqual(2);
    expect(first.pendingOrders).toBe(1);
    expect(first.orders.test123).toMatchObject({ symbol: 'BTCUSDT', side: 'long' });
    expect(first.positions.test122).toMatchObject({ symbol: 'ETHUSDT' });
    expect(new Set(received.map((request) => `${request.method} ${request.url}`))).toEqual(
      new Set(['GET /api/orders/status']),
    );
  });

  it("reads a position's targets, trailing, time stop and protections", async () => {
    answer = json(200, {
      pending_orders: 0,
      monitored_positions: 1,
      orders: {},
      positions: {
        dk1: {
          id: 'dk1',
          symbol: 'BTCUSDT',
          side: 'long',
          targets: [
            { price: '96000', fraction: '0.5', state: 'filled' },
            { price: '97000', fraction: '1', state: 'open' },
          ],
          trailing: { mode: 'break_even', active: true, stop_moved: true, best_price: null },
          time_stop_at: 1767610000,
          protections: {
            stop: { preset: false, client_order_id: 'dk1s1', trigger_price: '94399.9' },
            target: null,
          },
        },
      },
    });
    const position = (await client().ordersStatus()).positions.dk1;
    expect(position?.targets?.map((target) => target.state)).toEqual(['filled', 'open']);
    expect(position?.trailing).toMatchObject({ mode: 'break_even', active: true });
    expect(position?.protections?.stop?.trigger_price).toBe('94399.9');
    expect(position?.time_stop_at).toBe(1767610000);
  });

  it('is retryable when the worker times out (a GET can be repeated)', async () => {
    answer = () => {};
    const arrived = once(server, 'request');
    const pending = client()
      .ordersStatus()
      .catch((error: unknown) => error);
    await arrived;
    clock.advance(2_000);
    expect(await pending).toBeInstanceOf(RetryableError);
  });
});

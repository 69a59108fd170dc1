import type { AddressInfo } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { buildControlApi } from '../../src/ws-worker/control-api/controlApp.ts';
import type { WorkerStatus } from '../../src/ws-worker/control-api/statusView.ts';
import type { WorkerControl } from '../../src/ws-worker/control-api/WorkerControl.ts';
import { rawHttpExchange, stalledBodyRequest, statusOf } from '../support/rawHttp.ts';

const TOKEN = '0123456789abcdef0123456789abcdef';

function fakeControl(overrides: Partial<WorkerControl> = {}): WorkerControl {
  return {
    status: () => ({ is_running: true }) as WorkerStatus,
    subscribeKlines: vi.fn(async () => ({ ok: true as const })),
    unsubscribeKlines: vi.fn(async () => ({ ok: true as const })),
    subscribeUser: vi.fn(() => ({ ok: true as const })),
    unsubscribeUser: vi.fn(() => ({ ok: true as const })),
    placeOrder: vi.fn(async () => ({ accepted: true as const, id: 'x' })),
    monitorPosition: vi.fn(async (request) => ({ accepted: true as const, id: request.id })),
    replaceProtections: vi.fn(async (id) => ({
      ok: false as const,
      status: 404 as const,
      error: `no open position ${id}`,
    })),
    closeSymbol: vi.fn(async (symbol) => ({ ok: false as const, status: 404 as const, error: `no ${symbol}` })),
    cancelOrder: vi.fn(async (_symbol, orderId) => ({
      ok: false as const,
      status: 404 as const,
      error: `no ${orderId}`,
    })),
    ordersStatus: () => ({ pending_orders: 0, monitored_positions: 0, orders: {}, positions: {} }),
    requestStop: vi.fn(),
    ...overrides,
  };
}

const app = (control: WorkerControl, token?: string) =>
  buildControlApi(control, { token, logger: silentLogger(), baseUrl: () => 'http://127.0.0.1:8089' });

describe('control API (inject)', () => {
  it('requires the bearer token when one is configured (401 otherwise)', async () => {
    const api = app(fakeControl(), TOKEN);
    expect((await api.inject({ method: 'GET', url: '/status' })).statusCode).toBe(401);
    const wrong = await api.inject({ method: 'GET', url: '/status', headers: { authorization: 'Bearer nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ ok: false });
    const right = await api.inject({ method: 'GET', url: '/status', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(right.statusCode).toBe(200);
    expect((await api.inject({ method: 'POST', url: '/stop' })).statusCode).toBe(401);
  });

  it('refuses private channels without credentials with 409 and the reason', async () => {
    const refusal = { ok: false as const, status: 409 as const, error: 'private channels need BitMart credentials' };
    const api = app(fakeControl({ subscribeUser: () => refusal }));
    const answer = await api.inject({ method: 'POST', url: '/balance/subscribe' });
    expect(answer.statusCode).toBe(409);
    expect(answer.json()).toEqual({ ok: false, error: refusal.error });
  });

  it('passes the execution refusals through and hides internal errors', async () => {
    const body = { id: 'a1', symbol: 'BTCUSDT', side: 'long', entry_zone_min: 1, entry_zone_max: 2, quantity: 1 };
    const duplicate = app(fakeControl({ placeOrder: async () => ({ accepted: false, status: 409, error: 'dup' }) }));
    const answer = await duplicate.inject({ method: 'POST', url: '/api/place-order', payload: body });
    expect([answer.statusCode, answer.json()]).toEqual([409, { ok: false, error: 'dup' }]);
    const broken = app(
      fakeControl({
        placeOrder: async () => {
          throw new Error('secret internals');
        },
      }),
    );
    const failed = await broken.inject({ method: 'POST', url: '/api/place-order', payload: body });
    expect([failed.statusCode, failed.json()]).toEqual([500, { ok: false, error: 'internal error' }]);
  });

  it('starts the shutdown only after answering /stop', async () => {
    const control = fakeControl();
    const answer = await app(control).inject({ method: 'POST', url: '/stop' });
    expect(answer.json()).toEqual({ ok: true, message: 'Worker stopped' });
    expect(control.requestStop).toHaveBeenCalledTimes(1);
  });

  it('does not stop on a /stop it refused: no token, a body that is not JSON, a foreign Origin', async () => {
    const control = fakeControl();
    const guarded = app(control, TOKEN);
    const bearer = { authorization: `Bearer ${TOKEN}` };
    const refused = [
      await guarded.inject({ method: 'POST', url: '/stop' }),
      await guarded.inject({ method: 'POST', url: '/stop', headers: { authorization: 'Bearer nope' } }),
      await guarded.inject({
        method: 'POST',
        url: '/stop',
        headers: { ...bearer, 'content-type': 'application/json' },
        payload: '{"now":',
      }),
      await guarded.inject({ method: 'POST', url: '/stop', headers: { ...bearer, origin: 'https://evil.example' } }),
      await guarded.inject({ method: 'POST', url: '/stop', headers: { ...bearer, host: 'evil.example:8089' } }),
    ];
    expect(refused.map((answer) => answer.statusCode)).toEqual([401, 401, 400, 403, 403]);
    expect(control.requestStop).not.toHaveBeenCalled();
    const accepted = await guarded.inject({ method: 'POST', url: '/stop', headers: bearer });
    expect(accepted.statusCode).toBe(200);
    expect(control.requestStop).toHaveBeenCalledTimes(1);
  });

  it('refuses a body that is not application/json with 415 saying what to send', async () => {
    const control = fakeControl();
    const answer = await app(control).inject({
      method: 'POST',
      url: '/klines/subscribe',
      headers: { 'content-type': 'text/plain' },
      payload: '{"symbol":"btcusdt","tfs":"1H"}',
    });
    expect(answer.statusCode).toBe(415);
    expect(answer.json()).toEqual({
      ok: false,
      error: 'a body with Content-Type text/plain: send it as application/json',
    });
    expect(control.subscribeKlines).not.toHaveBeenCalled();
  });

  it('refuses a cross-site place-order with 403 in its own error shape, and queues nothing', async () => {
    const control = fakeControl();
    const body = { id: 'a1', symbol: 'BTCUSDT', side: 'long', entry_zone_min: 1, entry_zone_max: 2, quantity: 1 };
    const answer = await app(control).inject({
      method: 'POST',
      url: '/api/place-order',
      headers: { origin: 'https://evil.example' },
      payload: body,
    });
    expect(answer.statusCode).toBe(403);
    expect(answer.json()).toEqual({
      ok: false,
      error: 'Origin "https://evil.example" is not this server: cross-site requests are refused',
    });
    expect(control.placeOrder).not.toHaveBeenCalled();
  });

  it("still takes the seeds' bodyless curl -X POST and a JSON body", async () => {
    const control = fakeControl();
    const api = app(control);
    expect((await api.inject({ method: 'POST', url: '/orders/subscribe' })).statusCode).toBe(200);
    const klines = await api.inject({
      method: 'POST',
      url: '/klines/subscribe',
      headers: { 'content-type': 'application/json' },
      payload: '{"symbol":"btcusdt","tfs":"1H"}',
    });
    expect(klines.json()).toEqual({ ok: true, message: 'Subscribed to klines for BTCUSDT with timeframes: 1h' });
    expect(control.subscribeKlines).toHaveBeenCalledWith('BTCUSDT', ['1h']);
  });

  it.each([
    ['a NUL', '{"symbol":"BTC\\u0000USDT","tfs":"1m"}', 'symbol: contains a NUL character'],
    ['an unpaired surrogate', '{"symbol":"\\ud800","tfs":"1m"}', 'symbol: contains an unpaired UTF-16'],
    ['20,000 levels of nesting', `{"metadata":${'['.repeat(20_000)}${']'.repeat(20_000)}}`, 'nests deeper than 32'],
  ])('refuses a JSON body with %s with 400 naming it', async (_what, payload, message) => {
    const control = fakeControl();
    const answer = await app(control).inject({
      method: 'POST',
      url: '/klines/subscribe',
      headers: { 'content-type': 'application/json' },
      payload,
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.json().error).toContain(message);
    expect(control.subscribeKlines).not.toHaveBeenCalled();
  });
});

describe('control API (over a socket)', () => {
  it('answers 408 and closes a connection whose body never arrives, within the request timeout', async () => {
    const api = buildControlApi(fakeControl(), {
      token: undefined,
      logger: silentLogger(),
      baseUrl: () => '',
      http: { requestTimeoutMs: 300 },
    });
    await api.listen({ host: '127.0.0.1', port: 0 });
    const { port } = api.server.address() as AddressInfo;
    const exchange = await rawHttpExchange(port, stalledBodyRequest(port, '/api/place-order'));
    await api.close();
    expect(statusOf(exchange.received)).toBe(408);
    // The bound plus Node's check interval (75 ms here), with room for a busy machine.
    expect(exchange.elapsedMs).toBeLessThan(1_500);
  });
});

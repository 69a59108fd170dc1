import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { buildControlApi } from '../../src/ws-worker/control-api/controlApp.ts';
import type { WorkerStatus } from '../../src/ws-worker/control-api/statusView.ts';
import type { WorkerControl } from '../../src/ws-worker/control-api/WorkerControl.ts';

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

  it('accepts a body sent without a JSON content type, as curl -d does', async () => {
    const control = fakeControl();
    const answer = await app(control).inject({
      method: 'POST',
      url: '/klines/subscribe',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '{"symbol":"btcusdt","tfs":"1H"}',
    });
    expect(answer.json()).toEqual({ ok: true, message: 'Subscribed to klines for BTCUSDT with timeframes: 1h' });
    expect(control.subscribeKlines).toHaveBeenCalledWith('BTCUSDT', ['1h']);
  });
});

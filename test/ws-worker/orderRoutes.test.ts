import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { buildControlApi } from '../../src/ws-worker/control-api/controlApp.ts';
import type { WorkerStatus } from '../../src/ws-worker/control-api/statusView.ts';
import type { WorkerControl } from '../../src/ws-worker/control-api/WorkerControl.ts';

/** The order routes over HTTP (inject), with a control that accepts whatever reaches it. */
function control(): WorkerControl {
  return {
    status: () => ({ is_running: true }) as WorkerStatus,
    subscribeKlines: vi.fn(async () => ({ ok: true as const })),
    unsubscribeKlines: vi.fn(async () => ({ ok: true as const })),
    subscribeUser: vi.fn(() => ({ ok: true as const })),
    unsubscribeUser: vi.fn(() => ({ ok: true as const })),
    placeOrder: vi.fn(async (request) => ({ accepted: true as const, id: request.id })),
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
  };
}

const api = (worker: WorkerControl) =>
  buildControlApi(worker, { token: undefined, logger: silentLogger(), baseUrl: () => 'http://127.0.0.1:8089' });

const ORDER = { id: 'a1', symbol: 'BTCUSDT', side: 'long', entry_zone_min: 1, entry_zone_max: 2, quantity: 1 };

async function placeOrder(body: unknown) {
  const worker = control();
  const answer = await api(worker).inject({
    method: 'POST',
    url: '/api/place-order',
    headers: { 'content-type': 'application/json' },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: answer.statusCode, body: answer.json(), calls: vi.mocked(worker.placeOrder).mock.calls.length };
}

/** The body as text: JSON.stringify itself overflows the stack on 9,000 levels. */
const withNestedMetadata = (depth: number) =>
  `${JSON.stringify(ORDER).slice(0, -1)},"metadata":${'{"a":'.repeat(depth)}{}${'}'.repeat(depth)}}`;

describe('POST /api/place-order refuses malformed values with a 400 naming the field', () => {
  it('a price that is not a decimal (the zone check must not read it)', async () => {
    for (const field of ['entry_zone_min', 'entry_zone_max', 'stop_loss', 'take_profit'] as const) {
      const answer = await placeOrder({ ...ORDER, [field]: 'abc' });
      expect(answer.status, field).toBe(400);
      expect(answer.body).toEqual({ ok: false, error: `${field}: expected a positive decimal number` });
      expect(answer.calls).toBe(0);
    }
  });

  it('a side that is neither long nor short, with well-formed prices', async () => {
    const answer = await placeOrder({ ...ORDER, side: 'sideways', stop_loss: 3 });
    expect([answer.status, answer.body.error]).toEqual([400, expect.stringMatching(/^side: /)]);
  });

  it('an amount of 200 digits', async () => {
    const answer = await placeOrder({ ...ORDER, quantity: '1'.repeat(200) });
    expect([answer.status, answer.body.error]).toEqual([400, expect.stringMatching(/^quantity: .*40 characters/)]);
  });

  it('metadata nested 9,000 deep, or too large, and accepts it within the bounds', async () => {
    // The body parser refuses it first (decision 0013); the schema's own bound shows one level past 8.
    const deep = await placeOrder(withNestedMetadata(9_000));
    expect(deep).toEqual({
      status: 400,
      body: { ok: false, error: 'request body nests deeper than 32 levels' },
      calls: 0,
    });
    const nine = await placeOrder(withNestedMetadata(9));
    expect(nine).toEqual({
      status: 400,
      body: { ok: false, error: 'metadata: expected at most 8 levels of nesting' },
      calls: 0,
    });
    const large = await placeOrder({ ...ORDER, metadata: { note: 'x'.repeat(20_000) } });
    expect([large.status, large.body.error]).toEqual([400, 'metadata: expected at most 16384 bytes of JSON']);
    const wide = await placeOrder({ ...ORDER, metadata: { list: Array.from({ length: 600 }, () => 1) } });
    expect([wide.status, wide.body.error]).toEqual([400, 'metadata: expected at most 500 values']);
    const fine = await placeOrder({ ...ORDER, metadata: { strategy: 'high_conviction', tags: ['a', { b: 1 }] } });
    expect([fine.status, fine.calls]).toEqual([202, 1]);
  });
});

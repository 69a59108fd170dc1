import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { ApiHarness, HARNESS_START_MS, JSON_ONLY } from './support/apiHarness.ts';
import { newTraceId, orderSignal } from './support/signing.ts';
import { openTestStore, type TestStore } from './support/testStore.ts';

let store: TestStore;
let api: ApiHarness;

beforeAll(async () => {
  const clock = new ManualClock(HARNESS_START_MS);
  store = await openTestStore(clock);
  api = new ApiHarness(store.store, clock);
});
afterAll(async () => {
  await api.close();
  await store.close();
});

interface OrderBody {
  client_order_id: string;
  status: string;
  deal_size: string | null;
  lifecycle: { status: string; source: string; trace_id: string }[];
}

describe('POST /api/ws-worker/orders', () => {
  it('accepts a signed order signal with 202 and the ids of what it stored', async () => {
    const signal = orderSignal({ client_order_id: 'CLIACCEPT1' });
    const response = await api.post('/api/ws-worker/orders', signal);
    expect(response.statusCode).toBe(202);
    expect(response.json()).toMatchObject({
      status: 'accepted',
      trace_id: signal.trace_id,
      client_order_id: 'CLIACCEPT1',
      exchange_order_id: '2311234567',
      duplicate: false,
    });
    expect(typeof (response.json() as { order_lifecycle_id: unknown }).order_lifecycle_id).toBe('string');
  });

  it('answers a replay 202 duplicate:true and records one lifecycle event', async () => {
    const signal = orderSignal({ client_order_id: 'CLIREPLAY1' });
    await api.post('/api/ws-worker/orders', signal);
    const replay = await api.post('/api/ws-worker/orders', { ...signal, retry_count: 2 });
    expect(replay.statusCode).toBe(202);
    expect(replay.json()).toMatchObject({ duplicate: true });
    const order = (await api.get('/api/orders/CLIREPLAY1')).json() as { data: OrderBody };
    expect(order.data.lifecycle).toHaveLength(1);
  });

  it('refuses an unsigned order signal with 401 and a bad side of the wire with 400', async () => {
    const unsigned = await api.post('/api/ws-worker/orders', orderSignal(), { headers: JSON_ONLY });
    expect(unsigned.statusCode).toBe(401);
    const invalid = await api.post('/api/ws-worker/orders', orderSignal({ kind: 'MAYBE' }));
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ code: 'invalid_payload', message: expect.stringMatching(/^kind: /) });
  });

  it('follows an order through its lifecycle on /api/orders/:id', async () => {
    const base = { client_order_id: 'CLILIFE1', symbol: 'ETHUSDT' };
    await api.post('/api/ws-worker/orders', orderSignal({ ...base, status: 'SUBMITTED' }));
    api.clock.advance(1_000);
    await api.post(
      '/api/ws-worker/orders',
      orderSignal({ ...base, status: 'PARTIALLY_FILLED', deal_size: '1', deal_avg_price: '3000.5' }),
    );
    api.clock.advance(1_000);
    await api.post(
      '/api/ws-worker/orders',
      orderSignal({ ...base, status: 'FILLED', deal_size: '2', deal_avg_price: '3000.4' }),
    );

    const response = await api.get('/api/orders/clilife1');
    expect(response.statusCode).toBe(200);
    const { data } = response.json() as { status: string; data: OrderBody };
    expect(data).toMatchObject({ client_order_id: 'CLILIFE1', status: 'FILLED', deal_size: '2' });
    expect(data.lifecycle.map((event) => event.status)).toEqual(['SUBMITTED', 'PARTIALLY_FILLED', 'FILLED']);
    expect(data.lifecycle.every((event) => event.source === 'order_signal')).toBe(true);
  });

  it('lists orders filtered by symbol, status and kind', async () => {
    const list = await api.get('/api/orders?symbol=ethusdt&status=filled&kind=entry&limit=10');
    expect(list.statusCode).toBe(200);
    const body = list.json() as { status: string; count: number; data: OrderBody[] };
    expect(body.status).toBe('ok');
    expect(body.data.map((order) => order.client_order_id)).toEqual(['CLILIFE1']);
    expect(body.count).toBe(1);
  });

  it('answers 404 order_not_found for an unknown id', async () => {
    const response = await api.get('/api/orders/NOSUCHORDER');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ status: 'error', code: 'order_not_found' });
  });
});

describe('GET /api/ws-worker/orders (the original query API)', () => {
  it('lists orders in the original shape', async () => {
    await api.post('/api/ws-worker/orders', orderSignal({ client_order_id: 'CLISHAPE1', trace_id: newTraceId() }));
    const response = await api.get('/api/ws-worker/orders?symbol=BTCUSDT&kind=ENTRY&limit=200');
    expect(response.statusCode).toBe(200);
    const body = response.json() as { status: string; count: number; data: Record<string, unknown>[] };
    expect(body.status).toBe('ok');
    expect(body.count).toBe(body.data.length);
    const item = body.data.find((order) => order.client_order_id === 'CLISHAPE1');
    expect(Object.keys(item ?? {}).sort()).toEqual(
      [
        'client_order_id',
        'order_id',
        'symbol',
        'kind',
        'status',
        'type',
        'side',
        'price',
        'size',
        'submitted_at',
        'plan_id',
        'position',
      ].sort(),
    );
    expect(item).toMatchObject({
      order_id: '2311234567',
      kind: 'ENTRY',
      status: 'SUBMITTED',
      side: '1',
      plan_id: null,
    });
  });

  it('shows one order with exchange_order, order_lifecycle, order_plan and position', async () => {
    const response = await api.get('/api/ws-worker/orders/clishape1');
    expect(response.statusCode).toBe(200);
    const { status, data } = response.json() as { status: string; data: Record<string, unknown> };
    expect(status).toBe('ok');
    expect(Object.keys(data).sort()).toEqual(['exchange_order', 'order_lifecycle', 'order_plan', 'position']);
    expect(data.exchange_order).toMatchObject({ client_order_id: 'CLISHAPE1', symbol: 'BTCUSDT' });
    expect(data.order_lifecycle).toMatchObject({ client_order_id: 'CLISHAPE1', status: 'SUBMITTED' });
    expect(data.order_plan).toBeNull();
  });

  it('answers 404 order_not_found naming the upper-cased id', async () => {
    const response = await api.get('/api/ws-worker/orders/missing42');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      status: 'error',
      code: 'order_not_found',
      message: 'no order with client order id MISSING42',
    });
  });

  it('refuses a limit outside 1..200 with 400 naming limit', async () => {
    for (const limit of ['0', '201', 'ten']) {
      const response = await api.get(`/api/ws-worker/orders?limit=${limit}`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'invalid_parameter', message: expect.stringMatching(/^limit: /) });
    }
  });
});

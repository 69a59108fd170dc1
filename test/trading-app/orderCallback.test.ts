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

const URL = '/api/orders/callback';

// The seeds' callbacks, as the entry-zone and SL/TP monitors send them (docs/reference/seed-contracts.md#callbacks).
describe('POST /api/orders/callback', () => {
  it('accepts each callback status of the seeds with 202 {"status":"ok"}', async () => {
    const callbacks = [
      { order_id: 'CBORDER1', exchange_order_id: '987654321', status: 'placed', entry_price: 65250.0, quantity: 0.01 },
      { order_id: 'CBORDER2', status: 'failed', error: 'insufficient balance' },
      { order_id: 'CBORDER3', status: 'timeout', reason: 'Entry zone not reached within timeout' },
      {
        position_id: 'CBORDER1',
        close_order_id: '987654322',
        status: 'closed',
        reason: 'take_profit',
        close_price: 68050.0,
      },
      { position_id: 'CBORDER4', status: 'close_failed', reason: 'stop_loss', error: 'position not found' },
    ];
    for (const callback of callbacks) {
      const response = await api.post(URL, { ...callback, trace_id: newTraceId() });
      expect(response.statusCode, JSON.stringify(callback)).toBe(202);
      expect(response.json()).toEqual({ status: 'ok', duplicate: false });
    }
  });

  it('records callbacks in the order lifecycle and opens then closes the position', async () => {
    await api.post('/api/ws-worker/orders', orderSignal({ client_order_id: 'CBLIFE1', order_id: '55501', side: '1' }));
    const placed = {
      order_id: 'CBLIFE1',
      exchange_order_id: '55501',
      status: 'placed',
      entry_price: '100.5',
      quantity: '3',
    };
    expect((await api.post(URL, { ...placed, trace_id: newTraceId() })).statusCode).toBe(202);

    const order = (await api.get('/api/orders/CBLIFE1')).json() as {
      data: { lifecycle: { status: string; source: string }[] };
    };
    expect(order.data.lifecycle.map((event) => `${event.source}:${event.status}`)).toEqual([
      'order_signal:SUBMITTED',
      'callback:PLACED',
    ]);
    const open = (await api.get('/api/positions?status=open')).json() as { data: { entry_order_id: string }[] };
    expect(open.data.map((position) => position.entry_order_id)).toContain('CBLIFE1');

    const closed = {
      position_id: 'CBLIFE1',
      close_order_id: '55502',
      status: 'closed',
      reason: 'stop_loss',
      close_price: '99',
    };
    expect((await api.post(URL, { ...closed, trace_id: newTraceId() })).statusCode).toBe(202);
    const positions = (await api.get('/api/positions?status=closed')).json() as {
      data: { entry_order_id: string; close_reason: string; close_price: string }[];
    };
    expect(positions.data.find((position) => position.entry_order_id === 'CBLIFE1')).toMatchObject({
      close_reason: 'stop_loss',
      close_price: '99',
    });
    const shown = (await api.get('/api/ws-worker/orders/cblife1')).json() as { data: { position: unknown } };
    expect(shown.data.position).toMatchObject({ entry_order_id: 'CBLIFE1', status: 'closed' });
  });

  it('treats a callback without trace id, sent twice, as one (dedup on status and id)', async () => {
    const callback = { order_id: 'CBTWICE1', status: 'timeout', reason: 'Entry zone not reached within timeout' };
    expect((await api.post(URL, callback)).json()).toEqual({ status: 'ok', duplicate: false });
    expect((await api.post(URL, callback)).json()).toEqual({ status: 'ok', duplicate: true });
  });

  it('refuses an unsigned callback with 401 auth_failed', async () => {
    const response = await api.post(URL, { order_id: 'X1', status: 'failed', error: 'e' }, { headers: JSON_ONLY });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ status: 'error', code: 'auth_failed' });
  });

  it('answers 400 empty_body and invalid_json as the original receiver did (code repeated in message)', async () => {
    const empty = await api.post(URL, '');
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toEqual({ status: 'error', code: 'empty_body', message: 'empty_body' });
    const malformed = await api.post(URL, '{"status":');
    expect(malformed.json()).toEqual({ status: 'error', code: 'invalid_json', message: 'invalid_json' });
  });

  it('refuses an unknown status with 400 naming the field', async () => {
    const response = await api.post(URL, { order_id: 'X2', status: 'exploded' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_payload', message: expect.stringMatching(/^status: /) });
  });
});

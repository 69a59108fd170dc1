import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { ApiHarness, HARNESS_START_MS } from './support/apiHarness.ts';
import { balanceSignal, orderSignal } from './support/signing.ts';
import { openTestStore, type TestStore } from './support/testStore.ts';

// Signals PostgreSQL cannot store used to fail in the store as a 500, which the worker retried for
// five minutes (a poison message); they are a 400 naming the place, and nothing is stored.
let testStore: TestStore;
let api: ApiHarness;
beforeAll(async () => {
  const clock = new ManualClock(HARNESS_START_MS);
  testStore = await openTestStore(clock);
  api = new ApiHarness(testStore.store, clock);
});
afterAll(async () => {
  await api?.close();
  await testStore?.close();
});

const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('signals with text or nesting the store cannot take', () => {
  it.each([
    [
      'a NUL in the raw exchange payload',
      '/api/ws-worker/balance',
      JSON.stringify(balanceSignal({ context: { source: 'bitmart_ws_worker', raw_data: { note: 'a\u0000b' } } })),
      'context.raw_data.note: contains a NUL character',
    ],
    [
      'an unpaired surrogate in the symbol',
      '/api/ws-worker/orders',
      JSON.stringify(orderSignal()).replace('"BTCUSDT"', '"BTC\\ud800USDT"'),
      'symbol: contains an unpaired UTF-16 surrogate (not valid Unicode)',
    ],
    [
      'JSON nested 20,000 deep',
      '/api/ws-worker/orders',
      JSON.stringify(orderSignal({ exchange_response: { nested: 'X' } })).replace('"X"', deep(20_000)),
      'body nests deeper than 32 levels',
    ],
    [
      'a NUL in a callback',
      '/api/orders/callback',
      JSON.stringify({ order_id: 'X1', status: 'failed', error: 'venue said \u0000' }),
      'error: contains a NUL character',
    ],
  ])('refuses %s with 400 invalid_payload, storing nothing', async (_what, url, body, message) => {
    const [orders, balance] = [await testStore.store.orders({ limit: 200 }), await testStore.store.currentBalance()];
    const response = await api.post(url, body);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ status: 'error', code: 'invalid_payload', message });
    expect([await testStore.store.orders({ limit: 200 }), await testStore.store.currentBalance()]).toEqual([
      orders,
      balance,
    ]);
  });

  it('still stores a signal whose text is unusual but valid (accents, emoji)', async () => {
    const response = await api.post(
      '/api/ws-worker/balance',
      balanceSignal({ context: { source: 'bitmart_ws_worker', raw_data: { note: 'é😀' } } }),
    );
    expect(response.statusCode).toBe(202);
  });

  it('still names an unknown key in its refusal', async () => {
    const response = await api.post('/api/ws-worker/balance', balanceSignal({ surprise: 1 }));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      status: 'error',
      code: 'invalid_payload',
      message: 'body: Unrecognized key: "surprise"',
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiHarness } from './support/apiHarness.ts';
import { InMemoryTradingAppStore } from './support/InMemoryTradingAppStore.ts';
import { balanceSignal, orderSignal } from './support/signing.ts';

let store: InMemoryTradingAppStore;
let api: ApiHarness;

beforeAll(() => {
  store = new InMemoryTradingAppStore();
  api = new ApiHarness(store);
});
afterAll(() => api.close());

describe('errors', () => {
  it('answers a store failure with 500 processing_failed and nothing internal', async () => {
    store.failWith = new Error('connection to server at 10.0.0.7 refused; password=hunter2');
    try {
      const response = await api.post('/api/ws-worker/balance', balanceSignal());
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({ status: 'error', code: 'processing_failed' });
      const query = await api.get('/api/orders');
      expect(query.statusCode).toBe(500);
      expect(query.body).not.toContain('10.0.0.7');
      expect(query.json()).toEqual({ status: 'error', code: 'internal_error' });
    } finally {
      store.failWith = undefined;
    }
  });

  it('answers unknown paths and methods with a JSON 404', async () => {
    const response = await api.get('/api/nothing-here?x=1');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ status: 'error', code: 'not_found', message: 'no route GET /api/nothing-here' });
    const wrongMethod = await api.app.inject({ method: 'DELETE', url: '/api/orders' });
    expect(wrongMethod.statusCode).toBe(404);
  });

  it('refuses a body over 1 MiB with a 4xx that says so', async () => {
    const response = await api.post('/api/ws-worker/balance', 'x'.repeat(1024 * 1024 + 1));
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ status: 'error', code: 'bad_request' });
  });
});

describe('GET /metrics', () => {
  it('counts signals by kind and outcome, signature failures by reason, and latency by route', async () => {
    const count = (kind: string, outcome: string) =>
      api.metric('trading_app_signals_received_total', { kind, outcome });
    const before = {
      stored: await count('balance', 'stored'),
      duplicate: await count('balance', 'duplicate'),
      invalid: await count('order', 'invalid'),
      auth: await count('order', 'auth_failed'),
      stale: await api.metric('trading_app_signature_failures_total', { reason: 'stale_timestamp' }),
    };
    const signal = balanceSignal();
    await api.post('/api/ws-worker/balance', signal);
    await api.post('/api/ws-worker/balance', signal);
    await api.post('/api/ws-worker/orders', orderSignal({ size: 'two' }));
    await api.post('/api/ws-worker/orders', orderSignal(), { signedAtMs: api.clock.now() - 120_000 });

    expect(await count('balance', 'stored')).toBe(before.stored + 1);
    expect(await count('balance', 'duplicate')).toBe(before.duplicate + 1);
    expect(await count('order', 'invalid')).toBe(before.invalid + 1);
    expect(await count('order', 'auth_failed')).toBe(before.auth + 1);
    expect(await api.metric('trading_app_signature_failures_total', { reason: 'stale_timestamp' })).toBe(
      before.stale + 1,
    );

    const response = await api.get('/metrics');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body).toContain(
      'trading_app_http_request_duration_seconds_count{method="POST",route="/api/ws-worker/balance",status_code="202"}',
    );
    expect(response.body).toContain('route="unmatched"');
    // A route template, never the raw path with its id.
    await api.get('/api/orders/SOMEID123');
    expect(await api.metrics.render()).toContain('route="/api/orders/:id"');
    expect(await api.metrics.render()).not.toContain('SOMEID123');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { ApiHarness, HARNESS_START_MS } from './support/apiHarness.ts';
import { balanceSignal, signedHeaders } from './support/signing.ts';
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

const URL = '/api/ws-worker/balance';

// The four cases of the seeds' scripts/test_balance_endpoint.sh
// (docs/reference/seed-contracts.md#balance-signal), then the replay rules.
describe('POST /api/ws-worker/balance', () => {
  it('accepts a correctly signed signal with 202 and the original answer', async () => {
    const signal = balanceSignal();
    const response = await api.post(URL, signal);
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({
      status: 'accepted',
      asset: 'USDT',
      trace_id: signal.trace_id,
      timestamp: '2025-11-01T12:00:00+00:00',
      duplicate: false,
    });
  });

  it('refuses a signal without signature headers with 401 auth_failed', async () => {
    const response = await api.post(URL, balanceSignal(), { headers: { 'content-type': 'application/json' } });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ status: 'error', code: 'auth_failed' });
  });

  it('refuses a wrong signature with 401 auth_failed', async () => {
    const response = await api.post(URL, balanceSignal(), { secret: 'not-the-shared-secret' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ status: 'error', code: 'auth_failed' });
  });

  it('refuses an invalid payload with 400 naming the field', async () => {
    const response = await api.post(URL, balanceSignal({ equity: 'lots' }));
    expect(response.statusCode).toBe(400);
    const body = response.json() as { status: string; code: string; message: string };
    expect(body).toMatchObject({ status: 'error', code: 'invalid_payload' });
    expect(body.message).toMatch(/^equity: /);
  });

  it('names a missing required field', async () => {
    const { trace_id: _dropped, ...withoutTrace } = balanceSignal();
    const response = await api.post(URL, withoutTrace);
    expect(response.statusCode).toBe(400);
    expect((response.json() as { message: string }).message).toMatch(/^trace_id: /);
  });

  it('answers 400 invalid_json to a signed body that is not JSON', async () => {
    const response = await api.post(URL, '{"asset": "USDT",');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ status: 'error', code: 'invalid_json' });
  });

  it('checks the signature before the JSON: an unsigned malformed body is 401', async () => {
    const response = await api.post(URL, 'not json', { headers: { 'content-type': 'application/json' } });
    expect(response.statusCode).toBe(401);
  });

  it('refuses a timestamp more than 60 s old or ahead with 401', async () => {
    const stale = await api.post(URL, balanceSignal(), { signedAtMs: api.clock.now() - 60_001 });
    expect(stale.statusCode).toBe(401);
    const ahead = await api.post(URL, balanceSignal(), { signedAtMs: api.clock.now() + 60_001 });
    expect(ahead.statusCode).toBe(401);
    const edge = await api.post(URL, balanceSignal(), { signedAtMs: api.clock.now() - 60_000 });
    expect(edge.statusCode).toBe(202);
  });

  it('verifies the raw bytes: re-serialised JSON with the same meaning fails the check', async () => {
    const body = JSON.stringify(balanceSignal());
    const headers = signedHeaders(body, api.clock.now());
    const response = await api.app.inject({ method: 'POST', url: URL, headers, payload: `${body} ` });
    expect(response.statusCode).toBe(401);
  });

  it('answers a replayed trace id 202 duplicate:true and stores it once', async () => {
    const signal = balanceSignal({ timestamp: '2025-11-02T08:30:00+00:00', equity: '12345.67' });
    const first = await api.post(URL, signal);
    // The worker's retry: same trace id, new timestamp header and retry_count.
    api.clock.advance(5_000);
    const retry = await api.post(URL, { ...signal, retry_count: 1 });
    expect(first.json()).toMatchObject({ duplicate: false });
    expect(retry.statusCode).toBe(202);
    expect(retry.json()).toMatchObject({ status: 'accepted', trace_id: signal.trace_id, duplicate: true });
    const history = await api.get('/api/balance/history?from=2025-11-02&to=2025-11-03&interval=raw');
    const rows = (history.json() as { data: { trace_id: string }[] }).data;
    expect(rows.filter((row) => row.trace_id === signal.trace_id)).toHaveLength(1);
  });
});

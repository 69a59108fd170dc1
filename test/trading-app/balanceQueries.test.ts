import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { ApiHarness } from './support/apiHarness.ts';
import { balanceSignal } from './support/signing.ts';
import { openTestStore, type TestStore } from './support/testStore.ts';

// The seeds' next balance phases (docs/reference/seed-contracts.md#balance-phases) over the real
// store: history with buckets, current, daily metrics, alerts.
let store: TestStore;
let api: ApiHarness;

/** Signals observed on 2025-11-03 and 2025-11-04 (UTC), equity rising by 10 each time. */
const OBSERVED = [
  ['2025-11-03T09:00:10Z', '1000'],
  ['2025-11-03T09:40:00Z', '1010'],
  ['2025-11-03T10:05:00Z', '1020'],
  ['2025-11-04T08:00:00Z', '1030'],
  ['2025-11-04T08:00:30Z', '1040'],
] as const;

beforeAll(async () => {
  const clock = new ManualClock(Date.parse('2025-11-04T12:00:00Z'));
  store = await openTestStore(clock, { minAvailable: '100', maxFrozenPercent: '80' });
  api = new ApiHarness(store.store, clock);
  for (const [timestamp, equity] of OBSERVED) {
    const response = await api.post('/api/ws-worker/balance', balanceSignal({ timestamp, equity }));
    expect(response.statusCode).toBe(202);
  }
});
afterAll(async () => {
  await api.close();
  await store.close();
});

function equities(body: unknown): string[] {
  return (body as { data: { equity: string }[] }).data.map((snapshot) => snapshot.equity);
}

describe('GET /api/balance/*', () => {
  it('returns raw history oldest first within from..to', async () => {
    const response = await api.get('/api/balance/history?from=2025-11-03T09:30:00Z&to=2025-11-04T08:00:00Z');
    expect(response.statusCode).toBe(200);
    expect(equities(response.json())).toEqual(['1010', '1020', '1030']);
    expect(response.json()).toMatchObject({ interval: 'raw', count: 3 });
  });

  it('buckets by hour and by day: the last snapshot of each bucket', async () => {
    const hourly = await api.get('/api/balance/history?from=2025-11-03&interval=hour');
    expect(equities(hourly.json())).toEqual(['1010', '1020', '1040']);
    const daily = await api.get('/api/balance/history?interval=day');
    expect(equities(daily.json())).toEqual(['1020', '1040']);
    const minute = await api.get('/api/balance/history?from=2025-11-04&interval=minute');
    expect(equities(minute.json())).toEqual(['1040']);
  });

  it('serves the latest snapshot as current', async () => {
    const response = await api.get('/api/balance/current');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', data: { asset: 'USDT', equity: '1040' } });
  });

  it('serves daily PnL for the last days, up to the clock', async () => {
    const response = await api.get('/api/balance/metrics?days=2');
    expect(response.statusCode).toBe(200);
    const body = response.json() as { days: number; data: { day: string; closing_equity: string }[] };
    expect(body.days).toBe(2);
    expect(body.data.map((day) => [day.day, day.closing_equity])).toEqual([
      ['2025-11-03', '1020'],
      ['2025-11-04', '1040'],
    ]);
  });

  it('raises an alert when available balance drops under BALANCE_ALERT_MIN', async () => {
    await api.post(
      '/api/ws-worker/balance',
      balanceSignal({ timestamp: '2025-11-04T11:00:00Z', available_balance: '50', frozen_balance: '0', equity: '50' }),
    );
    const response = await api.get('/api/alerts?limit=10');
    expect(response.statusCode).toBe(200);
    const alerts = (response.json() as { data: { kind: string; threshold: string }[] }).data;
    expect(alerts).toContainEqual(expect.objectContaining({ kind: 'low_available_balance', threshold: '100' }));
  });
});

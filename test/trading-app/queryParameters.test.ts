import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiHarness } from './support/apiHarness.ts';
import { InMemoryTradingAppStore } from './support/InMemoryTradingAppStore.ts';

// What the read routes hand the store, and the 400s they answer instead (route level, in memory).
let store: InMemoryTradingAppStore;
let api: ApiHarness;

beforeAll(() => {
  store = new InMemoryTradingAppStore();
  api = new ApiHarness(store);
});
afterAll(() => api.close());

function lastQuery(): unknown {
  return store.queries.at(-1);
}

async function expectBadParameter(url: string, parameter: string): Promise<void> {
  const response = await api.get(url);
  expect(response.statusCode, url).toBe(400);
  const body = response.json() as { status: string; code: string; message: string };
  expect(body.status).toBe('error');
  expect(body.code).toBe('invalid_parameter');
  expect(body.message, url).toMatch(new RegExp(`^${parameter}: `));
}

describe('GET /api/balance/history parameters', () => {
  it('passes dates, date-times and the interval through', async () => {
    const response = await api.get('/api/balance/history?from=2025-11-01&to=2025-11-02T06:30:00%2B02:00&interval=hour');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'ok',
      interval: 'hour',
      from: '2025-11-01T00:00:00.000Z',
      to: '2025-11-02T04:30:00.000Z',
      count: 0,
      data: [],
    });
    expect(lastQuery()).toEqual({
      balanceHistory: {
        from: new Date('2025-11-01T00:00:00Z'),
        to: new Date('2025-11-02T04:30:00Z'),
        interval: 'hour',
      },
    });
  });

  it('defaults to the raw interval and reads an unescaped + offset', async () => {
    const response = await api.get('/api/balance/history?from=2025-11-01T12:00:00+01:00');
    expect(response.statusCode).toBe(200);
    expect(lastQuery()).toEqual({ balanceHistory: { from: new Date('2025-11-01T11:00:00Z'), interval: 'raw' } });
  });

  it('refuses malformed dates, an unknown interval, from after to and unknown parameters', async () => {
    await expectBadParameter('/api/balance/history?from=yesterday', 'from');
    await expectBadParameter('/api/balance/history?to=2025-13-01', 'to');
    await expectBadParameter('/api/balance/history?interval=week', 'interval');
    await expectBadParameter('/api/balance/history?from=2025-11-03&to=2025-11-01', 'from');
    await expectBadParameter('/api/balance/history?intervall=day', 'query');
  });
});

describe('other read parameters', () => {
  it('GET /api/balance/metrics takes days 1..365 (default 30) and the clock for now', async () => {
    expect((await api.get('/api/balance/metrics')).json()).toMatchObject({ status: 'ok', days: 30, data: [] });
    expect(lastQuery()).toEqual({ dailyBalanceMetrics: { days: 30, now: new Date(api.clock.now()) } });
    expect((await api.get('/api/balance/metrics?days=365')).statusCode).toBe(200);
    await expectBadParameter('/api/balance/metrics?days=0', 'days');
    await expectBadParameter('/api/balance/metrics?days=366', 'days');
    await expectBadParameter('/api/balance/metrics?days=7.5', 'days');
  });

  it('GET /api/orders upper-cases symbol, status and kind and bounds limit', async () => {
    await api.get('/api/orders?symbol=btcusdt&status=filled&kind=stop_loss&limit=5');
    expect(lastQuery()).toEqual({ orders: { symbol: 'BTCUSDT', status: 'FILLED', kind: 'STOP_LOSS', limit: 5 } });
    await api.get('/api/orders');
    expect(lastQuery()).toEqual({ orders: { limit: 50 } });
    await expectBadParameter('/api/orders?kind=MARKET', 'kind');
    await expectBadParameter('/api/orders?symbol=BTC-USDT', 'symbol');
    await expectBadParameter('/api/orders?limit=500', 'limit');
    await expectBadParameter('/api/orders?symbol=BTCUSDT&symbol=ETHUSDT', 'symbol');
  });

  it('GET /api/orders/:id refuses an id that cannot be a client order id', async () => {
    await expectBadParameter('/api/orders/has%20space', 'id');
  });

  it('GET /api/positions takes status open|closed; GET /api/alerts a limit', async () => {
    expect((await api.get('/api/positions?status=open')).json()).toEqual({ status: 'ok', count: 0, data: [] });
    await expectBadParameter('/api/positions?status=pending', 'status');
    expect((await api.get('/api/alerts?limit=3')).json()).toEqual({ status: 'ok', count: 0, data: [] });
    expect(lastQuery()).toEqual({ alerts: { limit: 3 } });
    await expectBadParameter('/api/alerts?limit=-1', 'limit');
  });

  it('GET /api/balance/current is 404 until a balance arrives', async () => {
    const response = await api.get('/api/balance/current');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ status: 'error', code: 'balance_not_found' });
  });
});

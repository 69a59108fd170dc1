import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../src/platform/decimal/index.ts';
import type { AuditRecordView } from '../../src/trading-app/controls/ControlAuditRepository.ts';
import type { OrderView } from '../../src/trading-app/dashboard/orderView.ts';
import { waitFor } from '../support/waitFor.ts';
import { type Answer, DashboardPlatform } from './dashboardPlatform.ts';

// The controls against the platform as `up` runs it: the app asks, the real worker acts on the
// simulator, a second client on the account plays the person on the exchange.
let kit: DashboardPlatform;

beforeAll(async () => {
  kit = await DashboardPlatform.start();
}, 120_000);

afterAll(async () => {
  await kit.stop();
});

const CONFIRMED = { confirm: true, actor: 'alice' };

async function audit(): Promise<AuditRecordView[]> {
  return (await kit.get('/api/audit?limit=500')).body.data as AuditRecordView[];
}

async function worker(path: string, body: unknown): Promise<Answer> {
  const response = await fetch(`${kit.workerUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

/** A position the worker manages: opened on the exchange, then handed to the worker with a stop. */
async function managed(symbol: string, id: string, stopRatio: string): Promise<string> {
  const orderId = await kit.open(symbol, 'long', 10, `${id}entry`);
  const stopLoss = kit.onTick(symbol, (await kit.lastPrice(symbol)).mul(stopRatio));
  const answer = await worker('/api/monitor-position', { id, symbol, order_id: orderId, stop_loss: stopLoss });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return stopLoss;
}

async function storedPosition(id: string): Promise<Record<string, unknown> | undefined> {
  const rows = (await kit.get('/api/positions')).body.data as Record<string, unknown>[];
  return rows.find((row) => String(row['entry_order_id']).toUpperCase() === id.toUpperCase());
}

describe('pause and resume new entries', () => {
  it('refuses new trades while paused, keeps managing what is open, survives a restart, and plans again once resumed', async () => {
    const execute = (body: object) => kit.post('/api/trade-entry/execute', { mode: 'regular', ...body });
    let chosen: { symbol: string; side: 'long' | 'short' } | undefined;
    // The app catches klines up in the background after its start: the regular profile plans once it has them.
    await waitFor(
      async () => {
        for (const symbol of ['SOLUSDT', 'BNBUSDT', 'LTCUSDT', 'AVAXUSDT', 'ADAUSDT']) {
          for (const side of ['long', 'short'] as const) {
            if (!chosen && (await execute({ symbol, side, dry_run: true })).status === 200) chosen = { symbol, side };
          }
        }
        return chosen !== undefined;
      },
      'a symbol the regular profile plans on',
      90_000,
    );
    const stop = await managed('ETHUSDT', 'pausemanaged1', '0.97');

    const paused = await kit.post('/api/controls/entries/pause', CONFIRMED);
    expect(paused.status, JSON.stringify(paused.body)).toBe(200);
    expect(paused.body).toMatchObject({
      status: 'ok',
      data: { changed: true, switch: { key: 'ENTRIES', is_on: false } },
    });
    expect(typeof paused.body['audit_id']).toBe('number');

    const refused = await execute({ ...chosen });
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body).toMatchObject({ status: 'skipped', raw: { reason: 'entries_paused' } });
    const key = String(refused.body['client_order_id']);
    expect((await kit.get(`/api/trades/${key}`)).body.data).toMatchObject({ status: 'refused' });
    const queue = await (await fetch(`${kit.workerUrl}/api/orders/status`)).json();
    expect(Object.keys((queue as { orders: object }).orders)).not.toContain(key);

    // The worker still manages the open position: its stop closes it while entries are paused.
    await waitFor(
      async () => {
        await kit.admin.price('ETHUSDT', kit.onTick('ETHUSDT', new Dec(stop).mul('0.99')));
        return (await kit.held('ETHUSDT')).isZero();
      },
      'the stop of the managed position to close it',
      30_000,
    );

    await kit.restartApp();
    expect((await kit.get('/api/dashboard/health')).body.data).toMatchObject({ entries_paused: true });

    const resumed = await kit.post('/api/controls/entries/resume', CONFIRMED);
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ data: { changed: true, switch: { is_on: true } } });
    expect((await execute({ ...chosen, dry_run: true })).status).toBe(200);
    expect((await kit.get('/api/dashboard/health')).body.data).toMatchObject({ entries_paused: false });
  }, 180_000);
});

describe('close one position', () => {
  it('closes a position at market through the worker, once per request id, and never the other way', async () => {
    const symbol = 'XRPUSDT';
    await kit.open(symbol, 'long', 30, 'closeme1');
    const closed = await kit.post(`/api/controls/positions/${symbol.toLowerCase()}/close`, {
      ...CONFIRMED,
      request_id: 'close-xrp-1',
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body).toMatchObject({
      data: { symbol, closes: [{ side: 'long', size: '30', state: 'sent', managed: false }] },
    });
    await waitFor(async () => (await kit.held(symbol)).isZero(), 'the position to close');

    // A new position, then the same request again: the recorded answer, and nothing is closed.
    await kit.open(symbol, 'long', 20, 'closeme2');
    const again = await kit.post(`/api/controls/positions/${symbol}/close`, {
      ...CONFIRMED,
      request_id: 'close-xrp-1',
    });
    expect(again.status).toBe(200);
    expect(again.body['audit_id']).toBe(closed.body['audit_id']);
    // The worker, asked directly with the id it was given, answers what it did and sends nothing either.
    const sentId = 'close-xrp-1';
    const direct = await worker(`/api/positions/${symbol}/close`, { id: sentId });
    expect(direct.status).toBe(200);
    expect(direct.body).toMatchObject({ closes: [{ size: '30', state: 'sent' }] });
    expect((await kit.held(symbol)).toFixed()).toBe('20');

    const fresh = await kit.post(`/api/controls/positions/${symbol}/close`, CONFIRMED);
    expect(fresh.status).toBe(200);
    await waitFor(async () => (await kit.held(symbol)).isZero(), 'the second position to close');
    const nothing = await kit.post(`/api/controls/positions/${symbol}/close`, CONFIRMED);
    expect(nothing.status).toBe(404);
    expect(nothing.body).toMatchObject({ code: 'position_not_found' });
    expect((await kit.held(symbol, 'short')).isZero()).toBe(true);
    const records = await audit();
    expect(records.find((record) => record.id === nothing.body['audit_id'])).toMatchObject({
      action: 'position.close',
      target: symbol,
      outcome: 'refused',
      actor: 'alice',
    });
  });

  it('closes a position the worker manages through its own monitor, which reports it closed as manual', async () => {
    const symbol = 'LINKUSDT';
    await managed(symbol, 'managedclose1', '0.9');
    const closed = await kit.post(`/api/controls/positions/${symbol}/close`, CONFIRMED);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body).toMatchObject({ data: { closes: [{ managed: true, state: 'sent', size: '10' }] } });
    await waitFor(async () => (await kit.held(symbol)).isZero(), 'the managed position to close');
    await waitFor(
      async () => (await storedPosition('managedclose1'))?.['close_reason'] === 'manual',
      "the worker's closed callback, reason manual",
    );
  });
});

describe('cancel an order', () => {
  it('cancels an open order on the exchange, refuses a stop that protects a managed position, and knows no other', async () => {
    const symbol = 'BTCUSDT';
    const resting = await kit.venue.submitOrder({
      symbol,
      clientOrderId: 'cancelme1',
      side: 'open_long',
      type: 'limit',
      price: new Dec(kit.onTick(symbol, (await kit.lastPrice(symbol)).mul('0.7'))),
      size: new Dec(1),
      leverage: new Dec(5),
      marginMode: 'isolated',
    });
    const cancelled = await kit.post(`/api/controls/orders/${resting.orderId}/cancel`, CONFIRMED);
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body).toMatchObject({ data: { order_id: resting.orderId, symbol, kind: 'order' } });
    expect((await kit.venue.openOrders(symbol)).some((order) => order.orderId === resting.orderId)).toBe(false);

    await managed('DOGEUSDT', 'protected1', '0.9');
    let stop: OrderView | undefined;
    await waitFor(async () => {
      const orders = (await kit.get('/api/dashboard/orders')).body.data as OrderView[];
      stop = orders.find((order) => order.symbol === 'DOGEUSDT' && order.kind === 'stop_loss');
      return stop !== undefined;
    }, "the worker's stop on the exchange");
    const refused = await kit.post(`/api/controls/orders/${stop?.order_id}/cancel`, CONFIRMED);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'order_protects_managed_position' });
    expect((await kit.venue.planOrders('DOGEUSDT')).some((plan) => plan.orderId === stop?.order_id)).toBe(true);

    const unknown = await kit.post('/api/controls/orders/999999999/cancel', CONFIRMED);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'order_not_found' });
  });
});

describe('the kill switch', () => {
  it('stops the MTF runner from deciding, and lets it run again', async () => {
    const run = async () => {
      const answer = await kit.post('/api/mtf/run', { dry_run: true, symbols: ['BTCUSDT'] });
      type Result = { status: string; failed_timeframe: string | null };
      return (answer.body.data as { results: Record<string, Result> }).results['BTCUSDT'];
    };
    const on = await kit.post('/api/controls/kill-switch', { ...CONFIRMED, on: true });
    expect(on.status).toBe(200);
    expect((await kit.get('/api/mtf/status')).body.data).toMatchObject({ global_switch: 'OFF' });
    expect((await kit.get('/api/dashboard/health')).body.data).toMatchObject({ kill_switch: true });
    expect(await run()).toMatchObject({ status: 'SKIPPED', failed_timeframe: 'global' });

    const off = await kit.post('/api/controls/kill-switch', { ...CONFIRMED, on: false });
    expect(off.status).toBe(200);
    expect((await kit.get('/api/mtf/status')).body.data).toMatchObject({ global_switch: 'ON' });
    expect((await run())?.failed_timeframe).not.toBe('global');
  }, 60_000);
});

describe('bad input', () => {
  it('answers 400 naming the field on every control route, and changes nothing', async () => {
    await kit.open('AVAXUSDT', 'long', 5, 'badinput1');
    const before = {
      audit: (await audit()).length,
      switches: (await kit.get('/api/mtf/switches')).body.data,
      held: (await kit.held('AVAXUSDT')).toFixed(),
    };
    const routes = [
      '/api/controls/entries/pause',
      '/api/controls/entries/resume',
      '/api/controls/flatten',
      '/api/controls/positions/AVAXUSDT/close',
      '/api/controls/orders/123456/cancel',
      '/api/controls/kill-switch',
    ];
    const cases: [object | string, string][] = [
      [{}, 'confirm'],
      [{ confirm: false }, 'confirm'],
      [{ confirm: 'yes' }, 'confirm'],
      [{ confirm: true, actor: '' }, 'actor'],
      [{ confirm: true, actor: 'x'.repeat(65) }, 'actor'],
      [{ confirm: true, actor: '<script>' }, 'actor'],
      [{ confirm: true, request_id: 'not an id!' }, 'request_id'],
      [{ confirm: true, on: true, extra: 1 }, 'body'],
      ['[true]', 'body'],
    ];
    for (const route of routes) {
      for (const [body, field] of cases) {
        const sent = route.endsWith('kill-switch') && typeof body === 'object' ? { on: true, ...body } : body;
        const answer = await kit.post(route, sent);
        expect(answer.status, `${route} ${JSON.stringify(sent)}`).toBe(400);
        expect(String(answer.body['message']), `${route} ${JSON.stringify(sent)}`).toMatch(new RegExp(`^${field}`));
      }
    }
    const killWithoutOn = await kit.post('/api/controls/kill-switch', CONFIRMED);
    expect(killWithoutOn.status).toBe(400);
    expect(String(killWithoutOn.body['message'])).toMatch(/^on/);
    const badSymbol = await kit.post('/api/controls/positions/AVAX-USDT/close', CONFIRMED);
    expect(badSymbol.status).toBe(400);
    expect(String(badSymbol.body['message'])).toMatch(/^symbol/);
    const badOrder = await kit.post('/api/controls/orders/12%2034/cancel', CONFIRMED);
    expect(badOrder.status).toBe(400);
    expect(String(badOrder.body['message'])).toMatch(/^orderId/);
    const form = await fetch(`${kit.app.url}/api/controls/flatten`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'confirm=true',
    });
    expect(form.status).toBe(415);
    const crossSite = await kit.post('/api/controls/flatten', CONFIRMED, { origin: 'http://evil.example' });
    expect(crossSite.status).toBe(403);

    expect((await audit()).length).toBe(before.audit);
    expect((await kit.get('/api/mtf/switches')).body.data).toEqual(before.switches);
    expect((await kit.held('AVAXUSDT')).toFixed()).toBe(before.held);
  }, 60_000);
});

describe('bad input on the MTF switch writes (the symbol switches)', () => {
  it('answers 400 naming the field, records nothing and changes no switch', async () => {
    const made = await kit.post('/api/mtf/switches', { key: 'SYMBOL:LTCUSDT', is_on: true, actor: 'alice' });
    expect(made.status).toBe(200);
    const id = (made.body.data as { id: number }).id;
    const before = { audit: (await audit()).length, switches: (await kit.get('/api/mtf/switches')).body.data };
    const valid = { key: 'SYMBOL:LTCUSDT', is_on: false };
    const cases: [string, object | string, string][] = [
      ['/api/mtf/switches', {}, 'key'],
      ['/api/mtf/switches', { ...valid, key: 'SYMBOL:LTC-USDT' }, 'key'],
      ['/api/mtf/switches', { ...valid, key: 'EVERYTHING' }, 'key'],
      ['/api/mtf/switches', { key: 'SYMBOL:LTCUSDT' }, 'is_on'],
      ['/api/mtf/switches', { ...valid, is_on: 'no' }, 'is_on'],
      ['/api/mtf/switches', { ...valid, duration: '4 hours' }, 'duration'],
      ['/api/mtf/switches', { ...valid, duration: '400d' }, 'duration'],
      ['/api/mtf/switches', { ...valid, expires_at: 'tomorrow' }, 'expires_at'],
      ['/api/mtf/switches', { ...valid, expires_at: '2030-01-01T00:00:00Z', duration: '1h' }, 'duration'],
      ['/api/mtf/switches', { ...valid, description: 'x'.repeat(501) }, 'description'],
      ['/api/mtf/switches', { ...valid, actor: '<script>' }, 'actor'],
      ['/api/mtf/switches', { ...valid, extra: 1 }, 'body'],
      ['/api/mtf/switches', '[true]', 'body'],
      [`/api/mtf/switches/${id}/toggle`, { actor: '' }, 'actor'],
      [`/api/mtf/switches/${id}/toggle`, { extra: 1 }, 'body'],
      [`/api/mtf/switches/${id}/toggle`, '"on"', 'body'],
      ['/api/mtf/switches/first/toggle', {}, 'id'],
      ['/api/mtf/switches/1.5/toggle', {}, 'id'],
    ];
    for (const [route, body, field] of cases) {
      const answer = await kit.post(route, body);
      expect(answer.status, `${route} ${JSON.stringify(body)}`).toBe(400);
      expect(String(answer.body['message']), `${route} ${JSON.stringify(body)}`).toMatch(new RegExp(`^${field}`));
    }
    expect((await audit()).length).toBe(before.audit);
    expect((await kit.get('/api/mtf/switches')).body.data).toEqual(before.switches);
  });
});

describe('the audit record', () => {
  it('lists every control newest first, the MTF switches included, with who, when, what and the outcome', async () => {
    const set = await kit.post('/api/mtf/switches', { key: 'SYMBOL:BTCUSDT', is_on: false, actor: 'bob' });
    expect(set.status).toBe(200);
    const records = await audit();
    expect(records[0]).toMatchObject({
      actor: 'bob',
      action: 'switch.set',
      target: 'SYMBOL:BTCUSDT',
      outcome: 'ok',
      address: expect.stringMatching(/127\.0\.0\.1/),
    });
    expect(Date.parse(records[0]?.at ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(records.map((record) => record.action)).toEqual(
      expect.arrayContaining(['entries.pause', 'entries.resume', 'position.close', 'order.cancel', 'kill_switch.on']),
    );
    const ids = records.map((record) => record.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    await kit.post('/api/mtf/switches', { key: 'SYMBOL:BTCUSDT', is_on: true, actor: 'bob' });
  });
});

describe('flatten', () => {
  it('closes every position the exchange holds, managed or not', async () => {
    await kit.open('SOLUSDT', 'short', 7, 'flat1');
    expect((await kit.venue.positions()).length).toBeGreaterThanOrEqual(2);
    const flat = await kit.post('/api/controls/flatten', CONFIRMED);
    expect(flat.status, JSON.stringify(flat.body)).toBe(200);
    const symbols = (flat.body.data as { symbol: string; outcome: string }[]).map((row) => row.symbol);
    expect(symbols).toEqual(expect.arrayContaining(['SOLUSDT', 'DOGEUSDT', 'AVAXUSDT']));
    await waitFor(async () => (await kit.venue.positions()).length === 0, 'every position closed');
    await waitFor(
      async () => (await storedPosition('protected1'))?.['close_reason'] === 'manual',
      'the managed DOGEUSDT position reported closed as manual',
    );
  });
});

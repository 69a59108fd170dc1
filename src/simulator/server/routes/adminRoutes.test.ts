import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Dec } from '../../../platform/decimal/index.ts';
import { createServerTestKit, type ServerTestKit } from '../serverTestKit.ts';

describe('admin API', () => {
  let kit: ServerTestKit;
  beforeEach(async () => {
    kit = await createServerTestKit();
  });
  afterEach(async () => kit.close());

  const post = (url: string, payload?: object) => kit.app.inject({ method: 'POST', url, ...(payload && { payload }) });

  it('moves the price, fills a crossing order, and answers when the pushes left', async () => {
    await kit.signedPost('/contract/private/submit-order', {
      symbol: 'BTCUSDT',
      side: 1,
      price: '60000',
      size: 1,
      leverage: '10',
      open_type: 'cross',
    });
    kit.clock.advance(1_000);
    const response = await post('/sim/price', { symbol: 'BTCUSDT', price: '59000' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ symbol: 'BTCUSDT', price: '59000', pushedAtMicros: kit.clock.monotonicMicros() });
    expect(kit.market.lastPrice('BTCUSDT').toFixed()).toBe('59000');
    expect(kit.engine.positions(kit.account.accountId)).toHaveLength(1);
  });

  it('rounds the price to the tick it was set on', async () => {
    const response = await post('/sim/price', { symbol: 'BTCUSDT', price: 59000.04 });
    expect(response.json().price).toBe('59000');
  });

  it('answers 400 naming what is wrong', async () => {
    const unknown = await post('/sim/price', { symbol: 'NOPEUSDT', price: '1' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toContain('NOPEUSDT');
    const noPrice = await post('/sim/price', { symbol: 'BTCUSDT' });
    expect(noPrice.statusCode).toBe(400);
    expect(noPrice.json().error).toContain('price');
    const extra = await post('/sim/price', { symbol: 'BTCUSDT', price: '1', speed: 2 });
    expect(extra.statusCode).toBe(400);
    const notJson = await kit.app.inject({
      method: 'POST',
      url: '/sim/price',
      headers: { 'content-type': 'application/json' },
      payload: '{nope',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json()).toEqual({ error: 'request body is not JSON' });
  });

  it('settles funding on demand: a long pays rate × mark notional, booked as a funding row', async () => {
    await kit.signedPost('/contract/private/submit-order', {
      symbol: 'BTCUSDT',
      side: 1,
      type: 'market',
      size: 10,
      leverage: '10',
      open_type: 'cross',
    });
    const before = kit.engine.state()[0]?.assets[0]?.available;
    const response = await post('/sim/funding', { symbol: 'BTCUSDT' });
    expect(response.statusCode).toBe(200);
    const { rate } = response.json();
    expect(rate).toMatch(/^-?\d/);
    const [row] = kit.engine.transactions(kit.account.accountId, { flowType: 3, startMs: 0, endMs: kit.clock.now() });
    const contractSize = kit.market.contract('BTCUSDT')?.contractSize ?? new Dec(0);
    const due = new Dec(rate).mul(kit.market.markPrice('BTCUSDT')).mul(10).mul(contractSize).toDecimalPlaces(12);
    expect(row?.amount.toFixed()).toBe(due.neg().toFixed());
    expect(
      kit.engine
        .state()[0]
        ?.assets[0]?.available.minus(before ?? 0)
        .toFixed(),
    ).toBe(due.neg().toFixed());
    const unknown = await post('/sim/funding', { symbol: 'NOPEUSDT' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toContain('NOPEUSDT');
    expect((await post('/sim/funding', {})).statusCode).toBe(400);
  });

  it('pauses and resumes the market', async () => {
    expect((await post('/sim/pause')).json()).toEqual({ paused: true });
    expect(kit.market.paused).toBe(true);
    expect((await post('/sim/resume')).json()).toEqual({ paused: false });
  });

  it('drops WebSocket connections and says how many', async () => {
    expect((await post('/sim/ws/drop')).json()).toEqual({ dropped: 0 });
  });

  it('serialises the engine state with arrival_micros and the market prices', async () => {
    await kit.signedPost('/contract/private/submit-order', {
      symbol: 'BTCUSDT',
      side: 1,
      price: '50000',
      size: 1,
      leverage: '10',
      open_type: 'cross',
    });
    const state = (await kit.app.inject({ method: 'GET', url: '/sim/state' })).json();
    expect(state.markets.find((row: { symbol: string }) => row.symbol === 'BTCUSDT').last_price).toMatch(/^\d/);
    const [account] = state.accounts;
    expect(account).toMatchObject({ api_key: 'test-key', assets: expect.any(Array) });
    expect(account.open_orders[0]).toMatchObject({ price: '50000', arrival_micros: kit.clock.monotonicMicros() });
  });

  it('refuses non-loopback callers on every /sim/ route, encoded paths included', async () => {
    for (const url of ['/sim/state', '/%73im/state', '/%73im/%73tate', '/sim/%73tate']) {
      const answer = await kit.app.inject({ method: 'GET', url, remoteAddress: '10.0.0.5' });
      expect([url, answer.statusCode, answer.json()]).toEqual([
        url,
        403,
        { error: 'the admin API accepts loopback callers only' },
      ]);
    }
    const before = kit.market.lastPrice('BTCUSDT').toFixed();
    const price = await kit.app.inject({
      method: 'POST',
      url: '/%73im/price',
      remoteAddress: '10.0.0.5',
      payload: { symbol: 'BTCUSDT', price: '1' },
    });
    expect(price.statusCode).toBe(403);
    expect(kit.market.lastPrice('BTCUSDT').toFixed()).toBe(before);
  });

  it('refuses cross-site requests in its own error shape and changes nothing', async () => {
    const before = (await kit.app.inject({ method: 'GET', url: '/sim/state' })).body;
    const refused = [
      await kit.app.inject({
        method: 'POST',
        url: '/sim/price',
        headers: { origin: 'https://evil.example' },
        payload: { symbol: 'BTCUSDT', price: '1' },
      }),
      await kit.app.inject({
        method: 'POST',
        url: '/sim/price',
        headers: { 'content-type': 'text/plain' },
        payload: '{"symbol":"BTCUSDT","price":"1"}',
      }),
      await kit.app.inject({ method: 'POST', url: '/sim/pause', headers: { 'sec-fetch-site': 'cross-site' } }),
      await kit.app.inject({ method: 'GET', url: '/sim/state', headers: { host: 'rebound.evil.example:8090' } }),
    ];
    expect(refused.map((answer) => answer.statusCode)).toEqual([403, 415, 403, 403]);
    expect(refused[1]?.json()).toEqual({
      error: 'a body with Content-Type text/plain: send it as application/json',
    });
    expect((await kit.app.inject({ method: 'GET', url: '/sim/state' })).body).toBe(before);
  });
});

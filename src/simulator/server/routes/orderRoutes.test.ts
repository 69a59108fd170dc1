import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServerTestKit, ORDER_VISIBILITY_MS, type ServerTestKit } from '../serverTestKit.ts';

const LIMIT = {
  symbol: 'BTCUSDT',
  side: 1,
  type: 'limit',
  price: '50000',
  size: 2,
  leverage: '10',
  open_type: 'cross',
};
const MARKET = { symbol: 'BTCUSDT', side: 1, type: 'market', size: 1, leverage: '10', open_type: 'cross' };

describe('order endpoints', () => {
  let kit: ServerTestKit;
  beforeEach(async () => {
    kit = await createServerTestKit();
  });
  afterEach(async () => kit.close());

  async function submit(body: object) {
    return kit.signedPost('/contract/private/submit-order', body);
  }

  it('answers a limit order with a numeric order_id and the price, visible in /order after the window', async () => {
    const response = await submit({ ...LIMIT, client_order_id: 'abc123' });
    expect(response.statusCode).toBe(200);
    const { order_id, price } = response.json().data;
    expect(typeof order_id).toBe('number');
    expect(price).toBe('50000');

    const early = await kit.keyedGet(`/contract/private/order?symbol=BTCUSDT&order_id=${order_id}`);
    expect(early.json().code).toBe(40035);

    kit.clock.advance(ORDER_VISIBILITY_MS + 1);
    const detail = (await kit.keyedGet(`/contract/private/order?symbol=BTCUSDT&order_id=${order_id}`)).json();
    expect(detail.code).toBe(1000);
    expect(detail.data).toMatchObject({
      symbol: 'BTCUSDT',
      order_id: String(order_id),
      client_order_id: 'abc123',
      side: 1,
      type: 'limit',
      price: '50000',
      size: '2',
      deal_size: '0',
      state: 2,
      leverage: '10',
      open_type: 'cross',
      create_time: kit.clock.now() - ORDER_VISIBILITY_MS - 1,
      account: 'futures',
    });
    const open = (await kit.keyedGet('/contract/private/get-open-orders?symbol=BTCUSDT')).json().data;
    expect(open.map((row: { order_id: string }) => row.order_id)).toEqual([String(order_id)]);
  });

  it('fills a market order ("market price") and shows it filled, with a trade and a position', async () => {
    const response = await submit(MARKET);
    expect(response.json().data).toMatchObject({ order_id: expect.any(Number), price: 'market price' });
    const orderId = String(response.json().data.order_id);
    kit.clock.advance(ORDER_VISIBILITY_MS + 1);

    const detail = (await kit.keyedGet(`/contract/private/order?symbol=BTCUSDT&order_id=${orderId}`)).json().data;
    expect(detail).toMatchObject({ type: 'market', state: 4, deal_size: '1' });
    expect(Number(detail.deal_avg_price)).toBeGreaterThan(0);

    const since = kit.clock.now() - 60_000; // ccxt sends ms here
    const trades = (await kit.keyedGet(`/contract/private/trades?symbol=BTCUSDT&start_time=${since}`)).json().data;
    expect(trades).toHaveLength(1);
    expect(trades[0]).toMatchObject({ order_id: orderId, vol: '1', exec_type: 'Taker', side: 1 });
    expect(Number(trades[0].paid_fees)).toBeGreaterThan(0);

    const positions = (await kit.keyedGet('/contract/private/position-v2')).json().data;
    expect(positions).toHaveLength(1);
    expect(positions[0]).toMatchObject({ symbol: 'BTCUSDT', current_amount: '1', open_type: 'cross' });

    const ledger = (await kit.keyedGet('/contract/private/transaction-history')).json().data;
    expect(ledger.length).toBeGreaterThan(0);
    expect(typeof ledger[0].time).toBe('string');
    expect(typeof ledger[0].tran_id).toBe('string');
  });

  it('refuses a duplicate client_order_id with 40050', async () => {
    expect((await submit({ ...LIMIT, client_order_id: 'dup1' })).json().code).toBe(1000);
    const duplicate = await submit({ ...LIMIT, client_order_id: 'dup1' });
    expect(duplicate.statusCode).toBe(403);
    expect(duplicate.json().code).toBe(40050);
  });

  it('refuses an order the balance cannot pay with 40027', async () => {
    const response = await submit({ ...LIMIT, price: '95000', size: 400_000, leverage: '1' });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe(40027);
    expect(kit.engine.openOrders(kit.account.accountId, {})).toHaveLength(0);
  });

  it('answers parameter errors with BitMart codes', async () => {
    expect((await submit({ ...LIMIT, side: 9 })).json().code).toBe(40041);
    expect((await submit({ ...LIMIT, type: 'stop' })).json().code).toBe(40042);
    expect((await submit({ ...LIMIT, open_type: 'both' })).json().code).toBe(40045);
    expect((await submit({ ...LIMIT, price: undefined })).json().code).toBe(40007);
    expect((await submit({ ...LIMIT, size: 'many' })).json().code).toBe(40007);
    expect((await kit.keyedGet('/contract/private/order?symbol=BTCUSDT')).json().code).toBe(40007);
  });

  it('cancels an order by id and answers data {}', async () => {
    const orderId = String((await submit(LIMIT)).json().data.order_id);
    const response = await kit.signedPost('/contract/private/cancel-order', { symbol: 'BTCUSDT', order_id: orderId });
    expect(response.json()).toMatchObject({ code: 1000, data: {} });
    expect(kit.engine.openOrders(kit.account.accountId, {})).toHaveLength(0);
  });

  it('cancels every order of a symbol', async () => {
    await submit(LIMIT);
    await submit({ ...LIMIT, price: '49000' });
    const response = await kit.signedPost('/contract/private/cancel-orders', { symbol: 'BTCUSDT' });
    expect(response.json().code).toBe(1000);
    expect(kit.engine.openOrders(kit.account.accountId, {})).toHaveLength(0);
  });

  it('modifies a resting limit order and answers a numeric order_id', async () => {
    const orderId = (await submit(LIMIT)).json().data.order_id;
    const response = await kit.signedPost('/contract/private/modify-limit-order', {
      symbol: 'BTCUSDT',
      order_id: orderId,
      price: '49000',
    });
    expect(response.json()).toMatchObject({ code: 1000, data: { order_id: orderId } });
    expect(kit.engine.openOrders(kit.account.accountId, {})[0]?.price.toFixed()).toBe('49000');
  });

  it('sets leverage, answers the position mode, and the fee rates', async () => {
    const leverage = await kit.signedPost('/contract/private/submit-leverage', {
      symbol: 'ETHUSDT',
      leverage: '5',
      open_type: 'isolated',
    });
    expect(leverage.json().data).toMatchObject({ symbol: 'ETHUSDT', leverage: '5', open_type: 'isolated' });
    const mode = (await kit.keyedGet('/contract/private/get-position-mode')).json().data;
    expect(['hedge_mode', 'one_way_mode']).toContain(mode.position_mode);
    const fees = (await kit.keyedGet('/contract/private/trade-fee-rate?symbol=BTCUSDT')).json().data;
    expect(fees).toMatchObject({
      symbol: 'BTCUSDT',
      taker_fee_rate: expect.any(String),
      maker_fee_rate: expect.any(String),
    });
  });

  it('serves assets-detail for USDT, BTC and ETH with string amounts', async () => {
    const assets = (await kit.keyedGet('/contract/private/assets-detail')).json().data;
    expect(assets.map((row: { currency: string }) => row.currency)).toEqual(['USDT', 'BTC', 'ETH']);
    expect(assets[0]).toEqual({
      currency: 'USDT',
      available_balance: '10000',
      frozen_balance: '0',
      unrealized: '0',
      equity: '10000',
      position_deposit: '0',
    });
  });
});

describe('plan order and transfer endpoints', () => {
  let kit: ServerTestKit;
  beforeEach(async () => {
    kit = await createServerTestKit();
  });
  afterEach(async () => kit.close());

  it('submits a plan order with a numeric id, lists it and cancels it', async () => {
    const last = Number(kit.market.lastPrice('BTCUSDT'));
    const response = await kit.signedPost('/contract/private/submit-plan-order', {
      symbol: 'BTCUSDT',
      side: 1,
      type: 'market',
      leverage: '10',
      open_type: 'cross',
      size: 1,
      trigger_price: String(Math.round(last * 1.05)),
      price_way: 1,
      price_type: 1,
    });
    expect(response.json()).toMatchObject({ code: 1000, data: { order_id: expect.any(Number) } });
    const orderId = String(response.json().data.order_id);
    const plans = (await kit.keyedGet('/contract/private/current-plan-order?symbol=BTCUSDT')).json().data;
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({ order_id: orderId, type: 'plan', price_way: 1, price_type: 1 });
    const cancel = await kit.signedPost('/contract/private/cancel-plan-order', {
      symbol: 'BTCUSDT',
      order_id: orderId,
    });
    expect(cancel.json().code).toBe(1000);
    expect((await kit.keyedGet('/contract/private/current-plan-order?symbol=BTCUSDT')).json().data).toHaveLength(0);
  });

  it('records a transfer without moving balances and lists it', async () => {
    const transfer = await kit.signedPost('/account/v1/transfer-contract', {
      currency: 'USDT',
      amount: '5',
      type: 'spot_to_contract',
    });
    expect(transfer.json()).toMatchObject({ code: 1000, message: 'OK', data: { currency: 'USDT', amount: '5' } });
    kit.clock.advance(2_000);
    const list = (await kit.signedPost('/account/v1/transfer-contract-list', { page: 1, limit: 10 })).json();
    expect(list.data.records).toEqual([
      expect.objectContaining({ currency: 'USDT', amount: '5', type: 'spot_to_contract', state: 'FINISHED' }),
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../src/platform/decimal/index.ts';
import { setSimulatorPrice, startSimulatorWithExchange } from './bitmartRestKit.ts';

let ctx: Awaited<ReturnType<typeof startSimulatorWithExchange>>;
beforeAll(async () => {
  // Three reads of the position mode in a row: BitMart allows two per 2 s, which the client would
  // wait out (test/bitmart-rest/rateLimits.test.ts proves that); the simulator counts nothing here.
  ctx = await startSimulatorWithExchange({}, undefined, {
    rateLimits: { '/contract/private/get-position-mode': { limit: 3, windowMs: 2_000, per: 'key' } },
  });
  // A still market: fills and marks only move when a test says so.
  await fetch(`${ctx.session.restUrl}/sim/pause`, { method: 'POST' });
});
afterAll(async () => ctx.stop());

const SYMBOL = 'BTCUSDT';
const dec = (value: string | number) => new Dec(value);

describe('BitMart REST adapter: trading against the simulator', () => {
  it('switches the position mode while flat and reads it back', async () => {
    expect(await ctx.exchange.positionMode()).toBe('hedge');
    await ctx.exchange.setPositionMode('one_way');
    expect(await ctx.exchange.positionMode()).toBe('one_way');
    await ctx.exchange.setPositionMode('hedge');
    expect(await ctx.exchange.positionMode()).toBe('hedge');
  });

  it('sets leverage and margin mode', async () => {
    const result = await ctx.exchange.setLeverage(SYMBOL, dec(10), 'cross');
    expect(result.leverage.eq(10)).toBe(true);
    expect(result.marginMode).toBe('cross');
  });

  it('opens a long at market: the position, the fill and the balance agree', async () => {
    const before = (await ctx.exchange.balances()).find((balance) => balance.currency === 'USDT');
    const ack = await ctx.exchange.submitOrder({
      symbol: SYMBOL,
      clientOrderId: 'open1',
      side: 'open_long',
      type: 'market',
      size: dec(10),
      leverage: dec(10),
      marginMode: 'cross',
    });
    expect(ack.orderId).toMatch(/^\d{15,16}$/);
    expect(ack.clientOrderId).toBe('open1');

    const order = await ctx.exchange.order({ symbol: SYMBOL, orderId: ack.orderId });
    expect(order).toMatchObject({ orderId: ack.orderId, clientOrderId: 'open1', side: 'open_long', type: 'market' });
    expect(order?.status).toBe('filled');
    expect(order?.filledSize.eq(10)).toBe(true);

    const [fill, ...others] = await ctx.exchange.fills(SYMBOL);
    expect(others).toHaveLength(0);
    expect(fill?.orderId).toBe(ack.orderId);
    expect(fill?.size.eq(10)).toBe(true);
    expect(fill?.fee.gt(0)).toBe(true);
    expect(fill?.role).toBe('taker');

    const [position, ...more] = await ctx.exchange.positions();
    expect(more).toHaveLength(0);
    expect(position).toMatchObject({ symbol: SYMBOL, side: 'long', mode: 'hedge', marginMode: 'cross' });
    expect(position?.size.eq(10)).toBe(true);
    expect(position?.entryPrice.eq(fill?.price ?? 0)).toBe(true);
    expect(position?.leverage?.eq(10)).toBe(true);

    // The wallet (equity without the unrealized PnL) paid exactly the fee.
    const after = (await ctx.exchange.balances()).find((balance) => balance.currency === 'USDT');
    const walletBefore = before!.equity.minus(before!.unrealizedPnl);
    const walletAfter = after!.equity.minus(after!.unrealizedPnl);
    expect(walletBefore.minus(walletAfter).eq(fill!.fee)).toBe(true);
    expect(after?.positionMargin.gt(0)).toBe(true);
  });

  it('rests a limit order, finds it by both ids, modifies and cancels it', async () => {
    const ticker = await ctx.exchange.ticker(SYMBOL);
    const price = ticker.lastPrice.mul(0.9).toDecimalPlaces(1);
    const ack = await ctx.exchange.submitOrder({
      symbol: SYMBOL,
      clientOrderId: 'rest1',
      side: 'open_long',
      type: 'limit',
      price,
      size: dec(2),
      timeInForce: 'gtc',
      leverage: dec(10),
      marginMode: 'cross',
    });
    const open = await ctx.exchange.openOrders(SYMBOL);
    expect(open.map((order) => order.orderId)).toContain(ack.orderId);
    const byClientId = await ctx.exchange.order({ symbol: SYMBOL, clientOrderId: 'rest1' });
    expect(byClientId?.orderId).toBe(ack.orderId);
    expect(byClientId?.status).toBe('open');
    expect(byClientId?.price?.eq(price)).toBe(true);

    const lower = price.minus(100);
    await ctx.exchange.modifyOrder({ symbol: SYMBOL, orderId: ack.orderId }, { price: lower, size: dec(3) });
    const modified = await ctx.exchange.order({ symbol: SYMBOL, orderId: ack.orderId });
    expect(modified?.price?.eq(lower)).toBe(true);
    expect(modified?.size.eq(3)).toBe(true);

    await ctx.exchange.cancelOrder({ symbol: SYMBOL, clientOrderId: 'rest1' });
    const canceled = await ctx.exchange.order({ symbol: SYMBOL, orderId: ack.orderId });
    expect(canceled?.status).toBe('canceled');
    expect(await ctx.exchange.openOrders(SYMBOL)).toHaveLength(0);
    const history = await ctx.exchange.orderHistory(SYMBOL, { start: Date.now() - 60_000, end: Date.now() + 1000 });
    expect(history.map((order) => order.orderId)).toEqual(expect.arrayContaining([ack.orderId]));
  });

  it('cancels every order of a symbol at once', async () => {
    const price = (await ctx.exchange.ticker(SYMBOL)).lastPrice.mul(0.8).toDecimalPlaces(1);
    for (const clientOrderId of ['bulk1', 'bulk2']) {
      await ctx.exchange.submitOrder({
        symbol: SYMBOL,
        clientOrderId,
        side: 'open_long',
        type: 'limit',
        price,
        size: dec(1),
      });
    }
    expect(await ctx.exchange.openOrders(SYMBOL)).toHaveLength(2);
    await ctx.exchange.cancelAllOrders(SYMBOL);
    expect(await ctx.exchange.openOrders(SYMBOL)).toHaveLength(0);
  });

  it('arms and disarms the dead-man switch', async () => {
    const armed = await ctx.exchange.cancelAllAfter(SYMBOL, 60);
    expect(armed.cancelAt).toBeDefined();
    expect(Math.abs((armed.cancelAt ?? 0) - (Date.now() + 60_000))).toBeLessThan(2_000);
    expect(await ctx.exchange.cancelAllAfter(SYMBOL, 0)).toEqual({ cancelAt: undefined });
  });

  it('places a position stop-loss and a plan order, lists and cancels them', async () => {
    const last = (await ctx.exchange.ticker(SYMBOL)).lastPrice;
    const stop = await ctx.exchange.submitPositionTpSl({
      symbol: SYMBOL,
      kind: 'stop_loss',
      positionSide: 'long',
      triggerPrice: last.mul(0.9).toDecimalPlaces(1),
      priceSource: 'mark',
      clientOrderId: 'sl1',
    });
    expect(stop.orderId).toMatch(/^\d+$/);
    const plan = await ctx.exchange.submitPlanOrder({
      symbol: SYMBOL,
      side: 'open_long',
      size: dec(1),
      triggerPrice: last.mul(1.05).toDecimalPlaces(1),
      priceSource: 'last',
      triggerDirection: 'rise',
      executionPrice: last.mul(1.06).toDecimalPlaces(1),
      leverage: dec(10),
      marginMode: 'cross',
    });
    const plans = await ctx.exchange.planOrders(SYMBOL);
    const stopRow = plans.find((row) => row.orderId === stop.orderId);
    const planRow = plans.find((row) => row.orderId === plan.orderId);
    expect(stopRow).toMatchObject({ kind: 'stop_loss', side: 'close_long', priceSource: 'mark' });
    expect(stopRow?.executionPrice).toBeUndefined();
    expect(planRow).toMatchObject({ kind: 'plan', side: 'open_long', priceSource: 'last' });
    expect(planRow?.executionPrice?.eq(last.mul(1.06).toDecimalPlaces(1))).toBe(true);
    await ctx.exchange.cancelPlanOrder({ symbol: SYMBOL, orderId: plan.orderId });
    await ctx.exchange.cancelPlanOrder({ symbol: SYMBOL, orderId: stop.orderId });
    expect(await ctx.exchange.planOrders(SYMBOL)).toHaveLength(0);
  });

  it('closes the long at a moved price and reports the realized PnL', async () => {
    const entry = (await ctx.exchange.positions(SYMBOL))[0]!.entryPrice;
    await setSimulatorPrice(ctx.session, SYMBOL, entry.plus(1000).toFixed());
    await ctx.exchange.submitOrder({
      symbol: SYMBOL,
      clientOrderId: 'close1',
      side: 'close_long',
      type: 'market',
      size: dec(10),
    });
    expect(await ctx.exchange.positions()).toHaveLength(0);
    const closing = (await ctx.exchange.fills(SYMBOL)).find((fill) => fill.side === 'close_long');
    expect(closing?.realizedPnl?.gt(0)).toBe(true);
  });
});

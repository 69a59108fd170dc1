import { expect, it } from 'vitest';
import type { FuturesExchange, Order, OrderRequest } from '../../src/exchange/port/index.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import {
  type ContractHarness,
  expectDecEqual,
  expectNear,
  lastPriceOf,
  newClientOrderId,
  priceAtFactor,
  VISIBILITY_WAIT_MS,
} from './contractKit.ts';

/** A buy far below the market: it rests, and nothing moves the price that far in a test. */
async function restingBuy(exchange: FuturesExchange, symbol: string, factor = 0.8) {
  const request: OrderRequest = {
    symbol,
    clientOrderId: newClientOrderId(),
    side: 'open_long',
    type: 'limit',
    size: new Dec(1),
    price: await priceAtFactor(exchange, symbol, factor),
    timeInForce: 'gtc',
  };
  return { request, ack: await exchange.submitOrder(request) };
}

export function orderCases(harness: () => ContractHarness): void {
  it('walks a limit order through open, lookup by both ids, modify and cancel', async () => {
    const { exchange, symbol, advance } = harness();
    const { request, ack } = await restingBuy(exchange, symbol);
    expect(ack.orderId).not.toBe('');
    expect(ack.clientOrderId).toBe(request.clientOrderId);
    await advance(VISIBILITY_WAIT_MS);

    const byId = (await exchange.order({ symbol, orderId: ack.orderId })) as Order;
    expect(byId).toMatchObject({ orderId: ack.orderId, clientOrderId: request.clientOrderId, symbol });
    expect(byId).toMatchObject({ side: 'open_long', type: 'limit', status: 'open' });
    expectDecEqual(byId.price, request.price as Dec);
    expectDecEqual(byId.size, 1);
    expectDecEqual(byId.filledSize, 0);
    const byClientId = await exchange.order({ symbol, clientOrderId: request.clientOrderId });
    expect(byClientId?.orderId).toBe(ack.orderId);
    expect((await exchange.openOrders(symbol)).map((order) => order.orderId)).toContain(ack.orderId);
    expect((await exchange.openOrders()).map((order) => order.orderId)).toContain(ack.orderId);

    const newPrice = await priceAtFactor(exchange, symbol, 0.79);
    await exchange.modifyOrder({ symbol, orderId: ack.orderId }, { price: newPrice });
    expectDecEqual((await exchange.order({ symbol, orderId: ack.orderId }))?.price, newPrice);

    await exchange.cancelOrder({ symbol, orderId: ack.orderId });
    await advance(VISIBILITY_WAIT_MS);
    expect((await exchange.order({ symbol, orderId: ack.orderId }))?.status).toBe('canceled');
    expect((await exchange.openOrders(symbol)).map((order) => order.orderId)).not.toContain(ack.orderId);
  });

  it('cancels an order by its client order id', async () => {
    const { exchange, symbol, advance } = harness();
    const { request, ack } = await restingBuy(exchange, symbol);
    await advance(VISIBILITY_WAIT_MS);
    await exchange.cancelOrder({ symbol, clientOrderId: request.clientOrderId });
    await advance(VISIBILITY_WAIT_MS);
    expect((await exchange.order({ symbol, orderId: ack.orderId }))?.status).toBe('canceled');
  });

  it('cancels every open order of a symbol at once', async () => {
    const { exchange, symbol, advance } = harness();
    await restingBuy(exchange, symbol, 0.8);
    await restingBuy(exchange, symbol, 0.81);
    await advance(VISIBILITY_WAIT_MS);
    expect(await exchange.openOrders(symbol)).toHaveLength(2);
    await exchange.cancelAllOrders(symbol);
    await advance(VISIBILITY_WAIT_MS);
    expect(await exchange.openOrders(symbol)).toEqual([]);
  });

  it('fills a market order at about the market price, with fills and a history row', async () => {
    const { exchange, symbol, advance } = harness();
    const last = await lastPriceOf(exchange, symbol);
    const clientOrderId = newClientOrderId();
    const ack = await exchange.submitOrder({
      symbol,
      clientOrderId,
      side: 'open_long',
      type: 'market',
      size: new Dec(3),
    });
    await advance(VISIBILITY_WAIT_MS);

    const order = (await exchange.order({ symbol, orderId: ack.orderId })) as Order;
    expect(order).toMatchObject({ orderId: ack.orderId, clientOrderId, type: 'market', status: 'filled' });
    expectDecEqual(order.filledSize, 3);
    expectNear(order.averageFillPrice, last, 0.01);

    const fills = (await exchange.fills(symbol)).filter((fill) => fill.orderId === ack.orderId);
    expect(fills.length).toBeGreaterThan(0);
    expectDecEqual(
      fills.reduce((sum, fill) => sum.plus(fill.size), new Dec(0)),
      3,
    );
    for (const fill of fills) {
      expect(fill).toMatchObject({ symbol, side: 'open_long' });
      expectNear(fill.price, last, 0.01);
    }
    const history = await exchange.orderHistory(symbol);
    expect(history.find((row) => row.orderId === ack.orderId)?.status).toBe('filled');
    expect(await exchange.openOrders(symbol)).toEqual([]);
  });

  it('answers undefined for an order it does not know', async () => {
    const { exchange, symbol } = harness();
    expect(await exchange.order({ symbol, orderId: '999999999' })).toBeUndefined();
    expect(await exchange.order({ symbol, clientOrderId: newClientOrderId() })).toBeUndefined();
  });
}

import { expect, it } from 'vitest';
import { Dec } from '../../src/platform/decimal/index.ts';
import {
  type ContractHarness,
  expectDecEqual,
  lastPriceOf,
  newClientOrderId,
  priceAtFactor,
  VISIBILITY_WAIT_MS,
} from './contractKit.ts';

/** Minutes of venue time: only for harnesses that can move time on demand. */
const itNeedsControllableTime =
  (name: string, test: (harness: ContractHarness) => Promise<void>) => (harness: () => ContractHarness) =>
    it(name, async (context) => {
      if (!harness().controllableTime) context.skip();
      await test(harness());
    });

const cancelsAfterDeadline = itNeedsControllableTime(
  'cancels the open orders of a symbol when the cancel-all-after deadline passes',
  async ({ exchange, symbol, advance }) => {
    const price = await priceAtFactor(exchange, symbol, 0.8);
    const clientOrderId = newClientOrderId();
    const size = new Dec(1);
    const ack = await exchange.submitOrder({ symbol, clientOrderId, side: 'open_long', type: 'limit', size, price });
    const before = await exchange.serverTime();
    const { cancelAt } = await exchange.cancelAllAfter(symbol, 10);
    expect(cancelAt).toBeGreaterThanOrEqual(before + 9_000);
    expect(cancelAt).toBeLessThanOrEqual(before + 11_000);
    await advance(5_000);
    expect(await exchange.openOrders(symbol)).toHaveLength(1);
    await advance(6_000);
    expect(await exchange.openOrders(symbol)).toEqual([]);
    expect((await exchange.order({ symbol, orderId: ack.orderId }))?.status).toBe('canceled');
    expect((await exchange.cancelAllAfter(symbol, 0)).cancelAt).toBeUndefined();
  },
);

export function triggerCases(harness: () => ContractHarness): void {
  it('places a position take-profit, lists it and cancels it', async () => {
    const { exchange, symbol, advance } = harness();
    const clientOrderId = newClientOrderId();
    await exchange.submitOrder({ symbol, clientOrderId, side: 'open_long', type: 'market', size: new Dec(1) });
    await advance(VISIBILITY_WAIT_MS);
    const triggerPrice = await priceAtFactor(exchange, symbol, 1.2);
    const ack = await exchange.submitPositionTpSl({
      symbol,
      kind: 'take_profit',
      positionSide: 'long',
      triggerPrice,
      priceSource: 'last',
    });
    expect(ack.orderId).not.toBe('');
    const listed = (await exchange.planOrders(symbol)).find((plan) => plan.orderId === ack.orderId);
    expect(listed).toMatchObject({ symbol, kind: 'take_profit', side: 'close_long', priceSource: 'last' });
    expectDecEqual(listed?.triggerPrice, triggerPrice);
    await exchange.cancelPlanOrder({ symbol, orderId: ack.orderId });
    expect((await exchange.planOrders(symbol)).map((plan) => plan.orderId)).not.toContain(ack.orderId);
  });

  it('places a sized take-profit as an order-level TP/SL of its size, beside the position-level ones', async () => {
    const { exchange, symbol, advance } = harness();
    await exchange.submitOrder({
      symbol,
      clientOrderId: newClientOrderId(),
      side: 'open_long',
      type: 'market',
      size: new Dec(3),
    });
    await advance(VISIBILITY_WAIT_MS);
    const base = { symbol, positionSide: 'long' as const, priceSource: 'last' as const };
    const sized = await exchange.submitPositionTpSl({
      ...base,
      kind: 'take_profit',
      triggerPrice: await priceAtFactor(exchange, symbol, 1.1),
      size: new Dec(1),
      clientOrderId: newClientOrderId(),
    });
    const whole = await exchange.submitPositionTpSl({
      ...base,
      kind: 'take_profit',
      triggerPrice: await priceAtFactor(exchange, symbol, 1.2),
    });
    const stop = await exchange.submitPositionTpSl({
      ...base,
      kind: 'stop_loss',
      triggerPrice: await priceAtFactor(exchange, symbol, 0.8),
    });
    const listed = await exchange.planOrders(symbol);
    const sizeOf = (orderId: string) => listed.find((plan) => plan.orderId === orderId)?.size.toFixed();
    // Order-level (BitMart plan_category 1) keeps its size; position-level (2) lists 0, the whole position.
    expect([sizeOf(sized.orderId), sizeOf(whole.orderId), sizeOf(stop.orderId)]).toEqual(['1', '0', '0']);
    for (const orderId of [sized.orderId, whole.orderId, stop.orderId])
      await exchange.cancelPlanOrder({ symbol, orderId });
  });

  it('fires a plan order when the price crosses its trigger, opening the position', async () => {
    const { exchange, symbol, setPrice, advance } = harness();
    const last = await lastPriceOf(exchange, symbol);
    const triggerPrice = await priceAtFactor(exchange, symbol, 1.02);
    const ack = await exchange.submitPlanOrder({
      symbol,
      side: 'open_long',
      size: new Dec(1),
      triggerPrice,
      priceSource: 'last',
      triggerDirection: 'rise',
      leverage: new Dec(10),
      marginMode: 'cross',
      clientOrderId: newClientOrderId(),
    });
    const plan = (await exchange.planOrders(symbol)).find((row) => row.orderId === ack.orderId);
    expect(plan).toMatchObject({ kind: 'plan', side: 'open_long' });
    expect(await exchange.positions(symbol)).toEqual([]);

    await setPrice(symbol, last.mul(1.03));
    await advance(VISIBILITY_WAIT_MS);
    expect((await exchange.planOrders(symbol)).map((row) => row.orderId)).not.toContain(ack.orderId);
    const [position, ...others] = await exchange.positions(symbol);
    expect(others).toEqual([]);
    expect(position?.side).toBe('long');
    expectDecEqual(position?.size, 1);
  });

  cancelsAfterDeadline(harness);
}

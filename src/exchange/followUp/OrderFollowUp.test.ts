import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock/index.ts';
import { Dec, roundToStep } from '../../platform/decimal/index.ts';
import { createSimulatedVenue } from '../../simulator/adapter/index.ts';
import { createEngine } from '../../simulator/engine/index.ts';
import { createMarket } from '../../simulator/market/index.ts';
import type { FuturesExchange } from '../port/FuturesExchange.ts';
import type { OrderRef } from '../port/types.ts';
import { OrderFollowUpTimeoutError } from './errors.ts';
import { OrderFollowUp } from './OrderFollowUp.ts';

const SYMBOL = 'BTCUSDT';

/** A decorator that counts `order()` calls and forwards everything to the real exchange. */
function countingOrderCalls(inner: FuturesExchange): { exchange: FuturesExchange; orderCalls: () => number } {
  let calls = 0;
  const exchange = new Proxy(inner, {
    get(target, key) {
      if (key === 'order') {
        return (ref: OrderRef) => {
          calls += 1;
          return target.order(ref);
        };
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { exchange, orderCalls: () => calls };
}

/** The simulator in process: a 400 ms visibility window, one account, prices moved by hand. */
function venue() {
  const clock = new ManualClock(Date.UTC(2026, 0, 5, 10, 0, 7));
  const market = createMarket({ seed: 3, clock });
  const engine = createEngine({ market, clock, seed: 3, orderVisibilityMs: 400 });
  engine.start();
  const { accountId } = engine.createAccount({
    apiKey: 'key',
    apiSecret: 'secret',
    apiMemo: 'memo',
    balanceUsdt: new Dec(10_000),
  });
  const simulated = createSimulatedVenue({ engine, market, clock, accountId });
  const counted = countingOrderCalls(simulated.exchange);
  const last = market.lastPrice(SYMBOL);
  const tick = market.contract(SYMBOL)?.tickSize ?? new Dec('0.1');
  const limitBuy = (factor: number, clientOrderId: string) =>
    simulated.exchange.submitOrder({
      symbol: SYMBOL,
      clientOrderId,
      side: 'open_long',
      type: 'limit',
      size: new Dec(1),
      price: roundToStep(last.mul(factor), tick),
    });
  return { clock, market, ...simulated, ...counted, last, limitBuy };
}

/** Lets the exchange's promises settle between clock steps; nothing sleeps. */
async function advance(clock: ManualClock, ms: number, stepMs = 50): Promise<void> {
  for (let elapsed = 0; elapsed < ms; elapsed += stepMs) {
    clock.advance(Math.min(stepMs, ms - elapsed));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

function tracked<T>(promise: Promise<T>) {
  const state: { value?: T; error?: unknown; settled: boolean } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { value, settled: true }),
    (error: unknown) => Object.assign(state, { error, settled: true }),
  );
  return state;
}

describe('OrderFollowUp', () => {
  it('polls through the visibility window without a stream, treating "not exist" as not yet', async () => {
    const { clock, exchange, orderCalls, limitBuy } = venue();
    const followUp = new OrderFollowUp({ exchange, clock });
    const submittedAt = clock.now();
    const ack = await limitBuy(0.9, 'poll1');
    const wait = tracked(followUp.awaitOrder({ symbol: SYMBOL, orderId: ack.orderId }, { until: 'known' }));

    await advance(clock, 700);
    expect(wait.settled).toBe(false);
    expect(orderCalls()).toBe(1); // at 250 ms: still invisible
    await advance(clock, 100);
    expect(wait.value).toMatchObject({ orderId: ack.orderId, status: 'open' });
    expect(orderCalls()).toBe(2); // at 750 ms: found
    expect(clock.now() - submittedAt).toBeGreaterThanOrEqual(400);
  });

  it('starts polling after the grace delay when the stream says nothing, by client order id', async () => {
    const { clock, exchange, userStream, orderCalls, limitBuy } = venue();
    await userStream.start(); // subscribed to nothing: no order event will come
    const followUp = new OrderFollowUp({ exchange, clock, userStream });
    followUp.start();
    await limitBuy(0.9, 'silent1');
    const wait = tracked(followUp.awaitOrder({ symbol: SYMBOL, clientOrderId: 'silent1' }));

    await advance(clock, 950);
    expect(orderCalls()).toBe(0);
    await advance(clock, 100);
    expect(wait.value).toMatchObject({ clientOrderId: 'silent1', status: 'open' });
    expect(orderCalls()).toBe(1);
  });

  it('resolves a market order from its stream events, even those that beat the submit, without polling', async () => {
    const { clock, exchange, userStream, orderCalls } = venue();
    userStream.subscribe(['orders']);
    await userStream.start();
    const followUp = new OrderFollowUp({ exchange, clock, userStream });
    followUp.start();
    const size = new Dec(2);
    const ack = await exchange.submitOrder({
      symbol: SYMBOL,
      clientOrderId: 'mkt1',
      side: 'open_long',
      type: 'market',
      size,
    });

    const order = await followUp.awaitOrder({ symbol: SYMBOL, orderId: ack.orderId }, { until: 'final' });
    expect(order).toMatchObject({ orderId: ack.orderId, status: 'filled' });
    expect(order.filledSize.toString()).toBe('2');
    expect(orderCalls()).toBe(0);
  });

  it('waits for a resting order to fill from the stream, without polling', async () => {
    const { clock, market, exchange, userStream, orderCalls, limitBuy, last } = venue();
    userStream.subscribe(['orders']);
    await userStream.start();
    const followUp = new OrderFollowUp({ exchange, clock, userStream });
    followUp.start();
    const ack = await limitBuy(0.99, 'rest1');
    const wait = tracked(followUp.awaitOrder({ symbol: SYMBOL, orderId: ack.orderId }, { until: 'final' }));

    await advance(clock, 600);
    expect(wait.settled).toBe(false);
    market.setPrice(SYMBOL, last.mul(0.98));
    await advance(clock, 50);
    expect(wait.value).toMatchObject({ orderId: ack.orderId, status: 'filled' });
    expect(orderCalls()).toBe(0);
  });

  it('sees a final state by polling when the stream is silent', async () => {
    const { clock, exchange, userStream, orderCalls, limitBuy } = venue();
    await userStream.start();
    const followUp = new OrderFollowUp({ exchange, clock, userStream });
    followUp.start();
    const ack = await limitBuy(0.9, 'cancel1');
    const wait = tracked(followUp.awaitOrder({ symbol: SYMBOL, orderId: ack.orderId }, { until: 'final' }));
    await advance(clock, 1_500);
    await exchange.cancelOrder({ symbol: SYMBOL, orderId: ack.orderId });
    expect(wait.settled).toBe(false);
    await advance(clock, 2_000);
    expect(wait.value).toMatchObject({ orderId: ack.orderId, status: 'canceled' });
    expect(orderCalls()).toBeGreaterThanOrEqual(3);
  });

  it('rejects with a timeout carrying the reference, after backing off 0.25, 0.5, 1, 2 s', async () => {
    const { clock, exchange, orderCalls } = venue();
    const followUp = new OrderFollowUp({ exchange, clock });
    const ref = { symbol: SYMBOL, clientOrderId: 'never1' };
    const timersBefore = clock.pendingTimers;
    const wait = tracked(followUp.awaitOrder(ref, { timeoutMs: 6_000 }));

    await advance(clock, 6_000);
    expect(wait.error).toBeInstanceOf(OrderFollowUpTimeoutError);
    expect(wait.error).toMatchObject({ ref, until: 'known', lastSeen: undefined });
    // Polls at 0.25, 0.75, 1.75, 3.75 and 5.75 s.
    expect(orderCalls()).toBe(5);
    expect(clock.pendingTimers, 'no poll or deadline timer left behind').toBe(timersBefore);
  });
});

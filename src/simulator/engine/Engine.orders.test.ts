import { describe, expect, it } from 'vitest';
import { accepted, BTC, codeOf, dec, engineFixture } from './engineTestKit.ts';
import type { SimOrder } from './types.ts';

function orderEvents(events: ReturnType<typeof engineFixture>['events']) {
  return events.flatMap((event) => (event.kind === 'order' ? [{ action: event.action, order: event.order }] : []));
}

describe('engine orders', () => {
  it('fills a resting limit buy as a maker when the price drops to it', () => {
    const { engine, accountId, market, submit, usdt } = engineFixture();
    const { orderId } = accepted(submit({ side: 1, type: 'limit', price: dec('59000'), size: 2 }));
    // margin 59000 × 0.001 / 10 = 5.9 and max fee 59 × 0.0006 = 0.0354 per contract
    expect(usdt().frozen.toFixed()).toBe('11.8708');
    market.setPrice(BTC, dec('59000'));
    const position = engine.positions(accountId, BTC)[0];
    expect(position?.amount).toBe(2);
    expect(position?.entryPrice.toFixed()).toBe('59000');
    const [fill] = engine.trades(accountId, { startMs: 0, endMs: Number.MAX_SAFE_INTEGER, orderId });
    expect(fill?.role).toBe('maker');
    expect(fill?.fee.toFixed()).toBe('0.0236'); // 118 × 0.0002
    expect(usdt().frozen.toFixed()).toBe('0');
    expect(usdt().available.toFixed()).toBe('9988.1764'); // 10000 − 11.8 margin − 0.0236 fee
  });

  it('fills a market buy at the ask, with slippage growing with size', () => {
    const small = engineFixture();
    const large = engineFixture();
    accepted(small.submit({ side: 1, size: 5 }));
    accepted(large.submit({ side: 1, size: 35 }));
    const smallEntry = small.engine.positions(small.accountId, BTC)[0]?.entryPrice;
    const largeEntry = large.engine.positions(large.accountId, BTC)[0]?.entryPrice;
    expect(smallEntry?.toFixed()).toBe('60000.1');
    // 10 @ 60000.1 + 20 @ 60000.2 + 5 @ 60000.3 = 2100006.5
    const exact = dec('2100006.5').div(35);
    expect(largeEntry?.minus(exact).abs().lt('1e-11')).toBe(true);
    expect(largeEntry?.gt(smallEntry ?? 0)).toBe(true);
  });

  it('fills the rest of a market order beyond the book at the last level', () => {
    const { engine, accountId, submit } = engineFixture();
    accepted(submit({ side: 1, size: 160 }));
    expect(engine.positions(accountId, BTC)[0]?.amount).toBe(160);
  });

  it('cancels a maker-only order that would take liquidity, with nothing filled', () => {
    const { engine, accountId, submit, events, usdt } = engineFixture();
    const { orderId } = accepted(submit({ side: 1, type: 'limit', mode: 4, price: dec('60000.5'), size: 1 }));
    expect(engine.positions(accountId, BTC)[0]?.amount).toBe(0);
    const actions = orderEvents(events).map((event) => [event.action, event.order.state]);
    expect(actions).toEqual([
      [2, 2],
      [3, 4],
    ]);
    const history = engine.orderHistory(accountId, {
      symbol: BTC,
      orderId,
      startMs: 0,
      endMs: Number.MAX_SAFE_INTEGER,
    });
    expect(history[0]?.canceled).toBe(true);
    expect(usdt().available.toFixed()).toBe('10000');
  });

  it('rests a maker-only order that does not cross', () => {
    const { engine, accountId, submit } = engineFixture();
    accepted(submit({ side: 1, type: 'limit', mode: 4, price: dec('59999'), size: 1 }));
    expect(engine.openOrders(accountId, { symbol: BTC })).toHaveLength(1);
  });

  it('kills a FOK order the book cannot fill completely, and fills one it can', () => {
    const { engine, accountId, submit } = engineFixture();
    accepted(submit({ side: 1, type: 'limit', mode: 2, price: dec('60000.2'), size: 31 }));
    expect(engine.positions(accountId, BTC)[0]?.amount).toBe(0);
    accepted(submit({ side: 1, type: 'limit', mode: 2, price: dec('60000.2'), size: 30 }));
    expect(engine.positions(accountId, BTC)[0]?.amount).toBe(30);
    expect(engine.openOrders(accountId, {})).toHaveLength(0);
  });

  it('fills what an IOC order can take now and cancels the rest', () => {
    const { engine, accountId, submit } = engineFixture();
    const { orderId } = accepted(submit({ side: 1, type: 'limit', mode: 3, price: dec('60000.1'), size: 15 }));
    expect(engine.positions(accountId, BTC)[0]?.amount).toBe(10);
    const [order] = engine.orderHistory(accountId, { orderId, startMs: 0, endMs: Number.MAX_SAFE_INTEGER });
    expect(order).toMatchObject({ dealSize: 10, state: 4, canceled: true });
    expect(engine.openOrders(accountId, {})).toHaveLength(0);
  });

  it('fills a large resting order partially over several ticks', () => {
    const { engine, accountId, market, submit } = engineFixture();
    accepted(submit({ side: 1, type: 'limit', price: dec('59000'), size: 25 }));
    market.setPrice(BTC, dec('58999'));
    expect(engine.positions(accountId, BTC)[0]?.amount).toBe(10);
    market.setPrice(BTC, dec('58998'));
    market.setPrice(BTC, dec('58997'));
    expect(engine.positions(accountId, BTC)[0]?.amount).toBe(25);
  });

  it.each([
    ['an unknown symbol', { symbol: 'NOPEUSDT', side: 1, size: 1 }, 40034],
    ['an invalid leverage', { side: 1, size: 1, leverage: dec(126) }, 40040],
    ['a size out of range', { side: 1, size: 200_001 }, 40044],
    ['a price off the tick', { side: 1, size: 1, type: 'limit', price: dec('60000.05') }, 40043],
    ['a limit without price', { side: 1, size: 1, type: 'limit' }, 40007],
    ['an insufficient balance', { side: 1, size: 1700 }, 40027],
    ['a close without position', { side: 3, size: 1 }, 40021],
    ['a non-alphanumeric client order id', { side: 1, size: 1, clientOrderId: 'a-b' }, 40048],
  ] as const)('rejects %s and changes nothing', (_name, command, code) => {
    const { engine, events, submit } = engineFixture();
    const before = JSON.stringify(engine.state());
    const eventCount = events.length;
    expect(codeOf(submit(command))).toBe(code);
    expect(JSON.stringify(engine.state())).toBe(before);
    expect(events).toHaveLength(eventCount);
  });

  it('rejects a duplicate client order id and changes nothing', () => {
    const { engine, submit } = engineFixture();
    accepted(submit({ side: 1, size: 1, clientOrderId: 'abc123' }));
    const before = JSON.stringify(engine.state());
    expect(codeOf(submit({ side: 1, size: 1, clientOrderId: 'abc123' }))).toBe(40050);
    expect(JSON.stringify(engine.state())).toBe(before);
  });

  it('rejects closing more than the free position volume', () => {
    const { submit } = engineFixture();
    accepted(submit({ side: 1, size: 3 }));
    accepted(submit({ side: 3, type: 'limit', price: dec('70000'), size: 2 }));
    expect(codeOf(submit({ side: 3, size: 2 }))).toBe(40020);
  });

  it('hides a new order from order() during the visibility window', () => {
    const { engine, accountId, clock, submit } = engineFixture();
    const { orderId } = accepted(submit({ side: 1, type: 'limit', price: dec('59000'), size: 1 }));
    expect(codeOf(engine.order(accountId, BTC, orderId))).toBe(40035);
    clock.advance(299);
    expect(codeOf(engine.order(accountId, BTC, orderId))).toBe(40035);
    clock.advance(1);
    expect(accepted(engine.order(accountId, BTC, orderId)).orderId).toBe(orderId);
    expect(codeOf(engine.order(accountId, BTC, '3000100000000999'))).toBe(40035);
  });

  it('pushes the submit event before fill events, then position and asset', () => {
    const { submit, events } = engineFixture();
    accepted(submit({ side: 1, size: 15 }));
    const kinds = events.map((event) =>
      event.kind === 'order' ? `order:${event.action}:${event.order.state}` : event.kind,
    );
    expect(kinds).toEqual(['order:2:1', 'order:1:2', 'order:1:4', 'position', 'asset']);
    const fills = orderEvents(events).filter((event) => event.action === 1);
    expect(fills.map((event) => event.order.dealSize)).toEqual([10, 15]);
    expect(fills[1]?.order.lastTrade).toMatchObject({ size: 5 });
  });

  it('cancels the open orders of the symbol when the cancel-all-after deadline passes', () => {
    const { engine, accountId, clock, submit, usdt } = engineFixture();
    accepted(submit({ side: 1, type: 'limit', price: dec('59000'), size: 1 }));
    expect(codeOf(engine.cancelAllAfter(accountId, BTC, 3))).toBe(49998);
    const timer = accepted(engine.cancelAllAfter(accountId, BTC, 10));
    expect(timer.cancelTime - timer.setTime).toBe(10);
    clock.advance(6_000);
    accepted(engine.cancelAllAfter(accountId, BTC, 10)); // resets the deadline
    clock.advance(6_000);
    expect(engine.openOrders(accountId, { symbol: BTC })).toHaveLength(1);
    clock.advance(4_000);
    expect(engine.openOrders(accountId, { symbol: BTC })).toHaveLength(0);
    expect(usdt().frozen.toFixed()).toBe('0');
  });

  it('modifies a resting limit order and re-freezes its margin', () => {
    const { engine, accountId, submit, usdt } = engineFixture();
    const { orderId } = accepted(submit({ side: 1, type: 'limit', price: dec('59000'), size: 1 }));
    accepted(engine.modifyLimitOrder(accountId, { symbol: BTC, orderId }, { price: dec('58000'), size: 2 }));
    expect(usdt().frozen.toFixed()).toBe('11.6696'); // 2 × (5.8 + 0.0348)
    const [order] = engine.openOrders(accountId, {}) as SimOrder[];
    expect(order).toMatchObject({ size: 2 });
    accepted(engine.cancelOrder(accountId, { symbol: BTC, orderId }));
    expect(codeOf(engine.modifyLimitOrder(accountId, { symbol: BTC, orderId }, { size: 3 }))).toBe(40036);
    expect(codeOf(engine.modifyLimitOrder(accountId, { symbol: BTC, orderId: '1' }, { size: 3 }))).toBe(40037);
  });

  it('cancels every open order of the symbol when no id is given', () => {
    const { engine, accountId, submit, events } = engineFixture();
    accepted(submit({ side: 1, type: 'limit', price: dec('59000'), size: 1 }));
    accepted(submit({ side: 4, type: 'limit', price: dec('61000'), size: 1 }));
    accepted(engine.cancelOrder(accountId, { symbol: BTC }));
    expect(engine.openOrders(accountId, {})).toHaveLength(0);
    expect(orderEvents(events).filter((event) => event.action === 3)).toHaveLength(2);
  });
});

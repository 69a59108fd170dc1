import { afterEach, describe, expect, it } from 'vitest';
import type { Order } from '../../src/exchange/port/types.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { clientOrderIdBase } from '../../src/ws-worker/execution/clientOrderIds.ts';
import { type Harness, harness, openLong, SYMBOL, settle } from './harness.ts';

/** Every order of the account, as the venue shows it (past its visibility window). */
async function venueOrders(h: Harness): Promise<Order[]> {
  h.clock.advance(1_000);
  return [...(await h.venue.exchange.orderHistory(SYMBOL))];
}

/** The roles the execution gives to the account's order events, as they happen. */
function rolesAtEventTime(h: Harness): Map<string, ReturnType<Harness['execution']['orderRole']>> {
  const seen = new Map<string, ReturnType<Harness['execution']['orderRole']>>();
  h.venue.userStream.onEvent((event) => {
    if (event.type === 'order') seen.set(event.order.orderId, h.execution.orderRole(event.order));
  });
  return seen;
}

describe('Execution.orderRole', () => {
  let h: Harness;
  afterEach(async () => h.teardown());

  it('names entries and closes of a request, after it is finished and after a restart', async () => {
    h = await harness();
    await openLong(h, 'role-1');
    h.setPrice(96_960); // the worker's take profit
    await settle();
    expect(h.outbox.last('closed')).toMatchObject({ position_id: 'role-1', reason: 'take_profit' });
    const base = clientOrderIdBase('role-1');
    const byClientId = (orders: Order[], id: string) => orders.find((order) => order.clientOrderId === id);
    const orders = await venueOrders(h);
    for (const execution of [h.execution, await h.restart()]) {
      expect(execution.orderRole(byClientId(orders, base) as Order)).toEqual({ kind: 'ENTRY', requestId: 'role-1' });
      expect(execution.orderRole(byClientId(orders, `${base}c1`) as Order)).toEqual({
        kind: 'TAKE_PROFIT',
        requestId: 'role-1',
        parentClientOrderId: base,
        target: 1,
      });
    }
  });

  it("names the exchange's own stop-loss close of a monitored position, with the link", async () => {
    h = await harness();
    const seen = rolesAtEventTime(h);
    await openLong(h, 'role2');
    h.link.drop(); // the worker does not see the price: the exchange-side preset closes first
    h.setPrice(92_900);
    await settle();
    // The exchange's own close at the stop is the stop's exit.
    expect(h.outbox.last('closed')).toMatchObject({ position_id: 'role2', reason: 'stop_loss' });
    const close = (await venueOrders(h)).find((order) => order.side === 'close_long');
    expect(close?.clientOrderId).toBe('');
    const role = { kind: 'STOP_LOSS', requestId: 'role2', parentClientOrderId: 'role2' };
    expect(seen.get(close?.orderId ?? '')).toEqual(role);
    expect(h.execution.orderRole(close as Order)).toEqual(role);
    expect((await h.restart()).orderRole(close as Order)).toEqual(role);
  });

  it('names a liquidation of a monitored position, and no order of another tool', async () => {
    h = await harness();
    const seen = rolesAtEventTime(h);
    await openLong(h, 'role3');
    const manual = { symbol: SYMBOL, clientOrderId: 'manual1', side: 'close_long' as const, type: 'market' as const };
    await h.venue.exchange.submitOrder({ ...manual, size: new Dec(1) });
    await settle();
    for (const plan of await h.venue.exchange.planOrders(SYMBOL)) {
      await h.venue.exchange.cancelPlanOrder({ symbol: SYMBOL, orderId: plan.orderId });
    }
    h.link.drop();
    h.setPrice(80_000); // far past the liquidation price of a 10x long
    await settle();
    const orders = await venueOrders(h);
    const liquidation = orders.find((order) => order.type === 'liquidation');
    expect(liquidation).toBeDefined();
    expect(seen.get(liquidation?.orderId ?? '')).toEqual({
      kind: 'LIQUIDATION',
      requestId: 'role3',
      parentClientOrderId: 'role3',
    });
    const manualOrder = orders.find((order) => order.clientOrderId === 'manual1') as Order;
    expect(h.execution.orderRole(manualOrder)).toBeUndefined();
  });
});

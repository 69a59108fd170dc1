import { afterEach, describe, expect, it } from 'vitest';
import { PlaceOrderRequestSchema } from '../../src/contracts/api/placeOrder.ts';
import { type Harness, harness, longRequest, SYMBOL, settle } from './harness.ts';

const request = (id: string, extra: Record<string, unknown> = {}) =>
  PlaceOrderRequestSchema.parse(longRequest(id, extra));

describe('entry zone monitor on the in-process simulator', () => {
  let h: Harness;
  afterEach(async () => h.teardown());

  it('places a maker-only entry with presets when the price enters the zone', async () => {
    h = await harness();
    expect(await h.execution.placeOrder(request('entry1'))).toEqual({ accepted: true, id: 'entry1' });
    await settle();
    expect(h.exchange.submitted).toHaveLength(0);
    expect(h.execution.status().orders['entry1']).toMatchObject({ state: 'waiting' });

    h.setPrice(94_400); // inside [94000, 94500]
    expect(h.exchange.submitted).toHaveLength(1); // synchronously, from the price event
    const sent = h.exchange.submitted[0];
    expect(sent).toMatchObject({ clientOrderId: 'entry1', type: 'limit', side: 'open_long', timeInForce: 'post_only' });
    expect(sent?.price?.toFixed()).toBe('94399.9'); // the best bid, inside the zone
    expect(sent?.stopLoss?.triggerPrice.toFixed()).toBe('93000');
    expect(sent?.takeProfit?.triggerPrice.toFixed()).toBe('97000');
    await settle();
    const open = await h.venue.exchange.openOrders(SYMBOL);
    expect(open.map((order) => order.clientOrderId)).toEqual(['entry1']);
    expect(h.outbox.last('placed')).toMatchObject({
      order_id: 'entry1',
      exchange_order_id: open[0]?.orderId,
      entry_price: '94399.9',
      quantity: '10',
      trace_id: 'entry1-placed',
    });
    expect(h.exchange.deadMan).toEqual([{ symbol: SYMBOL, timeoutSeconds: 60 }]);

    h.setPrice(94_300); // the resting bid fills as maker
    await settle();
    const status = h.execution.status();
    expect(status).toMatchObject({ pending_orders: 0, monitored_positions: 1 });
    expect(status.positions['entry1']).toMatchObject({ size: '10', entry_price: '94399.9', side: 'long' });
    expect(h.exchange.deadMan.at(-1)).toEqual({ symbol: SYMBOL, timeoutSeconds: 0 });
    const plans = await h.venue.exchange.planOrders(SYMBOL);
    expect(plans.map((plan) => plan.kind).sort()).toEqual(['stop_loss', 'take_profit']);
  });

  it('enters at once when the price is already inside the zone', async () => {
    h = await harness();
    h.setPrice(94_200);
    await h.execution.placeOrder(request('inside1'));
    await settle();
    expect(h.exchange.submitted.map((sent) => sent.clientOrderId)).toEqual(['inside1']);
    expect(h.exchange.submitted[0]?.price?.toFixed()).toBe('94199.9');
    expect(h.outbox.statuses()).toEqual(['placed']);
  });

  it('enters within the tolerance band, at the zone edge', async () => {
    h = await harness();
    await h.execution.placeOrder(request('band1'));
    h.setPrice(94_590); // above max but within max·1.001 = 94594.5
    expect(h.exchange.submitted[0]?.price?.toFixed()).toBe('94500');
  });

  it('below the zone by the tolerance, a long bids at the touch (a bid raised to the floor would cross and be canceled)', async () => {
    h = await harness();
    await h.execution.placeOrder(request('under1'));
    h.setPrice(93_910); // below min 94000 but within min·0.999 = 93906
    const sent = h.exchange.submitted[0];
    expect(sent?.price?.toFixed()).toBe('93909.9'); // the best bid, not the zone's 94000 above the ask
    await settle();
    expect((await h.venue.exchange.openOrders(SYMBOL)).map((order) => order.clientOrderId)).toEqual(['under1']);
    expect(h.outbox.statuses()).toEqual(['placed']);
  });

  it('times out when the price never enters the zone, leaving nothing on the venue', async () => {
    h = await harness();
    await h.execution.placeOrder(request('late1', { timeout_seconds: 60 }));
    h.setPrice(95_500);
    h.clock.advance(59_000);
    await settle();
    expect(h.outbox.statuses()).toEqual([]);
    h.clock.advance(1_000);
    await settle();
    expect(h.outbox.last('timeout')).toMatchObject({
      order_id: 'late1',
      reason: 'Entry zone not reached within timeout',
    });
    expect(h.execution.status().pending_orders).toBe(0);
    expect(await h.venue.exchange.openOrders(SYMBOL)).toEqual([]);
    h.setPrice(94_200);
    expect(h.exchange.submitted).toHaveLength(0);
  });

  it('cancels a live entry at the timeout and reports timeout', async () => {
    h = await harness();
    await h.execution.placeOrder(request('rest1', { timeout_seconds: 30 }));
    h.setPrice(94_450);
    await settle();
    expect(await h.venue.exchange.openOrders(SYMBOL)).toHaveLength(1);
    h.clock.advance(30_000);
    await settle();
    expect(await h.venue.exchange.openOrders(SYMBOL)).toEqual([]);
    expect(h.outbox.statuses()).toEqual(['placed', 'timeout']);
    expect(h.exchange.deadMan.at(-1)).toEqual({ symbol: SYMBOL, timeoutSeconds: 0 });
  });

  it('re-places a maker-only entry canceled by the venue at the new touch, never two at once', async () => {
    h = await harness();
    await h.execution.placeOrder(request('maker1'));
    let release: (() => void) | undefined;
    h.exchange.hold = (go) => {
      release = go;
    };
    h.setPrice(94_400); // submit at 94399.9, held in flight
    h.setPrice(94_300); // the ask is now 94300.1: the held buy would take
    expect(h.exchange.submitted).toHaveLength(1); // the second tick did not submit again
    release?.();
    await settle();
    expect(await h.venue.exchange.openOrders(SYMBOL)).toEqual([]);
    expect(h.execution.status().orders['maker1']).toMatchObject({ state: 'waiting', attempts: 1 });

    h.setPrice(94_250);
    await settle();
    expect(h.exchange.submitted.map((sent) => sent.clientOrderId)).toEqual(['maker1', 'maker1r2']);
    expect(h.exchange.submitted[1]?.price?.toFixed()).toBe('94249.9');
    const open = await h.venue.exchange.openOrders(SYMBOL);
    expect(open.map((order) => order.clientOrderId)).toEqual(['maker1r2']);
    expect(h.outbox.last('placed')).toMatchObject({ trace_id: 'maker1-placed-2', exchange_order_id: open[0]?.orderId });
  });

  it('reports failed when the venue rejects the entry', async () => {
    h = await harness();
    await h.execution.placeOrder(request('poor1', { quantity: '100000', leverage: 1 })); // far beyond the balance
    h.setPrice(94_400);
    await settle();
    expect(h.outbox.last('failed')).toMatchObject({ order_id: 'poor1' });
    expect(h.execution.status().pending_orders).toBe(0);
  });

  it('resolves an entry submit with an unknown outcome by its client id, without placing again', async () => {
    h = await harness();
    await h.execution.placeOrder(request('lost1'));
    h.exchange.loseNextAnswer = true;
    h.setPrice(94_400);
    await settle();
    h.setPrice(94_450);
    h.clock.advance(2_000); // the follow-up polls past the venue's visibility window
    await settle();
    expect(h.exchange.submitted.map((sent) => sent.clientOrderId)).toEqual(['lost1']);
    expect(h.execution.status().orders['lost1']).toMatchObject({ state: 'live' });
    expect(h.outbox.statuses()).toEqual(['placed']);
  });
});

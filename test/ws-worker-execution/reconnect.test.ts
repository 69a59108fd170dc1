import { afterEach, describe, expect, it } from 'vitest';
import { PlaceOrderRequestSchema } from '../../src/contracts/api/placeOrder.ts';
import { type Harness, harness, longRequest, openLong, settle } from './harness.ts';

const request = (id: string) => PlaceOrderRequestSchema.parse(longRequest(id));
const sent = (h: Harness) => h.exchange.submitted.map((order) => order.clientOrderId);

/**
 * A move made while the public stream is down is never pushed: the worker must read the price
 * (REST) when the stream comes back, not wait for a push that may not come for a while.
 */
describe('price moves while the public stream is down', () => {
  let h: Harness;
  afterEach(async () => h.teardown());

  it('closes at once on reconnection when the price passed the stop meanwhile', async () => {
    h = await harness();
    await openLong(h, 'gap1');

    h.link.drop();
    h.setPrice(93_040); // the worker's stop (the exchange-side one is at 93000): not pushed
    await settle();
    expect(sent(h)).toEqual(['gap1']);
    h.link.restore();
    await settle();
    expect(sent(h)).toEqual(['gap1', 'gap1c1']);
    expect(h.outbox.last('closed')).toMatchObject({ position_id: 'gap1', reason: 'stop_loss' });
  });

  it('enters at once on reconnection when the price moved into the zone meanwhile', async () => {
    h = await harness();
    await h.execution.placeOrder(request('gap2'));
    h.link.drop();
    h.setPrice(94_400);
    await settle();
    expect(sent(h)).toEqual([]);
    h.link.restore();
    await settle();
    expect(sent(h)).toEqual(['gap2']);
  });

  it('checks a request sent while the stream is down against a fresh price, not the last push', async () => {
    h = await harness();
    h.setPrice(95_100); // pushed: the worker's last known price is out of the zone
    await h.execution.placeOrder(request('other1'));
    h.link.drop();
    h.setPrice(94_200); // into [94000, 94500], not pushed
    await settle();
    await h.execution.placeOrder(request('gap3'));
    await settle();
    expect(sent(h)).toContain('gap3');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, harness, SYMBOL, settle } from './harness.ts';
import { expectStopCovers, managedLong, roleOf } from './tradeKit.ts';

/** 120 s of zone; in its last 25 s a taker entry within 5 bps of spread and 10 bps of slippage. */
const FALLBACK = {
  timeout_seconds: 120,
  fallback_end_of_zone: { seconds_before_end: 25, max_spread_bps: 5, max_slippage_bps: 10 },
};

describe('end of the zone: maker first, then a bounded taker entry', () => {
  let h: Harness;
  afterEach(async () => h.teardown());

  /** Rests a maker entry at the bid (94399.9) that the price never fills. */
  async function restMaker(id: string, extra: Record<string, unknown> = {}): Promise<void> {
    await h.execution.placeOrder(managedLong(id, { ...FALLBACK, ...extra }));
    h.setPrice(94_400);
    await settle();
    expect((await h.venue.exchange.openOrders(SYMBOL)).map((order) => order.clientOrderId)).toEqual([id]);
  }

  it('cancels the maker, then takes with a limit IOC at the ask plus at most the slippage', async () => {
    h = await harness();
    await restMaker('fallL1');
    expect(h.execution.status().orders['fallL1']).toMatchObject({ fallback_end_of_zone: { state: 'armed' } });
    h.clock.advance(94_000);
    await settle();
    expect(h.exchange.submitted).toHaveLength(1);

    // The taker is checked against the venue at the moment it is sent: no entry order is open then.
    let openAtTaker: string[] | undefined;
    h.exchange.hold = (go) => {
      void h.venue.exchange.openOrders(SYMBOL).then((open) => {
        openAtTaker = open.map((order) => order.clientOrderId);
        go();
      });
    };
    h.clock.advance(1_000); // 25 s before the end: the window opens, no price event needed
    await settle();
    const [maker, taker] = h.exchange.submitted;
    expect(maker).toMatchObject({ clientOrderId: 'fallL1', timeInForce: 'post_only' });
    expect(taker).toMatchObject({ clientOrderId: 'fallL1r2', type: 'limit', timeInForce: 'ioc', side: 'open_long' });
    expect(taker?.price?.toFixed()).toBe('94494.5'); // the ask 94400.1 · (1 + 10 bps), down to the tick
    expect(taker?.stopLoss?.triggerPrice.toFixed()).toBe('93000');
    expect(openAtTaker).toEqual([]);
    expect(h.execution.status()).toMatchObject({ pending_orders: 0, monitored_positions: 1 });
    const view = await expectStopCovers(h, 'long', '93000');
    expect(view.held).toBe('10');
    expect(h.outbox.statuses()).toEqual(['placed', 'placed']);
    expect(h.outbox.last('placed')).toMatchObject({ trace_id: 'fallL1-placed-2' });
    expect(roleOf(h, 'fallL1r2')).toEqual({ kind: 'ENTRY', requestId: 'fallL1' });
  });

  it('refuses the taker while the spread is above its limit: the maker stays, then times out', async () => {
    h = await harness();
    await restMaker('fallL2', {
      fallback_end_of_zone: { seconds_before_end: 25, max_spread_bps: 0.01, max_slippage_bps: 10 },
    });
    h.clock.advance(100_000);
    h.setPrice(94_410);
    await settle();
    expect(h.exchange.submitted).toHaveLength(1);
    expect(h.execution.status().orders['fallL2']).toMatchObject({
      fallback_end_of_zone: { state: expect.stringMatching(/^refused: spread .* bps is above 0.01 bps$/) },
    });
    h.clock.advance(20_000);
    await settle();
    expect(h.outbox.statuses()).toEqual(['placed', 'timeout']);
    expect(await h.venue.exchange.openOrders(SYMBOL)).toEqual([]);
  });

  it('refuses the taker while the price is outside the zone, and takes once it is back inside', async () => {
    h = await harness();
    await restMaker('fallL3');
    h.clock.advance(96_000);
    h.setPrice(94_590); // inside the tolerance band, outside the zone itself
    await settle();
    expect(h.exchange.submitted).toHaveLength(1);
    expect(h.execution.status().orders['fallL3']).toMatchObject({
      fallback_end_of_zone: { state: 'refused: price 94590 is outside the zone' },
    });
    h.setPrice(94_450);
    await settle();
    expect(h.exchange.submitted.map((sent) => [sent.clientOrderId, sent.timeInForce])).toEqual([
      ['fallL3', 'post_only'],
      ['fallL3r2', 'ioc'],
    ]);
    expect(h.execution.status().positions['fallL3']).toMatchObject({ size: '10' });
  });

  it('is refused at admission when its window is as long as the entry', async () => {
    h = await harness();
    const outcome = await h.execution.placeOrder(
      managedLong('fallL4', {
        timeout_seconds: 20,
        fallback_end_of_zone: { seconds_before_end: 20, max_spread_bps: 5, max_slippage_bps: 10 },
      }),
    );
    expect(outcome).toMatchObject({ accepted: false, status: 400, error: expect.stringMatching(/seconds_before_end/) });
  });
});

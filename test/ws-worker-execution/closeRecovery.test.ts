import { afterEach, describe, expect, it } from 'vitest';
import { Dec } from '../../src/platform/decimal/index.ts';
import { RejectedError } from '../../src/platform/errors/exchangeErrors.ts';
import { type Harness, harness, longCloses, openLong, recordingLogger, SYMBOL, settle } from './harness.ts';

/** Another tool's take-profit: a reduce-only limit that holds `size` contracts of the position. */
async function manualTakeProfit(h: Harness, size: number): Promise<void> {
  const order = { symbol: SYMBOL, clientOrderId: 'manualtp1', side: 'close_long' as const, type: 'limit' as const };
  await h.venue.exchange.submitOrder({ ...order, size: new Dec(size), price: new Dec(99_000) });
  await settle();
}

describe('a close the venue refuses', () => {
  let h: Harness;
  afterEach(async () => h.teardown());

  it('cancels the reduce-only order that holds part of the position, then closes all of it', async () => {
    h = await harness();
    await openLong(h, 'held1');
    await manualTakeProfit(h, 4);

    h.setPrice(93_040); // the worker's stop: a close of 10 while 4 are held by the manual order (40020)
    await settle(40);
    expect(longCloses(h)).toEqual([
      ['held1c1', '10'],
      ['held1c2', '10'],
    ]);
    expect(h.outbox.statuses()).toEqual(['placed', 'closed']);
    expect(h.outbox.last('closed')).toMatchObject({ position_id: 'held1', reason: 'stop_loss' });
    expect(await h.venue.exchange.positions(SYMBOL)).toEqual([]);
    h.clock.advance(1_000); // past the venue's visibility window of the manual order
    const manual = await h.venue.exchange.order({ symbol: SYMBOL, clientOrderId: 'manualtp1' });
    expect(manual).toMatchObject({ status: 'canceled' });
  });

  it('closes the free part when the conflicting order cannot be canceled, and reports the rest', async () => {
    h = await harness();
    await openLong(h, 'held2');
    await manualTakeProfit(h, 4);
    h.exchange.refuseCancels = true;

    h.setPrice(93_040);
    await settle(40);
    expect(longCloses(h)).toEqual([
      ['held2c1', '10'],
      ['held2c2', '6'],
      ['held2c3', '4'],
    ]);
    expect((await h.venue.exchange.positions(SYMBOL)).map((position) => position.size.toFixed())).toEqual(['4']);
    expect(h.execution.status().positions['held2']).toMatchObject({ size: '4', close_failures: 1 });
    // The preset stop still protects the 4 contracts on the exchange.
    expect(h.outbox.last('close_failed')).toMatchObject({
      position_id: 'held2',
      reason: 'stop_loss',
      unprotected: false,
      trace_id: 'held2-close_failed-1',
    });
  });

  it('gives up after five failed attempts, loudly, and says the position has no stop on the exchange', async () => {
    const log = recordingLogger();
    h = await harness({ logger: log.logger });
    await openLong(h, 'held3');
    for (const plan of await h.venue.exchange.planOrders(SYMBOL)) {
      if (plan.kind === 'stop_loss') await h.venue.exchange.cancelPlanOrder({ symbol: SYMBOL, orderId: plan.orderId });
    }
    h.exchange.refuseCloses = new RejectedError('position in liquidation', { code: 40019, message: 'liquidating' });

    for (const price of [93_040, 93_030, 93_020, 93_010, 93_005, 93_001]) {
      h.setPrice(price);
      await settle(40);
    }
    expect(longCloses(h)).toHaveLength(5);
    const failures = h.outbox.signals.filter((signal) => signal.payload['status'] === 'close_failed');
    expect(failures.map((signal) => [signal.traceId, signal.payload['unprotected']])).toEqual(
      [1, 2, 3, 4, 5].map((n) => [`held3-close_failed-${n}`, true]),
    );
    const gaveUp = log.lines.find((line) => String(line['msg']).includes('the worker gives up'));
    expect(gaveUp).toMatchObject({ level: 50, id: 'held3', unprotected: true });
    expect(String(gaveUp?.['msg'])).toContain('THE POSITION IS UNPROTECTED');
  });
});

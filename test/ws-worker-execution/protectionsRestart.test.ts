import { afterEach, describe, expect, it } from 'vitest';
import { STOP_FOLLOW_INTERVAL_MS } from '../../src/ws-worker/execution/ExchangeProtections.ts';
import { type Harness, harness, SYMBOL, settle } from './harness.ts';
import { closesOf, expectStopCovers, firstTargetOf, managedLong, openManaged } from './tradeKit.ts';

const CHANDELIER = {
  targets: [{ price: '96000', fraction: '0.5' }, { price: '98000' }],
  trailing: { mode: 'atr_chandelier', atr: '200', atr_k: 2 },
};

/** The TP/SL orders the worker sent, as client order ids. */
const tpSlSent = (h: Harness) => h.exchange.tpSl.map((sent) => sent.clientOrderId);

describe('restarts keep the protections: none placed twice, none lost', () => {
  let h: Harness;
  afterEach(async () => h.teardown());

  async function restartAndCheck(): Promise<void> {
    await h.restart();
    await settle();
  }

  it('a restart at each stage of a trade: waiting, filled, after TP1, trailing', async () => {
    h = await harness();
    await h.execution.placeOrder(managedLong('stageL1', CHANDELIER));
    await restartAndCheck(); // waiting for the zone
    h.setPrice(94_400);
    await settle();
    h.setPrice(94_300);
    await settle();
    expect(firstTargetOf(await expectStopCovers(h, 'long', '93000'))).toEqual(['stageL1t1', '5', '96000']);

    await restartAndCheck(); // filled, TP1 on the exchange
    expect(firstTargetOf(await expectStopCovers(h, 'long', '93000'))).toEqual(['stageL1t1', '5', '96000']);
    h.clock.advance(30_000); // past the visibility window: the start-up check may now restore
    await restartAndCheck();
    expect(firstTargetOf(await expectStopCovers(h, 'long', '93000'))).toEqual(['stageL1t1', '5', '96000']);
    expect(tpSlSent(h)).toEqual(['stageL1t1']);

    h.setPrice(95_960); // TP1: the stop to 95560
    await settle();
    await restartAndCheck();
    expect(firstTargetOf(await expectStopCovers(h, 'long', '95560'))).toBeUndefined();
    expect(h.execution.status().positions['stageL1']).toMatchObject({ size: '5', stop_loss: '95560' });

    h.setPrice(96_500); // trailing: 96100
    await settle();
    h.clock.advance(STOP_FOLLOW_INTERVAL_MS);
    await settle();
    await restartAndCheck();
    await expectStopCovers(h, 'long', '96100');
    expect(tpSlSent(h)).toEqual(['stageL1t1', 'stageL1s1', 'stageL1s2']);

    h.setPrice(96_140); // the trailing stop, by the worker after all these restarts
    await settle();
    expect(closesOf(h, 'long')).toEqual([
      ['stageL1c1t1', '5'],
      ['stageL1c2', '5'],
    ]);
    expect(h.outbox.statuses()).toEqual(['placed', 'partially_closed', 'closed']);
    expect(h.outbox.last('closed')).toMatchObject({ reason: 'trailing', closed_quantity: '10' });
  });

  it('finds TP1 and a moved stop whose answers were lost, instead of placing them again', async () => {
    h = await harness();
    h.exchange.loseNextTpSlAnswer = true; // TP1's order reaches the venue, its answer does not come back
    await openManaged(h, managedLong('lostL1', { trailing: { mode: 'break_even' } }));
    await restartAndCheck();
    expect(firstTargetOf(await expectStopCovers(h, 'long', '93000'))).toEqual(['lostL1t1', '5', '96000']);
    expect(h.execution.status().positions['lostL1']).toMatchObject({
      protections: { target: { client_order_id: 'lostL1t1', order_id: expect.any(String) } },
    });

    h.exchange.loseNextTpSlAnswer = true; // the moved stop too
    h.setPrice(95_960);
    await settle();
    await restartAndCheck();
    await expectStopCovers(h, 'long', '94399.9');
    expect(tpSlSent(h)).toEqual(['lostL1t1', 'lostL1s1']);
  });

  it('a crash that lost the record of TP1 and the moved stop: both are found on the venue', async () => {
    h = await harness();
    await openManaged(h, managedLong('crashL1', { trailing: { mode: 'break_even' } }));
    await h.restart();
    const beforeTarget = h.storeText(); // the file as it was before TP1
    h.setPrice(95_960);
    await settle();
    expect(h.outbox.last('partially_closed')).toMatchObject({ closed_quantity: '5' });

    await h.restart(beforeTarget); // the worker comes back with a file that knows nothing of TP1
    await settle();
    expect(h.execution.status().positions['crashL1']).toMatchObject({
      size: '5',
      stop_loss: '94399.9',
      targets: [{ state: 'filled' }, { state: 'open' }],
    });
    const view = await expectStopCovers(h, 'long', '94399.9');
    expect(view.held).toBe('5');
    expect(firstTargetOf(view)).toBeUndefined();
    expect(closesOf(h, 'long')).toEqual([['crashL1c1t1', '5']]); // TP1's close was found, not sent again
    expect(tpSlSent(h)).toEqual(['crashL1t1', 'crashL1s1']);
    // Told again with the same trace id: the app keeps one.
    const told = h.outbox.signals.filter((signal) => signal.payload['status'] === 'partially_closed');
    expect(new Set(told.map((signal) => signal.traceId))).toEqual(new Set(['crashL1-partially_closed-1']));

    h.setPrice(96_960);
    await settle();
    expect(h.outbox.last('closed')).toMatchObject({ reason: 'take_profit', closed_quantity: '10' });
  });
});

describe('the exchange-side orders are the safety net when the worker is down', () => {
  let h: Harness;
  afterEach(async () => h.teardown());

  it('the stop fires on the exchange; back up, the worker reports a stop-loss exit', async () => {
    h = await harness();
    await openManaged(h, managedLong('netL1'));
    await h.execution.stop();
    h.setPrice(92_900);
    expect(await h.venue.exchange.positions()).toEqual([]);
    await h.restart();
    await settle();
    // A close tried on the start-up price finds nothing to reduce: no close of ours filled.
    const history = await h.venue.exchange.orderHistory(SYMBOL);
    expect(history.filter((order) => order.clientOrderId.startsWith('netL1c') && order.filledSize.gt(0))).toEqual([]);
    expect(h.outbox.last('closed')).toMatchObject({ position_id: 'netL1', reason: 'stop_loss', closed_quantity: '10' });
    expect(await h.venue.exchange.planOrders()).toEqual([]);
  });

  it('after TP1, the moved stop fires on the exchange: a trailing exit', async () => {
    h = await harness();
    await openManaged(h, managedLong('netL2', { trailing: { mode: 'break_even' } }));
    h.setPrice(95_960);
    await settle();
    await expectStopCovers(h, 'long', '94399.9');
    await h.execution.stop();
    h.setPrice(94_300); // through break-even while nobody watches
    expect(await h.venue.exchange.positions()).toEqual([]);
    await h.restart();
    await settle();
    expect(h.outbox.last('closed')).toMatchObject({ position_id: 'netL2', reason: 'trailing', closed_quantity: '10' });
  });

  it('TP1 fills on the exchange meanwhile: told after the restart, and the stop moves then', async () => {
    h = await harness();
    await openManaged(h, managedLong('netL3', { trailing: { mode: 'break_even' } }));
    await h.execution.stop();
    h.setPrice(96_500);
    expect((await expectStopCovers(h, 'long', '93000')).held).toBe('5');
    await h.restart();
    await settle();
    expect(h.outbox.last('partially_closed')).toMatchObject({ closed_quantity: '5', remaining_quantity: '5' });
    await expectStopCovers(h, 'long', '94399.9');
    expect(closesOf(h, 'long')).toEqual([]);
  });
});

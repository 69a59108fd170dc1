import { afterEach, describe, expect, it } from 'vitest';
import { STOP_FOLLOW_INTERVAL_MS } from '../../src/ws-worker/execution/ExchangeProtections.ts';
import { type Harness, harness, SYMBOL, settle } from './harness.ts';
import { closesOf, expectStopCovers, firstTargetOf, managedLong, managedShort, openManaged } from './tradeKit.ts';

/** TP1 96000 for half, TP2 98000, the chandelier 2 × 200 behind the best price since TP1. */
const CHANDELIER = {
  targets: [{ price: '96000', fraction: '0.5' }, { price: '98000' }],
  trailing: { mode: 'atr_chandelier', atr: '200', atr_k: 2 },
};

describe('after TP1 the stop trails; the time stop closes what remains', () => {
  let h: Harness;
  afterEach(async () => h.teardown());

  /** Lets the exchange-side stop follow the worker's (it moves at most once a second). */
  async function letTheStopFollow(): Promise<void> {
    h.clock.advance(STOP_FOLLOW_INTERVAL_MS);
    await settle();
  }

  it('a long: the chandelier ratchets up only, the exchange stop follows, the trailing stop closes', async () => {
    h = await harness();
    await openManaged(h, managedLong('trailL1', CHANDELIER));
    await expectStopCovers(h, 'long', '93000');

    h.setPrice(95_960); // TP1: best price 95960, stop 95960 − 400
    await settle();
    expect(h.outbox.last('partially_closed')).toMatchObject({ closed_quantity: '5', remaining_quantity: '5' });
    await expectStopCovers(h, 'long', '95560');

    h.setPrice(96_500); // a new best: 96100
    await settle();
    expect(h.execution.status().positions['trailL1']).toMatchObject({ stop_loss: '96100' });
    await expectStopCovers(h, 'long', '95560'); // the exchange follows within a second
    await letTheStopFollow();
    await expectStopCovers(h, 'long', '96100');

    h.setPrice(96_300); // lower: the stop stays
    await settle();
    await letTheStopFollow();
    expect(h.execution.status().positions['trailL1']).toMatchObject({
      stop_loss: '96100',
      trailing: { mode: 'atr_chandelier', active: true, best_price: '96500' },
    });
    const view = await expectStopCovers(h, 'long', '96100');
    expect(view.stops[0]?.clientOrderId).toBe('trailL1s2');

    h.setPrice(96_140); // ≤ 96100·(1 + 0.05 %): the moved stop
    await settle();
    expect(closesOf(h, 'long')).toEqual([
      ['trailL1c1t1', '5'],
      ['trailL1c2', '5'],
    ]);
    expect(h.outbox.last('closed')).toMatchObject({
      position_id: 'trailL1',
      reason: 'trailing',
      closed_quantity: '10',
    });
    expect(await h.venue.exchange.planOrders()).toEqual([]);
  });

  it('a short: the chandelier ratchets down only', async () => {
    h = await harness();
    const targets = [{ price: '94000', fraction: '0.5' }, { price: '92000' }];
    await openManaged(h, managedShort('trailS1', { ...CHANDELIER, targets }));
    h.setPrice(94_040); // TP1: best 94040, stop 94440
    await settle();
    await expectStopCovers(h, 'short', '94440');
    h.setPrice(93_500);
    await settle();
    await letTheStopFollow();
    await expectStopCovers(h, 'short', '93900');
    h.setPrice(93_800);
    await settle();
    await letTheStopFollow();
    await expectStopCovers(h, 'short', '93900');
    h.setPrice(93_860); // ≥ 93900·(1 − 0.05 %)
    await settle();
    expect(h.outbox.last('closed')).toMatchObject({ position_id: 'trailS1', reason: 'trailing' });
  });

  it('the time stop closes the remainder at market after the first fill, then the TP orders come off', async () => {
    h = await harness();
    await openManaged(h, managedLong('timeL1', { time_stop_seconds: 600 }));
    const view = await expectStopCovers(h, 'long', '93000');
    expect(firstTargetOf(view)).toEqual(['timeL1t1', '5', '96000']);
    expect(h.execution.status().positions['timeL1']).toMatchObject({
      time_stop_at: Math.floor(h.clock.now() / 1000) + 600,
    });
    h.clock.advance(599_000);
    await settle();
    expect(closesOf(h, 'long')).toEqual([]);
    h.clock.advance(1_000);
    await settle();
    expect(closesOf(h, 'long')).toEqual([['timeL1c1', '10']]);
    expect(h.outbox.last('closed')).toMatchObject({
      position_id: 'timeL1',
      reason: 'time_stop',
      closed_quantity: '10',
    });
    expect(await h.venue.exchange.planOrders()).toEqual([]);
    expect(await h.venue.exchange.positions()).toEqual([]);
    const close = (await h.venue.exchange.orderHistory(SYMBOL)).find((order) => order.clientOrderId === 'timeL1c1');
    expect(close && h.execution.orderRole(close)).toMatchObject({ kind: 'CLOSE', requestId: 'timeL1' });
  });

  it('the time stop after TP1 closes only what remains', async () => {
    h = await harness();
    await openManaged(h, managedLong('timeL2', { time_stop_seconds: 60 }));
    h.setPrice(95_960);
    await settle();
    expect(h.outbox.last('partially_closed')).toMatchObject({ remaining_quantity: '5' });
    h.clock.advance(60_000);
    await settle();
    expect(closesOf(h, 'long')).toEqual([
      ['timeL2c1t1', '5'],
      ['timeL2c2', '5'],
    ]);
    expect(h.outbox.last('closed')).toMatchObject({ reason: 'time_stop', closed_quantity: '10' });
  });
});

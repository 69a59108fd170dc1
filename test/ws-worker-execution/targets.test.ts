import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, harness, settle } from './harness.ts';
import {
  closesOf,
  expectStopCovers,
  firstTargetOf,
  managedLong,
  managedShort,
  openManaged,
  roleOf,
} from './tradeKit.ts';

describe('two targets: TP1 closes its part, the stop moves, TP2 closes the rest', () => {
  let h: Harness;
  afterEach(async () => h.teardown());

  it('a long: entry, TP1 (half, stop to break-even on the exchange too), TP2', async () => {
    h = await harness();
    await openManaged(h, managedLong('twoL1', { trailing: { mode: 'break_even' } }));
    let view = await expectStopCovers(h, 'long', '93000');
    expect(firstTargetOf(view)).toEqual(['twoL1t1', '5', '96000']);
    expect(view.positionTargets.map((plan) => plan.triggerPrice.toFixed())).toEqual(['97000']);

    h.setPrice(95_500); // nothing reached
    await settle();
    await expectStopCovers(h, 'long', '93000');

    h.setPrice(95_960); // ≥ 96000·(1 − 0.05 %): TP1, by the worker
    await settle();
    expect(closesOf(h, 'long')).toEqual([['twoL1c1t1', '5']]);
    expect(h.outbox.last('partially_closed')).toMatchObject({
      position_id: 'twoL1',
      target: 1,
      reason: 'take_profit',
      closed_quantity: '5',
      remaining_quantity: '5',
      trace_id: 'twoL1-partially_closed-1',
    });
    view = await expectStopCovers(h, 'long', '94399.9'); // the entry price, on the tick
    expect(view.held).toBe('5');
    expect(firstTargetOf(view)).toBeUndefined(); // withdrawn before the worker closed TP1
    expect(view.stops[0]?.clientOrderId).toBe('twoL1s1');
    expect(h.execution.status().positions['twoL1']).toMatchObject({
      size: '5',
      stop_loss: '94399.9',
      initial_stop_loss: '93000',
      targets: [{ state: 'filled' }, { state: 'open' }],
      trailing: { mode: 'break_even', active: true, stop_moved: true },
      protections: { stop: { client_order_id: 'twoL1s1', trigger_price: '94399.9' }, target: null },
    });

    h.setPrice(96_960); // TP2
    await settle();
    expect(closesOf(h, 'long')).toEqual([
      ['twoL1c1t1', '5'],
      ['twoL1c2', '5'],
    ]);
    const closed = h.outbox.last('closed');
    expect(closed).toMatchObject({ position_id: 'twoL1', reason: 'take_profit', closed_quantity: '10' });
    const average = Number(closed?.['average_close_price']);
    expect(average).toBeGreaterThan(95_900);
    expect(average).toBeLessThan(Number(closed?.['close_price']));
    expect(h.outbox.statuses()).toEqual(['placed', 'partially_closed', 'closed']);
    expect((await expectStopCovers(h, 'long')).held).toBeUndefined();
    expect(await h.venue.exchange.planOrders()).toEqual([]);
    const link = { requestId: 'twoL1', parentClientOrderId: 'twoL1' };
    expect(roleOf(h, 'twoL1')).toEqual({ kind: 'ENTRY', requestId: 'twoL1' });
    expect(roleOf(h, 'twoL1t1')).toEqual({ kind: 'TAKE_PROFIT', target: 1, ...link });
    expect(roleOf(h, 'twoL1c1t1')).toEqual({ kind: 'TAKE_PROFIT', target: 1, ...link });
    expect(roleOf(h, 'twoL1s1')).toEqual({ kind: 'STOP_LOSS', ...link });
    expect(roleOf(h, 'twoL1c2')).toEqual({ kind: 'TAKE_PROFIT', target: 2, ...link });
  });

  it('a short: entry, TP1 (half, stop to break-even), TP2', async () => {
    h = await harness();
    await openManaged(h, managedShort('twoS1', { trailing: { mode: 'break_even' } }));
    let view = await expectStopCovers(h, 'short', '97000');
    expect(firstTargetOf(view)).toEqual(['twoS1t1', '5', '94000']);

    h.setPrice(94_040); // ≤ 94000·(1 + 0.05 %)
    await settle();
    expect(closesOf(h, 'short')).toEqual([['twoS1c1t1', '5']]);
    expect(h.outbox.last('partially_closed')).toMatchObject({ closed_quantity: '5', remaining_quantity: '5' });
    view = await expectStopCovers(h, 'short', '95600.1');
    expect(view.held).toBe('5');
    expect(firstTargetOf(view)).toBeUndefined();

    h.setPrice(93_040);
    await settle();
    expect(h.outbox.last('closed')).toMatchObject({
      position_id: 'twoS1',
      reason: 'take_profit',
      closed_quantity: '10',
    });
    expect(await h.venue.exchange.planOrders()).toEqual([]);
    expect(await h.venue.exchange.positions()).toEqual([]);
  });

  it('entry then the stop: the whole position closes, TP1 and TP2 come off the exchange', async () => {
    h = await harness();
    await openManaged(h, managedLong('stopL1'));
    await expectStopCovers(h, 'long', '93000');
    h.setPrice(93_040);
    await settle();
    expect(closesOf(h, 'long')).toEqual([['stopL1c1', '10']]);
    expect(h.outbox.last('closed')).toMatchObject({
      position_id: 'stopL1',
      reason: 'stop_loss',
      closed_quantity: '10',
    });
    expect(h.outbox.statuses()).toEqual(['placed', 'closed']);
    expect(await h.venue.exchange.planOrders()).toEqual([]);
  });

  it('a split below the minimum size puts everything on TP1', async () => {
    h = await harness();
    await openManaged(h, managedLong('tinyL1', { quantity: '1' }));
    const view = await expectStopCovers(h, 'long', '93000');
    expect(firstTargetOf(view)).toEqual(['tinyL1t1', '1', '96000']);
    h.setPrice(95_960);
    await settle();
    expect(closesOf(h, 'long')).toEqual([['tinyL1c1', '1']]); // a whole close, not a target's part
    expect(h.outbox.statuses()).toEqual(['placed', 'closed']);
    expect(h.outbox.last('closed')).toMatchObject({ reason: 'take_profit', closed_quantity: '1' });
    expect(roleOf(h, 'tinyL1c1')).toMatchObject({ kind: 'TAKE_PROFIT', target: 1 });
  });

  it('TP1 taken by the exchange on a gap: told once, the worker closes nothing twice', async () => {
    h = await harness();
    await openManaged(h, managedLong('gapL1', { trailing: { mode: 'break_even' } }));
    h.setPrice(96_500); // past TP1 in one tick: the venue fires TP1's order before the worker sees it
    await settle();
    await settle();
    expect(closesOf(h, 'long')).toEqual([]);
    const told = h.outbox.last('partially_closed');
    expect(told).toMatchObject({ target: 1, closed_quantity: '5', remaining_quantity: '5' });
    expect(told?.['close_order_id']).not.toBe('');
    const view = await expectStopCovers(h, 'long', '94399.9');
    expect(view.held).toBe('5');
    expect(h.execution.status().positions['gapL1']).toMatchObject({ size: '5', targets: [{ state: 'filled' }, {}] });
    h.setPrice(96_960);
    await settle();
    expect(closesOf(h, 'long')).toEqual([['gapL1c1', '5']]);
    expect(h.outbox.statuses()).toEqual(['placed', 'partially_closed', 'closed']);
  });
});

describe('partial entry fills', () => {
  let h: Harness;
  afterEach(async () => h.teardown());

  /** 3000 contracts: more than the touch, so the maker entry fills over several ticks; the first fills part. */
  async function fillPartly(id: string): Promise<number> {
    h = await harness();
    await h.execution.placeOrder(managedLong(id, { quantity: '3000' }));
    h.setPrice(94_400);
    await settle();
    h.setPrice(94_300);
    await settle();
    return Number((await expectStopCovers(h, 'long', '93000')).held);
  }

  it('grow TP1 on the exchange with the filled size; the stop covers the whole position throughout', async () => {
    const firstFill = await fillPartly('partL1');
    let view = await expectStopCovers(h, 'long', '93000');
    expect(firstFill).toBeGreaterThan(0);
    expect(firstFill).toBeLessThan(3000);
    expect(firstTargetOf(view)).toEqual(['partL1t1', String(Math.floor(firstFill / 2)), '96000']);
    expect(h.execution.status()).toMatchObject({ pending_orders: 1, monitored_positions: 1 });

    h.setPrice(94_300);
    await settle();
    view = await expectStopCovers(h, 'long', '93000');
    expect(view.held).toBe('3000');
    expect(firstTargetOf(view)).toEqual(['partL1t1v2', '1500', '96000']); // re-placed under a new id
    expect(h.execution.status()).toMatchObject({ pending_orders: 0, monitored_positions: 1 });
    expect(h.execution.status().positions['partL1']).toMatchObject({ size: '3000', entry_filled: '3000' });
  });

  it('a close stops the entry order still working, so the position does not grow past it', async () => {
    const held = await fillPartly('partL2');
    h.setPrice(95_960); // TP1 while most of the entry still rests on the book
    await settle();
    const tp1 = Math.floor(held / 2);
    expect(closesOf(h, 'long')).toEqual([['partL2c1t1', String(tp1)]]);
    expect(await h.venue.exchange.openOrders()).toEqual([]); // the rest of the entry is canceled
    h.setPrice(94_300); // where the entry would have filled further
    await settle();
    const view = await expectStopCovers(h, 'long');
    expect(view.held).toBe(String(held - tp1));
    expect(h.execution.status()).toMatchObject({ pending_orders: 0, monitored_positions: 1 });
  });
});

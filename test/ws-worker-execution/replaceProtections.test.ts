import { afterEach, describe, expect, it } from 'vitest';
import type { PositionSide } from '../../src/exchange/port/types.ts';
import { type Harness, harness, postToControlApi, settle } from './harness.ts';
import {
  closesOf,
  expectStopCovers,
  firstTargetOf,
  managedLong,
  managedShort,
  openManaged,
  roleOf,
  venueView,
} from './tradeKit.ts';

/**
 * `POST /api/positions/:id/protections` through the control API over the real execution and the
 * simulator: the stop and targets of a managed position move on the exchange, the position is
 * never without a stop on the way, and the worker acts on the new levels.
 */
describe('replacing the protections of a managed position', () => {
  let h: Harness;
  afterEach(async () => h.teardown());

  /**
   * What the venue held after every cancel the worker sent: a stop covering the open position must
   * still be there each time (checked after the fact: a throw in the hook would only fail the cancel).
   */
  function watchCancels(side: PositionSide): { orderId: string | undefined; stops: number }[] {
    const seen: { orderId: string | undefined; stops: number }[] = [];
    h.exchange.afterPlanCancel = async (ref) => {
      const view = await venueView(h, side);
      seen.push({ orderId: ref.orderId, stops: view.held === undefined ? 1 : view.stops.length });
    };
    return seen;
  }

  it('a long: new stop first, TP1 re-placed, TP2 a new position take-profit; the worker takes TP1 there', async () => {
    h = await harness();
    await openManaged(h, managedLong('repL1'));
    const before = await venueView(h, 'long');
    const cancels = watchCancels('long');
    const answer = await postToControlApi(h, '/api/positions/repL1/protections', {
      stop_loss: '93500',
      targets: [{ price: '95800', fraction: '0.4' }, { price: '96800' }],
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({
      ok: true,
      position_id: 'repL1',
      size: '10',
      stop_loss: '93500',
      targets: [
        { price: '95800', fraction: '0.4', state: 'open' },
        { price: '96800', fraction: '1', state: 'open' },
      ],
    });
    const submitted = answer.body['submitted'] as Record<string, unknown>[];
    expect(
      submitted
        .map((order) => [
          order['kind'],
          order['target'],
          order['client_order_id'],
          order['trigger_price'],
          order['size'],
        ])
        .sort(),
    ).toEqual([
      ['stop_loss', null, 'repL1s1', '93500', null],
      ['take_profit', 1, 'repL1t1v2', '95800', '4'],
      ['take_profit', 2, 'repL1f1', '96800', null],
    ]);
    // Everything that protected the position before is gone: the preset stop, TP1's order, the preset TP2.
    const previous = [...before.stops, ...before.targets, ...before.positionTargets].map((plan) => plan.orderId);
    expect([...(answer.body['cancelled'] as string[])].sort()).toEqual(previous.sort());
    expect(cancels.length).toBeGreaterThan(0);
    expect(cancels.filter((cancel) => cancel.stops === 0)).toEqual([]);

    const view = await expectStopCovers(h, 'long', '93500');
    expect(firstTargetOf(view)).toEqual(['repL1t1v2', '4', '95800']);
    expect(view.positionTargets.map((plan) => [plan.clientOrderId, plan.triggerPrice.toFixed()])).toEqual([
      ['repL1f1', '96800'],
    ]);
    expect(roleOf(h, 'repL1f1')).toMatchObject({ kind: 'TAKE_PROFIT', target: 2, requestId: 'repL1' });

    h.setPrice(95_760); // ≥ 95800·(1 − 0.05 %): the new TP1, by the worker
    await settle();
    expect(closesOf(h, 'long')).toEqual([['repL1c1t1', '4']]);
    h.setPrice(96_760); // the new TP2
    await settle();
    expect(closesOf(h, 'long')).toEqual([
      ['repL1c1t1', '4'],
      ['repL1c2', '6'],
    ]);
    expect(h.outbox.last('closed')).toMatchObject({ reason: 'take_profit', closed_quantity: '10' });
  });

  it('a short: the stop moves alone, then one target replaces both (TP1 comes off); a restart keeps it', async () => {
    h = await harness();
    await openManaged(h, managedShort('repS1'));
    const cancels = watchCancels('short');
    const stopOnly = await postToControlApi(h, '/api/positions/repS1/protections', { stop_loss: '96500' });
    expect(stopOnly.status, JSON.stringify(stopOnly.body)).toBe(200);
    let view = await expectStopCovers(h, 'short', '96500');
    expect(firstTargetOf(view)).toEqual(['repS1t1', '5', '94000']); // untouched

    const oneTarget = await postToControlApi(h, '/api/positions/repS1/protections', { targets: [{ price: '94500' }] });
    expect(oneTarget.status, JSON.stringify(oneTarget.body)).toBe(200);
    expect(oneTarget.body['targets']).toEqual([{ price: '94500', fraction: '1', state: 'open' }]);
    expect(cancels.filter((cancel) => cancel.stops === 0)).toEqual([]);
    view = await expectStopCovers(h, 'short', '96500');
    expect(firstTargetOf(view)).toBeUndefined();
    expect(view.positionTargets.map((plan) => plan.triggerPrice.toFixed())).toEqual(['94500']);

    await h.restart();
    await settle();
    view = await expectStopCovers(h, 'short', '96500');
    expect(view.positionTargets.map((plan) => plan.triggerPrice.toFixed())).toEqual(['94500']);
    expect(h.execution.status().positions['repS1']).toMatchObject({ stop_loss: '96500', take_profit: '94500' });
    h.setPrice(94_540); // ≤ 94500·(1 + 0.05 %): all of it
    await settle();
    expect(closesOf(h, 'short')).toEqual([['repS1c1', '10']]);
  });

  it('after TP1 only the last target is read, and TP1 stays filled', async () => {
    h = await harness();
    await openManaged(h, managedLong('repL2'));
    h.setPrice(95_960);
    await settle();
    expect(closesOf(h, 'long')).toEqual([['repL2c1t1', '5']]);
    const answer = await postToControlApi(h, '/api/positions/repL2/protections', {
      stop_loss: '94000',
      targets: [{ price: '96100', fraction: '0.5' }, { price: '97500' }],
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body['targets']).toEqual([
      { price: '96000', fraction: '0.5', state: 'filled' },
      { price: '97500', fraction: '1', state: 'open' },
    ]);
    const view = await expectStopCovers(h, 'long', '94000');
    expect(view.held).toBe('5');
    expect(view.positionTargets.map((plan) => plan.triggerPrice.toFixed())).toEqual(['97500']);
  });

  it('refuses what it cannot do, and changes nothing then', async () => {
    h = await harness();
    expect(await postToControlApi(h, '/api/positions/nope/protections', { stop_loss: '1' })).toMatchObject({
      status: 404,
      body: { ok: false, error: expect.stringMatching(/no open position nope/) },
    });
    await h.execution.placeOrder(managedShort('waiting1')); // its zone is above the price: it waits
    expect(await postToControlApi(h, '/api/positions/waiting1/protections', { stop_loss: '1' })).toMatchObject({
      status: 404,
      body: { error: expect.stringMatching(/has not filled yet/) },
    });
    await openManaged(h, managedLong('refL1'));
    const cases: [unknown, number, RegExp][] = [
      [{}, 400, /nothing to replace/],
      [{ stop_loss: '94500' }, 409, /stop_loss 94500 is already reached for a long/],
      [{ targets: [{ price: '94000' }] }, 409, /the target 94000 is already reached/],
      [{ targets: [{ price: '96000', fraction: '0.5' }, { price: '95900' }] }, 400, /target 2 95900 must lie beyond/],
      [{ targets: [{ price: '96000' }, { price: '97000' }] }, 400, /TP1 needs the fraction/],
      [{ stop_loss: 'low' }, 400, /stop_loss/],
    ];
    for (const [body, status, error] of cases) {
      const answer = await postToControlApi(h, '/api/positions/refL1/protections', body);
      expect([answer.status, answer.body['error']], JSON.stringify(body)).toEqual([
        status,
        expect.stringMatching(error),
      ]);
    }
    const view = await expectStopCovers(h, 'long', '93000');
    expect(firstTargetOf(view)).toEqual(['refL1t1', '5', '96000']);
  });

  it('a stop the venue refuses: 502, the old stop stays on the exchange and in the worker', async () => {
    h = await harness();
    await openManaged(h, managedLong('refL2'));
    h.exchange.refuseTpSl = 'stop_loss';
    const answer = await postToControlApi(h, '/api/positions/refL2/protections', { stop_loss: '93600' });
    expect(answer).toMatchObject({
      status: 502,
      body: { ok: false, error: expect.stringMatching(/refused the new stop_loss/) },
    });
    expect(answer.body['stop_loss']).toBe('93000');
    await expectStopCovers(h, 'long', '93000');
    expect(h.execution.status().positions['refL2']).toMatchObject({ stop_loss: '93000' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dec, roundToStep } from '../../src/platform/decimal/index.ts';
import { isFlat, orderByClientId, waitingPlansOf } from '../support/simAdmin.ts';
import { waitFor } from '../support/waitFor.ts';
import { startWorkerE2e, type WorkerE2e } from '../support/workerE2e.ts';

/**
 * Two targets end to end: `bin/console ws:run` against the simulator over loopback, through the
 * BitMart REST client (the wire's `plan_category`), prices moved by `POST /sim/price`.
 */
let kit: WorkerE2e;

beforeAll(async () => {
  kit = await startWorkerE2e();
});

afterAll(async () => {
  await kit?.teardown();
});

const report = () => `worker output:\n${kit.worker.output()}`;

describe('ws:run manages two targets on the simulator', { timeout: 60_000 }, () => {
  it('TP1 closes half, the exchange stop moves to break-even, TP2 closes the rest', async () => {
    const symbol = 'LTCUSDT';
    const plan = await kit.plan('twoE1', symbol, 'long', { quantity: '10' });
    const { take_profit: last, ...seed } = plan.request;
    const tick = kit.tickSize(symbol);
    const tp1 = roundToStep(new Dec(last).add(plan.request.entry_zone_max).div(2), tick).toFixed();
    const request = {
      ...seed,
      targets: [{ price: tp1, fraction: '0.5' }, { price: last }],
      trailing: { mode: 'break_even' },
    };
    expect(await kit.worker.placeOrder(request)).toEqual({ status: 202, ok: true });
    await kit.watching(symbol);
    await kit.admin.price(symbol, plan.inZone);
    await kit.callback('twoE1', 'placed');
    await kit.admin.price(symbol, plan.fill);
    const plans = () => kit.admin.state().then((state) => waitingPlansOf(state, kit.apiKey, symbol));
    await waitFor(async () => (await plans()).some((row) => row.client_order_id === 'twoE1t1'), 'TP1 on the venue');
    const entry = orderByClientId(await kit.admin.state(), kit.apiKey, 'twoE1');
    const summary = (rows: Awaited<ReturnType<typeof plans>>) =>
      rows.map((row) => [row.type, row.client_order_id, row.plan_category, row.size, row.trigger_price]).sort();
    expect(summary(await plans()), report()).toEqual([
      ['stop_loss', '', 2, '0', plan.request.stop_loss],
      ['take_profit', '', 2, '0', last],
      ['take_profit', 'twoE1t1', 1, '5', tp1],
    ]);

    await kit.admin.price(symbol, roundToStep(new Dec(tp1).mul('0.9997'), tick).toFixed());
    const partial = await kit.callback('twoE1', 'partially_closed');
    expect(partial).toMatchObject({ target: 1, closed_quantity: '5', remaining_quantity: '5' });
    await waitFor(
      async () => (await plans()).some((row) => row.client_order_id === 'twoE1s1'),
      'the stop moved on the venue',
    );
    expect(summary(await plans()), report()).toEqual([
      ['stop_loss', 'twoE1s1', 2, '0', entry?.price],
      ['take_profit', '', 2, '0', last],
    ]);

    await kit.admin.price(symbol, plan.takeProfitHit);
    const closed = await kit.callback('twoE1', 'closed');
    expect(closed).toMatchObject({ reason: 'take_profit', closed_quantity: '10' });
    expect(isFlat(await kit.admin.state(), kit.apiKey, symbol)).toBe(true);
  });
});

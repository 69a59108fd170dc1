import { afterEach, describe, expect, it } from 'vitest';
import { Dec } from '../../src/platform/decimal/index.ts';
import { clientOrderIdBase } from '../../src/ws-worker/execution/clientOrderIds.ts';
import { type Harness, harness, longCloses, postToControlApi, SYMBOL, settle } from './harness.ts';

/**
 * A position opened by another tool (a market order without presets), a second ago: the venue
 * shows an order only once its visibility window has passed. Returns the order id.
 */
async function openByAnotherTool(h: Harness, clientOrderId: string, size: number) {
  const order = { symbol: SYMBOL, clientOrderId, side: 'open_long' as const, type: 'market' as const };
  const ack = await h.venue.exchange.submitOrder({
    ...order,
    size: new Dec(size),
    leverage: new Dec(10),
    marginMode: 'isolated',
  });
  await settle();
  h.clock.advance(1_000);
  return ack.orderId;
}

const monitor = (h: Harness, body: Record<string, unknown>) => postToControlApi(h, '/api/monitor-position', body);

describe('POST /api/monitor-position', () => {
  let h: Harness;
  afterEach(async () => h.teardown());

  it('watches a position opened elsewhere, gives it an exchange-side stop, and closes it on its stop', async () => {
    h = await harness();
    const orderId = await openByAnotherTool(h, 'tool1', 5);
    const body = { id: 'watch-1', symbol: SYMBOL, order_id: orderId, stop_loss: 94000, take_profit: 97000 };
    expect(await monitor(h, body)).toEqual({
      status: 200,
      body: { ok: true, message: 'Position added for monitoring', position_id: 'watch-1' },
    });
    expect(h.execution.status().positions['watch-1']).toMatchObject({ size: '5', order_id: orderId, side: 'long' });
    await settle();
    const stops = (await h.venue.exchange.planOrders(SYMBOL)).filter((plan) => plan.kind === 'stop_loss');
    expect(stops.map((plan) => [plan.clientOrderId, plan.triggerPrice.toFixed()])).toEqual([
      [`${clientOrderIdBase('watch-1')}s1`, '94000'],
    ]);

    await h.restart(); // durable like any other record
    h.setPrice(94_040); // ≤ 94000·1.0005
    await settle();
    expect(longCloses(h)).toEqual([[`${clientOrderIdBase('watch-1')}c1`, '5']]);
    expect(h.outbox.last('closed')).toMatchObject({ position_id: 'watch-1', reason: 'stop_loss' });
    expect(await h.venue.exchange.positions(SYMBOL)).toEqual([]);
    expect((await monitor(h, body)).status).toBe(409); // finished ids stay taken
  });

  it('refuses what it cannot monitor, with 400 or 409 and the reason', async () => {
    h = await harness();
    const orderId = await openByAnotherTool(h, 'tool2', 5);
    const base = { id: 'watch2', symbol: SYMBOL, order_id: orderId, stop_loss: 94000 };
    const refusal = async (body: Record<string, unknown>) => {
      const answer = await monitor(h, body);
      return [answer.status, answer.body['error']];
    };
    expect(await refusal({ ...base, order_id: '999999' })).toEqual([400, `order 999999 is unknown on ${SYMBOL}`]);
    expect(await refusal({ ...base, symbol: 'NOPEUSDT' })).toEqual([400, 'unknown symbol NOPEUSDT']);
    expect(await refusal({ ...base, stop_loss: 96000 })).toEqual([
      400,
      'stop_loss 96000 is already reached for a long: the last price is 95000',
    ]);
    expect(await refusal({ id: 'watch2', symbol: SYMBOL, order_id: orderId })).toEqual([
      400,
      'give stop_loss, take_profit or both: there is nothing to monitor otherwise',
    ]);
    expect(await refusal({ ...base, order_id: 'abc' })).toEqual([
      400,
      "order_id: expected the exchange's order id (digits)",
    ]);
    expect((await monitor(h, base)).status).toBe(200);
    expect(await refusal({ ...base, id: 'watch3' })).toEqual([
      409,
      `the long position on ${SYMBOL} is already monitored by request watch2`,
    ]);
    expect(await refusal(base)).toEqual([409, 'order watch2 already exists']);
    h.setPrice(94_040); // watch2 closes
    await settle();
    expect(await refusal({ ...base, id: 'watch4' })).toEqual([
      409,
      `no open long position on ${SYMBOL}: order ${orderId}'s is closed`,
    ]);
    h.clock.advance(1_000); // the close order is visible on the venue
    const closeId = (await h.venue.exchange.orderHistory(SYMBOL)).find((order) => order.side === 'close_long')?.orderId;
    expect(await refusal({ ...base, id: 'watch5', order_id: closeId })).toEqual([
      400,
      `order ${closeId} is a close_long order, not one that opened a position`,
    ]);
  });

  it('splits a close above the market maximum, and finishes it after a restart without closing twice', async () => {
    h = await harness({ balanceUsdt: 5_000_000 });
    const orderId = await openByAnotherTool(h, 'tool3', 125_000);
    await openByAnotherTool(h, 'tool4', 125_000); // BTCUSDT's market maximum is 200,000
    // A take profit only: no exchange-side stop that the closes' own market impact could set off.
    expect((await monitor(h, { id: 'big1', symbol: SYMBOL, order_id: orderId, take_profit: 97000 })).status).toBe(200);
    await settle();

    h.exchange.hold = () => undefined; // the first part never reaches the venue
    h.setPrice(96_960); // ≥ 97000·0.9995
    await settle();
    expect(longCloses(h)).toEqual([
      ['big1c1', '200000'],
      ['big1c1p2', '50000'],
    ]);
    expect(h.execution.status().positions['big1']).toMatchObject({ closing: { attempt: 1 } });

    await h.restart();
    await settle();
    expect(longCloses(h)).toHaveLength(2); // the first part is still looked for
    h.clock.advance(30_000); // its visibility window passes: it never reached the venue
    await settle(60);
    expect(longCloses(h)).toEqual([
      ['big1c1', '200000'],
      ['big1c1p2', '50000'],
      ['big1c2', '200000'],
    ]);
    expect(await h.venue.exchange.positions(SYMBOL)).toEqual([]);
    expect(h.outbox.last('closed')).toMatchObject({ position_id: 'big1', reason: 'take_profit' });
  });
});

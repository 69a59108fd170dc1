import { afterEach, describe, expect, it } from 'vitest';
import { TraceIdSchema } from '../../src/contracts/signals/common.ts';
import { controlApiOver, type Harness, harness, postToControlApi, SYMBOL, settle } from './harness.ts';

/** The seeds' `curl -X POST …/api/place-order` body, verbatim (docs/reference/seed-contracts.md#place-order). */
const SEED_BODY = {
  id: 'test-order-123',
  symbol: 'BTCUSDT',
  side: 'long',
  entry_zone_min: 65000,
  entry_zone_max: 65500,
  quantity: 0.01,
  leverage: 10,
  stop_loss: 64000,
  take_profit: 68000,
  timeout_seconds: 300,
};

const post = (h: Harness, body: unknown) => postToControlApi(h, '/api/place-order', body);

async function ordersStatus(h: Harness) {
  const answer = await controlApiOver(h).inject({ method: 'GET', url: '/api/orders/status' });
  return answer.json() as { orders: Record<string, Record<string, unknown>>; positions: Record<string, unknown> };
}

describe("the seeds' place-order example", () => {
  let h: Harness;
  afterEach(async () => h.teardown());

  it('says which unit it read and what it would accept for the fraction', async () => {
    h = await harness();
    expect(await post(h, SEED_BODY)).toEqual({
      status: 400,
      body: {
        ok: false,
        error:
          'quantity must be a positive whole number of contracts, got 0.01 (BTCUSDT: 1 contract = 0.001 BTC); ' +
          'to order 0.01 BTC (10 contracts) send "quantity_unit":"base"',
      },
    });
    const offStep = await post(h, { ...SEED_BODY, quantity: 0.0105, quantity_unit: 'base' });
    expect(offStep.body['error']).toBe(
      'quantity 0.0105 BTC is not a whole number of contracts (BTCUSDT: 1 contract = 0.001 BTC); send 0.01 BTC or 0.011 BTC',
    );
    const tooSmall = await post(h, { ...SEED_BODY, quantity: 0.0004, quantity_unit: 'base' });
    expect(tooSmall.body['error']).toBe(
      'quantity 0.0004 BTC is not a whole number of contracts (BTCUSDT: 1 contract = 0.001 BTC); send 0.001 BTC',
    );
    const tooLarge = await post(h, { ...SEED_BODY, quantity: 600, quantity_unit: 'base' });
    expect(tooLarge.body['error']).toBe(
      'quantity 600 BTC (600000 contracts) is above the maximum of 500000 contracts (500 BTC)',
    );
    expect((await ordersStatus(h)).orders).toEqual({});
  });

  it("accepts the seed's id and a base quantity, and keeps the id in every callback and in the status", async () => {
    h = await harness();
    const accepted = await post(h, { ...SEED_BODY, quantity_unit: 'base' });
    expect(accepted).toEqual({
      status: 202,
      body: { ok: true, message: 'Order added to queue', order_id: 'test-order-123' },
    });
    const waiting = (await ordersStatus(h)).orders['test-order-123'];
    expect(waiting).toMatchObject({ id: 'test-order-123', quantity: '10', requested_quantity: '0.01' });
    expect(waiting).toMatchObject({ quantity_unit: 'base', state: 'waiting' });

    h.setPrice(65_200);
    const [entry] = h.exchange.submitted;
    const clientOrderId = entry?.clientOrderId ?? '';
    // Letters and digits kept, a hash of the whole id after them: a valid BitMart client order id.
    expect(clientOrderId).toMatch(/^testorder123[0-9a-f]{10}$/);
    expect(entry?.size.toFixed()).toBe('10');
    await settle();
    h.setPrice(65_000); // the resting bid fills
    await settle();
    expect((await ordersStatus(h)).positions['test-order-123']).toMatchObject({ size: '10' });
    h.setPrice(64_010); // the worker's stop, inside the slippage tolerance of 64000
    await settle();

    expect(h.outbox.statuses()).toEqual(['placed', 'closed']);
    expect(h.outbox.last('placed')).toMatchObject({ order_id: 'test-order-123', quantity: '10' });
    expect(h.outbox.last('closed')).toMatchObject({ position_id: 'test-order-123', reason: 'stop_loss' });
    for (const signal of h.outbox.signals) {
      expect(TraceIdSchema.safeParse(signal.traceId).success, signal.traceId).toBe(true);
      expect(signal.orderingKey).toBe('test-order-123');
    }
    expect(h.exchange.submitted.map((sent) => sent.clientOrderId)).toEqual([clientOrderId, `${clientOrderId}c1`]);
    expect(await h.venue.exchange.positions(SYMBOL)).toEqual([]);
    // Still a duplicate once finished, by its id and by the ids its orders carried.
    expect((await post(h, { ...SEED_BODY, quantity_unit: 'base' })).status).toBe(409);
    expect((await post(h, { ...SEED_BODY, id: clientOrderId, quantity: 10 })).status).toBe(409);
  });

  it('keeps an id that already is a BitMart client order id unchanged, in contracts by default', async () => {
    h = await harness();
    expect((await post(h, { ...SEED_BODY, id: 'test123', quantity: 10 })).status).toBe(202);
    h.setPrice(65_200);
    expect(h.exchange.submitted.map((sent) => [sent.clientOrderId, sent.size.toFixed()])).toEqual([['test123', '10']]);
  });
});

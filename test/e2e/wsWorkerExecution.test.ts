import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../src/platform/decimal/index.ts';
import type { EntryPlan } from '../support/entryPlan.ts';
import { isFlat, MAKER_ONLY_MODE, orderByClientId, ordersOf } from '../support/simAdmin.ts';
import { waitFor } from '../support/waitFor.ts';
import { startWorkerE2e, type WorkerE2e } from '../support/workerE2e.ts';

/**
 * The seeds' entry-zone flow (docs/reference/seed-contracts.md#place-order) end to end: `bin/console ws:run` as a child
 * process against the simulator over loopback, prices moved only by `POST /sim/price`, callbacks and signals checked at
 * the real trading-app: what it stored, and what its API (`/api/orders`, `/api/positions`) shows.
 */
let kit: WorkerE2e;

beforeAll(async () => {
  kit = await startWorkerE2e();
});

afterAll(async () => {
  await kit?.teardown();
});

/** BitMart's numeric sides (docs/reference/bitmart-wire.md#enums). */
const SIDE = { open_long: 1, close_short: 2, close_long: 3, open_short: 4 } as const;

async function placeAndWatch(plan: EntryPlan): Promise<void> {
  const answer = await kit.worker.placeOrder(plan.request);
  expect(answer).toEqual({ status: 202, ok: true });
  await kit.watching(plan.request.symbol);
}

/** Enters the zone and waits for the `placed` callback. */
async function enter(plan: EntryPlan): Promise<{ pushedAtMicros: number }> {
  const push = await kit.admin.price(plan.request.symbol, plan.inZone);
  await kit.callback(plan.request.id, 'placed');
  return push;
}

/** Fills the resting entry and waits until the worker monitors the position. */
async function fill(plan: EntryPlan): Promise<void> {
  await kit.admin.price(plan.request.symbol, plan.fill);
  await waitFor(
    async () => (await kit.worker.ordersStatus()).positions[plan.request.id] !== undefined,
    `the worker to monitor the position of ${plan.request.id}`,
  );
}

const report = () => `worker output:\n${kit.worker.output()}`;

describe('ws:run executes entry zones against the simulator', { timeout: 60_000 }, () => {
  it('places a maker-only entry, client id = request id, when /sim/price enters the zone', async () => {
    const plan = await kit.plan('entryC1', 'BTCUSDT', 'long');
    await placeAndWatch(plan);
    expect((await kit.worker.ordersStatus()).orders['entryC1']).toMatchObject({ state: 'waiting' });

    // A move that stays outside the zone places nothing: the order arrives after the next push.
    await kit.admin.price('BTCUSDT', plan.nearZone);
    const inZone = await enter(plan);

    const state = await kit.admin.state();
    const order = orderByClientId(state, kit.apiKey, 'entryC1');
    expect(order, report()).toMatchObject({
      symbol: 'BTCUSDT',
      type: 'limit',
      mode: MAKER_ONLY_MODE,
      side: SIDE.open_long,
      size: '2',
      preset_stop_loss_price: plan.request.stop_loss,
      preset_take_profit_price: plan.request.take_profit,
    });
    expect(order?.arrival_micros).toBeGreaterThan(inZone.pushedAtMicros);
    const price = new Dec(order?.price ?? '0');
    expect(price.gte(plan.request.entry_zone_min) && price.lte(plan.request.entry_zone_max)).toBe(true);
    expect(ordersOf(state, kit.apiKey).filter((o) => o.client_order_id.startsWith('entryC1'))).toHaveLength(1);

    const placed = await kit.callback('entryC1', 'placed');
    expect(placed).toMatchObject({
      order_id: 'entryC1',
      exchange_order_id: order?.order_id,
      entry_price: order?.price,
      quantity: '2',
    });
    expect((await kit.worker.ordersStatus()).orders['entryC1']).toMatchObject({ state: 'live' });
    expect(await kit.app.api.position('entryC1')).toMatchObject({
      status: 'open',
      entry_price: order?.price,
      quantity: '2',
    });
    await waitFor(
      async () => (await kit.app.api.order('entryC1'))?.kind === 'ENTRY',
      'the entry order in the app, as an ENTRY',
    );
    expect(await kit.app.api.order('entryC1')).toMatchObject({ order_id: order?.order_id, symbol: 'BTCUSDT' });
  });

  it('calls back timeout when the price never enters the zone, and places nothing', async () => {
    const plan = await kit.plan('timeoutC1', 'ETHUSDT', 'short', { timeoutSeconds: 1 });
    await placeAndWatch(plan);
    await kit.admin.price('ETHUSDT', plan.nearZone);

    const timeout = await kit.callback('timeoutC1', 'timeout');
    expect(timeout).toMatchObject({ order_id: 'timeoutC1', reason: 'Entry zone not reached within timeout' });
    expect(await kit.app.api.position('timeoutC1')).toBeUndefined();
    expect((await kit.worker.ordersStatus()).orders['timeoutC1']).toBeUndefined();
    expect(orderByClientId(await kit.admin.state(), kit.apiKey, 'timeoutC1')).toBeUndefined();

    // Gone for good: entering the zone now places nothing (the next entry's order is the witness).
    await kit.admin.price('ETHUSDT', plan.inZone);
    const witness = await kit.plan('witnessC1', 'ETHUSDT', 'long');
    await placeAndWatch(witness);
    await enter(witness);
    expect(orderByClientId(await kit.admin.state(), kit.apiKey, 'timeoutC1')).toBeUndefined();
  });

  const closes = [
    { id: 'slLong', symbol: 'SOLUSDT', side: 'long', reason: 'stop_loss', closeSide: SIDE.close_long },
    { id: 'tpLong', symbol: 'XRPUSDT', side: 'long', reason: 'take_profit', closeSide: SIDE.close_long },
    { id: 'slShort', symbol: 'DOGEUSDT', side: 'short', reason: 'stop_loss', closeSide: SIDE.close_short },
    { id: 'tpShort', symbol: 'BNBUSDT', side: 'short', reason: 'take_profit', closeSide: SIDE.close_short },
  ] as const;

  it.each(closes)('closes a $side at market on $reason ($symbol), once, and leaves it flat', async (c) => {
    const plan = await kit.plan(c.id, c.symbol, c.side);
    await placeAndWatch(plan);
    await enter(plan);
    await fill(plan);

    const hit = c.reason === 'stop_loss' ? plan.stopLossHit : plan.takeProfitHit;
    const push = await kit.admin.price(c.symbol, hit);
    const closed = await kit.callback(c.id, 'closed');

    const state = await kit.admin.state();
    const close = orderByClientId(state, kit.apiKey, `${c.id}c1`);
    expect(close, report()).toMatchObject({ type: 'market', side: c.closeSide, size: '2', deal_size: '2' });
    expect(close?.arrival_micros).toBeGreaterThan(push.pushedAtMicros);
    expect(closed).toMatchObject({ position_id: c.id, reason: c.reason, close_order_id: close?.order_id });
    expect(isFlat(state, kit.apiKey, c.symbol)).toBe(true);
    expect(ordersOf(state, kit.apiKey).filter((o) => o.client_order_id.startsWith(`${c.id}c`))).toHaveLength(1);
    expect((await kit.worker.ordersStatus()).positions[c.id]).toBeUndefined();
    expect(await kit.app.api.position(c.id)).toMatchObject({
      status: 'closed',
      side: c.side,
      symbol: c.symbol,
      close_reason: c.reason,
      close_order_id: close?.order_id,
    });
    // The worker's close is a close, never an ENTRY (the execution's knowledge may say which protection).
    await waitFor(
      async () => (await kit.app.api.order(`${c.id}c1`))?.status === 'FILLED',
      `the close order ${c.id}c1 in the app`,
    );
    expect(['CLOSE', c.reason.toUpperCase()]).toContain((await kit.app.api.order(`${c.id}c1`))?.kind);
  });

  it('still enters after POST /sim/ws/drop, once the worker has reconnected', async () => {
    const plan = await kit.plan('dropE1', 'LINKUSDT', 'long');
    await placeAndWatch(plan);
    const before = await kit.worker.status();
    const reconnectsBefore = Math.max(...before.health.map((topic) => topic.reconnects));

    expect(await kit.admin.dropWebSockets()).toBeGreaterThanOrEqual(2);
    await waitFor(async () => {
      const status = await kit.worker.status();
      return (
        status.public_ws_connected &&
        status.private_ws_connected &&
        Math.max(...status.health.map((topic) => topic.reconnects)) > reconnectsBefore
      );
    }, 'the worker to reconnect both WebSockets');
    await kit.watching('LINKUSDT');

    await enter(plan);
    expect(orderByClientId(await kit.admin.state(), kit.apiKey, 'dropE1')).toMatchObject({ mode: MAKER_ONLY_MODE });
  });

  it('enters when the price moved into the zone while the WebSocket was down', async () => {
    const plan = await kit.plan('dropE2', 'AVAXUSDT', 'short');
    await placeAndWatch(plan);
    expect(await kit.admin.dropWebSockets()).toBeGreaterThanOrEqual(2);
    // Nobody is connected to receive this push: the worker learns the price when it resubscribes.
    await kit.admin.price('AVAXUSDT', plan.inZone);

    await kit.callback('dropE2', 'placed');
    expect(orderByClientId(await kit.admin.state(), kit.apiKey, 'dropE2')).toMatchObject({
      side: SIDE.open_short,
      mode: MAKER_ONLY_MODE,
    });
  });

  it('signed every request it sent to the trading-app, which stored each once', async () => {
    expect(await kit.app.api.metric('trading_app_signature_failures_total')).toBe(0);
    expect(await kit.app.api.metric('trading_app_signals_received_total', { outcome: 'invalid' })).toBe(0);
    const stored = await kit.app.stored();
    expect(stored.length).toBeGreaterThan(0);
    expect(new Set(stored.map((delivery) => delivery.traceId)).size).toBe(stored.length);
  });
});

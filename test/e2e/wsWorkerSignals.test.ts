import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntryPlan } from '../support/entryPlan.ts';
import { orderByClientId, type SimOrder } from '../support/simAdmin.ts';
import { waitFor } from '../support/waitFor.ts';
import { startWorkerE2e, type WorkerE2e } from '../support/workerE2e.ts';

/**
 * The durable outbox end to end: the real trading-app is down (its port refuses connections)
 * while the worker enters, fills and closes two positions, then comes up. Every order signal and
 * callback must arrive, in order per order, and none twice in effect: the app stores each trace
 * id once, and its API shows the orders and positions they describe.
 */
let kit: WorkerE2e;

beforeAll(async () => {
  kit = await startWorkerE2e({ appStartsDown: true });
});

afterAll(async () => {
  await kit?.teardown();
});

/** Order signal statuses in the order an order goes through them. */
const RANK: Readonly<Record<string, number>> = { SUBMITTED: 0, PARTIALLY_FILLED: 1, FILLED: 2, CANCELLED: 2 };

async function roundTrip(plan: EntryPlan, exit: 'stopLossHit' | 'takeProfitHit'): Promise<void> {
  const { id, symbol } = plan.request;
  expect(await kit.worker.placeOrder(plan.request)).toEqual({ status: 202, ok: true });
  await kit.watching(symbol);
  await kit.admin.price(symbol, plan.inZone);
  await waitFor(async () => (await kit.worker.ordersStatus()).orders[id]?.state === 'live', `${id} live`);
  await kit.admin.price(symbol, plan.fill);
  await waitFor(async () => (await kit.worker.ordersStatus()).positions[id] !== undefined, `${id} monitored`);
  await kit.admin.price(symbol, plan[exit]);
  await waitFor(async () => {
    const status = await kit.worker.ordersStatus();
    return status.positions[id] === undefined && status.orders[id] === undefined;
  }, `${id} closed by the worker`);
}

describe('ws:run signals while the trading-app is down, then up', { timeout: 90_000 }, () => {
  const orders: SimOrder[] = [];

  it('keeps every signal while the app is down', async () => {
    const long = await kit.plan('downA', 'LTCUSDT', 'long');
    const short = await kit.plan('downB', 'ADAUSDT', 'short');
    await roundTrip(long, 'takeProfitHit');
    await roundTrip(short, 'stopLossHit');

    const state = await kit.admin.state();
    for (const clientId of ['downA', 'downAc1', 'downB', 'downBc1']) {
      const order = orderByClientId(state, kit.apiKey, clientId);
      expect(order, `order ${clientId} on /sim/state`).toMatchObject({ state: 4, deal_size: '2' });
      if (order) orders.push(order);
    }
    const status = await kit.worker.status();
    expect(status.outbox.delivered).toBe(0);
    // 4 orders × (at least a FILLED signal) + 2 × (placed, closed) callbacks, plus balance signals.
    expect(status.outbox.depth).toBeGreaterThanOrEqual(8);
    expect(status.outbox.failed).toBe(0);
  });

  it('delivers them all once the app is up, in order per order id, none twice in effect', async () => {
    await kit.app.up();
    // The outbox retries on its schedule (`SHORT_SIGNAL_RETRIES`: every 2 s at most): well within this wait.
    await waitFor(async () => (await kit.worker.status()).outbox.depth === 0, 'the outbox to drain', 60_000);
    expect((await kit.worker.status()).outbox.failed).toBe(0);
    expect(await kit.app.api.metric('trading_app_signature_failures_total')).toBe(0);

    const signals = (await kit.app.stored('order')).map((delivery) => delivery.payload);
    for (const order of orders) {
      const mine = signals.filter((signal) => signal['order_id'] === order.order_id);
      const statuses = mine.map((signal) => String(signal['status']));
      expect(statuses.at(-1), `signals of ${order.client_order_id}: ${statuses.join(',')}`).toBe('FILLED');
      const ranks = statuses.map((status) => RANK[status] ?? -1);
      expect(ranks).toEqual([...ranks].sort((left, right) => left - right));
      expect(mine.every((signal) => signal['client_order_id'] === order.client_order_id)).toBe(true);
      // One effective signal per event: the same (status, filled size) never comes under two trace ids.
      const events = mine.map((signal) => `${String(signal['status'])}/${String(signal['deal_size'])}`);
      expect(new Set(events).size).toBe(events.length);
    }
    // The simulator pushes each of these orders twice (accepted, then filled in one go).
    for (const order of orders) {
      const statuses = signals.filter((s) => s['order_id'] === order.order_id).map((s) => s['status']);
      expect(statuses, order.client_order_id).toEqual(['SUBMITTED', 'FILLED']);
    }

    const callbacks = (await kit.app.stored('callback')).map((delivery) => delivery.payload);
    const lifecycle = (id: string) =>
      callbacks
        .filter((callback) => callback['order_id'] === id || callback['position_id'] === id)
        .map(
          (callback) => `${String(callback['status'])}${callback['reason'] ? `:${String(callback['reason'])}` : ''}`,
        );
    expect(lifecycle('downA')).toEqual(['placed', 'closed:take_profit']);
    expect(lifecycle('downB')).toEqual(['placed', 'closed:stop_loss']);

    // What the app made of them: the positions closed with their reasons, each order once.
    expect(await kit.app.api.position('downA')).toMatchObject({ status: 'closed', close_reason: 'take_profit' });
    expect(await kit.app.api.position('downB')).toMatchObject({ status: 'closed', close_reason: 'stop_loss' });
    for (const order of orders) {
      const shown = await kit.app.api.order(order.client_order_id);
      expect(shown, order.client_order_id).toMatchObject({ status: 'FILLED', deal_size: '2' });
      const events = shown?.lifecycle.filter((event) => event.source === 'order_signal') ?? [];
      expect(events.map((event) => event.status)).toEqual(['SUBMITTED', 'FILLED']);
    }
    const stored = await kit.app.stored();
    expect(new Set(stored.map((delivery) => delivery.traceId)).size).toBe(stored.length);
  });

  it('logged no delivery failure', async () => {
    const failures = await Promise.all(
      ['order-failures.log', 'callback-failures.log', 'balance-failures.log'].map((name) =>
        readFile(join(kit.dataDirectory, name), 'utf8').catch(() => ''),
      ),
    );
    expect(failures.join('')).toBe('');
  });
});

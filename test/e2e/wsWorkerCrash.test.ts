import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAKER_ONLY_MODE, orderByClientId, ordersOf } from '../support/simAdmin.ts';
import { waitFor } from '../support/waitFor.ts';
import { startWorkerE2e, type WorkerE2e } from '../support/workerE2e.ts';

/**
 * `kill -9` mid-flight: an accepted place-order (answered 202) and signals the trading-app never
 * received (it is down) must survive a SIGKILL of `bin/console ws:run` and a restart on the same
 * `WORKER_DATA_DIR`, and reach the real app once it is up, each once.
 */
let kit: WorkerE2e;

beforeAll(async () => {
  kit = await startWorkerE2e({ appStartsDown: true });
});

afterAll(async () => {
  await kit?.teardown();
});

/** What decision 0006 stores per pending signal: `<outbox>/<seq>.signal.json`. */
const StoredSignalSchema = z.looseObject({ kind: z.string(), payload: z.record(z.string(), z.unknown()) });

async function storedSignals(): Promise<z.infer<typeof StoredSignalSchema>[]> {
  const directory = join(kit.dataDirectory, 'outbox');
  const names = (await readdir(directory)).filter((name) => name.endsWith('.signal.json'));
  return Promise.all(
    names.map(async (name) => StoredSignalSchema.parse(JSON.parse(await readFile(join(directory, name), 'utf8')))),
  );
}

describe('ws:run after SIGKILL, restarted on the same data directory', { timeout: 90_000 }, () => {
  it('keeps the queued place-order and the undelivered signals, and delivers and fires them after restart', async () => {
    // A first entry goes live while the app is down: its callback and order signal stay in the outbox.
    const live = await kit.plan('crashA', 'BTCUSDT', 'long');
    expect(await kit.worker.placeOrder(live.request)).toEqual({ status: 202, ok: true });
    await kit.watching('BTCUSDT');
    await kit.admin.price('BTCUSDT', live.inZone);
    await waitFor(async () => {
      const stored = await storedSignals();
      const placed = stored.some((s) => s.kind === 'callback' && s.payload['order_id'] === 'crashA');
      const submitted = stored.some((s) => s.kind === 'order' && s.payload['client_order_id'] === 'crashA');
      return placed && submitted;
    }, 'the placed callback and the order signal of crashA on disk');

    // A second request is accepted, then the worker dies at once.
    const queued = await kit.plan('crashB', 'ETHUSDT', 'short');
    expect(await kit.worker.placeOrder(queued.request)).toEqual({ status: 202, ok: true });
    await kit.worker.kill();
    expect(kit.worker.child.signalCode).toBe('SIGKILL');
    expect(kit.app.running).toBe(false);

    await kit.app.up();
    const worker = await kit.restartWorker({ crash: true });
    // The control API is up before the check of each record with the venue, which runs behind it.
    await waitFor(async () => {
      const { orders } = await worker.ordersStatus();
      return orders['crashB']?.state === 'waiting' && orders['crashA']?.state === 'live';
    }, 'crashB waiting and crashA live once the start-up check is done');
    const status = await worker.ordersStatus();
    expect(status.orders['crashB'], worker.output()).toMatchObject({ symbol: 'ETHUSDT', state: 'waiting' });

    // Delivered after the restart (the retry schedule survived on disk).
    const placedA = await kit.callback('crashA', 'placed');
    const orderA = orderByClientId(await kit.admin.state(), kit.apiKey, 'crashA');
    expect(placedA).toMatchObject({ exchange_order_id: orderA?.order_id });
    await waitFor(
      async () => (await kit.app.api.order('crashA'))?.status === 'SUBMITTED',
      'crashA SUBMITTED order signal, from before the crash',
    );
    expect(await kit.app.api.position('crashA')).toMatchObject({ status: 'open', symbol: 'BTCUSDT', side: 'long' });

    // The queued request fires when the price enters its zone.
    await kit.watching('ETHUSDT');
    const push = await kit.admin.price('ETHUSDT', queued.inZone);
    await kit.callback('crashB', 'placed');
    const state = await kit.admin.state();
    const orderB = orderByClientId(state, kit.apiKey, 'crashB');
    expect(orderB).toMatchObject({ symbol: 'ETHUSDT', side: 4, mode: MAKER_ONLY_MODE });
    expect(orderB?.arrival_micros).toBeGreaterThan(push.pushedAtMicros);

    // Nothing was placed twice, and the app acted once on each callback.
    const attempts = (prefix: string) =>
      ordersOf(state, kit.apiKey).filter((o) => o.client_order_id.startsWith(prefix));
    expect(attempts('crashA')).toHaveLength(1);
    expect(attempts('crashB')).toHaveLength(1);
    const placedCallbacks = (await kit.app.stored('callback')).filter((c) => c.payload['status'] === 'placed');
    expect(placedCallbacks.map((c) => c.payload['order_id']).sort()).toEqual(['crashA', 'crashB']);
    expect(await kit.app.api.metric('trading_app_signature_failures_total')).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bitmartVenueNames } from '../../src/exchange/bitmart/bitmartVenueNames.ts';
import type { StreamEvent, UserStream } from '../../src/exchange/port/index.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import type { DurableSignalOutbox } from '../../src/ws-worker/signals/index.ts';
import { ToldOrders } from '../../src/ws-worker/signals/ToldOrders.ts';
import { MissedSignals } from '../../src/ws-worker/streams/MissedSignals.ts';
import { SignalForwarder } from '../../src/ws-worker/streams/SignalForwarder.ts';
import {
  BALANCE_SIGNAL_PATH,
  ORDER_SIGNAL_PATH,
  type RealTradingApp,
  startRealTradingApp,
} from '../support/realTradingApp.ts';
import { waitFor } from '../support/waitFor.ts';
import { createWorkspace, outboxIn, SECRET, settled, type Workspace } from './support/harness.ts';
import { type SimulatedAccount, simulatedAccount } from './support/simulatedAccount.ts';

/**
 * What happened while the worker could not see reaches the app (decision 0014): the simulator's
 * account behind the port (in process), the worker's forwarder, told-orders record and catch-up
 * over the real outbox, and the real app, whose API says what it believes.
 */
const SYMBOL = 'SOLUSDT';
let account: SimulatedAccount;
let workspace: Workspace;
let outbox: DurableSignalOutbox;
let app: RealTradingApp;

/** The private stream's status as the worker's connection reports it, under the test's control. */
const statusListeners = new Set<(event: StreamEvent) => void>();
let userStream: UserStream;

/** One run of the worker's signal side: what `main.ts` composes, on the same data directory. */
interface WorkerRun {
  readonly told: ToldOrders;
  readonly missed: MissedSignals;
  stop(): Promise<void>;
}

async function startRun(): Promise<WorkerRun> {
  const told = new ToldOrders(`${workspace.root}/told`);
  await told.load();
  const forwarder = new SignalForwarder({
    userStream,
    venueNames: bitmartVenueNames,
    outbox,
    orderSignalUrl: `${app.url}${ORDER_SIGNAL_PATH}`,
    balanceSignalUrl: `${app.url}${BALANCE_SIGNAL_PATH}`,
    clock: account.clock,
    logger: silentLogger(),
    onOrderTold: (order) => told.told(order, account.clock.now()),
  });
  forwarder.start();
  await account.venue.userStream.start();
  const missed = new MissedSignals({
    exchange: account.venue.exchange,
    userStream,
    told,
    forwardOrder: (order) => forwarder.forwardOrder(order),
    clock: account.clock,
    logger: silentLogger(),
  });
  missed.start();
  await missed.catchUp();
  return {
    told,
    missed,
    async stop() {
      await account.venue.userStream.stop();
      await missed.stop();
      await forwarder.stop();
      await told.persist();
    },
  };
}

beforeAll(async () => {
  account = simulatedAccount(SYMBOL);
  account.venue.userStream.subscribe(['orders', 'positions', 'balance']);
  userStream = {
    onEvent: (listener) => account.venue.userStream.onEvent(listener),
    onStatus: (listener) => {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    health: () => account.venue.userStream.health(),
    start: () => account.venue.userStream.start(),
    stop: () => account.venue.userStream.stop(),
    subscribe: (channels) => account.venue.userStream.subscribe(channels),
    unsubscribe: (channels) => account.venue.userStream.unsubscribe(channels),
  };
  workspace = await createWorkspace();
  app = await startRealTradingApp({ sharedSecret: SECRET, clock: account.clock });
  // A failed attempt (a connection reset under a loaded CI machine) is retried at once: its backoff
  // would wait on the manual clock, which this test moves only on purpose.
  outbox = outboxIn(workspace, account.clock, { backoffSeconds: [0] });
  await outbox.start();
}, 120_000);

afterAll(async () => {
  await outbox?.stop();
  account?.stop();
  await app?.close();
  await workspace?.remove();
});

const resting = (clientOrderId: string) =>
  account.submit({ clientOrderId, type: 'limit', price: account.price('0.9') });

async function statuses(ids: readonly string[]): Promise<string[]> {
  return Promise.all(ids.map(async (id) => (await app.api.order(id))?.status ?? 'unknown'));
}

describe('telling the app what it missed', { timeout: 90_000 }, () => {
  it('after a restart: cancels, fills and submissions made while the worker was down, the venue’s own close', async () => {
    const first = await startRun();
    const waiting = ['MISSA1', 'MISSA2', 'MISSA3'];
    for (const id of waiting) resting(id);
    resting('MISSA4');
    account.submit({ clientOrderId: 'MISSPOS1', presetStopLoss: { price: account.price('0.95'), priceType: 1 } });
    await waitFor(
      async () => (await statuses([...waiting, 'MISSA4'])).every((status) => status === 'SUBMITTED'),
      'the resting orders in the app',
    );
    // Ten quiet minutes: the watermark moves on, so only the record remembers these orders are open.
    account.clock.advance(10 * 60_000);
    await settled(outbox, () => true, 'the record written');
    expect(first.told.watermark).toBe(account.clock.now());
    await first.stop();

    // The worker is down: another tool cancels, submits, and the venue fills and stops out.
    for (const id of waiting) await account.venue.exchange.cancelOrder({ symbol: SYMBOL, clientOrderId: id });
    account.market.setPrice(SYMBOL, account.price('0.89'));
    resting('MISSB1');
    const manualId = account.submit({ side: 4 });
    expect(
      account.engine.positions(account.accountId, SYMBOL).find((position) => position.positionType === 1)?.amount,
    ).toBe(0);
    expect(await statuses(waiting)).toEqual(['SUBMITTED', 'SUBMITTED', 'SUBMITTED']);

    const second = await startRun();
    await settled(outbox, () => outbox.status().depth === 0, 'the catch-up delivered');
    expect(await statuses(waiting)).toEqual(['CANCELLED', 'CANCELLED', 'CANCELLED']);
    expect(await app.api.order('MISSB1')).toMatchObject({ status: 'SUBMITTED', kind: 'ENTRY' });
    expect(await app.api.order('MISSA4')).toMatchObject({ status: 'FILLED' });
    expect(await app.api.order(manualId)).toMatchObject({ kind: 'MANUAL', client_order_id: '', status: 'FILLED' });
    const orders = await app.api.orders(`symbol=${SYMBOL}&limit=200`);
    expect(orders.filter((order) => order.kind === 'STOP_LOSS' && order.status === 'FILLED')).toHaveLength(1);

    // A second comparison finds nothing new: nothing is sent twice.
    const delivered = outbox.status().delivered;
    await second.missed.catchUp();
    await settled(outbox, () => outbox.status().depth === 0, 'nothing more');
    expect(outbox.status().delivered).toBe(delivered);
    await second.stop();
  });

  it('after a private-stream resync: what changed while the connection was down', async () => {
    const run = await startRun();
    resting('MISSC1');
    await waitFor(async () => (await app.api.order('MISSC1'))?.status === 'SUBMITTED', 'MISSC1 in the app');
    for (const listener of statusListeners) listener({ type: 'disconnected', reason: 'dropped' });
    await account.venue.userStream.stop();
    await account.venue.exchange.cancelOrder({ symbol: SYMBOL, clientOrderId: 'MISSC1' });
    resting('MISSC2');
    await account.venue.userStream.start();
    for (const listener of statusListeners) listener({ type: 'resynced' });
    await waitFor(
      async () =>
        (await app.api.order('MISSC1'))?.status === 'CANCELLED' &&
        (await app.api.order('MISSC2'))?.status === 'SUBMITTED',
      'the cancel and the submission made during the gap',
    );
    await run.stop();
  });
});

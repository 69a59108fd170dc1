import { readFile } from 'node:fs/promises';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bitmartVenueNames } from '../../src/exchange/bitmart/bitmartVenueNames.ts';
import type { Balance, Order } from '../../src/exchange/port/types.ts';
import type { ManualClock } from '../../src/platform/clock/index.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { Callbacks } from '../../src/ws-worker/execution/Callbacks.ts';
import {
  balanceSignalFrom,
  type DurableSignalOutbox,
  type OutgoingSignal,
  orderSignalFrom,
  replayFailures,
} from '../../src/ws-worker/signals/index.ts';
import {
  BALANCE_SIGNAL_PATH,
  CALLBACK_PATH,
  ORDER_SIGNAL_PATH,
  type RealTradingApp,
  startRealTradingApp,
} from '../support/realTradingApp.ts';
import { createWorkspace, newClock, outboxIn, SECRET, settled, type Workspace } from './support/harness.ts';

/** A request as the execution names it in callbacks: its id is its own client order id base. */
const target = (id: string) => ({ id, clientOrderIdBase: id, callbackUrl: undefined });

/**
 * Every message between the worker and the app, with both real sides: the worker's durable outbox
 * (`createSignalOutbox`) and payload builders (`orderSignalFrom`, `balanceSignalFrom`, the
 * execution's `Callbacks`) against the real app (`startTradingApp`: signed routes, store on
 * PGlite), on one manual clock so that signatures are always fresh. What the app made of each
 * message is read back through its API.
 */
let workspace: Workspace;
let clock: ManualClock;
let app: RealTradingApp;
const outboxes: DurableSignalOutbox[] = [];

beforeAll(async () => {
  workspace = await createWorkspace();
  clock = newClock();
  app = await startRealTradingApp({ sharedSecret: SECRET, clock });
}, 120_000);

afterAll(async () => {
  for (const outbox of outboxes.splice(0)) await outbox.stop();
  await app?.close();
  await workspace?.remove();
});

function openOutbox(directory = workspace.directory): DurableSignalOutbox {
  const outbox = outboxIn({ ...workspace, directory }, clock);
  outboxes.push(outbox);
  return outbox;
}

const ORDER_URL = () => `${app.url}${ORDER_SIGNAL_PATH}`;
const BALANCE_URL = () => `${app.url}${BALANCE_SIGNAL_PATH}`;
const CALLBACK_URL = () => `${app.url}${CALLBACK_PATH}`;

function order(overrides: Partial<Order> = {}): Order {
  return {
    orderId: '3100000001',
    clientOrderId: 'WAENTRY1',
    symbol: 'BTCUSDT',
    side: 'open_long',
    type: 'limit',
    status: 'open',
    price: new Dec('65000'),
    size: new Dec('2'),
    filledSize: new Dec('0'),
    averageFillPrice: undefined,
    leverage: new Dec('10'),
    marginMode: 'isolated',
    createdAt: clock.now() - 5_000,
    updatedAt: clock.now(),
    ...overrides,
  };
}

function orderSignal(built: Order): OutgoingSignal {
  const payload = orderSignalFrom(built, undefined, bitmartVenueNames);
  if (!payload) throw new Error('no payload');
  return { kind: 'order', url: ORDER_URL(), payload, traceId: payload.trace_id, orderingKey: `order:${built.orderId}` };
}

function balance(available: string): Balance {
  return {
    currency: 'USDT',
    available: new Dec(available),
    frozen: new Dec('500'),
    positionMargin: new Dec('400'),
    unrealizedPnl: new Dec('-12.5'),
    equity: new Dec(available).add(900),
  };
}

function balanceSignal(available: string, atMs: number): OutgoingSignal {
  const payload = balanceSignalFrom(balance(available), undefined, atMs);
  return { kind: 'balance', url: BALANCE_URL(), payload, traceId: payload.trace_id, orderingKey: 'balance' };
}

async function delivered(outbox: DurableSignalOutbox, count: number): Promise<void> {
  await settled(outbox, () => outbox.status().delivered + outbox.status().failed >= count, `${count} deliveries`);
  expect(outbox.status()).toMatchObject({ failed: 0, depth: 0 });
}

const FILLS = [
  ['open', '0', 'SUBMITTED'],
  ['partially_filled', '1', 'PARTIALLY_FILLED'],
  ['filled', '2', 'FILLED'],
] as const;

describe('the worker’s outbox against the real app', { timeout: 60_000 }, () => {
  it('stores every order-signal status, in order, once', async () => {
    const outbox = openOutbox();
    await outbox.start();
    for (const [status, filled] of FILLS) {
      await outbox.enqueue(
        orderSignal(order({ status, filledSize: new Dec(filled), averageFillPrice: new Dec('64999.5') })),
      );
    }
    const canceled = order({ orderId: '3100000002', clientOrderId: 'WACANCEL1' });
    await outbox.enqueue(orderSignal(canceled));
    await outbox.enqueue(orderSignal({ ...canceled, status: 'canceled' }));
    await delivered(outbox, 5);

    const entry = await app.api.order('WAENTRY1');
    expect(entry).toMatchObject({ status: 'FILLED', kind: 'ENTRY', deal_size: '2', deal_avg_price: '64999.5' });
    expect(entry?.lifecycle.map((event) => event.status)).toEqual(['SUBMITTED', 'PARTIALLY_FILLED', 'FILLED']);
    expect((await app.api.order('WACANCEL1'))?.status).toBe('CANCELLED');
  });

  it('stores every balance signal, and a replay of one is stored once', async () => {
    const outbox = openOutbox();
    await outbox.start();
    const before = (await app.api.balanceHistory()).length;
    const signals = [balanceSignal('10000.5', clock.now() - 2_000), balanceSignal('9000', clock.now() - 1_000)];
    for (const signal of signals) await outbox.enqueue(signal);
    await delivered(outbox, 2);
    const replay = openOutbox(`${workspace.root}/replay-balance`);
    await replay.start();
    await replay.enqueue(signals[0] as OutgoingSignal);
    await delivered(replay, 1);
    const history = await app.api.balanceHistory();
    expect(history).toHaveLength(before + 2);
    expect(history.slice(-2).map((row) => row.available_balance)).toEqual(['10000.5', '9000']);
  });

  it('acts on every callback status: placed, failed, timeout, closed, close_failed (unprotected too)', async () => {
    const outbox = openOutbox();
    await outbox.start();
    const callbacks = new Callbacks({ outbox, clock, logger: silentLogger(), defaultUrl: CALLBACK_URL() });
    await outbox.enqueue(
      orderSignal(order({ orderId: '3100000010', clientOrderId: 'WAPOS1', status: 'filled', filledSize: new Dec(2) })),
    );
    await callbacks.send(target('WAPOS1'), {
      status: 'placed',
      order_id: 'WAPOS1',
      exchange_order_id: '3100000010',
      entry_price: '65000',
      quantity: '2',
    });
    await callbacks.send(
      target('WAPOS1'),
      {
        status: 'close_failed',
        position_id: 'WAPOS1',
        reason: 'stop_loss',
        error: 'position frozen',
        unprotected: true,
      },
      '1',
    );
    await callbacks.send(target('WAPOS1'), {
      status: 'closed',
      position_id: 'WAPOS1',
      close_order_id: '3100000011',
      reason: 'stop_loss',
      close_price: '61750',
    });
    await callbacks.send(target('WAFAIL1'), {
      status: 'failed',
      order_id: 'WAFAIL1',
      error: 'insufficient balance',
    });
    await callbacks.send(target('WATIME1'), {
      status: 'timeout',
      order_id: 'WATIME1',
      reason: 'Entry zone not reached within timeout',
    });
    await delivered(outbox, 6);

    expect(await app.api.position('WAPOS1')).toMatchObject({
      status: 'closed',
      symbol: 'BTCUSDT',
      side: 'long',
      entry_price: '65000',
      close_reason: 'stop_loss',
      close_price: '61750',
      last_close_error: 'position frozen',
    });
    expect(
      (await app.api.alerts()).filter((alert) => alert.position_id === 'WAPOS1').map((alert) => alert.kind),
    ).toEqual(['position_unprotected']);
    const lifecycle = async (id: string) => (await app.api.order(id))?.lifecycle.map((event) => event.status) ?? [];
    expect(await lifecycle('WAPOS1')).toEqual(['FILLED', 'PLACED', 'CLOSE_FAILED', 'CLOSED']);
    expect(await lifecycle('WAFAIL1')).toEqual([]);
    expect(await app.api.metric('trading_app_signals_received_total', { kind: 'callback', outcome: 'stored' })).toBe(5);
  });

  it("stores the callbacks of a request whose id is not a client order id (a decision key, the seeds' ids)", async () => {
    const outbox = openOutbox();
    await outbox.start();
    const callbacks = new Callbacks({ outbox, clock, logger: silentLogger(), defaultUrl: CALLBACK_URL() });
    const ids = ['mtf:ETHUSDT:0a1b2c3d4e5f', 'test-order-123', 'order.6543e2f1'];
    for (const id of ids) {
      await callbacks.send(
        { id, clientOrderIdBase: id.replace(/[^A-Za-z0-9]/g, ''), callbackUrl: undefined },
        { status: 'timeout', order_id: id, reason: 'Entry zone not reached within timeout' },
      );
    }
    await delivered(outbox, ids.length);
    for (const id of ids) expect(await app.storedCallback(id, 'timeout'), id).toMatchObject({ order_id: id });
  });

  it('stores a replayed callback (same trace id) once, whichever outbox sends it', async () => {
    const first = openOutbox();
    await first.start();
    const callbacks = new Callbacks({ outbox: first, clock, logger: silentLogger(), defaultUrl: CALLBACK_URL() });
    const draft = {
      status: 'timeout' as const,
      order_id: 'WAREPLAY1',
      reason: 'Entry zone not reached within timeout',
    };
    await callbacks.send(target('WAREPLAY1'), draft);
    await delivered(first, 1);
    const second = openOutbox(`${workspace.root}/second`);
    await second.start();
    await new Callbacks({ outbox: second, clock, logger: silentLogger(), defaultUrl: CALLBACK_URL() }).send(
      target('WAREPLAY1'),
      draft,
    );
    await delivered(second, 1);
    expect(await app.api.metric('trading_app_signals_received_total', { kind: 'callback', outcome: 'duplicate' })).toBe(
      1,
    );
  });
});

describe('a restart of either side with signals pending', { timeout: 90_000 }, () => {
  it('delivers what waited while the app was down, once it is back, on the retry schedule', async () => {
    await app.down();
    const outbox = openOutbox(`${workspace.root}/app-restart`);
    await outbox.start();
    await outbox.enqueue(orderSignal(order({ orderId: '3100000020', clientOrderId: 'WADOWN1' })));
    await outbox.enqueue(orderSignal(order({ orderId: '3100000020', clientOrderId: 'WADOWN1', status: 'canceled' })));
    await settled(outbox, () => outbox.status().waitingForRetry === 1, 'the first attempt refused');
    await app.up();
    clock.advance(5_000);
    await delivered(outbox, 2);
    expect((await app.api.order('WADOWN1'))?.lifecycle.map((event) => event.status)).toEqual([
      'SUBMITTED',
      'CANCELLED',
    ]);
  });

  it('delivers after a worker restart what the stopped outbox left on disk, each once', async () => {
    await app.down();
    const directory = `${workspace.root}/worker-restart`;
    const first = openOutbox(directory);
    const callbacks = new Callbacks({ outbox: first, clock, logger: silentLogger(), defaultUrl: CALLBACK_URL() });
    await callbacks.send(target('WARESTART1'), { status: 'failed', order_id: 'WARESTART1', error: 'refused' });
    await first.enqueue(balanceSignal('4242', clock.now()));
    await first.stop();
    await app.up();
    const second = openOutbox(directory);
    await second.start();
    await delivered(second, 2);
    const history = await app.api.balanceHistory();
    expect(history.filter((row) => row.available_balance === '4242')).toHaveLength(1);
    expect(await app.api.metric('trading_app_signals_received_total', { kind: 'callback', outcome: 'error' })).toBe(0);
  });
});

describe('replaying the callback failure log against the real app', { timeout: 60_000 }, () => {
  it('re-sends the callbacks the failure log kept, and the app acts on them', async () => {
    await app.down();
    const failing = outboxIn({ ...workspace, directory: `${workspace.root}/failing` }, clock, { maxRetries: 0 });
    outboxes.push(failing);
    await failing.start();
    const callbacks = new Callbacks({ outbox: failing, clock, logger: silentLogger(), defaultUrl: CALLBACK_URL() });
    await callbacks.send(target('WALOG1'), {
      status: 'placed',
      order_id: 'WALOG1',
      exchange_order_id: '3100000030',
      entry_price: '3000',
      quantity: '1',
    });
    await callbacks.send(target('WALOG1'), {
      status: 'closed',
      position_id: 'WALOG1',
      close_order_id: '3100000031',
      reason: 'take_profit',
      close_price: '3150',
    });
    await settled(failing, () => failing.status().failed === 2, 'both callbacks in the failure log');
    const logged = (await readFile(workspace.failureLogs.callback, 'utf8')).trim().split('\n');
    expect(logged).toHaveLength(2);

    await app.up();
    const replay = openOutbox(`${workspace.root}/replay-outbox`);
    const result = await replayFailures({ logPath: workspace.failureLogs.callback, outbox: replay, clock });
    await replay.start();
    await delivered(replay, 2);
    expect(result).toMatchObject({ replayed: 2, skipped: 0 });
    expect(await app.api.position('WALOG1')).toMatchObject({
      status: 'closed',
      entry_price: '3000',
      close_reason: 'take_profit',
      close_price: '3150',
    });
  });
});

describe('a signature the app refuses (401)', { timeout: 60_000 }, () => {
  it('is retried, not failed, with one error naming the likely causes per streak and a counter; a fixed secret delivers it', async () => {
    const lines: { level: number; msg: string }[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const directory = `${workspace.root}/rotated`;
    const stale = outboxIn({ ...workspace, directory }, clock, { sharedSecret: 'the-secret-before-rotation', logger });
    outboxes.push(stale);
    await stale.start();
    await stale.enqueue(orderSignal(order({ orderId: '3100000050', clientOrderId: 'WAROTATE1' })));
    await settled(stale, () => stale.status().waitingForRetry === 1, 'the first 401');
    clock.advance(5_000);
    await settled(stale, () => (stale.status().authFailures ?? 0) === 2, 'the second 401');
    expect(stale.status()).toMatchObject({ depth: 1, failed: 0, delivered: 0, authFailures: 2 });
    const alerts = lines.filter((line) => line.level === 50);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.msg).toMatch(/401.*SHARED_SECRET.*clocks/);
    expect(await app.api.metric('trading_app_signature_failures_total')).toBeGreaterThanOrEqual(2);
    await stale.stop();

    const fixed = openOutbox(directory);
    await fixed.start();
    // The retry schedule survived on disk: the next attempt is 15 s after the second.
    clock.advance(15_000);
    await delivered(fixed, 1);
    expect((await app.api.order('WAROTATE1'))?.status).toBe('SUBMITTED');
  });
});

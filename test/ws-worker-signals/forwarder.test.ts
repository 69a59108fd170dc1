import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bitmartVenueNames } from '../../src/exchange/bitmart/bitmartVenueNames.ts';
import type { Order } from '../../src/exchange/port/types.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import type { DurableSignalOutbox, OrderRoleLookup } from '../../src/ws-worker/signals/index.ts';
import { SignalForwarder } from '../../src/ws-worker/streams/SignalForwarder.ts';
import {
  type AppOrder,
  BALANCE_SIGNAL_PATH,
  CALLBACK_PATH,
  ORDER_SIGNAL_PATH,
  type RealTradingApp,
  startRealTradingApp,
} from '../support/realTradingApp.ts';
import { waitFor } from '../support/waitFor.ts';
import { createWorkspace, outboxIn, SECRET, type Workspace } from './support/harness.ts';
import { type SimulatedAccount, simulatedAccount } from './support/simulatedAccount.ts';

/**
 * The forwarder between a real private stream (the simulator's, in process) and the real app:
 * every order reaches the app with what it is (the seeds promise a signal for every order detected:
 * docs/reference/seed-contracts.md#order-signal), the venue's own closes included, and a close the app
 * can link ends the app's position.
 */
const SYMBOL = 'ETHUSDT';
let account: SimulatedAccount;
let workspace: Workspace;
let outbox: DurableSignalOutbox;
let app: RealTradingApp;
let forwarder: SignalForwarder;
/** What the test's small lookup knows, standing for the execution's (wired by main.ts). */
let lookup: OrderRoleLookup = () => undefined;

beforeAll(async () => {
  account = simulatedAccount(SYMBOL, 2);
  workspace = await createWorkspace();
  app = await startRealTradingApp({ sharedSecret: SECRET, clock: account.clock });
  outbox = outboxIn(workspace, account.clock);
  await outbox.start();
  forwarder = new SignalForwarder({
    userStream: account.venue.userStream,
    venueNames: bitmartVenueNames,
    outbox,
    orderSignalUrl: `${app.url}${ORDER_SIGNAL_PATH}`,
    balanceSignalUrl: `${app.url}${BALANCE_SIGNAL_PATH}`,
    clock: account.clock,
    logger: silentLogger(),
    orderRole: (order: Order) => lookup(order),
  });
  forwarder.start();
  account.venue.userStream.subscribe(['orders', 'positions', 'balance']);
  await account.venue.userStream.start();
}, 120_000);

afterAll(async () => {
  await forwarder?.stop();
  await outbox?.stop();
  await account?.venue.userStream.stop();
  account?.stop();
  await app?.close();
  await workspace?.remove();
});

/** A request's entry as the app knows it: the order signal and the `placed` callback. */
async function openPosition(requestId: string, options: { stopLoss?: Dec; isolated?: boolean } = {}) {
  const orderId = account.submit({
    clientOrderId: requestId,
    ...(options.stopLoss ? { presetStopLoss: { price: options.stopLoss, priceType: 1 } } : {}),
    ...(options.isolated ? { openType: 'isolated', leverage: new Dec(20) } : {}),
  });
  await outbox.enqueue({
    kind: 'callback',
    url: `${app.url}${CALLBACK_PATH}`,
    traceId: `${requestId}-placed`,
    orderingKey: requestId,
    payload: {
      status: 'placed',
      order_id: requestId,
      exchange_order_id: orderId,
      entry_price: account.market.lastPrice(SYMBOL).toFixed(),
      quantity: '2',
      trace_id: `${requestId}-placed`,
    },
  });
  await waitFor(async () => (await app.api.position(requestId))?.side === 'long', `${requestId} open in the app`);
  return orderId;
}

async function appOrder(match: (order: AppOrder) => boolean, what: string): Promise<AppOrder> {
  let found: AppOrder | undefined;
  await waitFor(async () => {
    found = (await app.api.orders()).find(match);
    return found !== undefined;
  }, what);
  return found as AppOrder;
}

describe('SignalForwarder → the real app', { timeout: 60_000 }, () => {
  it('sends the close a preset stop loss made on the exchange as STOP_LOSS, from the wire alone', async () => {
    const entryId = await openPosition('FWSTOP1', { stopLoss: account.price('0.95') });
    account.market.setPrice(SYMBOL, account.price('0.9'));
    const close = await appOrder(
      (order) => order.client_order_id === '' && order.side === '3' && order.status === 'FILLED',
      'the stop-loss close in the app',
    );
    expect(close).toMatchObject({ kind: 'STOP_LOSS', symbol: SYMBOL, type: 'market' });
    expect(close.order_id).not.toBe(entryId);
    // Nothing names the position it closed: the app leaves it to the worker's `closed` callback.
    expect((await app.api.position('FWSTOP1'))?.status).toBe('open');
  });

  it('closes the app’s position when the execution names the request a stop-loss close belongs to', async () => {
    await openPosition('FWSTOP2', { stopLoss: account.price('0.95') });
    lookup = (order) =>
      order.clientOrderId === '' && order.trigger === 'stop_loss'
        ? { kind: 'STOP_LOSS', requestId: 'FWSTOP2', parentClientOrderId: 'FWSTOP2' }
        : undefined;
    account.market.setPrice(SYMBOL, account.price('0.9'));
    await waitFor(async () => (await app.api.position('FWSTOP2'))?.status === 'closed', 'FWSTOP2 closed');
    const position = await app.api.position('FWSTOP2');
    const close = await app.api.order(position?.close_order_id ?? '');
    expect(close).toMatchObject({ kind: 'STOP_LOSS', client_order_id: '', status: 'FILLED' });
    expect(position).toMatchObject({ close_reason: 'stop_loss', close_price: close?.deal_avg_price });
    lookup = () => undefined;
  });

  it('names a liquidation LIQUIDATION', async () => {
    await openPosition('FWLIQ1', { isolated: true });
    account.market.setPrice(SYMBOL, account.price('0.8'));
    const liquidation = await appOrder(
      (order) => order.kind === 'LIQUIDATION' && order.status === 'FILLED',
      'the liquidation in the app',
    );
    expect(liquidation).toMatchObject({ client_order_id: '', side: '3' });
  });

  it('names an order another tool placed (no client order id) MANUAL', async () => {
    const orderId = account.submit({ side: 4, size: 1 });
    const manual = await appOrder(
      (order) => order.order_id === orderId && order.status === 'FILLED',
      'the manual order in the app',
    );
    expect(manual).toMatchObject({ kind: 'MANUAL', client_order_id: '', status: 'FILLED' });
    expect((await app.api.order(orderId))?.order_id).toBe(orderId);
  });

  it('names the worker’s own close <id>c1 CLOSE by itself, and what the execution says when it knows', async () => {
    account.submit({ clientOrderId: 'FWOWN1' });
    account.submit({ clientOrderId: 'FWOWN1c1', side: 3 });
    expect((await appOrder((order) => order.client_order_id === 'FWOWN1c1', 'the close')).kind).toBe('CLOSE');
    expect((await appOrder((order) => order.client_order_id === 'FWOWN1', 'the entry')).kind).toBe('ENTRY');

    await openPosition('FWOWN2');
    lookup = (order) =>
      order.clientOrderId === 'FWOWN2c1'
        ? { kind: 'TAKE_PROFIT', requestId: 'FWOWN2', parentClientOrderId: 'FWOWN2' }
        : undefined;
    account.submit({ clientOrderId: 'FWOWN2c1', side: 3 });
    const close = await appOrder((order) => order.client_order_id === 'FWOWN2c1', 'the known close');
    expect(close.kind).toBe('TAKE_PROFIT');
    await waitFor(
      async () => (await app.api.position('FWOWN2'))?.status === 'closed',
      'the position the known close ends',
    );
    expect(await app.api.position('FWOWN2')).toMatchObject({
      close_reason: 'take_profit',
      close_order_id: close.order_id,
    });
  });
});

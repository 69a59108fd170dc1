import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntryPlan } from '../support/entryPlan.ts';
import type { AppOrder } from '../support/realTradingApp.ts';
import { isFlat } from '../support/simAdmin.ts';
import { waitFor } from '../support/waitFor.ts';
import { startWorkerE2e, type WorkerE2e } from '../support/workerE2e.ts';

/**
 * What the exchange does by itself, and what happens while the worker is down, reaches the app:
 * `bin/console ws:run` as a child process, the simulator and the real trading-app over loopback,
 * and another client (ccxt 4.5.70, as an operator's script would use it) acting on the account.
 * Each change shows in the app's `/api/orders` and `/api/positions` with the right kind.
 */
let kit: WorkerE2e;
let other: InstanceType<typeof ccxt.bitmart>;

beforeAll(async () => {
  kit = await startWorkerE2e();
  const { account } = kit.simulator.simulator;
  other = new ccxt.bitmart({
    apiKey: account.apiKey,
    secret: account.apiSecret,
    uid: account.apiMemo,
    urls: { api: { spot: kit.simulator.restUrl, swap: kit.simulator.restUrl } },
    options: { defaultType: 'swap', fetchBalance: { type: 'swap' } },
  });
  await other.loadMarkets();
}, 120_000);

afterAll(async () => {
  await kit?.teardown();
});

const report = () => `worker output:\n${kit.worker.output()}`;
const ccxtSymbol = (symbol: string) => `${symbol.replace(/USDT$/, '')}/USDT:USDT`;

/** Places the request, enters its zone, fills it: the app knows an open position. */
async function openThroughTheWorker(plan: EntryPlan): Promise<void> {
  const { id, symbol } = plan.request;
  expect(await kit.worker.placeOrder(plan.request)).toEqual({ status: 202, ok: true });
  await kit.watching(symbol);
  await kit.admin.price(symbol, plan.inZone);
  await kit.callback(id, 'placed');
  await kit.admin.price(symbol, plan.fill);
  await waitFor(async () => (await kit.worker.ordersStatus()).positions[id] !== undefined, `${id} monitored`);
  await waitFor(async () => (await kit.app.api.position(id))?.side === plan.request.side, `${id} open in the app`);
}

/** The first order of `symbol` in the app matching `match`, once it is there. */
async function appOrder(symbol: string, match: (order: AppOrder) => boolean, what: string): Promise<AppOrder> {
  let found: AppOrder | undefined;
  await waitFor(
    async () => {
      found = (await kit.app.api.orders(`symbol=${symbol}&limit=200`)).find(match);
      return found !== undefined;
    },
    what,
    30_000,
  );
  return found as AppOrder;
}

/** A close the venue or another client made: no client order id, sold to close a long, filled. */
const venueClose = (order: AppOrder) => order.client_order_id === '' && order.side === '3' && order.status === 'FILLED';

/** Waits until the app shows every one of `ids` (client order ids) with `status`. */
async function allInTheApp(ids: readonly string[], status: string, what: string): Promise<void> {
  await waitFor(
    async () => (await Promise.all(ids.map((id) => kit.app.api.order(id)))).every((order) => order?.status === status),
    what,
    30_000,
  );
}

async function closedInTheApp(id: string) {
  await waitFor(async () => (await kit.app.api.position(id))?.status === 'closed', `${id} closed in the app`, 30_000);
  return kit.app.api.position(id);
}

describe('closes the exchange made, and what changed while the worker was down', { timeout: 120_000 }, () => {
  it('a preset stop loss firing on the exchange: a STOP_LOSS order, the position closed at its price', async () => {
    const plan = await kit.plan('presetSL1', 'SOLUSDT', 'long');
    await openThroughTheWorker(plan);
    // One push straight through the stop: the venue's preset fires before the worker can act.
    const below = (Number(plan.request.stop_loss) * 0.99).toFixed(2);
    await kit.admin.price('SOLUSDT', below);
    const close = await appOrder('SOLUSDT', venueClose, 'the preset stop’s close in the app');
    expect(close, report()).toMatchObject({ kind: 'STOP_LOSS', symbol: 'SOLUSDT' });
    const position = await closedInTheApp('presetSL1');
    // `exchange` from the worker's callback; `stop_loss` once the execution names the close's position.
    expect(['exchange', 'stop_loss']).toContain(position?.close_reason);
    expect(position).toMatchObject({ close_order_id: close.order_id, close_price: close.deal_avg_price });
    expect(isFlat(await kit.admin.state(), kit.apiKey, 'SOLUSDT')).toBe(true);
  });

  it('a liquidation: a LIQUIDATION order, the position closed', async () => {
    const plan = await kit.plan('liquid1', 'DOGEUSDT', 'long');
    const { stop_loss: _noStop, ...request } = plan.request;
    await openThroughTheWorker({ ...plan, request: request as EntryPlan['request'] });
    // Isolated at 10x: a fall of a fifth is far past the liquidation price.
    await kit.admin.price('DOGEUSDT', (Number(plan.fill) * 0.8).toFixed(5));
    const liquidation = await appOrder(
      'DOGEUSDT',
      (order) => order.kind === 'LIQUIDATION' && order.status === 'FILLED',
      'the liquidation in the app',
    );
    expect(liquidation, report()).toMatchObject({ client_order_id: '', side: '3' });
    const position = await closedInTheApp('liquid1');
    expect(['exchange', 'liquidation']).toContain(position?.close_reason);
    expect(position?.close_order_id).toBe(liquidation.order_id);
  });

  it('a manual close made with another client (ccxt, no client order id): a MANUAL order, the position closed', async () => {
    const plan = await kit.plan('manual1', 'XRPUSDT', 'long');
    await openThroughTheWorker(plan);
    const sold = await other.createOrder(ccxtSymbol('XRPUSDT'), 'market', 'sell', 2, undefined, {
      reduceOnly: true,
      marginMode: 'isolated',
    });
    const close = await appOrder(
      'XRPUSDT',
      (order) => order.order_id === sold.id && order.status === 'FILLED',
      'the manual close',
    );
    expect(close).toMatchObject({ kind: 'MANUAL', client_order_id: '', side: '3' });
    const position = await closedInTheApp('manual1');
    expect(['exchange', 'manual']).toContain(position?.close_reason);
    expect(position?.close_order_id).toBe(sold.id);
  });

  it('orders canceled and submitted while the worker was down, and a stop that fired meanwhile, after a restart', async () => {
    const symbol = 'LINKUSDT';
    const market = ccxtSymbol(symbol);
    const last = Number(await kit.admin.lastPrice(symbol));
    const restingPrice = Number(other.priceToPrecision(market, last * 0.9));
    const resting = ['downCan1', 'downCan2', 'downCan3', 'downCan4', 'downCan5'];
    for (const clientOrderId of resting) {
      await other.createOrder(market, 'limit', 'buy', 1, restingPrice, {
        clientOrderId,
        marginMode: 'isolated',
        leverage: 10,
      });
    }
    await allInTheApp(resting, 'SUBMITTED', 'the resting orders in the app');
    const plan = await kit.plan('downStop1', 'BNBUSDT', 'long');
    await openThroughTheWorker(plan);

    let submittedWithId = '';
    let submittedWithout = '';
    await kit.restartWorker({
      crash: false,
      whileDown: async () => {
        for (const id of resting) await other.cancelOrder(await orderIdOf(id), market);
        submittedWithId = (
          await other.createOrder(market, 'limit', 'buy', 1, restingPrice, {
            clientOrderId: 'downNew1',
            marginMode: 'isolated',
            leverage: 10,
          })
        ).id as string;
        submittedWithout = (
          await other.createOrder(market, 'limit', 'buy', 1, restingPrice, {
            marginMode: 'isolated',
            leverage: 10,
          })
        ).id as string;
        await kit.admin.price('BNBUSDT', (Number(plan.request.stop_loss) * 0.99).toFixed(2));
      },
    });

    await allInTheApp(resting, 'CANCELLED', 'the five cancels made while the worker was down');
    expect(await kit.app.api.order('downNew1')).toMatchObject({
      status: 'SUBMITTED',
      kind: 'ENTRY',
      order_id: submittedWithId,
    });
    await waitFor(async () => (await kit.app.api.order(submittedWithout)) !== undefined, 'the order without client id');
    expect(await kit.app.api.order(submittedWithout)).toMatchObject({
      status: 'SUBMITTED',
      kind: 'MANUAL',
      client_order_id: '',
    });
    const stop = await appOrder('BNBUSDT', venueClose, 'the stop’s close, made while the worker was down');
    // BitMart's REST rows do not name the trigger: STOP_LOSS when the execution names it, else MANUAL.
    expect(['STOP_LOSS', 'MANUAL']).toContain(stop.kind);
    const position = await closedInTheApp('downStop1');
    expect(position?.close_order_id).toBe(stop.order_id);
  });
});

/** The exchange order id of an order of the account, by its client order id. */
async function orderIdOf(clientOrderId: string): Promise<string> {
  const state = await kit.admin.state();
  const order = state.accounts
    .find((account) => account.api_key === kit.apiKey)
    ?.orders.find((row) => row.client_order_id === clientOrderId);
  if (!order) throw new Error(`no order ${clientOrderId} on the simulator`);
  return order.order_id;
}

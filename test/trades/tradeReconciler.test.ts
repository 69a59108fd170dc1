import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderCallback } from '../../src/contracts/signals/orderCallback.ts';
import type { FuturesExchange, OrderSide } from '../../src/exchange/port/index.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { createTradingAppStore, type Database } from '../../src/trading-app/store/index.ts';
import { trades as tradesTable } from '../../src/trading-app/store/schema.ts';
import type { TradingAppStore } from '../../src/trading-app/TradingAppServices.ts';
import { TradeReconciler } from '../../src/trading-app/trades/TradeReconciler.ts';
import { TradeRepository } from '../../src/trading-app/trades/TradeRepository.ts';
import { type InProcessSimulator, inProcessSimulator } from '../contract/simulatedHarness.ts';
import { freshPglite } from '../support/freshPglite.ts';

/**
 * The reconciliation on the simulator's engine behind the exchange port, in process, on a manual
 * clock: which fills are a trade's, what the venue says ended it, and what a second run changes.
 */
let sim: InProcessSimulator;
let exchange: FuturesExchange;
let database: Database;
let store: TradingAppStore;
let trades: TradeRepository;
let reconciler: TradeReconciler;

beforeAll(async () => {
  sim = inProcessSimulator({ orderVisibilityMs: 0 });
  exchange = sim.venue.exchange;
  database = await freshPglite();
  store = createTradingAppStore(database, {
    clock: sim.clock,
    logger: silentLogger(),
    alertPolicy: { minAvailable: undefined, maxFrozenPercent: '80' },
  });
  trades = new TradeRepository(database.drizzle, sim.clock);
  reconciler = new TradeReconciler({ exchange, db: database.drizzle, clock: sim.clock, logger: silentLogger() });
}, 60_000);
afterAll(async () => {
  await store?.close();
  sim?.engine.stop();
});

const RISK = '5';

/** A decision recorded and sent, as LiveTradeEntry leaves it before the worker answers. */
async function submitted(key: string, symbol: string): Promise<void> {
  const [contract] = await exchange.contracts(symbol);
  await trades.record(
    {
      decisionKey: key,
      runId: 'run',
      profile: 'scalper_micro',
      symbol,
      side: 'long',
      executionTimeframe: '1m',
      candleOpenTime: 0,
    },
    { status: 'planned', plan: { contract_size: contract?.contractSize.toFixed(), risk_usdt: RISK, targets: [{}] } },
  );
  await trades.markSubmitted(key);
}

async function market(symbol: string, side: OrderSide, size: number, clientOrderId: string, stop?: Dec) {
  const ack = await exchange.submitOrder({
    symbol,
    clientOrderId,
    side,
    type: 'market',
    size: new Dec(size),
    ...(stop ? { stopLoss: { triggerPrice: stop, priceSource: 'last' as const } } : {}),
  });
  sim.clock.advance(1_000);
  return ack.orderId;
}

async function callback(callback: OrderCallback): Promise<void> {
  await store.ingestCallback(callback, new Date(sim.clock.now()));
}

/** The entry's order signal, as the worker sends it once the order filled: it opens the trade. */
async function entryFilled(key: string, symbol: string, exchangeOrderId: string): Promise<void> {
  const [fill] = (await exchange.fills(symbol)).filter((row) => row.orderId === exchangeOrderId);
  await store.ingestOrder(
    {
      kind: 'ENTRY',
      status: 'FILLED',
      client_order_id: '',
      order_id: exchangeOrderId,
      position_id: key,
      symbol,
      side: '1',
      type: 'market',
      price: '0',
      size: '3',
      deal_size: '3',
      deal_avg_price: fill?.price.toFixed() ?? '0',
      submitted_at: new Date(sim.clock.now()).toISOString(),
      trace_id: `${key}-${exchangeOrderId}-filled`,
      retry_count: 0,
      payload_version: '1.0',
    },
    new Date(sim.clock.now()),
  );
}

const row = async (key: string) =>
  (await database.drizzle.select().from(tradesTable).where(eq(tradesTable.decisionKey, key)))[0];

const sum = (values: readonly Dec[]) => values.reduce((total, value) => total.plus(value), new Dec(0));

describe('trade reconciliation with the venue', { timeout: 60_000 }, () => {
  it('takes only the trade’s fills, between the previous trade’s close and the next one’s entry, and settles once', async () => {
    const symbol = 'ETHUSDT';
    // Another trade on the symbol just before this one was sent: its fills are not ours.
    await market(symbol, 'open_long', 1, 'earlierOpen');
    await market(symbol, 'close_long', 1, 'earlierc1');
    const key = 'mtf:ETHUSDT:settled00001';
    await submitted(key, symbol);
    const last = sim.market.lastPrice(symbol);
    const entry = await market(symbol, 'open_long', 3, 'settledEntry');
    await entryFilled(key, symbol, entry);
    sim.engine.settleFunding(symbol);
    sim.market.setPrice(symbol, last.mul('1.02').toDecimalPlaces(2));
    const close = await market(symbol, 'close_long', 3, 'settledEntryc1');
    await callback({
      status: 'closed',
      position_id: key,
      close_order_id: close,
      reason: 'time_stop',
      close_price: '1',
      trace_id: `${key}-closed`,
    });
    // The next trade on the symbol opens right after.
    await market(symbol, 'open_long', 2, 'laterOpen');

    // The app was down meanwhile: the start-up run finds the closed trade whose figures are not final.
    expect(await reconciler.reconcileDue()).toMatchObject({ updated: 1, failed: 0 });
    const fills = (await exchange.fills(symbol)).filter((fill) => fill.orderId === entry || fill.orderId === close);
    const funding = await exchange.ledger({ symbol, kind: 'funding' });
    expect(funding).toHaveLength(1);
    const fees = sum(fills.map((fill) => fill.fee));
    const gross = sum(fills.map((fill) => fill.realizedPnl ?? new Dec(0)));
    const trade = await row(key);
    expect(trade).toMatchObject({
      status: 'closed',
      accounting: 'final',
      exitReason: 'time_stop',
      quantity: '3',
      entryOrderId: entry,
    });
    expect(new Dec(trade?.fees ?? 'NaN').eq(fees)).toBe(true);
    expect(new Dec(trade?.funding ?? 'NaN').eq(funding[0]?.amount ?? 'NaN')).toBe(true);
    const net = gross.minus(fees).plus(funding[0]?.amount ?? 0);
    expect(new Dec(trade?.netPnl ?? 'NaN').eq(net)).toBe(true);
    expect(trade?.rMultiple).toBe(net.div(RISK).toDecimalPlaces(4).toFixed());
    // The daily loss cap counts what left the account: fees and funding included.
    expect(new Dec((await trades.today(sim.clock.now())).realizedPnl).eq(net)).toBe(true);
    const activity = await trades.activity(key);
    expect(activity.fills.map((fill) => fill.orderId).sort()).toEqual([entry, close].sort());
    expect(activity.orders.map((order) => [order.clientOrderId, order.role])).toEqual([
      ['settledEntry', 'entry'],
      ['settledEntryc1', 'close'],
    ]);

    // Final: no longer due; asked again, nothing changes.
    const reconciledAt = trade?.reconciledAt;
    expect(await reconciler.reconcileDue()).toMatchObject({ updated: 0, unchanged: 0 });
    sim.clock.advance(60_000);
    expect(await reconciler.reconcile(key)).toBe('unchanged');
    expect((await row(key))?.reconciledAt).toEqual(reconciledAt);
    // The worker's late duplicate of the closed callback does not undo the venue's figures.
    await callback({
      status: 'closed',
      position_id: key,
      close_order_id: close,
      reason: 'time_stop',
      close_price: '1',
    });
    expect((await row(key))?.netPnl).toBe(trade?.netPnl);
  });

  it('notices a position closed by hand on the exchange: the trade is closed, reason manual', async () => {
    const symbol = 'SOLUSDT';
    const key = 'mtf:SOLUSDT:byhand000001';
    await submitted(key, symbol);
    const entry = await market(symbol, 'open_long', 3, 'byhandEntry');
    await entryFilled(key, symbol, entry);
    expect(await reconciler.reconcile(key)).toBe('updated');
    expect(await row(key)).toMatchObject({ status: 'open', accounting: 'partial' });
    await market(symbol, 'close_long', 3, 'someotherTool');
    expect(await reconciler.reconcile(key)).toBe('updated');
    const closedAt = (await exchange.fills(symbol)).find((fill) => fill.side === 'close_long')?.time;
    expect(await row(key)).toMatchObject({
      status: 'closed',
      exitReason: 'manual',
      accounting: 'final',
      closedAt: new Date(closedAt ?? 0),
    });
  });

  it('reads which order closed a position the venue closed: its stop', async () => {
    const symbol = 'BNBUSDT';
    const key = 'mtf:BNBUSDT:venuestop001';
    await submitted(key, symbol);
    const last = sim.market.lastPrice(symbol);
    const stop = last.mul('0.97').toDecimalPlaces(2);
    const entry = await market(symbol, 'open_long', 3, 'venuestopEntry', stop);
    await entryFilled(key, symbol, entry);
    sim.market.setPrice(symbol, stop.minus(1));
    sim.clock.advance(1_000);
    await callback({
      status: 'closed',
      position_id: key,
      close_order_id: '',
      reason: 'exchange',
      close_price: stop.toFixed(),
    });
    expect(await row(key)).toMatchObject({ exitReason: 'exchange' });
    expect(await reconciler.reconcile(key)).toBe('updated');
    expect(await row(key)).toMatchObject({ status: 'closed', exitReason: 'stop_loss', accounting: 'final' });
    const roles = (await trades.activity(key)).orders.map((order) => `${order.source}:${order.role}`);
    expect(roles).toEqual(['order:entry', 'order:stop_loss']);
  });

  it('waits (pending) while the venue does not show the entry the worker reported', async () => {
    const key = 'mtf:LINKUSDT:notyet000001';
    await submitted(key, 'LINKUSDT');
    await entryFilled(key, 'LINKUSDT', '999999');
    expect(await reconciler.reconcile(key)).toBe('pending');
    expect(await reconciler.reconcile('mtf:LINKUSDT:unknown')).toBe('not_found');
    expect(await row(key)).toMatchObject({ status: 'open', accounting: null });
  });
});

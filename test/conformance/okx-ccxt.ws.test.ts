import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/main.ts';
import { refuseNonLoopbackConnections } from '../support/loopbackOnly.ts';
import { startTestSimulator } from '../support/testSimulator.ts';
import { waitFor } from '../support/waitFor.ts';

// ccxt.pro 4.5.70's okx, unchanged but for its URLs (the WS one is the prefix ccxt appends
// /public, /private or /business to), against the simulator's OKX face (decision 0027).
const SYMBOL = 'SOL/USDT:USDT';
const guard = refuseNonLoopbackConnections();
let simulator: Simulator;
let exchange: InstanceType<typeof ccxt.pro.okx>;

beforeAll(async () => {
  const started = await startTestSimulator({ SIM_VENUE: 'okx' });
  simulator = started.simulator;
  exchange = new ccxt.pro.okx({
    apiKey: simulator.account.apiKey,
    secret: simulator.account.apiSecret,
    password: simulator.account.apiMemo,
    urls: { api: { rest: started.restUrl, ws: `${simulator.wsUrl}/ws/v5` } },
    options: { defaultType: 'swap', fetchMarkets: { types: ['swap'] } },
  });
  await exchange.loadHttpProxyAgent();
  await exchange.loadMarkets();
});
afterAll(async () => {
  // ccxt's close rejects the futures it still holds with ExchangeClosedByUser: its shutdown, not a fault.
  const others: unknown[] = [];
  const onRejection = (reason: unknown) => {
    if (!(reason instanceof ccxt.ExchangeClosedByUser)) others.push(reason);
  };
  process.on('unhandledRejection', onRejection);
  try {
    await exchange.close();
    for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('unhandledRejection', onRejection);
  }
  await simulator.stop();
  guard.restore();
  expect(others).toEqual([]);
  expect(guard.violations()).toEqual([]);
});

describe('ccxt.pro 4.5.70 okx (WebSocket) against the simulator', () => {
  it('watches candles on /business and sees the price set by the admin API', async () => {
    const oneMinute = await exchange.watchOHLCV(SYMBOL, '1m');
    expect(oneMinute.length).toBeGreaterThan(0);
    expect((oneMinute.at(-1)?.[0] ?? -1) % 60_000).toBe(0);
    const target = simulator.market.lastPrice('SOLUSDT').mul(1.01).toDecimalPlaces(3);
    // A push of the live process may still be on its way: pause it, and watch until the admin price shows.
    simulator.market.pause();
    const next = exchange.watchOHLCV(SYMBOL, '1m');
    simulator.market.setPrice('SOLUSDT', target);
    let candles = await next;
    for (let push = 0; push < 20 && candles.at(-1)?.[4] !== target.toNumber(); push++) {
      candles = await exchange.watchOHLCV(SYMBOL, '1m');
    }
    simulator.market.resume();
    expect(candles.at(-1)?.[4]).toBe(target.toNumber());
  });

  it('watches the trades the market prints', async () => {
    const subscribed = simulator.wsStats().subscriptions;
    const first = exchange.watchTrades(SYMBOL);
    await waitFor(
      () => simulator.wsStats().subscriptions > subscribed,
      'the trades subscription to reach the simulator',
    );
    const target = simulator.market.lastPrice('SOLUSDT').mul(0.99).toDecimalPlaces(3);
    const tick = simulator.market.setPrice('SOLUSDT', target);
    let trades = await first;
    for (let push = 0; push < 20 && !trades.some((trade) => trade.id === tick.trade?.tradeId); push++) {
      trades = await exchange.watchTrades(SYMBOL);
    }
    const trade = trades.find((candidate) => candidate.id === tick.trade?.tradeId);
    expect(trade).toMatchObject({ symbol: SYMBOL, price: target.toNumber(), timestamp: tick.time });
    expect(trade?.side).toBe(tick.trade?.buyerIsMaker ? 'sell' : 'buy');
  });

  it('watches the order book (books: snapshot, then updates ccxt chains by seqId)', async () => {
    const first = await exchange.watchOrderBook('ETH/USDT:USDT');
    expect(first.bids[0]![0]!).toBeLessThan(first.asks[0]![0]!);
    simulator.market.pause();
    simulator.market.setPrice('ETHUSDT', simulator.market.lastPrice('ETHUSDT').mul(1.02).toDecimalPlaces(2));
    const best = Number(simulator.market.book('ETHUSDT', 1).bids[0]!.price);
    let book = await exchange.watchOrderBook('ETH/USDT:USDT');
    for (let push = 0; push < 20 && book.bids[0]![0] !== best; push++)
      book = await exchange.watchOrderBook('ETH/USDT:USDT');
    simulator.market.resume();
    expect(book.bids[0]![0]).toBe(best);
    expect(book.bids[0]![0]!).toBeLessThan(book.asks[0]![0]!);
  });

  it('watches the order, position and balance pushes that a fill causes', async () => {
    const balance = exchange.watchBalance();
    const positions = exchange.watchPositions([SYMBOL]);
    const orders = exchange.watchOrders(SYMBOL);
    await waitFor(() => simulator.wsStats().subscriptions >= 3, 'the private subscriptions to reach the simulator');
    // account and positions answer with a snapshot at once; orders has none, by design.
    expect((await balance).USDT?.total).toBeGreaterThan(0);
    expect(await positions).toEqual([]);
    const placed = await exchange.createOrder(SYMBOL, 'market', 'buy', 4, undefined, { clientOrderId: 'ccxtws1' });
    const first = await orders;
    expect(first.some((order) => order.id === placed.id && order.clientOrderId === 'ccxtws1')).toBe(true);
    // Later pushes land in ccxt's caches whether or not a watch call is waiting.
    await waitFor(
      () => exchange.orders?.find((order) => order.id === placed.id)?.status === 'closed',
      'the filled order in the watched orders',
    );
    await waitFor(
      () =>
        exchange.positions?.find((position: { symbol?: string; contracts?: number }) => position.symbol === SYMBOL)
          ?.contracts === 4,
      'a long position of 4 contracts in the watched positions',
    );
    await waitFor(() => (exchange.balance?.USDT?.used ?? 0) > 0, 'margin in use in the watched balance');
  });
});

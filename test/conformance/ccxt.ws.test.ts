import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/main.ts';
import { startTestSimulator } from '../support/testSimulator.ts';
import { waitFor } from '../support/waitFor.ts';

// ccxt.pro bitmart 4.5.70, unchanged, with its ws URLs pointed at the simulator
// (docs/reference/bitmart-wire.md#conformance-clients).
const SYMBOL = 'SOL/USDT:USDT';
let simulator: Simulator;
let exchange: InstanceType<typeof ccxt.pro.bitmart>;

beforeAll(async () => {
  // No live ticks: the price moves only when a test sets it, so the kline ccxt reads after
  // `setPrice` is the one that price made (a tick in between would push another close).
  const started = await startTestSimulator({ SIM_TICK_MS: String(24 * 3_600_000) });
  simulator = started.simulator;
  const wsUrls = { public: started.publicWsUrl, private: started.privateWsUrl };
  exchange = new ccxt.pro.bitmart({
    apiKey: simulator.account.apiKey,
    secret: simulator.account.apiSecret,
    uid: simulator.account.apiMemo,
    urls: { api: { spot: started.restUrl, swap: started.restUrl, ws: { swap: wsUrls, spot: wsUrls } } },
    options: { defaultType: 'swap', fetchBalance: { type: 'swap' } },
  });
  await exchange.loadHttpProxyAgent();
  await exchange.loadMarkets();
});
afterAll(async () => {
  // ccxt's close rejects every future it still holds with ExchangeClosedByUser, some of them its
  // own (a re-subscription, a snapshot) that no caller awaits: those are its shutdown, not a fault.
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
  expect(others).toEqual([]);
});

describe('ccxt.pro 4.5.70 bitmart (WebSocket) against the simulator', () => {
  it('watches klines of two timeframes and sees the price set by the admin API', async () => {
    const oneMinute = await exchange.watchOHLCV(SYMBOL, '1m');
    expect(oneMinute.length).toBeGreaterThan(0);
    // ccxt resolves every timeframe of a symbol on one message hash, so the hourly stream is
    // watched on another symbol to know which stream answered.
    const hourly = await exchange.watchOHLCV('ETH/USDT:USDT', '1h');
    expect((hourly.at(-1)?.[0] ?? -1) % 3_600_000).toBe(0);
    const target = simulator.market.lastPrice('SOLUSDT').mul(1.01).toDecimalPlaces(3);
    const next = exchange.watchOHLCV(SYMBOL, '1m');
    simulator.market.setPrice('SOLUSDT', target);
    const candles = await next;
    expect(candles.at(-1)?.[4]).toBe(target.toNumber());
  });

  it('watches the order, position and balance pushes that a fill causes', async () => {
    const orders = exchange.watchOrders(SYMBOL);
    const positions = exchange.watchPositions([SYMBOL]);
    const balance = exchange.watchBalance();
    await waitFor(() => simulator.wsStats().subscriptions >= 5, 'the private subscriptions to reach the simulator');
    const placed = await exchange.createOrder(SYMBOL, 'market', 'buy', 4, undefined, { leverage: 5 });
    const orderUpdates = await orders;
    expect(orderUpdates.some((order) => order.id === placed.id)).toBe(true);
    const positionUpdates = await positions;
    expect(positionUpdates.some((position) => position.side === 'long' && position.contracts === 4)).toBe(true);
    const balanceUpdate = await balance;
    expect(balanceUpdate.USDT).toBeDefined();
  });
});

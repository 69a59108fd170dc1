import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/main.ts';
import { refuseNonLoopbackConnections } from '../support/loopbackOnly.ts';
import { startTestSimulator } from '../support/testSimulator.ts';

// ccxt 4.5.70's okx, unchanged but for its REST URL, against the simulator's OKX face (decision 0027).
const SYMBOL = 'BTC/USDT:USDT';
const guard = refuseNonLoopbackConnections();
let simulator: Simulator;
let restUrl: string;

function client(secret?: string): InstanceType<typeof ccxt.okx> {
  return new ccxt.okx({
    apiKey: simulator.account.apiKey,
    secret: secret ?? simulator.account.apiSecret,
    password: simulator.account.apiMemo,
    urls: { api: { rest: restUrl } },
    options: { defaultType: 'swap', fetchMarkets: { types: ['swap'] } },
  });
}

beforeAll(async () => {
  ({ simulator, restUrl } = await startTestSimulator({ SIM_VENUE: 'okx' }));
});
afterAll(async () => {
  await simulator.stop();
  guard.restore();
  expect(guard.violations()).toEqual([]);
});

describe('ccxt 4.5.70 okx (REST) against the simulator', () => {
  it('loads the swap markets with contract size, precision and limits', async () => {
    const markets = await client().loadMarkets();
    const btc = markets[SYMBOL];
    expect(btc?.active).toBe(true);
    expect(btc?.swap).toBe(true);
    expect(btc?.linear).toBe(true);
    expect(btc?.id).toBe('BTC-USDT-SWAP');
    expect(btc?.contractSize).toBe(0.001);
    expect(btc?.precision.amount).toBe(1);
    expect(btc?.precision.price).toBe(0.1);
    expect(Object.keys(markets).length).toBeGreaterThanOrEqual(8);
  });

  it('fetches candles of several timeframes, ascending and consistent', async () => {
    const exchange = client();
    for (const timeframe of ['1m', '15m', '1h', '4h', '1d']) {
      const candles = await exchange.fetchOHLCV(SYMBOL, timeframe, undefined, 100);
      expect(candles.length, timeframe).toBe(100);
      for (let i = 1; i < candles.length; i++) expect(candles[i]![0]!).toBeGreaterThan(candles[i - 1]![0]!);
      for (const [, open, high, low, close] of candles) {
        expect(high!).toBeGreaterThanOrEqual(Math.max(open!, close!));
        expect(low!).toBeLessThanOrEqual(Math.min(open!, close!));
      }
    }
    const day = await exchange.fetchOHLCV(SYMBOL, '1d', undefined, 3);
    expect(new Date(day[0]![0]!).toISOString()).toMatch(/T00:00:00.000Z$/);
  });

  it('fetches the ticker, the book and the funding rate', async () => {
    const exchange = client();
    // The live price process may move between the answer and the comparison on a busy machine.
    simulator.market.pause();
    const [ticker, last] = await exchange
      .fetchTicker(SYMBOL)
      .then((answer) => [answer, Number(simulator.market.lastPrice('BTCUSDT'))] as const)
      .finally(() => simulator.market.resume());
    expect(ticker.last).toBeCloseTo(last, 6);
    const book = await exchange.fetchOrderBook(SYMBOL, 5);
    expect(book.bids[0]![0]!).toBeLessThan(book.asks[0]![0]!);
    const funding = await exchange.fetchFundingRate(SYMBOL);
    expect(typeof funding.fundingRate).toBe('number');
  });

  it('fetches the balance of the demo account', async () => {
    const balance = await client().fetchBalance();
    const usdt = simulator.engine.assets(simulator.account.accountId).find((asset) => asset.currency === 'USDT')!;
    expect(balance.USDT?.total).toBeCloseTo(Number(usdt.equity), 6);
    expect(balance.USDT?.free).toBeCloseTo(Number(usdt.available), 6);
  });

  it('reads and sets the position mode, net by default', async () => {
    const exchange = client();
    expect((await exchange.fetchPositionMode(SYMBOL)).hedged).toBe(false);
    await exchange.setPositionMode(true);
    expect((await exchange.fetchPositionMode(SYMBOL)).hedged).toBe(true);
    await exchange.setPositionMode(false);
    expect(simulator.engine.positionMode(simulator.account.accountId)).toBe('one_way_mode');
  });

  it('sets leverage, places, fetches and cancels a limit order', async () => {
    const exchange = client();
    await exchange.loadMarkets();
    await exchange.setLeverage(5, SYMBOL, { marginMode: 'cross' });
    const last = Number(simulator.market.lastPrice('BTCUSDT'));
    const limitPrice = Number(exchange.priceToPrecision(SYMBOL, last * 0.9));
    const limit = await exchange.createOrder(SYMBOL, 'limit', 'buy', 2, limitPrice);
    const fetched = await exchange.fetchOrder(limit.id!, SYMBOL);
    expect(fetched.status).toBe('open');
    expect(fetched.amount).toBe(2);
    expect(fetched.price).toBe(limitPrice);
    expect(fetched.clientOrderId).toMatch(/^[A-Za-z0-9]{1,32}$/);
    const open = await exchange.fetchOpenOrders(SYMBOL);
    expect(open.map((order) => order.id)).toContain(limit.id);
    await exchange.cancelOrder(limit.id!, SYMBOL);
    expect((await exchange.fetchOrder(limit.id!, SYMBOL)).status).toBe('canceled');
    await expect(exchange.cancelOrder(limit.id!, SYMBOL)).rejects.toThrow(ccxt.OrderNotFound);
  });

  it('opens at market with stop loss and take profit, reads the position and closes it', async () => {
    const exchange = client();
    await exchange.loadMarkets();
    const last = Number(simulator.market.lastPrice('BTCUSDT'));
    const stopLoss = Number(exchange.priceToPrecision(SYMBOL, last * 0.9));
    const takeProfit = Number(exchange.priceToPrecision(SYMBOL, last * 1.1));
    const market = await exchange.createOrder(SYMBOL, 'market', 'buy', 3, undefined, {
      clientOrderId: 'ccxtentry1',
      stopLoss: { triggerPrice: stopLoss },
      takeProfit: { triggerPrice: takeProfit },
    });
    const filled = await exchange.fetchOrder(market.id!, SYMBOL);
    expect(filled.status).toBe('closed');
    expect(filled.filled).toBe(3);
    expect(filled.clientOrderId).toBe('ccxtentry1');
    expect(filled.stopLossPrice).toBe(stopLoss);
    expect(filled.takeProfitPrice).toBe(takeProfit);

    const positions = await exchange.fetchPositions([SYMBOL]);
    expect(positions).toHaveLength(1);
    expect(positions[0]?.side).toBe('long');
    expect(positions[0]?.contracts).toBe(3);
    expect(positions[0]?.hedged).toBe(false);

    const protections = await exchange.fetchOpenOrders(SYMBOL, undefined, undefined, {
      trigger: true,
      ordType: 'conditional',
    });
    expect(protections.map((order) => order.stopLossPrice ?? order.takeProfitPrice).sort()).toEqual(
      [stopLoss, takeProfit].sort(),
    );

    await exchange.closePosition(SYMBOL);
    expect(await exchange.fetchPositions([SYMBOL])).toEqual([]);
    const trades = await exchange.fetchMyTrades(SYMBOL);
    expect(trades.length).toBeGreaterThanOrEqual(2);
  });

  it('reads the ledger: one trade entry per fill, its fee, and the balance after it', async () => {
    const exchange = client();
    await exchange.loadMarkets();
    await exchange.createOrder(SYMBOL, 'market', 'buy', 2, undefined, { clientOrderId: 'ccxtledger1' });
    await exchange.closePosition(SYMBOL);
    const ledger = await exchange.fetchLedger('USDT', undefined, 100);
    const trades = await exchange.fetchMyTrades(SYMBOL, undefined, 100);
    const entries = ledger.filter((entry) => entry.type === 'trade');
    expect(entries.map((entry) => entry.info.tradeId).sort()).toEqual(trades.map((trade) => trade.id).sort());
    for (const entry of entries) {
      const trade = trades.find((candidate) => candidate.id === entry.info.tradeId)!;
      // ccxt's ledger entry has no symbol field: the instrument stays in `info`.
      expect(entry).toMatchObject({ currency: 'USDT', referenceId: trade.order, info: { instId: 'BTC-USDT-SWAP' } });
      expect(entry.fee?.cost).toBeCloseTo(trade.fee?.cost ?? Number.NaN, 10);
    }
    // Flat again: the newest entry's balance is the wallet.
    const newest = ledger.reduce((a, b) => (BigInt(a.id!) > BigInt(b.id!) ? a : b));
    expect(newest.after).toBeCloseTo((await exchange.fetchBalance()).USDT?.total ?? Number.NaN, 8);
  });

  it('arms and disarms the dead-man switch', async () => {
    const exchange = client();
    const armed = await exchange.cancelAllOrdersAfter(30_000);
    expect(armed).toBeDefined();
    await exchange.cancelAllOrdersAfter(0);
  });

  it('is refused with AuthenticationError (50113) when the secret is wrong', async () => {
    await expect(client('wrong-secret').fetchBalance()).rejects.toThrow(ccxt.AuthenticationError);
  });
});

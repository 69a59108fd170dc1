import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/main.ts';
import { startTestSimulator } from '../support/testSimulator.ts';

// ccxt 4.5.70, unchanged, pointed at the simulator as docs/reference/bitmart-wire.md#conformance-clients describes.
const SYMBOL = 'BTC/USDT:USDT';
let simulator: Simulator;
let restUrl: string;

function client(secret?: string): InstanceType<typeof ccxt.bitmart> {
  return new ccxt.bitmart({
    apiKey: simulator.account.apiKey,
    secret: secret ?? simulator.account.apiSecret,
    uid: simulator.account.apiMemo,
    urls: { api: { spot: restUrl, swap: restUrl } },
    options: { defaultType: 'swap', fetchBalance: { type: 'swap' } },
  });
}

beforeAll(async () => {
  ({ simulator, restUrl } = await startTestSimulator());
});
afterAll(async () => {
  await simulator.stop();
});

describe('ccxt 4.5.70 bitmart (REST) against the simulator', () => {
  it('loads the perpetual markets with their precision and limits', async () => {
    const markets = await client().loadMarkets();
    const btc = markets[SYMBOL];
    expect(btc?.active).toBe(true);
    expect(btc?.swap).toBe(true);
    expect(btc?.contractSize).toBe(0.001);
    expect(Object.keys(markets).length).toBeGreaterThanOrEqual(8);
  });

  it('fetches klines of several timeframes, ascending and consistent', async () => {
    const exchange = client();
    for (const timeframe of ['1m', '15m', '1h', '4h', '1d']) {
      const candles = await exchange.fetchOHLCV(SYMBOL, timeframe, undefined, 100);
      expect(candles.length, timeframe).toBeGreaterThanOrEqual(99);
      for (let i = 1; i < candles.length; i++) expect(candles[i]![0]!).toBeGreaterThan(candles[i - 1]![0]!);
      for (const [, open, high, low, close] of candles) {
        expect(high!).toBeGreaterThanOrEqual(Math.max(open!, close!));
        expect(low!).toBeLessThanOrEqual(Math.min(open!, close!));
      }
    }
  });

  it('fetches the swap balance of the demo account', async () => {
    const balance = await client().fetchBalance();
    expect(balance.USDT?.total).toBeCloseTo(Number(simulator.engine.assets(simulator.account.accountId)[0]!.equity), 6);
  });

  it('sets leverage, places, fetches and cancels a limit order, then opens a position at market', async () => {
    const exchange = client();
    await exchange.loadMarkets();
    await exchange.setLeverage(5, SYMBOL, { marginMode: 'cross' });
    const last = Number(simulator.market.lastPrice('BTCUSDT'));
    const limitPrice = Number(exchange.priceToPrecision(SYMBOL, last * 0.9));
    const limit = await exchange.createOrder(SYMBOL, 'limit', 'buy', 2, limitPrice, { leverage: 5 });
    const fetched = await exchange.fetchOrder(limit.id!, SYMBOL);
    expect(fetched.status).toBe('open');
    expect(fetched.amount).toBe(2);
    expect(fetched.price).toBe(limitPrice);
    const open = await exchange.fetchOpenOrders(SYMBOL);
    expect(open.map((order) => order.id)).toContain(limit.id);
    await exchange.cancelOrder(limit.id!, SYMBOL);
    expect((await exchange.fetchOrder(limit.id!, SYMBOL)).status).not.toBe('open');

    const market = await exchange.createOrder(SYMBOL, 'market', 'buy', 3, undefined, { leverage: 5 });
    const filled = await exchange.fetchOrder(market.id!, SYMBOL);
    expect(filled.filled).toBe(3);
    const positions = await exchange.fetchPositions([SYMBOL]);
    const long = positions.find((position) => position.side === 'long');
    expect(long?.contracts).toBe(3);
  });

  it('is refused with BitMart code 30005 when the secret is wrong', async () => {
    const exchange = client('not-the-secret');
    await exchange.loadMarkets();
    await expect(exchange.createOrder(SYMBOL, 'market', 'buy', 1)).rejects.toThrow(/30005/);
  });
});

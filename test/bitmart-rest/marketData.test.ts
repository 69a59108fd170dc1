import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIMEFRAME_MS } from '../../src/exchange/port/types.ts';
import { startSimulatorWithExchange } from './bitmartRestKit.ts';

let ctx: Awaited<ReturnType<typeof startSimulatorWithExchange>>;
beforeAll(async () => {
  ctx = await startSimulatorWithExchange();
});
afterAll(async () => ctx.stop());

describe('BitMart REST adapter: public market data against the simulator', () => {
  it('reads the server time within a second of the local clock', async () => {
    const serverTime = await ctx.exchange.serverTime();
    expect(Math.abs(serverTime - Date.now())).toBeLessThan(1000);
  });

  it('maps contract details to contracts with decimal sizes and ticks', async () => {
    const all = await ctx.exchange.contracts();
    expect(all.map((contract) => contract.symbol)).toContain('BTCUSDT');
    const [btc] = await ctx.exchange.contracts('BTCUSDT');
    const spec = ctx.session.simulator.market.contract('BTCUSDT');
    expect(btc?.symbol).toBe('BTCUSDT');
    expect(btc?.baseCurrency).toBe('BTC');
    expect(btc?.quoteCurrency).toBe('USDT');
    expect(btc?.contractSize.eq(spec?.contractSize ?? -1)).toBe(true);
    expect(btc?.tickSize.eq(spec?.tickSize ?? -1)).toBe(true);
    expect(btc?.status).toBe('trading');
    expect(btc?.lastPrice.gt(0)).toBe(true);
    expect(btc?.maxLeverage.gte(btc.minLeverage)).toBe(true);
  });

  it('builds a ticker whose best bid is below its best ask', async () => {
    const ticker = await ctx.exchange.ticker('BTCUSDT');
    expect(ticker.symbol).toBe('BTCUSDT');
    expect(ticker.lastPrice.gt(0)).toBe(true);
    expect(ticker.bestBid?.lt(ticker.bestAsk ?? 0)).toBe(true);
    expect(ticker.bestBidSize?.gt(0)).toBe(true);
    expect(Math.abs(ticker.time - Date.now())).toBeLessThan(5_000);
  });

  it('returns 1h klines ascending on hour boundaries, the last one the forming hour', async () => {
    const klines = await ctx.exchange.klines({ symbol: 'BTCUSDT', timeframe: '1h', limit: 48 });
    expect(klines).toHaveLength(48);
    const hour = TIMEFRAME_MS['1h'];
    for (const [index, kline] of klines.entries()) {
      expect(kline.openTime % hour).toBe(0);
      expect(kline.timeframe).toBe('1h');
      expect(kline.high.gte(kline.low)).toBe(true);
      if (index > 0) expect(kline.openTime - (klines[index - 1]?.openTime ?? 0)).toBe(hour);
    }
    expect(klines.at(-1)?.openTime).toBe(Math.floor(Date.now() / hour) * hour);
  });

  it('pages beyond BitMart’s 500 candles per request', async () => {
    const klines = await ctx.exchange.klines({ symbol: 'BTCUSDT', timeframe: '1m', limit: 1200 });
    const openTimes = klines.map((kline) => kline.openTime);
    expect(new Set(openTimes).size).toBe(1200);
    expect(openTimes).toEqual([...openTimes].sort((a, b) => a - b));
    expect(openTimes.at(-1)! - openTimes[0]!).toBe(1199 * 60_000);
  });

  it('returns exactly the candles of a start–end range', async () => {
    const end = Math.floor(Date.now() / 900_000) * 900_000 - 900_000;
    const start = end - 599 * 900_000;
    const klines = await ctx.exchange.klines({ symbol: 'ETHUSDT', timeframe: '15m', start, end });
    expect(klines).toHaveLength(600);
    expect(klines[0]?.openTime).toBe(start);
    expect(klines.at(-1)?.openTime).toBe(end);
  });
});

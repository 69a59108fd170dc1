import { expect, it } from 'vitest';
import { type Kline, TIMEFRAME_MS, type Timeframe } from '../../src/exchange/port/index.ts';
import type { ContractHarness } from './contractKit.ts';

/** Weekly candles open on Mondays, not on multiples of 7 days since the epoch: left out of alignment. */
const ALIGNED_TIMEFRAMES: readonly Timeframe[] = ['1m', '5m', '15m', '1h', '4h', '1d'];

function expectWellFormed(klines: readonly Kline[], timeframe: Timeframe, now: number): void {
  const step = TIMEFRAME_MS[timeframe];
  klines.forEach((kline, index) => {
    expect(kline.timeframe).toBe(timeframe);
    expect(kline.openTime % step, `${timeframe} candle at ${kline.openTime} is aligned`).toBe(0);
    expect(kline.openTime).toBeLessThanOrEqual(now);
    expect(kline.high.gte(kline.open) && kline.high.gte(kline.close) && kline.high.gte(kline.low)).toBe(true);
    expect(kline.low.lte(kline.open) && kline.low.lte(kline.close)).toBe(true);
    expect(kline.volume.isNegative()).toBe(false);
    const previous = klines[index - 1];
    if (previous) expect(kline.openTime).toBeGreaterThan(previous.openTime);
  });
}

export function marketDataCases(harness: () => ContractHarness): void {
  it('tells its time in Unix milliseconds', async () => {
    expect(await harness().exchange.serverTime()).toBeGreaterThan(Date.UTC(2020, 0, 1));
  });

  it('lists contracts with their trading rules, and one contract by symbol', async () => {
    const { exchange, symbol } = harness();
    const all = await exchange.contracts();
    expect(all.length).toBeGreaterThan(1);
    const [one, ...rest] = await exchange.contracts(symbol);
    expect(rest).toEqual([]);
    expect(one?.symbol).toBe(symbol);
    expect(all.map((contract) => contract.symbol)).toContain(symbol);
    for (const contract of all) {
      expect(contract.quoteCurrency).toBe('USDT');
      expect(contract.tickSize.gt(0) && contract.contractSize.gt(0) && contract.sizeStep.gt(0)).toBe(true);
      expect(contract.minSize.lte(contract.maxSize)).toBe(true);
      expect(contract.minLeverage.lte(contract.maxLeverage)).toBe(true);
      expect(contract.lastPrice.gt(0)).toBe(true);
    }
  });

  it('serves klines ascending and aligned for several timeframes, the latest ones first cut', async () => {
    const { exchange, symbol } = harness();
    const now = await exchange.serverTime();
    for (const timeframe of ALIGNED_TIMEFRAMES) {
      const klines = await exchange.klines({ symbol, timeframe, limit: 20 });
      expect(klines.length, `${timeframe} klines`).toBeGreaterThan(0);
      expect(klines.length).toBeLessThanOrEqual(20);
      expect(klines.every((kline) => kline.symbol === symbol)).toBe(true);
      expectWellFormed(klines, timeframe, now);
      const last = klines.at(-1) as Kline;
      expect(now - last.openTime, `${timeframe}: the latest candle is recent`).toBeLessThan(
        2 * TIMEFRAME_MS[timeframe],
      );
    }
  });

  it('serves the klines of a start/end window, both ends inclusive', async () => {
    const { exchange, symbol } = harness();
    const hour = TIMEFRAME_MS['1h'];
    const now = await exchange.serverTime();
    const start = Math.floor(now / hour) * hour - 10 * hour;
    const end = start + 5 * hour;
    const klines = await exchange.klines({ symbol, timeframe: '1h', start, end });
    expect(klines.map((kline) => kline.openTime)).toEqual([0, 1, 2, 3, 4, 5].map((i) => start + i * hour));
  });

  it('gives a ticker with a positive last price inside the spread', async () => {
    const { exchange, symbol } = harness();
    const ticker = await exchange.ticker(symbol);
    expect(ticker.symbol).toBe(symbol);
    expect(ticker.lastPrice.gt(0)).toBe(true);
    if (ticker.bestBid && ticker.bestAsk) expect(ticker.bestBid.lte(ticker.bestAsk)).toBe(true);
    expect(Math.abs(ticker.time - (await exchange.serverTime()))).toBeLessThan(60_000);
  });
}

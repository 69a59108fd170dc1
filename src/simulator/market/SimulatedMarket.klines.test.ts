import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock/index.ts';
import { isMultipleOf } from '../../platform/decimal/index.ts';
import { expectAggregateOfMinutes, oneMinuteCandles, plain } from './candleTestKit.ts';
import { createMarket } from './index.ts';
import type { KlineStepMinutes } from './types.ts';

const START = Date.UTC(2026, 0, 1, 10, 17, 23);
const START_SEC = Math.floor(START / 1000);
const DAY = 86_400;

function marketAt(startMs = START, seed = 42, nodeCacheCapacity?: number) {
  const clock = new ManualClock(startMs);
  return { clock, market: createMarket({ seed, clock, nodeCacheCapacity }) };
}

describe('SimulatedMarket klines from generated history', () => {
  it.each([3, 30, 60, 240, 1440] as const)(
    'makes a %i-minute candle deep in history the aggregate of its 1m candles',
    (step) => {
      const { market } = marketAt();
      const from = START_SEC - 200 * DAY;
      const candle = market.klines('ETHUSDT', step, from, from + (step - 1) * 60)[0]!;
      const { actual, expected } = expectAggregateOfMinutes(market, 'ETHUSDT', step, candle);
      expect(actual).toEqual(expected);
    },
  );

  it('serves at least 1000 4H candles and 365 daily candles before the start', () => {
    const { market } = marketAt();
    let fourHour = 0;
    for (let end = START_SEC; ; end -= 500 * 4 * 3600) {
      const page = market.klines('BTCUSDT', 240, end - 500 * 4 * 3600 + 1, end);
      if (page.length === 0) break;
      fourHour += page.length;
    }
    const daily = market.klines('BTCUSDT', 1440, START_SEC - 400 * DAY, START_SEC - DAY);
    expect(fourHour).toBeGreaterThanOrEqual(1000);
    expect(daily.length).toBeGreaterThanOrEqual(365);
    expect(market.klines('BTCUSDT', 1440, 0, START_SEC - 500 * DAY)).toEqual([]);
  });

  it('gives identical klines for the same seed and different ones for another seed', () => {
    const range = [START_SEC - 30 * DAY, START_SEC] as const;
    const first = marketAt(START, 7)
      .market.klines('SOLUSDT', 60, ...range)
      .map(plain);
    const again = marketAt(START, 7)
      .market.klines('SOLUSDT', 60, ...range)
      .map(plain);
    const other = marketAt(START, 8)
      .market.klines('SOLUSDT', 60, ...range)
      .map(plain);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('returns at most 500 candles, ascending, the latest ones when more match', () => {
    const { market } = marketAt();
    const candles = market.klines('XRPUSDT', 15, START_SEC - 30 * DAY, START_SEC);
    expect(candles).toHaveLength(500);
    for (let index = 1; index < candles.length; index++) {
      expect(candles[index]!.openTime - candles[index - 1]!.openTime).toBe(15 * 60);
    }
    expect(candles.at(-1)!.openTime).toBe(Math.floor(START_SEC / 900) * 900);
  });

  it('puts every price on the tick grid', () => {
    const { market } = marketAt();
    for (const spec of market.contracts()) {
      for (const step of [1, 60, 1440] as const) {
        for (const candle of market.klines(spec.symbol, step, 0, START_SEC)) {
          for (const price of [candle.open, candle.high, candle.low, candle.close]) {
            expect(isMultipleOf(price, spec.tickSize)).toBe(true);
          }
        }
      }
    }
  });

  it('reveals no candle that opens after now and keeps the forming day to what happened', () => {
    const { market } = marketAt();
    expect(market.klines('BTCUSDT', 1, START_SEC - 60, START_SEC + 3600).map((candle) => candle.openTime)).toEqual([
      Math.floor(START_SEC / 60) * 60,
    ]);
    const dayStart = Math.floor(START_SEC / DAY) * DAY;
    const forming = market.currentCandle('BTCUSDT', 1440);
    const { actual, expected } = expectAggregateOfMinutes(market, 'BTCUSDT', 1440, forming);
    expect(actual).toEqual(expected);
    expect(forming.openTime).toBe(dayStart);
    expect(oneMinuteCandles(market, 'BTCUSDT', dayStart, dayStart + DAY).at(-1)!.openTime).toBeLessThanOrEqual(
      START_SEC,
    );
  });

  it('keeps the node cache under its cap after a year of 15m candles and days of 1m candles', () => {
    const { market } = marketAt(START, 42, 1_000);
    for (let from = START_SEC - 365 * DAY; from < START_SEC; from += 500 * 900) {
      market.klines('BTCUSDT', 15, from, from + 499 * 900);
      expect(market.nodeCacheSize).toBeLessThanOrEqual(1_000);
    }
    oneMinuteCandles(market, 'BTCUSDT', START_SEC - 5 * DAY, START_SEC);
    expect(market.nodeCacheSize).toBeLessThanOrEqual(1_000);
  });
});

describe('SimulatedMarket klines across the live boundary', () => {
  it.each([1, 3, 30, 60, 240, 1440, 10080] as const)(
    'makes each %i-minute candle around the start the aggregate of its 1m candles after live steps',
    (step: KlineStepMinutes) => {
      const { clock, market } = marketAt();
      market.start();
      clock.advance(3 * 3600 * 1000 + 12_345);
      const nowSec = Math.floor(clock.now() / 1000);
      const candles = market.klines('DOGEUSDT', step, START_SEC - 2 * step * 60, nowSec);
      expect(candles.length).toBeGreaterThan(0);
      for (const candle of candles.slice(-3)) {
        const { actual, expected } = expectAggregateOfMinutes(market, 'DOGEUSDT', step, candle);
        expect(actual).toEqual(expected);
      }
      expect(plain(candles.at(-1)!)).toEqual(plain(market.currentCandle('DOGEUSDT', step)));
    },
  );

  it('opens the first live 1m candle at the last historical close', () => {
    const { clock, market } = marketAt();
    market.start();
    clock.advance(120_000);
    const boundary = Math.floor(START_SEC / 60) * 60;
    const [lastHistory, firstLive] = market.klines('BNBUSDT', 1, boundary - 60, boundary);
    expect(firstLive!.open.toString()).toBe(lastHistory!.close.toString());
  });

  it('answers a repeated request from its cache: nothing generated again, the candles a cold market makes', () => {
    const { market } = marketAt();
    for (const step of [1, 3, 60, 360, 1440, 10080] as const) {
      const first = market.klines('BTCUSDT', step, 0, START_SEC);
      const cached = market.nodeCacheSize;
      expect(cached, `${step}m`).toBeGreaterThan(0);
      const again = market.klines('BTCUSDT', step, 0, START_SEC);
      expect(market.nodeCacheSize, `${step}m`).toBe(cached);
      expect(again.map(plain), `${step}m`).toEqual(first.map(plain));
      expect(first.map(plain), `${step}m`).toEqual(marketAt().market.klines('BTCUSDT', step, 0, START_SEC).map(plain));
    }
  });
});

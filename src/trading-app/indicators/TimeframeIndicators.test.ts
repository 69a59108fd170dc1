import { describe, expect, it } from 'vitest';
import { buildIndicatorContext, warmIndicators } from './buildIndicatorContext.ts';
import type { IndicatorCandle } from './IndicatorCandle.ts';
import type { IndicatorContext } from './IndicatorContext.ts';
import { IndicatorInputError } from './IndicatorInputError.ts';
import { randomWalkCandles } from './randomWalkCandles.ts';
import { TimeframeIndicators } from './TimeframeIndicators.ts';

const HOUR = 3_600_000;
const candles = randomWalkCandles({ count: 300, seed: 11, intervalMs: 15 * 60_000 });

function caught(action: () => void): IndicatorInputError {
  try {
    action();
  } catch (error) {
    if (error instanceof IndicatorInputError) return error;
    throw error;
  }
  throw new Error('expected an IndicatorInputError');
}

function undefinedFields(context: IndicatorContext): string[] {
  const missing = Object.entries(context)
    .filter(([, value]) => value === undefined)
    .map(([key]) => key);
  for (const period of [9, 20, 21, 50, 200] as const) {
    if (context.ema[period] === undefined) missing.push(`ema[${period}]`);
    if (context.emaPrev[period] === undefined) missing.push(`emaPrev[${period}]`);
  }
  for (const period of [9, 21] as const) if (context.sma[period] === undefined) missing.push(`sma[${period}]`);
  return missing;
}

describe('TimeframeIndicators', () => {
  it('defines every count-based field from candle 201 on (pivots need a full UTC day instead)', () => {
    const indicators = new TimeframeIndicators('BTCUSDT', '15m');
    for (const candle of candles.slice(0, 200)) indicators.update(candle);
    expect(indicators.isWarm).toBe(false);
    expect(indicators.context().ema[200]).toBeDefined();
    expect(indicators.context().ema200Slope).toBeUndefined();
    indicators.update(candles[200]!);
    expect(indicators.isWarm).toBe(true);
    expect(undefinedFields(indicators.context())).toEqual([]);
    expect(indicators.context().macdHistLast3).toHaveLength(3);
    expect(indicators.context().closeSeries).toHaveLength(50);
  });

  it('gives the same context streamed candle by candle as built from each prefix at once', () => {
    const streamed = new TimeframeIndicators('BTCUSDT', '15m');
    candles.forEach((candle, i) => {
      streamed.update(candle);
      if (i % 37 === 0 || i === candles.length - 1) {
        expect(streamed.context()).toEqual(buildIndicatorContext('BTCUSDT', '15m', candles.slice(0, i + 1)));
      }
    });
  });

  it('keeps its series newest first and the last three histogram values oldest first', () => {
    const context = buildIndicatorContext('BTCUSDT', '15m', candles);
    expect(context.closeSeries[0]).toBe(candles.at(-1)!.close);
    expect(context.closeSeries[1]).toBe(candles.at(-2)!.close);
    expect(context.macdHistSeries[0]).toBe(context.macd!.hist);
    expect(context.macdHistSeries[1]).toBe(context.macdPrev!.hist);
    expect(context.macdHistLast3).toEqual(context.macdHistSeries.slice(0, 3).reverse());
    expect(context.ema200Slope).toBe(context.ema[200]! - context.emaPrev[200]!);
    expect(context.klineTime).toBe(candles.at(-1)!.openTime);
  });

  it('builds the context once per candle, so calling it again is free', () => {
    const indicators = warmIndicators('BTCUSDT', '15m', candles.slice(0, 50));
    expect(indicators.context()).toBe(indicators.context());
  });

  describe('refuses a candle that would corrupt the state, and keeps its state', () => {
    const indicators = warmIndicators('BTCUSDT', '15m', candles.slice(0, 40));
    const before = indicators.context();

    it('a duplicate open time (a replay)', () => {
      const error = caught(() => indicators.update({ ...candles[39]!, close: 1 }));
      expect(error.reason).toBe('duplicate');
      expect(error.openTime).toBe(candles[39]!.openTime);
      expect(indicators.context()).toBe(before);
    });

    it('an older open time (out of order)', () => {
      const error = caught(() => indicators.update(candles[10]!));
      expect(error).toMatchObject({ reason: 'out_of_order', lastOpenTime: candles[39]!.openTime, symbol: 'BTCUSDT' });
      expect(indicators.candleCount).toBe(40);
    });

    it('a non-finite price or volume', () => {
      expect(caught(() => indicators.update({ ...candles[40]!, high: Number.NaN })).reason).toBe('non_finite');
      expect(caught(() => indicators.update({ ...candles[40]!, volume: Number.POSITIVE_INFINITY })).reason).toBe(
        'non_finite',
      );
      indicators.update(candles[40]!);
      expect(indicators.lastOpenTime).toBe(candles[40]!.openTime);
    });

    it('and there is no context before the first candle', () => {
      expect(caught(() => buildIndicatorContext('BTCUSDT', '15m', [])).reason).toBe('no_candle');
    });
  });
});

// The original's ATR rules: docs/reference/original-system.md#atr-rules.
describe("ATR rules (the original's computeWithRules)", () => {
  const calm = randomWalkCandles({ count: 80, seed: 3, volatility: 0.001 });
  const last = calm.at(-1)!;
  const spike: IndicatorCandle = {
    ...last,
    openTime: last.openTime + 60_000,
    high: last.close * 1.2,
    low: last.close * 0.8,
  };
  const withSpike = [...calm, spike];

  it('caps the 1m ATR at 3 × the lower median of the last 50 raw ATR values', () => {
    const context = buildIndicatorContext('BTCUSDT', '1m', withSpike);
    const raw = context.atrSeries[0]!;
    const sorted = [...context.atrSeries].sort((a, b) => a - b);
    const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
    expect(context.atrSeries).toHaveLength(50);
    expect(raw).toBeGreaterThan(3 * median);
    expect(context.atr).toBe(3 * median);
  });

  it('leaves other timeframes and ordinary 1m values uncapped', () => {
    const fiveMinute = buildIndicatorContext('BTCUSDT', '5m', withSpike);
    expect(fiveMinute.atr).toBe(fiveMinute.atrSeries[0]);
    const ordinary = buildIndicatorContext('BTCUSDT', '1m', calm);
    expect(ordinary.atr).toBe(ordinary.atrSeries[0]);
  });

  it('floors the ATR of flat candles at 2 ticks when the tick size is known', () => {
    const flat = Array.from({ length: 30 }, (_, i) => ({
      openTime: i * 60_000,
      open: 2.5,
      high: 2.5,
      low: 2.5,
      close: 2.5,
      volume: 0,
    }));
    expect(buildIndicatorContext('DOGEUSDT', '1m', flat, { tickSize: 0.0001 }).atr).toBe(0.0002);
    expect(buildIndicatorContext('DOGEUSDT', '1m', flat).atr).toBe(0);
  });
});

describe('daily VWAP and pivots (UTC days)', () => {
  // 1h candles from 2024-03-01T20:00Z to 2024-03-03T03:00Z.
  const start = Date.UTC(2024, 2, 1, 20);
  const hourly = randomWalkCandles({ count: 32, seed: 5, intervalMs: HOUR, startTime: start });
  const typical = (c: IndicatorCandle) => (c.high + c.low + c.close) / 3;
  const indexOf = (time: number) => hourly.findIndex((c) => c.openTime === time);

  it('resets the VWAP on the first candle that opens at or after 00:00 UTC', () => {
    const midnight = indexOf(Date.UTC(2024, 2, 2));
    const lastOfDay = buildIndicatorContext('BTCUSDT', '1h', hourly.slice(0, midnight));
    const dayCandles = hourly.slice(0, midnight);
    const expected =
      dayCandles.reduce((sum, c) => sum + typical(c) * c.volume, 0) / dayCandles.reduce((sum, c) => sum + c.volume, 0);
    expect(lastOfDay.vwap).toBeCloseTo(expected, 10);
    const firstOfNextDay = buildIndicatorContext('BTCUSDT', '1h', hourly.slice(0, midnight + 1));
    expect(firstOfNextDay.vwap).toBeCloseTo(typical(hourly[midnight]!), 10);
  });

  it('computes pivots only from a UTC day seen from its start', () => {
    const dayTwo = indexOf(Date.UTC(2024, 2, 2));
    const dayThree = indexOf(Date.UTC(2024, 2, 3));
    // Day one was joined at 20:00: no pivots from a fragment of a day.
    expect(buildIndicatorContext('BTCUSDT', '1h', hourly.slice(0, dayThree)).pivots).toBeUndefined();
    const context = buildIndicatorContext('BTCUSDT', '1h', hourly.slice(0, dayThree + 1));
    const day = hourly.slice(dayTwo, dayThree);
    const high = Math.max(...day.map((c) => c.high));
    const low = Math.min(...day.map((c) => c.low));
    const close = day.at(-1)!.close;
    const pp = (high + low + close) / 3;
    expect(context.pivots).toEqual({
      pp,
      r1: 2 * pp - low,
      r2: pp + (high - low),
      r3: high + 2 * (pp - low),
      s1: 2 * pp - high,
      s2: pp - (high - low),
      s3: low - 2 * (high - pp),
    });
  });
});

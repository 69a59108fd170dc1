import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AdxIndicator } from './AdxIndicator.ts';
import { AtrIndicator } from './AtrIndicator.ts';
import { BollingerIndicator } from './BollingerIndicator.ts';
import { DailyPivotIndicator } from './DailyPivotIndicator.ts';
import { DailyVwapIndicator } from './DailyVwapIndicator.ts';
import { EmaIndicator } from './EmaIndicator.ts';
import type { IndicatorCandle, StreamingIndicator } from './IndicatorCandle.ts';
import { MacdIndicator } from './MacdIndicator.ts';
import { RollingVwapIndicator } from './RollingVwapIndicator.ts';
import { RsiIndicator } from './RsiIndicator.ts';
import { RuledAtr } from './RuledAtr.ts';
import { randomWalkCandles } from './randomWalkCandles.ts';
import { SmaIndicator } from './SmaIndicator.ts';
import { StochRsiIndicator } from './StochRsiIndicator.ts';
import { DAY_MS } from './utcDay.ts';
import { VolumeRatioIndicator } from './VolumeRatioIndicator.ts';

interface Wrapper {
  readonly name: string;
  readonly create: () => StreamingIndicator<unknown>;
  /** Candle spacing for the warm-up check (pivots count days, not candles). */
  readonly intervalMs?: number;
}

const wrappers: readonly Wrapper[] = [
  ...[9, 20, 21, 50, 200].map((p) => ({ name: `EMA(${p})`, create: () => new EmaIndicator(p) })),
  ...[9, 21].map((p) => ({ name: `SMA(${p})`, create: () => new SmaIndicator(p) })),
  { name: 'RSI(14)', create: () => new RsiIndicator(14) },
  { name: 'MACD(12,26,9)', create: () => new MacdIndicator(12, 26, 9) },
  { name: 'ATR(14)', create: () => new AtrIndicator(14) },
  { name: 'ATR(14) with the 1m rules', create: () => new RuledAtr({ timeframe: '1m', tickSize: 0.01 }) },
  { name: 'ADX(14)', create: () => new AdxIndicator(14) },
  { name: 'Bollinger(20,2)', create: () => new BollingerIndicator(20, 2) },
  { name: 'StochRSI(14,14,3,3)', create: () => new StochRsiIndicator(14, 14, 3, 3) },
  { name: 'daily VWAP', create: () => new DailyVwapIndicator() },
  { name: 'rolling VWAP(200)', create: () => new RollingVwapIndicator(200) },
  { name: 'daily pivots', create: () => new DailyPivotIndicator(), intervalMs: DAY_MS },
  { name: 'volume ratio(20)', create: () => new VolumeRatioIndicator(20) },
];

function valuesAfterEachCandle(indicator: StreamingIndicator<unknown>, candles: readonly IndicatorCandle[]): unknown[] {
  return candles.map((candle) => {
    indicator.update(candle);
    return indicator.value;
  });
}

/** True for a finite number, or an object whose every field is one. */
function isFiniteValue(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'object' && value !== null) return Object.values(value).every(isFiniteValue);
  return false;
}

/** Candles built from fuzzed steps: flat candles, zero volume and extreme prices included. */
const fuzzedCandles = fc
  .tuple(
    fc.double({ min: 1e-8, max: 1e7, noNaN: true }),
    fc.array(
      fc.record({
        change: fc.oneof(fc.constant(0), fc.double({ min: -0.3, max: 0.3, noNaN: true })),
        spread: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.1, noNaN: true })),
        volume: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e12, noNaN: true })),
      }),
      { maxLength: 260 },
    ),
  )
  .map(([start, steps]) => {
    let close = start;
    return steps.map((step, i): IndicatorCandle => {
      const open = close;
      close = open * (1 + step.change);
      return {
        openTime: Date.UTC(2024, 0, 1) + i * 3_600_000,
        open,
        high: Math.max(open, close) * (1 + step.spread),
        low: Math.min(open, close) * (1 - step.spread),
        close,
        volume: step.volume,
      };
    });
  });

describe.each(wrappers)('$name', ({ create, intervalMs }) => {
  const warmUp = create().warmUpCandles;
  const candles = randomWalkCandles({ count: warmUp + 60, seed: 7, intervalMs: intervalMs ?? 60_000 });

  it('is undefined before its warm-up and defined from its warm-up candle on', () => {
    const values = valuesAfterEachCandle(create(), candles);
    expect(values.slice(0, warmUp - 1).every((value) => value === undefined)).toBe(true);
    expect(values.slice(warmUp - 1).every(isFiniteValue)).toBe(true);
  });

  it('is deterministic: two instances fed the same candles agree at every step', () => {
    expect(valuesAfterEachCandle(create(), candles)).toEqual(valuesAfterEachCandle(create(), candles));
  });

  it('streams: the value after each candle equals a fresh instance fed that whole prefix at once', () => {
    const streamed = valuesAfterEachCandle(create(), candles);
    for (let k = 1; k <= candles.length; k += 7) {
      const batch = create();
      for (const candle of candles.slice(0, k)) batch.update(candle);
      expect(batch.value).toEqual(streamed[k - 1]);
    }
  });

  it('never yields NaN or Infinity, even on flat candles, zero volume or extreme prices', () => {
    const flat = Array.from({ length: warmUp + 5 }, (_, i) => ({
      openTime: i * DAY_MS,
      open: 5,
      high: 5,
      low: 5,
      close: 5,
      volume: 0,
    }));
    expect(valuesAfterEachCandle(create(), flat).every((v) => v === undefined || isFiniteValue(v))).toBe(true);
    fc.assert(
      fc.property(fuzzedCandles, (fuzzed) =>
        valuesAfterEachCandle(create(), fuzzed).every((v) => v === undefined || isFiniteValue(v)),
      ),
      { numRuns: 60, seed: 20_240_101 },
    );
  });
});

import { ADX, ATR, BollingerBands, EMA, MACD, RSI, SMA, StochasticRSI } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { AdxIndicator } from './AdxIndicator.ts';
import { AtrIndicator } from './AtrIndicator.ts';
import { BollingerIndicator } from './BollingerIndicator.ts';
import { EmaIndicator } from './EmaIndicator.ts';
import type { StreamingIndicator } from './IndicatorCandle.ts';
import { MacdIndicator } from './MacdIndicator.ts';
import { RsiIndicator } from './RsiIndicator.ts';
import { randomWalkCandles } from './randomWalkCandles.ts';
import { SmaIndicator } from './SmaIndicator.ts';
import { StochRsiIndicator } from './StochRsiIndicator.ts';

/**
 * Our values against technicalindicators (an independent implementation) on 500 candles of a
 * seeded random walk. Both series must have the same length (same warm-up) and agree value by
 * value, to float noise unless a documented difference says otherwise:
 * - technicalindicators rounds RSI to 2 decimals (so RSI and StochRSI agree to that rounding);
 * - its MACD seeds the fast EMA on the first 12 closes, TA-Lib (and we) on closes 15–26, so the two
 *   only converge as that seed fades out; the TA-Lib alignment itself is checked separately.
 */
const candles = randomWalkCandles({ count: 500, seed: 42 });
const close = candles.map((c) => c.close);
const high = candles.map((c) => c.high);
const low = candles.map((c) => c.low);

function ours<T>(indicator: StreamingIndicator<T>): T[] {
  const out: T[] = [];
  for (const candle of candles) {
    indicator.update(candle);
    if (indicator.value !== undefined) out.push(indicator.value);
  }
  return out;
}

function expectAgreement(actual: readonly number[], expected: readonly number[], tolerance: number, from = 0): void {
  expect(actual.length).toBe(expected.length);
  const worst = Math.max(...actual.slice(from).map((value, i) => Math.abs(value - expected[from + i]!)));
  expect(worst).toBeLessThanOrEqual(tolerance);
}

describe('agreement with technicalindicators on a 500-candle random walk', () => {
  it.each([9, 20, 21, 50, 200])('EMA(%i), SMA-seeded on both sides', (period) => {
    expectAgreement(ours(new EmaIndicator(period)), EMA.calculate({ period, values: close }), 1e-9);
  });

  it.each([9, 21])('SMA(%i)', (period) => {
    expectAgreement(ours(new SmaIndicator(period)), SMA.calculate({ period, values: close }), 1e-9);
  });

  it('RSI(14) to its 2-decimal rounding', () => {
    expectAgreement(ours(new RsiIndicator(14)), RSI.calculate({ period: 14, values: close }), 0.005 + 1e-9);
  });

  it('ATR(14), Wilder seeded with the average of the first 14 true ranges', () => {
    expectAgreement(ours(new AtrIndicator(14)), ATR.calculate({ period: 14, high, low, close }), 1e-9);
  });

  it('ADX(14), Wilder', () => {
    const expected = ADX.calculate({ period: 14, high, low, close }).map((v) => v.adx);
    expectAgreement(ours(new AdxIndicator(14)), expected, 1e-9);
  });

  it('Bollinger(20, 2), population standard deviation', () => {
    const actual = ours(new BollingerIndicator(20, 2));
    const expected = BollingerBands.calculate({ period: 20, stdDev: 2, values: close });
    for (const band of ['upper', 'middle', 'lower'] as const) {
      expectAgreement(
        actual.map((v) => v[band]),
        expected.map((v) => v[band]),
        1e-9,
      );
    }
  });

  it('StochRSI(14,14,3,3) %K and %D within 0.1 (its RSI is rounded to 2 decimals first)', () => {
    const actual = ours(new StochRsiIndicator(14, 14, 3, 3));
    const expected = StochasticRSI.calculate({
      values: close,
      rsiPeriod: 14,
      stochasticPeriod: 14,
      kPeriod: 3,
      dPeriod: 3,
    });
    expectAgreement(
      actual.map((v) => v.k),
      expected.map((v) => v.k),
      0.1,
    );
    expectAgreement(
      actual.map((v) => v.d),
      expected.map((v) => v.d),
      0.1,
    );
  });

  it('MACD(12,26,9): same warm-up, converging once the different fast-EMA seed has faded', () => {
    const actual = ours(new MacdIndicator(12, 26, 9));
    const expected = MACD.calculate({
      values: close,
      fastPeriod: 12,
      slowPeriod: 26,
      signalPeriod: 9,
      SimpleMAOscillator: false,
      SimpleMASignal: false,
    }).filter((v) => v.histogram !== undefined);
    expectAgreement(
      actual.map((v) => v.hist),
      expected.map((v) => v.histogram!),
      1e-9,
      200,
    );
    expectAgreement(
      actual.map((v) => v.signal),
      expected.map((v) => v.signal!),
      1e-9,
      200,
    );
  });

  it('MACD(12,26,9) follows TA-Lib: the fast EMA is seeded on the 12 closes ending at candle 26', () => {
    const fast = EMA.calculate({ period: 12, values: close.slice(26 - 12) });
    const slow = EMA.calculate({ period: 26, values: close });
    const line = slow.map((s, i) => fast[i]! - s);
    const signal = EMA.calculate({ period: 9, values: line });
    const actual = ours(new MacdIndicator(12, 26, 9));
    expectAgreement(
      actual.map((v) => v.macd),
      line.slice(8),
      1e-9,
    );
    expectAgreement(
      actual.map((v) => v.signal),
      signal,
      1e-9,
    );
  });
});

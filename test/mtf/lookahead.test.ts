import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TIMEFRAME_MS } from '../../src/exchange/port/types.ts';
import { buildIndicatorContext } from '../../src/trading-app/indicators/buildIndicatorContext.ts';
import type { IndicatorCandle } from '../../src/trading-app/indicators/IndicatorCandle.ts';
import { randomWalkCandles } from '../../src/trading-app/indicators/randomWalkCandles.ts';
import { evaluateSymbol, loadMtfConfig, MTF_TIMEFRAMES, type MtfTimeframe } from '../../src/trading-app/mtf/index.ts';

import { lastClosedOpen, NOW } from './contexts.ts';

const HISTORY = 260;
const config = loadMtfConfig('config/mtf_validations.yaml');

/** Candles of one timeframe: HISTORY closed at NOW, then `future` more (the candle in progress and after). */
function candles(timeframe: MtfTimeframe, seed: number, future: number): IndicatorCandle[] {
  const interval = TIMEFRAME_MS[timeframe];
  const startTime = lastClosedOpen(timeframe) - (HISTORY - 1) * interval;
  return randomWalkCandles({
    count: HISTORY + future,
    seed,
    startTime,
    intervalMs: interval,
    startPrice: 100,
    volatility: 0.004,
  });
}

/** The contexts a caller builds at NOW: only candles whose open time is at most the last closed one. */
function contextsAt(seed: number, future: number, includeUnclosed = false) {
  return Object.fromEntries(
    MTF_TIMEFRAMES.map((timeframe, index) => {
      const all = candles(timeframe, seed + index, future);
      const closed = all.filter(
        (candle) =>
          candle.openTime <= lastClosedOpen(timeframe) ||
          (includeUnclosed && timeframe === '5m' && candle.openTime === lastClosedOpen(timeframe) + TIMEFRAME_MS['5m']),
      );
      return [timeframe, buildIndicatorContext('BTCUSDT', timeframe, closed)];
    }),
  ) as Record<MtfTimeframe, ReturnType<typeof buildIndicatorContext>>;
}

describe('lookahead safety with contexts built from candles', () => {
  it('evaluates contexts built by buildIndicatorContext without error', () => {
    const decision = evaluateSymbol(config, { symbol: 'BTCUSDT', contexts: contextsAt(7, 0), now: NOW });
    expect(decision.status).not.toBe('ERROR');
    expect(Object.keys(decision.timeframes).length).toBeGreaterThan(0);
  });

  it('the decision at T never depends on candles after T', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 30 }), (seed, future) => {
        const without = evaluateSymbol(config, { symbol: 'BTCUSDT', contexts: contextsAt(seed, 0), now: NOW });
        const withFuture = evaluateSymbol(config, { symbol: 'BTCUSDT', contexts: contextsAt(seed, future), now: NOW });
        expect(withFuture).toEqual(without);
      }),
      { numRuns: 15 },
    );
  });

  it('a context that includes the candle still in progress is refused, even with force_run', () => {
    const micro = loadMtfConfig('config/mtf_validations.scalper_micro.yaml');
    const decision = evaluateSymbol(micro, {
      symbol: 'BTCUSDT',
      contexts: contextsAt(11, 3, true),
      now: NOW,
      forceRun: true,
    });
    expect(decision).toMatchObject({ status: 'ERROR', failed_timeframe: '5m', reason: 'UNCLOSED_CANDLE_5m' });
  });
});

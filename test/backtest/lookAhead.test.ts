import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { type Candle, CONTRACT_CATALOG, type KlineStepMinutes } from '../../src/simulator/market/index.ts';
import { MinuteSeries, type RecordedCandle, ReplayMarket } from '../../src/simulator/replay/index.ts';

/**
 * No look-ahead in the replay market: whatever it answers at time T (prints so far, candles of every
 * step, the forming candle, the ticker) is the same when the recording stops at T's minute, so
 * nothing a decision can read before T depends on a later candle.
 */
const BTC = CONTRACT_CATALOG.find((spec) => spec.symbol === 'BTCUSDT')!;
const START = Date.UTC(2026, 0, 5, 0, 0);
const HISTORY_MINUTES = 300;
const STEPS: readonly KlineStepMinutes[] = [1, 5, 15, 60, 240];

/** A random walk of 1m candles in ticks of 0.1 around 100000. */
const candlesArbitrary = fc
  .array(
    fc.tuple(fc.integer({ min: -40, max: 40 }), fc.nat(30), fc.nat(30), fc.integer({ min: -40, max: 40 }), fc.nat(500)),
    {
      minLength: HISTORY_MINUTES + 20,
      maxLength: HISTORY_MINUTES + 120,
    },
  )
  .map((steps) => {
    let close = 1_000_000;
    return steps.map(([gap, up, down, move, volume], index): RecordedCandle => {
      const open = close + gap;
      close = open + move;
      const high = Math.max(open, close) + up;
      const low = Math.min(open, close) - down;
      const price = (ticks: number) => new Dec(ticks).mul(BTC.tickSize);
      return {
        openTime: START + index * 60_000,
        open: price(open),
        high: price(high),
        low: price(low),
        close: price(close),
        volume: new Dec(volume),
      };
    });
  });

function observe(candles: readonly RecordedCandle[], at: number) {
  const clock = new ManualClock(START + HISTORY_MINUTES * 60_000);
  const market = new ReplayMarket({
    clock,
    symbols: [{ spec: BTC, series: MinuteSeries.of('BTCUSDT', BTC.tickSize, candles) }],
  });
  const prints: string[] = [];
  market.onTick((tick) => prints.push(`${tick.time} ${tick.lastPrice}`));
  market.start();
  clock.advanceTo(at);
  const plain = (candle: Candle) =>
    `${candle.openTime} ${candle.open} ${candle.high} ${candle.low} ${candle.close} ${candle.volume}`;
  const ticker = market.ticker('BTCUSDT');
  return {
    prints,
    klines: STEPS.map((step) => market.klines('BTCUSDT', step, START / 1000, at / 1000 + 86_400).map(plain)),
    forming: STEPS.map((step) => plain(market.currentCandle('BTCUSDT', step))),
    ticker: [ticker.lastPrice, ticker.high24h, ticker.low24h, ticker.volume24h, ticker.turnover24h].map(String),
  };
}

describe('the replay market at time T', () => {
  it('answers the same when the recording stops at the minute of T', () => {
    fc.assert(
      fc.property(candlesArbitrary, fc.double({ min: 0, max: 1, noNaN: true }), (candles, fraction) => {
        const replayed = (candles.length - HISTORY_MINUTES) * 60_000;
        const at = START + HISTORY_MINUTES * 60_000 + Math.floor(fraction * (replayed - 1));
        const cut = candles.filter((candle) => candle.openTime <= at);
        const seen = observe(candles, at);
        expect(observe(cut, at)).toEqual(seen);
        // The current minute's candle is known only as far as it has printed: its own recording is
        // in both data sets, so the comparison above cannot tell.
        const minuteStart = Math.floor(at / 60_000) * 60_000;
        const printed = seen.prints
          .filter((line) => Number(line.split(' ')[0]) >= minuteStart)
          .map((line) => new Dec(line.split(' ')[1] ?? ''));
        const [open, high, low, close] = seen.forming[0]?.split(' ').slice(1, 5) ?? [];
        if (printed.length > 0) {
          expect([open, high, low, close]).toEqual(
            [printed[0], Dec.max(...printed), Dec.min(...printed), printed.at(-1)].map(String),
          );
        }
      }),
      { numRuns: 60 },
    );
  });
});

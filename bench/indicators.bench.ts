import { performance } from 'node:perf_hooks';
import { ADX, ATR, BollingerBands, EMA, MACD, RSI, SMA, StochasticRSI, VWAP } from 'technicalindicators';
import type { IndicatorCandle } from '../src/trading-app/indicators/IndicatorCandle.ts';
import { randomWalkCandles } from '../src/trading-app/indicators/randomWalkCandles.ts';
import { TimeframeIndicators } from '../src/trading-app/indicators/TimeframeIndicators.ts';
import type { BenchLine } from './support.ts';

const STREAM_CANDLES = 200_000;
/**
 * The original recomputed every indicator from the last 222 candles on each run
 * (docs/reference/original-system.md#indicator-context).
 */
const WINDOW = 222;
const RECOMPUTE_CANDLES = 1_000;
const INDICATOR_SET = 'EMA×5, SMA×2, RSI, MACD, ATR, ADX, VWAP, Bollinger, StochRSI';

/**
 * Throughput of the full indicator set per closed candle: ours (TimeframeIndicators, streaming,
 * plus pivots and volume ratio) against technicalindicators computing the same set. Two peers:
 * its streaming `nextValue` API (every indicator of the set has one, so this is the fair
 * comparison; its VWAP never resets), and its batch `calculate` over the last 222 candles per
 * new candle, which is how the original consumed its indicator library.
 */
export async function indicatorBenchmarks(): Promise<BenchLine[]> {
  const candles = randomWalkCandles({ count: STREAM_CANDLES, seed: 1 });
  // Warm the JIT on both sides before timing.
  measure(candles.slice(0, 20_000), streamOurs);
  measure(candles.slice(0, 20_000), streamPeer);
  const ours = measure(candles, streamOurs);
  const oursWithContext = measure(candles, streamOursWithContext);
  const peer = measure(candles, streamPeer);
  const recompute = measure(candles.slice(0, WINDOW + RECOMPUTE_CANDLES), recomputePeer, RECOMPUTE_CANDLES);
  return [
    {
      name: `indicator updates (${INDICATOR_SET}), streaming`,
      ours,
      peer,
      peerName: 'technicalindicators nextValue',
      unit: 'candles/s',
    },
    {
      name: 'indicator updates + context() after each candle',
      ours: oursWithContext,
      peer,
      peerName: 'technicalindicators nextValue (no context)',
      unit: 'candles/s',
    },
    {
      name: `indicator updates vs recomputing the last ${WINDOW} candles per candle`,
      ours,
      peer: recompute,
      peerName: 'technicalindicators calculate() per candle',
      unit: 'candles/s',
    },
  ];
}

/** Candles per second; `counted` is how many candles the run really processes. */
function measure(
  candles: readonly IndicatorCandle[],
  run: (candles: readonly IndicatorCandle[]) => number,
  counted = candles.length,
): number {
  const started = performance.now();
  const checksum = run(candles);
  const seconds = (performance.now() - started) / 1000;
  if (!Number.isFinite(checksum)) throw new Error('benchmark produced a non-finite checksum');
  return counted / seconds;
}

function streamOurs(candles: readonly IndicatorCandle[]): number {
  const indicators = new TimeframeIndicators('BTCUSDT', '1m');
  for (const candle of candles) indicators.update(candle);
  return indicators.context().ema[200] ?? 0;
}

function streamOursWithContext(candles: readonly IndicatorCandle[]): number {
  const indicators = new TimeframeIndicators('BTCUSDT', '1m');
  let checksum = 0;
  for (const candle of candles) {
    indicators.update(candle);
    checksum += indicators.context().rsi ?? 0;
  }
  return checksum;
}

function streamPeer(candles: readonly IndicatorCandle[]): number {
  const emas = [9, 20, 21, 50, 200].map((period) => new EMA({ period, values: [] }));
  const smas = [9, 21].map((period) => new SMA({ period, values: [] }));
  const rsi = new RSI({ period: 14, values: [] });
  const macd = new MACD({
    values: [],
    fastPeriod: 12,
    slowPeriod: 26,
    signalPeriod: 9,
    SimpleMAOscillator: false,
    SimpleMASignal: false,
  });
  const atr = new ATR({ period: 14, high: [], low: [], close: [] });
  const adx = new ADX({ period: 14, high: [], low: [], close: [] });
  const vwap = new VWAP({ high: [], low: [], close: [], volume: [] });
  const bollinger = new BollingerBands({ period: 20, stdDev: 2, values: [] });
  const stochRsi = new StochasticRSI({ values: [], rsiPeriod: 14, stochasticPeriod: 14, kPeriod: 3, dPeriod: 3 });
  // Its declarations type these two inputs wrongly (ADX as a number, StochRSI as an input object);
  // at run time ADX takes a candle and StochRSI a close, as the other streaming classes do.
  const adxNext = adx.nextValue.bind(adx) as unknown as (candle: IndicatorCandle) => unknown;
  const stochRsiNext = stochRsi.nextValue.bind(stochRsi) as unknown as (close: number) => unknown;
  let checksum = 0;
  for (const candle of candles) {
    const { close } = candle;
    for (const ema of emas) ema.nextValue(close);
    for (const sma of smas) sma.nextValue(close);
    checksum += rsi.nextValue(close) ?? 0;
    macd.nextValue(close);
    atr.nextValue(candle);
    adxNext(candle);
    vwap.nextValue(candle);
    bollinger.nextValue(close);
    stochRsiNext(close);
  }
  return checksum;
}

function recomputePeer(candles: readonly IndicatorCandle[]): number {
  let checksum = 0;
  for (let end = WINDOW; end < candles.length; end += 1) {
    const window = candles.slice(end - WINDOW + 1, end + 1);
    const values = window.map((c) => c.close);
    const high = window.map((c) => c.high);
    const low = window.map((c) => c.low);
    const volume = window.map((c) => c.volume);
    for (const period of [9, 20, 21, 50, 200]) EMA.calculate({ period, values });
    for (const period of [9, 21]) SMA.calculate({ period, values });
    checksum += RSI.calculate({ period: 14, values }).at(-1) ?? 0;
    MACD.calculate({
      values,
      fastPeriod: 12,
      slowPeriod: 26,
      signalPeriod: 9,
      SimpleMAOscillator: false,
      SimpleMASignal: false,
    });
    ATR.calculate({ period: 14, high, low, close: values });
    ADX.calculate({ period: 14, high, low, close: values });
    VWAP.calculate({ high, low, close: values, volume });
    BollingerBands.calculate({ period: 20, stdDev: 2, values });
    StochasticRSI.calculate({ values, rsiPeriod: 14, stochasticPeriod: 14, kPeriod: 3, dPeriod: 3 });
  }
  return checksum;
}

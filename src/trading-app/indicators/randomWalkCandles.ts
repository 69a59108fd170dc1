import type { IndicatorCandle } from './IndicatorCandle.ts';

export interface RandomWalkOptions {
  readonly count: number;
  readonly seed: number;
  /** Open time of the first candle; default 2024-01-01T00:00:00Z. */
  readonly startTime?: number;
  readonly intervalMs?: number;
  readonly startPrice?: number;
  /** Standard deviation of the log return per candle; default 1 %. */
  readonly volatility?: number;
}

/**
 * A reproducible candle series (geometric random walk, seeded mulberry32 generator) for tests and
 * benchmarks: the same options always give the same candles, on every machine.
 */
export function randomWalkCandles(options: RandomWalkOptions): IndicatorCandle[] {
  const random = mulberry32(options.seed);
  const interval = options.intervalMs ?? 60_000;
  const volatility = options.volatility ?? 0.01;
  let time = options.startTime ?? Date.UTC(2024, 0, 1);
  let close = options.startPrice ?? 100;
  const candles: IndicatorCandle[] = [];
  for (let i = 0; i < options.count; i += 1) {
    const open = close;
    close = open * Math.exp(volatility * gaussian(random));
    const high = Math.max(open, close) * (1 + volatility * 0.5 * random());
    const low = Math.min(open, close) * (1 - volatility * 0.5 * random());
    const volume = 1_000 * (0.2 + 1.8 * random());
    candles.push({ openTime: time, open, high, low, close, volume });
    time += interval;
  }
  return candles;
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Box–Muller: one standard normal draw from two uniform ones. */
function gaussian(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

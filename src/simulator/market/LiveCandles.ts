import type { CandleAccumulator } from './CandleAccumulator.ts';
import { DAY_SECONDS, floorTo, HOUR_SECONDS, MINUTE_SECONDS } from './timeGrid.ts';

interface MutableCandle {
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/**
 * Live candles kept at three resolutions, coarse to fine, each with its own retention: 1m for 10
 * days, 1H for 400 days, 1D for about 5 years. Memory stays bounded however long the simulator
 * runs; once 1m candles age out, the steps that need them there (under 1H) have gaps, 1H and up don't.
 */
const LIVE_LEVELS = [
  { seconds: DAY_SECONDS, retain: 2_000 },
  { seconds: HOUR_SECONDS, retain: 400 * 24 },
  { seconds: MINUTE_SECONDS, retain: 10 * 24 * 60 },
] as const;

/**
 * The candles of the live process of one symbol, from the end of the generated past onwards. The
 * first candle opens at the last historical close; a minute without trades is a flat candle at the
 * previous close, so the series has no holes.
 */
export class LiveCandles {
  /** Where the live data begins (Unix seconds, on a minute). */
  readonly startSec: number;
  readonly #levels: Map<number, MutableCandle>[] = LIVE_LEVELS.map(() => new Map());
  #lastClose: number;
  #lastMinute: number;

  constructor(startSec: number, openTicks: number) {
    this.startSec = startSec;
    this.#lastClose = openTicks;
    this.#lastMinute = startSec - MINUTE_SECONDS;
  }

  /** Adds a trade at `timeSec` (any second, not before the last one) to the candles that contain it. */
  record(timeSec: number, priceTicks: number, volume: number): void {
    this.catchUp(timeSec);
    for (let level = 0; level < LIVE_LEVELS.length; level++) {
      const candle = this.#levels[level]!.get(floorTo(timeSec, LIVE_LEVELS[level]!.seconds))!;
      if (priceTicks > candle.high) candle.high = priceTicks;
      if (priceTicks < candle.low) candle.low = priceTicks;
      candle.close = priceTicks;
      candle.volume += volume;
    }
    this.#lastClose = priceTicks;
  }

  /** Opens flat candles for every minute up to the one containing `timeSec` that has none yet. */
  catchUp(timeSec: number): void {
    const minute = floorTo(timeSec, MINUTE_SECONDS);
    while (this.#lastMinute < minute) {
      this.#lastMinute += MINUTE_SECONDS;
      for (let level = 0; level < LIVE_LEVELS.length; level++) this.#open(level, this.#lastMinute);
    }
  }

  /** Folds the live candles inside [fromSec, toSec) into `into`, in time order; bounds on minutes. */
  accumulate(fromSec: number, toSec: number, into: CandleAccumulator): void {
    const from = Math.max(fromSec, this.startSec);
    if (from < toSec) this.#fold(0, from, toSec, into);
  }

  #fold(level: number, from: number, to: number, into: CandleAccumulator): void {
    const seconds = LIVE_LEVELS[level]!.seconds;
    for (let start = floorTo(from, seconds); start < to; start += seconds) {
      // The first live candle of each level only spans from `startSec`.
      const spanStart = Math.max(start, this.startSec);
      const low = Math.max(spanStart, from);
      const high = Math.min(start + seconds, to);
      if (low >= high) continue;
      const candle = this.#levels[level]!.get(start);
      if (candle && low === spanStart && high === start + seconds) into.add(candle);
      else if (level + 1 < LIVE_LEVELS.length) this.#fold(level + 1, low, high, into);
    }
  }

  #open(level: number, minuteSec: number): void {
    const candles = this.#levels[level]!;
    const start = floorTo(minuteSec, LIVE_LEVELS[level]!.seconds);
    if (candles.has(start)) return;
    const close = this.#lastClose;
    candles.set(start, { open: close, high: close, low: close, close, volume: 0 });
    if (candles.size > LIVE_LEVELS[level]!.retain) {
      const oldest = candles.keys().next();
      if (!oldest.done) candles.delete(oldest.value);
    }
  }
}

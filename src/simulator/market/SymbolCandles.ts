import type { Dec } from '../../platform/decimal/index.ts';
import { CandleAccumulator } from './CandleAccumulator.ts';
import type { HistoryTree } from './HistoryTree.ts';
import { LiveCandles } from './LiveCandles.ts';
import { bucketStart, firstBucketAtOrAfter, floorTo, MINUTE_SECONDS } from './timeGrid.ts';
import type { Candle, KlineStepMinutes } from './types.ts';

/** BitMart serves at most 500 candles per kline request (docs/reference/bitmart-wire.md#klines). */
export const MAX_KLINES = 500;

/** Statistics of a time window, in ticks and contracts. */
export interface WindowStats {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly volume: number;
  readonly turnoverTicks: number;
}

/**
 * The candles of one symbol: the generated past (`HistoryTree`, up to `history.endSec`) followed by
 * the live candles. Any candle of any step is one fold over both, so it is the exact aggregate of
 * the 1m candles it covers, including across the boundary, and holds nothing from after now.
 */
export class SymbolCandles {
  readonly #history: HistoryTree;
  readonly #live: LiveCandles;
  readonly #tickSize: Dec;
  readonly #accumulator = new CandleAccumulator();
  /** Close of the last generated 1m candle: where the live process starts. */
  readonly historyClose: number;

  constructor(history: HistoryTree, tickSize: Dec) {
    this.#history = history;
    this.#tickSize = tickSize;
    const last = new CandleAccumulator();
    history.accumulate(history.endSec - MINUTE_SECONDS, history.endSec, last);
    this.historyClose = last.close;
    // Continuity: the first live candle opens at the last historical close.
    this.#live = new LiveCandles(history.endSec, last.close);
  }

  /** Open time of the first generated day: nothing exists before it. */
  get startSec(): number {
    return this.#history.startSec;
  }

  record(timeMs: number, priceTicks: number, volume: number): void {
    this.#live.record(Math.floor(timeMs / 1000), priceTicks, volume);
  }

  /** Candles opening in [startSec, endSec], ascending, the latest `MAX_KLINES` of them, forming one included. */
  klines(step: KlineStepMinutes, startSec: number, endSec: number, nowMs: number): Candle[] {
    const nowSec = Math.floor(nowMs / 1000);
    this.#live.catchUp(nowSec);
    const stepSeconds = step * MINUTE_SECONDS;
    const last = Math.min(bucketStart(endSec, step), bucketStart(nowSec, step));
    let first = Math.max(firstBucketAtOrAfter(startSec, step), bucketStart(this.#history.startSec, step));
    first = Math.max(first, last - (MAX_KLINES - 1) * stepSeconds);
    const candles: Candle[] = [];
    for (let openTime = first; openTime <= last; openTime += stepSeconds) {
      const candle = this.#aggregate(openTime, openTime + stepSeconds);
      if (candle) candles.push(candle);
    }
    return candles;
  }

  /** The forming candle of `step` at `nowMs`: only what has happened so far. */
  current(step: KlineStepMinutes, nowMs: number, lastTicks: number): Candle {
    const nowSec = Math.floor(nowMs / 1000);
    this.#live.catchUp(nowSec);
    const openTime = bucketStart(nowSec, step);
    return this.#aggregate(openTime, openTime + step * MINUTE_SECONDS) ?? this.#flat(openTime, lastTicks);
  }

  /** The last 24 hours of 1m candles, the forming minute included. */
  lastDay(nowMs: number): WindowStats {
    const nowSec = Math.floor(nowMs / 1000);
    this.#live.catchUp(nowSec);
    const to = floorTo(nowSec, MINUTE_SECONDS) + MINUTE_SECONDS;
    const accumulator = this.#fold(to - 24 * 60 * MINUTE_SECONDS, to);
    return {
      open: accumulator.open,
      high: accumulator.high,
      low: accumulator.low,
      volume: accumulator.volume,
      turnoverTicks: accumulator.turnoverTicks,
    };
  }

  #aggregate(fromSec: number, toSec: number): Candle | undefined {
    const accumulator = this.#fold(fromSec, toSec);
    return accumulator.empty ? undefined : accumulator.toCandle(fromSec, this.#tickSize);
  }

  #fold(fromSec: number, toSec: number): CandleAccumulator {
    const accumulator = this.#accumulator;
    accumulator.reset();
    this.#history.accumulate(fromSec, toSec, accumulator);
    this.#live.accumulate(fromSec, toSec, accumulator);
    return accumulator;
  }

  #flat(openTime: number, ticks: number): Candle {
    const flat = new CandleAccumulator();
    flat.add({ open: ticks, high: ticks, low: ticks, close: ticks, volume: 0 });
    return flat.toCandle(openTime, this.#tickSize);
  }
}

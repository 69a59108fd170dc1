import type { Dec } from '../../platform/decimal/index.ts';
import type { TickCandle } from '../market/CandleAccumulator.ts';

/** A recorded closed candle as the store or a CSV file gives it: open time in Unix ms, exact prices. */
export interface RecordedCandle {
  readonly openTime: number;
  readonly open: Dec;
  readonly high: Dec;
  readonly low: Dec;
  readonly close: Dec;
  readonly volume: Dec;
}

const MINUTE_MS = 60_000;

/**
 * One symbol's recorded 1m candles, contiguous, in integer ticks (the simulator's currency for
 * prices: every aggregate is exact). Built once, read by index: a year is 525,600 candles in five
 * typed arrays instead of as many objects.
 */
export class MinuteSeries {
  /** Open time of the first candle, Unix ms, on a minute. */
  readonly startMs: number;
  readonly length: number;
  readonly #open: Float64Array;
  readonly #high: Float64Array;
  readonly #low: Float64Array;
  readonly #close: Float64Array;
  readonly #volume: Float64Array;

  /** The series of `candles`, read once in order (see `MinuteSeriesBuilder` for what is refused). */
  static of(symbol: string, tickSize: Dec, candles: Iterable<RecordedCandle>): MinuteSeries {
    const builder = new MinuteSeriesBuilder(symbol, tickSize);
    for (const candle of candles) builder.append(candle);
    return builder.build();
  }

  constructor(
    startMs: number,
    columns: readonly [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array],
  ) {
    this.startMs = startMs;
    this.length = columns[0].length;
    [this.#open, this.#high, this.#low, this.#close, this.#volume] = columns;
  }

  /** Open time after the last candle: the end of the recorded data. */
  get endMs(): number {
    return this.startMs + this.length * MINUTE_MS;
  }

  /** Index of the minute containing `timeMs` (may lie outside [0, length)). */
  indexAt(timeMs: number): number {
    return Math.floor((timeMs - this.startMs) / MINUTE_MS);
  }

  openTimeOf(index: number): number {
    return this.startMs + index * MINUTE_MS;
  }

  candle(index: number): TickCandle {
    return {
      open: this.#open[index] ?? 0,
      high: this.#high[index] ?? 0,
      low: this.#low[index] ?? 0,
      close: this.#close[index] ?? 0,
      volume: this.#volume[index] ?? 0,
    };
  }

  close(index: number): number {
    return this.#close[index] ?? 0;
  }
}

function iso(timeMs: number): string {
  return new Date(timeMs).toISOString();
}

/**
 * Takes candles one at a time (a year can stream in from the store page by page) and refuses what
 * a replay cannot honestly use: a hole, a repeat, a price off the tick, a range that does not hold
 * its open and close.
 */
export class MinuteSeriesBuilder {
  readonly #symbol: string;
  readonly #tickSize: Dec;
  readonly #columns: number[][] = [[], [], [], [], []];
  #startMs: number | undefined;

  constructor(symbol: string, tickSize: Dec) {
    this.#symbol = symbol;
    this.#tickSize = tickSize;
  }

  append(candle: RecordedCandle): void {
    const symbol = this.#symbol;
    this.#startMs ??= candle.openTime;
    if (this.#startMs % MINUTE_MS !== 0) throw new RangeError(`${symbol}: ${iso(this.#startMs)} is not on a minute`);
    const expected = this.#startMs + (this.#columns[0]?.length ?? 0) * MINUTE_MS;
    if (candle.openTime !== expected) {
      throw new RangeError(`${symbol}: expected the 1m candle of ${iso(expected)}, found ${iso(candle.openTime)}`);
    }
    const ticks = (price: Dec, field: string): number => {
      const count = price.div(this.#tickSize);
      if (!count.isInteger() || count.lte(0)) {
        throw new RangeError(
          `${symbol} ${iso(expected)}: ${field} ${price} is not a positive multiple of the tick ${this.#tickSize}`,
        );
      }
      return count.toNumber();
    };
    const open = ticks(candle.open, 'open');
    const high = ticks(candle.high, 'high');
    const low = ticks(candle.low, 'low');
    const close = ticks(candle.close, 'close');
    if (high < Math.max(open, close, low) || low > Math.min(open, close)) {
      throw new RangeError(`${symbol} ${iso(expected)}: high and low do not contain open and close`);
    }
    const values = [open, high, low, close, candle.volume.toNumber()];
    values.forEach((value, column) => {
      this.#columns[column]?.push(value);
    });
  }

  build(): MinuteSeries {
    if (this.#startMs === undefined) throw new RangeError(`${this.#symbol}: no candles`);
    const [open, high, low, close, volume] = this.#columns.map((values) => Float64Array.from(values));
    if (!open || !high || !low || !close || !volume) throw new Error('unreachable: five columns');
    return new MinuteSeries(this.#startMs, [open, high, low, close, volume]);
  }
}

import type { IndicatorCandle, StreamingIndicator } from './IndicatorCandle.ts';
import { SmaSeededEma } from './SmaSeededEma.ts';

/** EMA(period) of the close, SMA-seeded as TA-Lib: defined from the `period`-th candle. */
export class EmaIndicator implements StreamingIndicator<number> {
  readonly warmUpCandles: number;
  readonly #ema: SmaSeededEma;

  constructor(period: number) {
    this.#ema = new SmaSeededEma(period);
    this.warmUpCandles = period;
  }

  get value(): number | undefined {
    return this.#ema.value;
  }

  /** The value one candle earlier (`emaPrev`). */
  get previous(): number | undefined {
    return this.#ema.previous;
  }

  update(candle: IndicatorCandle): void {
    this.#ema.update(candle.close);
  }
}

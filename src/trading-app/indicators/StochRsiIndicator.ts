import { Period, RSI, SMA } from 'trading-signals';
import type { IndicatorCandle, StreamingIndicator } from './IndicatorCandle.ts';

export interface StochRsiValue {
  readonly k: number;
  readonly d: number;
}

/**
 * StochRSI(rsi 14, stoch 14, K 3, D 3) on a 0–100 scale: raw = (RSI − min RSI)/(max RSI − min RSI)
 * over the last `stochPeriod` RSI values, %K = SMA(raw, kPeriod), %D = SMA(%K, dPeriod). This is the
 * 14/14/3/3 the original's config and PHP fallback describe (and technicalindicators computes).
 * Its production path, `trader_stochrsi(closes, 14, 14, 3)`, had no %K smoothing (fastK, fastD):
 * the config's intent is followed, not that call. A flat RSI window (max = min) gives raw 0, as
 * TA-Lib and the PHP fallback do. First value on candle rsi + stoch + k + d − 2 (32).
 *
 * Composed of trading-signals' `RSI`, `Period` (rolling min/max) and `SMA`s; its `StochasticRSI`
 * is not used because on a flat window it returns 100 on its 0–1 scale and skips the %K/%D update.
 */
export class StochRsiIndicator implements StreamingIndicator<StochRsiValue> {
  readonly warmUpCandles: number;
  readonly #rsi: RSI;
  readonly #window: Period;
  readonly #k: SMA;
  readonly #d: SMA;
  #value: StochRsiValue | undefined;

  constructor(rsiPeriod = 14, stochPeriod = 14, kPeriod = 3, dPeriod = 3) {
    this.#rsi = new RSI(rsiPeriod);
    this.#window = new Period(stochPeriod);
    this.#k = new SMA(kPeriod);
    this.#d = new SMA(dPeriod);
    this.warmUpCandles = rsiPeriod + stochPeriod + kPeriod + dPeriod - 2;
  }

  get value(): StochRsiValue | undefined {
    return this.#value;
  }

  update(candle: IndicatorCandle): void {
    const rsi = this.#rsi.update(candle.close, false);
    if (rsi === null) return;
    const range = this.#window.update(rsi, false);
    if (range === null) return;
    const spread = range.highest - range.lowest;
    const raw = spread > 0 ? (100 * (rsi - range.lowest)) / spread : 0;
    const k = this.#k.update(raw, false);
    if (k === null) return;
    const d = this.#d.update(k, false);
    if (d !== null) this.#value = { k, d };
  }
}

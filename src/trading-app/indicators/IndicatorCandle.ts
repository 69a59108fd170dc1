/**
 * One CLOSED candle as the indicators read it. Prices and volume are floats here: indicators are
 * floats by nature, and nothing computed from them is sent to the venue without going through the
 * decimal rounding of the order planner.
 */
export interface IndicatorCandle {
  /** Open time in ms since the epoch (UTC). Strictly increasing within one symbol × timeframe. */
  readonly openTime: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/**
 * The shape every indicator wrapper of this folder shares, and that the one contract test checks:
 * `update` is O(1) in the length of the history, `value` is `undefined` until the indicator is
 * stable and a finite number (or an object of finite numbers) afterwards.
 */
export interface StreamingIndicator<Value> {
  /** How many candles it takes before `value` is defined (on non-degenerate input). */
  readonly warmUpCandles: number;
  readonly value: Value | undefined;
  update(candle: IndicatorCandle): void;
}

import { type Kline, TIMEFRAME_MS, type Timeframe } from '../../exchange/port/types.ts';

/**
 * A candle is *closed* once its end (open time + timeframe) is not after `now`; until then it is
 * the *forming* candle and may still change. Only closed candles are ever stored.
 */

/**
 * Open time of the last closed candle of `timeframe` at `now`
 * (docs/reference/original-system.md#runner-klines: floor(now/step)·step − step).
 */
export function lastClosedOpenTime(timeframe: Timeframe, now: number): number {
  const step = TIMEFRAME_MS[timeframe];
  return Math.floor(now / step) * step - step;
}

export function isClosed(kline: Pick<Kline, 'openTime' | 'timeframe'>, now: number): boolean {
  return kline.openTime + TIMEFRAME_MS[kline.timeframe] <= now;
}

/** `symbol:timeframe`, the key of one series in maps and logs. */
export function seriesKey(symbol: string, timeframe: Timeframe): string {
  return `${symbol}:${timeframe}`;
}

import type { IndicatorCandle } from './IndicatorCandle.ts';
import type { IndicatorContext } from './IndicatorContext.ts';
import { TimeframeIndicators, type TimeframeIndicatorsOptions } from './TimeframeIndicators.ts';

/**
 * Folds a list of CLOSED candles (ascending open time) into a fresh TimeframeIndicators and
 * returns its context: for tests, the diagnose command and warming up from the store. Feeding the
 * same candles one by one to a long-lived instance gives the same context. Throws
 * IndicatorInputError on an empty list, an out-of-order or duplicate open time, or a non-finite value.
 */
export function buildIndicatorContext(
  symbol: string,
  timeframe: string,
  candles: Iterable<IndicatorCandle>,
  options: TimeframeIndicatorsOptions = {},
): IndicatorContext {
  return warmIndicators(symbol, timeframe, candles, options).context();
}

/** The same, returning the live instance so that the caller can go on streaming into it. */
export function warmIndicators(
  symbol: string,
  timeframe: string,
  candles: Iterable<IndicatorCandle>,
  options: TimeframeIndicatorsOptions = {},
): TimeframeIndicators {
  const indicators = new TimeframeIndicators(symbol, timeframe, options);
  for (const candle of candles) indicators.update(candle);
  return indicators;
}

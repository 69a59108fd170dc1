import type { IndicatorCandle } from '../../indicators/IndicatorCandle.ts';
import type { MtfTimeframe } from '../../mtf/timeframes.ts';

/** What the runner asks for one symbol on one timeframe. */
export interface CandleWant {
  readonly symbol: string;
  /** Open time of the last candle already folded in; undefined: a cold start, send the last `window` candles. */
  readonly after: number | undefined;
}

/**
 * Closed candles of many symbols on one timeframe, ascending, never a candle with open time after
 * `lastClosedOpen` (the last candle closed at the run's `now`): rows the sync wrote for later
 * candles are invisible to a run (no lookahead). One call per timeframe per run, whatever the
 * number of symbols, so a run costs five reads, not five per symbol.
 */
export interface ClosedCandleSource {
  closedCandles(
    timeframe: MtfTimeframe,
    wants: readonly CandleWant[],
    lastClosedOpen: number,
    window: number,
  ): Promise<Map<string, IndicatorCandle[]>>;
}

import { TIMEFRAME_MS } from '../../../exchange/port/types.ts';
import type { IndicatorCandle } from '../../indicators/IndicatorCandle.ts';
import type { MtfTimeframe } from '../../mtf/timeframes.ts';
import type { CandleWant, ClosedCandleSource } from './ClosedCandleSource.ts';

/** Brings the stored series of `symbols` on `timeframe` up to the candle closed at `now` (REST catch-up of gaps). */
export type Freshen = (symbols: readonly string[], timeframe: MtfTimeframe, now: number) => Promise<unknown>;

/**
 * Reads closed candles only after the store has caught up with them: where the kline stream left a
 * gap (or there is no stream), the missing candles are fetched first, so a run never evaluates a
 * stale series. Reads stay one query per timeframe; the catch-up costs nothing for series that are
 * already current.
 */
export class FreshCandleSource implements ClosedCandleSource {
  readonly #inner: ClosedCandleSource;
  readonly #freshen: Freshen;

  constructor(inner: ClosedCandleSource, freshen: Freshen) {
    this.#inner = inner;
    this.#freshen = freshen;
  }

  async closedCandles(
    timeframe: MtfTimeframe,
    wants: readonly CandleWant[],
    lastClosedOpen: number,
    window: number,
  ): Promise<Map<string, IndicatorCandle[]>> {
    await this.#freshen(
      wants.map((want) => want.symbol),
      timeframe,
      lastClosedOpen + TIMEFRAME_MS[timeframe],
    );
    return this.#inner.closedCandles(timeframe, wants, lastClosedOpen, window);
  }
}

import type { IndicatorContext } from '../indicators/IndicatorContext.ts';
import { MTF_TIMEFRAMES, type MtfTimeframe } from '../mtf/timeframes.ts';
import { marketSnapshot } from '../trade-entry/marketSnapshot.ts';
import type { MarketSnapshot } from '../trade-entry/TradeEntry.ts';
import type { ClosedCandleSource } from './candles/ClosedCandleSource.ts';
import { lastClosedOpen } from './candles/candleFeeds.ts';
import { COLD_WINDOW, IndicatorBook } from './evaluation/IndicatorBook.ts';

/** Each timeframe's current context and the earlier ones (newest first); a timeframe not warm is absent. */
export interface SymbolContexts {
  readonly contexts: Partial<Record<MtfTimeframe, IndicatorContext>>;
  readonly history: Partial<Record<MtfTimeframe, readonly IndicatorContext[]>>;
}

/**
 * One symbol's indicator contexts at `now` from the stored closed candles, warmed cold exactly as
 * a runner's first run warms them (the same window, the same book). For the diagnose command and
 * for decisions taken outside a run (`POST /api/trade-entry/execute`).
 */
export async function symbolContexts(
  source: ClosedCandleSource,
  symbol: string,
  now: number,
  tickSize?: number,
): Promise<SymbolContexts> {
  const book = new IndicatorBook();
  const contexts: Partial<Record<MtfTimeframe, IndicatorContext>> = {};
  const history: Partial<Record<MtfTimeframe, readonly IndicatorContext[]>> = {};
  for (const timeframe of MTF_TIMEFRAMES) {
    const candles = await source.closedCandles(
      timeframe,
      [{ symbol, after: undefined }],
      lastClosedOpen(timeframe, now),
      COLD_WINDOW,
    );
    book.feed(symbol, timeframe, { reset: true, candles: candles.get(symbol) ?? [] }, tickSize);
    const view = book.view(symbol, timeframe);
    if (view) {
      contexts[timeframe] = view.context;
      history[timeframe] = view.history;
    }
  }
  return { contexts, history };
}

/** The market a decision on `symbol` at `now` sees: what the planner reads from those contexts. */
export async function symbolMarketSnapshot(
  source: ClosedCandleSource,
  symbol: string,
  now: number,
  tickSize?: number,
): Promise<MarketSnapshot> {
  return marketSnapshot((await symbolContexts(source, symbol, now, tickSize)).contexts);
}

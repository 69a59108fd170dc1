import { evaluateSymbol } from '../mtf/cascade/evaluateSymbol.ts';
import type { SymbolDecision } from '../mtf/cascade/SymbolDecision.ts';
import type { MtfConfig } from '../mtf/config/MtfConfig.ts';
import { TIMEFRAMES, type Timeframe } from '../mtf/timeframes.ts';
import type { StoreDatabase } from '../store/openDatabase.ts';
import { lastClosedOpen } from './candles/candleFeeds.ts';
import { StoreCandleSource } from './candles/StoreCandleSource.ts';
import { COLD_WINDOW, IndicatorBook } from './evaluation/IndicatorBook.ts';

/**
 * One symbol's full decision from the stored candles, warmed cold exactly as a runner's first run
 * would (the same window, the same book), with `timeframe` forced as the execution timeframe when
 * the profile executes on it. For the diagnose command: nothing is written.
 */
export async function diagnoseSymbol(
  db: StoreDatabase,
  config: MtfConfig,
  symbol: string,
  timeframe: Timeframe,
  now: number,
): Promise<SymbolDecision> {
  const source = new StoreCandleSource(db);
  const book = new IndicatorBook();
  const contexts: Parameters<typeof evaluateSymbol>[1]['contexts'] = {};
  const history: Record<string, readonly NonNullable<(typeof contexts)[Timeframe]>[]> = {};
  for (const tf of TIMEFRAMES) {
    const candles = await source.closedCandles(
      tf,
      [{ symbol, after: undefined }],
      lastClosedOpen(tf, now),
      COLD_WINDOW,
    );
    book.feed(symbol, tf, { reset: true, candles: candles.get(symbol) ?? [] }, undefined);
    const view = book.view(symbol, tf);
    if (view) {
      contexts[tf] = view.context;
      history[tf] = view.history;
    }
  }
  return evaluateSymbol(config, {
    symbol,
    contexts,
    history,
    now,
    ...(config.executionTimeframes.includes(timeframe) ? { currentTf: timeframe } : {}),
  });
}

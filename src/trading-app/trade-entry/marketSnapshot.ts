import type { IndicatorContext } from '../indicators/IndicatorContext.ts';
import type { MtfTimeframe } from '../mtf/timeframes.ts';
import type { MarketSnapshot, TimeframeValues } from './TradeEntry.ts';

/** What the planner reads from a symbol's indicator contexts: each timeframe's values and the day's pivots. */
export function marketSnapshot(contexts: Partial<Record<MtfTimeframe, IndicatorContext>>): MarketSnapshot {
  const timeframes: Partial<Record<MtfTimeframe, TimeframeValues>> = {};
  let pivots: Record<string, number> | null = null;
  for (const [timeframe, context] of Object.entries(contexts) as [MtfTimeframe, IndicatorContext][]) {
    timeframes[timeframe] = {
      close: context.close,
      atr: context.atr ?? null,
      vwap: context.vwap ?? null,
      vwapWindow: context.vwapWindow ?? null,
      sma21: context.sma[21] ?? null,
      volumeRatio: context.volumeRatio ?? null,
    };
    pivots ??= context.pivots ? { ...context.pivots } : null;
  }
  return { timeframes, pivots };
}

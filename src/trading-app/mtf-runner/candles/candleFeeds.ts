import { TIMEFRAME_MS } from '../../../exchange/port/types.ts';
import { MTF_TIMEFRAMES, type MtfTimeframe } from '../../mtf/timeframes.ts';
import type { EvaluationJob } from '../evaluation/EvaluationJob.ts';
import { COLD_WINDOW, type SeriesFeed } from '../evaluation/IndicatorBook.ts';
import type { ClosedCandleSource } from './ClosedCandleSource.ts';

/** Per symbol, the last open time each timeframe's evaluator has folded in. */
export type Cursors = Map<string, Partial<Record<MtfTimeframe, number>>>;

/** Open time of the last candle closed at `now`. */
export function lastClosedOpen(timeframe: MtfTimeframe, now: number): number {
  const length = TIMEFRAME_MS[timeframe];
  return Math.floor(now / length) * length - length;
}

/**
 * Decides, per (symbol, timeframe), between the incremental read (candles after the cursor) and a
 * cold one (the last COLD_WINDOW candles, state reset). Cold when: never seen; the cursor is after
 * the last closed candle (a run at an earlier `now`: the state holds candles that are the future
 * for this run); or more than COLD_WINDOW candles were missed (re-warming is cheaper then).
 */
export async function buildJobs(
  source: ClosedCandleSource,
  symbols: readonly string[],
  cursors: Cursors,
  now: number,
  tickSizes: ReadonlyMap<string, number>,
): Promise<EvaluationJob[]> {
  const feeds = new Map<string, Partial<Record<MtfTimeframe, SeriesFeed>>>(symbols.map((symbol) => [symbol, {}]));
  await Promise.all(
    MTF_TIMEFRAMES.map(async (timeframe) => {
      const last = lastClosedOpen(timeframe, now);
      const length = TIMEFRAME_MS[timeframe];
      const wants = symbols.map((symbol) => {
        const cursor = cursors.get(symbol)?.[timeframe];
        const usable = cursor !== undefined && cursor <= last && (last - cursor) / length <= COLD_WINDOW;
        return { symbol, after: usable ? cursor : undefined };
      });
      const candles = await source.closedCandles(timeframe, wants, last, COLD_WINDOW);
      for (const want of wants) {
        const perSymbol = feeds.get(want.symbol) as Partial<Record<MtfTimeframe, SeriesFeed>>;
        perSymbol[timeframe] = { reset: want.after === undefined, candles: candles.get(want.symbol) ?? [] };
      }
    }),
  );
  return symbols.map((symbol) => ({
    symbol,
    tickSize: tickSizes.get(symbol),
    feeds: feeds.get(symbol) as Partial<Record<MtfTimeframe, SeriesFeed>>,
  }));
}

/** Symbols with at least one timeframe to read cold (they need their tick size for the ATR floor). */
export function coldSymbols(symbols: readonly string[], cursors: Cursors): string[] {
  return symbols.filter((symbol) => MTF_TIMEFRAMES.some((timeframe) => cursors.get(symbol)?.[timeframe] === undefined));
}

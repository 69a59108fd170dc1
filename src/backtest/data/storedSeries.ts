import type { ContractSpec } from '../../simulator/market/index.ts';
import { type MinuteSeries, MinuteSeriesBuilder } from '../../simulator/replay/index.ts';
import type { KlineStore } from '../../trading-app/market-data/KlineStore.ts';
import { CandleTimeline, describeProblems, isClean } from './candleTimeline.ts';

const MINUTE_MS = 60_000;
const PAGE = 10_000;

/** Data a backtest cannot run on honestly: absent, or with holes, repeats or overlaps. Each line names one. */
export class BacktestDataError extends Error {
  override readonly name = 'BacktestDataError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

/**
 * The stored 1m candles of one contract for a backtest over [fromMs, toMs), from `warmupMs` before
 * it when the store has them (the indicators' history), else from the first stored candle, which
 * must not come after `fromMs`. Every candle from there to `toMs` must be there once: the check runs
 * over the whole range and reports every problem before anything runs.
 */
export async function loadStoredSeries(
  klines: KlineStore,
  spec: ContractSpec,
  range: { fromMs: number; toMs: number; warmupMs: number },
): Promise<{ series: MinuteSeries; historyFromMs: number }> {
  const symbol = spec.symbol;
  const wanted = range.fromMs - range.warmupMs;
  let page = await klines.closedBetween(symbol, '1m', wanted, range.toMs, PAGE);
  const first = page[0];
  if (!first || first.openTime > range.fromMs) {
    const where = first ? `the first one is at ${new Date(first.openTime).toISOString()}` : 'none at all';
    throw new BacktestDataError([
      `${symbol}: no stored 1m candle at --from ${new Date(range.fromMs).toISOString()} (${where}); fetch them (bitmart:fetch-klines) or import a file (klines:import)`,
    ]);
  }
  const historyFromMs = Math.ceil(first.openTime / MINUTE_MS) * MINUTE_MS;
  const timeline = new CandleTimeline(MINUTE_MS, historyFromMs, range.toMs);
  const builder = new MinuteSeriesBuilder(symbol, spec.tickSize);
  let refused: string | undefined;
  while (page.length > 0) {
    for (const kline of page) {
      timeline.add(kline.openTime);
      // The builder stops at the first hole; the timeline goes on to name every one.
      if (refused === undefined) {
        try {
          builder.append(kline);
        } catch (error) {
          refused = error instanceof Error ? error.message : String(error);
        }
      }
    }
    const last = page.at(-1)?.openTime ?? range.toMs;
    page = page.length < PAGE ? [] : await klines.closedBetween(symbol, '1m', last + 1, range.toMs, PAGE);
  }
  const problems = timeline.finish();
  if (!isClean(problems)) throw new BacktestDataError(describeProblems(`${symbol} 1m`, problems, MINUTE_MS));
  // On the grid and complete, yet refused: a price off the tick or a range that does not hold its open and close.
  if (refused !== undefined) throw new BacktestDataError([refused]);
  return { series: builder.build(), historyFromMs };
}

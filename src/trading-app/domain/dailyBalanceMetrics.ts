import { Dec } from '../../platform/decimal/index.ts';
import type { DailyBalanceMetricDto } from '../TradingAppServices.ts';

/** First and last equity seen on one UTC day, as stored (decimal strings). */
export interface DailyEquityRange {
  /** YYYY-MM-DD, UTC. */
  readonly day: string;
  readonly firstEquity: string;
  readonly lastEquity: string;
}

/** ROI is a ratio: 12 decimals are a hundred-millionth of a basis point, and keep it finite. */
const ROI_DECIMALS = 12;

/**
 * Daily PnL and ROI from equity snapshots. A day opens at the equity it started with: the last
 * snapshot before 00:00 UTC when there is one (so consecutive days chain and their PnL adds up to
 * the whole period's), else the day's first snapshot. It closes at its last snapshot. Exact
 * decimal arithmetic; ROI is null when the opening equity is zero.
 *
 * @param previousEquity equity of the last snapshot before the first day, if any
 * @param days ascending, only days that have snapshots
 */
export function computeDailyBalanceMetrics(
  previousEquity: string | undefined,
  days: readonly DailyEquityRange[],
): DailyBalanceMetricDto[] {
  let carried = previousEquity;
  return days.map((range) => {
    const opening = new Dec(carried ?? range.firstEquity);
    const closing = new Dec(range.lastEquity);
    const pnl = closing.minus(opening);
    carried = range.lastEquity;
    return {
      day: range.day,
      opening_equity: opening.toFixed(),
      closing_equity: closing.toFixed(),
      pnl: pnl.toFixed(),
      roi: opening.isZero() ? null : pnl.div(opening).toDecimalPlaces(ROI_DECIMALS).toFixed(),
    };
  });
}

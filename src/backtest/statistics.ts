import { Dec } from '../platform/decimal/index.ts';
import type { TradeRecord } from './collectTrades.ts';
import type { EquityPoint } from './summary.ts';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** Crypto trades every day of the year: daily ratios are annualised over 365 days. */
const DAYS_PER_YEAR = 365;
const REFUSED_PREFIX = 'refused: ';

/** One group of closed trades (a symbol, an exit reason, a side, a day). */
export interface TradeGroup {
  readonly trades: number;
  readonly wins: number;
  readonly losses: number;
  readonly net_pnl: string;
  readonly fees: string;
  readonly funding: string;
}

/** The account's equity at the end of one UTC day and the day's change (open positions at their uPnL). */
export interface EquityDay {
  readonly day: string;
  readonly equity: string;
  readonly pnl: string;
  readonly trades_closed: number;
}

/**
 * The figures beyond the summary's, defined in the README (Backtest metrics). Ratios are floats
 * rounded to 4 places (statistics, not money); money stays exact.
 */
export interface BacktestStatistics {
  readonly days: number;
  readonly annualised_return_pct: number | null;
  readonly max_drawdown_duration_minutes: number;
  readonly sharpe: number | null;
  readonly sortino: number | null;
  readonly calmar: number | null;
  readonly expectancy_usdt: string | null;
  readonly expectancy_r: number | null;
  readonly average_win_r: number | null;
  readonly average_loss_r: number | null;
  readonly average_holding_minutes_winners: number | null;
  readonly average_holding_minutes_losers: number | null;
  readonly best_trade: { readonly decision_key: string; readonly net_pnl: string } | null;
  readonly worst_trade: { readonly decision_key: string; readonly net_pnl: string } | null;
  readonly best_day: EquityDay | null;
  readonly worst_day: EquityDay | null;
  readonly longest_winning_streak: number;
  readonly longest_losing_streak: number;
  readonly exposure_pct: number;
  readonly refused_by_limit: Readonly<Record<string, number>>;
  readonly by_symbol: Readonly<Record<string, TradeGroup>>;
  readonly by_exit_reason: Readonly<Record<string, TradeGroup>>;
  readonly by_side: Readonly<Record<string, TradeGroup>>;
  readonly daily: readonly EquityDay[];
}

export interface StatisticsInput {
  readonly trades: readonly TradeRecord[];
  readonly equity: readonly EquityPoint[];
  readonly balanceUsdt: Dec;
  readonly fromMs: number;
  readonly toMs: number;
  readonly notTraded: Readonly<Record<string, number>>;
}

export function analyse(input: StatisticsInput): BacktestStatistics {
  const closed = input.trades
    .filter((trade) => trade.status === 'closed')
    .sort(
      (a, b) => (a.closed_at ?? '').localeCompare(b.closed_at ?? '') || a.decision_key.localeCompare(b.decision_key),
    );
  const daily = dailyEquity(input.equity, input.balanceUsdt, closed);
  const returns = dailyReturns(daily, input.balanceUsdt);
  const final = input.equity.at(-1)?.equity ?? input.balanceUsdt;
  const years = (input.toMs - input.fromMs) / DAY_MS / DAYS_PER_YEAR;
  const growth = final.div(input.balanceUsdt).toNumber();
  // Hours compounded to a year say nothing: a run shorter than a day has no annual figures.
  const annualised = input.toMs - input.fromMs >= DAY_MS && growth > 0 ? growth ** (1 / years) - 1 : null;
  const drawdown = drawdownFraction(input.equity);
  const nets = closed.map((trade) => new Dec(trade.realized_pnl_net ?? '0'));
  const rs = closed.flatMap((trade) => (trade.r_multiple === null ? [] : [Number(trade.r_multiple)]));
  const winners = closed.filter((_, index) => nets[index]?.gt(0));
  const losers = closed.filter((_, index) => nets[index]?.lt(0));
  const byNet = closed.map((trade, index) => ({ trade, net: nets[index] ?? new Dec(0) }));
  const best = byNet.reduce<(typeof byNet)[number] | undefined>((a, b) => (!a || b.net.gt(a.net) ? b : a), undefined);
  const worst = byNet.reduce<(typeof byNet)[number] | undefined>((a, b) => (!a || b.net.lt(a.net) ? b : a), undefined);
  const days = daily.slice().sort((a, b) => new Dec(a.pnl).cmp(new Dec(b.pnl)) || a.day.localeCompare(b.day));
  return {
    days: daily.length,
    annualised_return_pct: annualised === null ? null : round(annualised * 100),
    max_drawdown_duration_minutes: drawdownDurationMs(input.equity) / MINUTE_MS,
    sharpe: ratio(mean(returns), standardDeviation(returns)),
    sortino: ratio(mean(returns), downsideDeviation(returns)),
    calmar: annualised === null || drawdown === 0 ? null : round(annualised / drawdown),
    expectancy_usdt: nets.length === 0 ? null : sum(nets).div(nets.length).toDecimalPlaces(8).toFixed(),
    expectancy_r: roundOrNull(mean(rs)),
    average_win_r: roundOrNull(mean(rs.filter((r) => r > 0))),
    average_loss_r: roundOrNull(mean(rs.filter((r) => r < 0))),
    average_holding_minutes_winners: roundOrNull(mean(winners.map(holdingMinutes))),
    average_holding_minutes_losers: roundOrNull(mean(losers.map(holdingMinutes))),
    best_trade: best ? { decision_key: best.trade.decision_key, net_pnl: best.net.toFixed() } : null,
    worst_trade: worst ? { decision_key: worst.trade.decision_key, net_pnl: worst.net.toFixed() } : null,
    best_day: days.at(-1) ?? null,
    worst_day: days[0] ?? null,
    longest_winning_streak: longestRun(nets, (net) => net.gt(0)),
    longest_losing_streak: longestRun(nets, (net) => net.lt(0)),
    exposure_pct: round((exposedMs(input.trades, input.fromMs, input.toMs) / (input.toMs - input.fromMs)) * 100),
    refused_by_limit: Object.fromEntries(
      Object.entries(input.notTraded)
        .filter(([key]) => key.startsWith(REFUSED_PREFIX))
        .map(([key, count]) => [key.slice(REFUSED_PREFIX.length), count]),
    ),
    by_symbol: groupBy(closed, (trade) => trade.symbol),
    by_exit_reason: groupBy(closed, (trade) => trade.exit_reason ?? 'unknown'),
    by_side: groupBy(closed, (trade) => trade.side),
    daily,
  };
}

/** The last equity of each UTC day the run covers, and its change from the day before (the first from the balance). */
function dailyEquity(equity: readonly EquityPoint[], balance: Dec, closed: readonly TradeRecord[]): EquityDay[] {
  const lastOfDay = new Map<string, Dec>();
  for (const point of equity) lastOfDay.set(dayOf(point.timeMs), point.equity);
  const closedPerDay = new Map<string, number>();
  for (const trade of closed) {
    const day = trade.closed_at?.slice(0, 10);
    if (day) closedPerDay.set(day, (closedPerDay.get(day) ?? 0) + 1);
  }
  let previous = balance;
  return [...lastOfDay].map(([day, value]) => {
    const pnl = value.sub(previous);
    previous = value;
    return { day, equity: value.toFixed(), pnl: pnl.toFixed(), trades_closed: closedPerDay.get(day) ?? 0 };
  });
}

function dailyReturns(daily: readonly EquityDay[], balance: Dec): number[] {
  let previous = balance;
  return daily.map(({ equity }) => {
    const value = new Dec(equity);
    const change = previous.isZero() ? 0 : value.div(previous).sub(1).toNumber();
    previous = value;
    return change;
  });
}

/** The largest fall from a running peak, as a fraction of that peak. */
function drawdownFraction(equity: readonly EquityPoint[]): number {
  let peak = Number.NEGATIVE_INFINITY;
  let worst = 0;
  for (const point of equity) {
    const value = point.equity.toNumber();
    peak = Math.max(peak, value);
    if (peak > 0) worst = Math.max(worst, (peak - value) / peak);
  }
  return worst;
}

/** The longest time equity spent below a previous peak: from the peak until it is regained, or until the end. */
function drawdownDurationMs(equity: readonly EquityPoint[]): number {
  let peak: EquityPoint | undefined;
  let longest = 0;
  for (const point of equity) {
    if (!peak || point.equity.gte(peak.equity)) peak = point;
    else longest = Math.max(longest, point.timeMs - peak.timeMs);
  }
  return longest;
}

/** Time in [from, to) with at least one trade open (the union of their open intervals). */
function exposedMs(trades: readonly TradeRecord[], fromMs: number, toMs: number): number {
  const intervals = trades
    .filter((trade) => trade.opened_at !== null)
    .map((trade) => [
      Math.max(fromMs, Date.parse(trade.opened_at ?? '')),
      Math.min(toMs, trade.closed_at ? Date.parse(trade.closed_at) : toMs),
    ])
    .filter(([start = 0, end = 0]) => end > start)
    .sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
  let total = 0;
  let coveredUntil = Number.NEGATIVE_INFINITY;
  for (const [start = 0, end = 0] of intervals) {
    const from = Math.max(start, coveredUntil);
    if (end > from) total += end - from;
    coveredUntil = Math.max(coveredUntil, end);
  }
  return total;
}

function groupBy(closed: readonly TradeRecord[], keyOf: (trade: TradeRecord) => string): Record<string, TradeGroup> {
  const groups = new Map<string, TradeRecord[]>();
  for (const trade of closed) groups.set(keyOf(trade), [...(groups.get(keyOf(trade)) ?? []), trade]);
  return Object.fromEntries(
    [...groups]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, trades]) => {
        const nets = trades.map((trade) => new Dec(trade.realized_pnl_net ?? '0'));
        return [
          key,
          {
            trades: trades.length,
            wins: nets.filter((net) => net.gt(0)).length,
            losses: nets.filter((net) => net.lt(0)).length,
            net_pnl: sum(nets).toFixed(),
            fees: sum(trades.map((trade) => new Dec(trade.fees ?? '0'))).toFixed(),
            funding: sum(trades.map((trade) => new Dec(trade.funding ?? '0'))).toFixed(),
          },
        ];
      }),
  );
}

function longestRun(nets: readonly Dec[], counts: (net: Dec) => boolean): number {
  let longest = 0;
  let current = 0;
  for (const net of nets) {
    current = counts(net) ? current + 1 : 0;
    longest = Math.max(longest, current);
  }
  return longest;
}

function holdingMinutes(trade: TradeRecord): number {
  return (Date.parse(trade.closed_at ?? '') - Date.parse(trade.opened_at ?? '')) / MINUTE_MS;
}

const sum = (values: readonly Dec[]) => values.reduce((total, value) => total.add(value), new Dec(0));
const dayOf = (timeMs: number) => new Date(timeMs).toISOString().slice(0, 10);

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((total, value) => total + value, 0) / values.length;
}

/** Sample standard deviation (n − 1). */
function standardDeviation(values: readonly number[]): number | null {
  const average = mean(values);
  if (average === null || values.length < 2) return null;
  return Math.sqrt(values.reduce((total, value) => total + (value - average) ** 2, 0) / (values.length - 1));
}

/** Root mean square of the losing days' returns over all days (the days without a loss count as 0). */
function downsideDeviation(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  return Math.sqrt(values.reduce((total, value) => total + Math.min(value, 0) ** 2, 0) / values.length);
}

/** A daily mean over a daily deviation, annualised by √365; none when the deviation is none or zero. */
function ratio(average: number | null, deviation: number | null): number | null {
  if (average === null || deviation === null || deviation === 0) return null;
  return round((average / deviation) * Math.sqrt(DAYS_PER_YEAR));
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

function roundOrNull(value: number | null): number | null {
  return value === null ? null : round(value);
}

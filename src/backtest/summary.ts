import { Dec } from '../platform/decimal/index.ts';
import type { TradeRecord } from './collectTrades.ts';

/** The account's equity (balance + unrealised PnL) at one moment. */
export interface EquityPoint {
  readonly timeMs: number;
  readonly equity: Dec;
}

/** The figures of a backtest, as exact decimal strings (their definitions: `summarize`). */
export interface BacktestSummary {
  readonly initial_balance: string;
  readonly final_equity: string;
  readonly net_profit: string;
  readonly return_pct: string;
  readonly max_drawdown_usdt: string;
  readonly max_drawdown_pct: string;
  readonly trades_closed: number;
  readonly trades_open: number;
  readonly wins: number;
  readonly losses: number;
  readonly win_rate_pct: string | null;
  readonly profit_factor: string | null;
  readonly gross_pnl: string;
  readonly fees: string;
  readonly funding: string;
  readonly net_pnl_closed: string;
}

const HUNDRED = new Dec(100);
const sum = (values: readonly Dec[]) => values.reduce((total, value) => total.add(value), new Dec(0));
const decOf = (value: string | null) => new Dec(value ?? '0');

/**
 * - net profit: final equity − initial balance (open positions at their unrealised PnL);
 *   return: that in % of the initial balance;
 * - max drawdown: the largest fall of equity from its running peak, in USDT and (separately, its
 *   own largest) in % of that peak, on the equity sampled every minute;
 * - win rate: closed trades with a positive net PnL (after fees and funding) in % of closed trades;
 * - profit factor: the net PnL of winners over that of losers (none without a losing trade);
 * - gross, fees (positive = paid), funding (positive = received) and net: sums over closed trades,
 *   net = gross − fees + funding (docs/decisions/0021-trade-accounting-from-the-venue.md).
 */
export function summarize(input: {
  trades: readonly TradeRecord[];
  equity: readonly EquityPoint[];
  balanceUsdt: Dec;
}): BacktestSummary {
  const { trades, equity, balanceUsdt } = input;
  const closed = trades.filter((trade) => trade.status === 'closed');
  const nets = closed.map((trade) => decOf(trade.realized_pnl_net));
  const winners = nets.filter((net) => net.gt(0));
  const losers = nets.filter((net) => net.lt(0));
  const final = equity.at(-1)?.equity ?? balanceUsdt;
  const netProfit = final.sub(balanceUsdt);
  const drawdown = maxDrawdown(equity);
  const lost = sum(losers).abs();
  return {
    initial_balance: balanceUsdt.toFixed(),
    final_equity: final.toFixed(),
    net_profit: netProfit.toFixed(),
    return_pct: netProfit.div(balanceUsdt).mul(HUNDRED).toDecimalPlaces(4).toFixed(),
    max_drawdown_usdt: drawdown.usdt.toFixed(),
    max_drawdown_pct: drawdown.pct.toDecimalPlaces(4).toFixed(),
    trades_closed: closed.length,
    trades_open: trades.length - closed.length,
    wins: winners.length,
    losses: losers.length,
    win_rate_pct:
      closed.length === 0 ? null : new Dec(winners.length).div(closed.length).mul(HUNDRED).toDecimalPlaces(2).toFixed(),
    profit_factor: lost.isZero() ? null : sum(winners).div(lost).toDecimalPlaces(4).toFixed(),
    gross_pnl: sum(closed.map((trade) => decOf(trade.realized_pnl_gross))).toFixed(),
    fees: sum(closed.map((trade) => decOf(trade.fees))).toFixed(),
    funding: sum(closed.map((trade) => decOf(trade.funding))).toFixed(),
    net_pnl_closed: sum(nets).toFixed(),
  };
}

function maxDrawdown(equity: readonly EquityPoint[]): { usdt: Dec; pct: Dec } {
  let peak: Dec | undefined;
  let usdt = new Dec(0);
  let pct = new Dec(0);
  for (const { equity: value } of equity) {
    if (!peak || value.gt(peak)) peak = value;
    const fall = peak.sub(value);
    if (fall.gt(usdt)) usdt = fall;
    if (peak.gt(0) && fall.div(peak).mul(HUNDRED).gt(pct)) pct = fall.div(peak).mul(HUNDRED);
  }
  return { usdt, pct };
}

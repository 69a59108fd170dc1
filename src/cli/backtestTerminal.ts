import type { BacktestResult, BacktestSeries } from '../backtest/runBacktest.ts';
import type { Dec } from '../platform/decimal/index.ts';
import { type FeeRates, feesText } from '../trading-app/backtests/backtestParameters.ts';
import { formatTable } from './table.ts';

const MINUTE_MS = 60_000;

/** A backtest for a person: what ran on what, each trade, the figures, what did not trade, the hashes. */
export function printBacktest(
  run: { profile: string; from: number; to: number; balance: Dec; fees?: FeeRates; slippage: number },
  series: readonly BacktestSeries[],
  result: BacktestResult,
  hashes: { input: string; output: string },
): string {
  const lines: string[] = [];
  lines.push(`backtest ${run.profile} from ${minute(run.from)} to ${minute(run.to)}, ${run.balance.toFixed()} USDT`);
  const fees = run.fees ? `fees maker,taker ${feesText(run.fees)}` : "the contracts' fees";
  lines.push(`  ${fees}, slippage ${run.slippage} bps on market and stop fills`);
  for (const { spec, series: candles } of series) {
    const history = (run.from - candles.startMs) / MINUTE_MS;
    lines.push(
      `  ${spec.symbol}: ${candles.length} 1m candles from ${minute(candles.startMs)} (${history} before the start)`,
    );
  }
  lines.push('', `trades (${result.trades.length})`);
  lines.push(
    formatTable(
      ['symbol', 'side', 'opened', 'closed', 'entry', 'exit', 'qty', 'gross', 'fees', 'funding', 'net', 'exit reason'],
      result.trades.map((trade) => [
        trade.symbol,
        trade.side,
        shortTime(trade.opened_at),
        shortTime(trade.closed_at),
        trade.entry_price ?? '',
        trade.exit_price ?? '',
        trade.quantity ?? '',
        trade.realized_pnl_gross ?? '',
        trade.fees ?? '',
        trade.funding ?? '',
        trade.realized_pnl_net ?? '',
        trade.exit_reason ?? trade.status,
      ]),
    ),
  );
  const { summary, statistics } = result;
  const shown = (value: string | number | null) => (value === null ? 'n/a' : String(value));
  lines.push(
    formatTable(
      ['figure', 'value'],
      [
        ['net profit (USDT)', summary.net_profit],
        ['return (%)', summary.return_pct],
        ['annualised return (%)', shown(statistics.annualised_return_pct)],
        ['max drawdown (USDT)', summary.max_drawdown_usdt],
        ['max drawdown (%)', summary.max_drawdown_pct],
        ['max drawdown duration (min)', String(statistics.max_drawdown_duration_minutes)],
        [
          'Sharpe / Sortino / Calmar',
          [statistics.sharpe, statistics.sortino, statistics.calmar].map(shown).join(' / '),
        ],
        ['trades closed / open', `${summary.trades_closed} / ${summary.trades_open}`],
        ['win rate (%)', summary.win_rate_pct ?? 'n/a'],
        ['profit factor', summary.profit_factor ?? 'n/a'],
        ['expectancy (USDT / R)', `${shown(statistics.expectancy_usdt)} / ${shown(statistics.expectancy_r)}`],
        ['exposure time (%)', String(statistics.exposure_pct)],
        ['gross PnL, closed (USDT)', summary.gross_pnl],
        ['fees paid (USDT)', summary.fees],
        ['funding received (USDT)', summary.funding],
        ['final equity (USDT)', summary.final_equity],
      ],
    ),
  );
  const notTraded = Object.entries(result.notTraded);
  if (notTraded.length > 0) {
    lines.push(
      formatTable(
        ['decisions that did not trade', 'count'],
        notTraded.map(([reason, count]) => [reason, String(count)]),
      ),
    );
  }
  lines.push(`input hash   ${hashes.input}`, `output hash  ${hashes.output}`, '');
  return lines.join('\n');
}

function minute(time: number): string {
  return new Date(time).toISOString().slice(0, 16).replace('T', ' ');
}

function shortTime(value: string | null): string {
  return value === null ? '' : value.slice(0, 19).replace('T', ' ');
}

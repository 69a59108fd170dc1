import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Dec } from '../../platform/decimal/index.ts';
import type { BacktestResult, BacktestSeries } from '../runBacktest.ts';
import type { TradeGroup } from '../statistics.ts';
import { chartCandles } from './chartCandles.ts';
import { DRAW_CHARTS } from './drawCharts.ts';

export interface ReportRun {
  readonly profile: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly balance: Dec;
  /** `--fees` as given (`maker,taker`), or absent: the contracts' own rates. */
  readonly fees?: string;
  readonly slippageBps: number;
}

/** TradingView's chart library as one script, inlined so the file opens with no server. */
/** The fees and slippage the run was charged: the given rates, else each contract's own. */
function costsText(run: ReportRun, series: readonly BacktestSeries[]): string {
  const fees = run.fees
    ? `fees maker,taker ${run.fees}`
    : `fees maker,taker as the contracts': ${series.map(({ spec }) => `${spec.symbol} ${spec.makerFeeRate.toFixed()},${spec.takerFeeRate.toFixed()}`).join('; ')}`;
  return `${fees} · slippage ${run.slippageBps} bps`;
}

function chartLibrary(): string {
  // The package exports only its ES module and package.json; the standalone build sits beside them.
  const manifest = createRequire(import.meta.url).resolve('lightweight-charts/package.json');
  return readFileSync(join(dirname(manifest), 'dist', 'lightweight-charts.standalone.production.js'), 'utf8');
}

/**
 * The backtest as one self-contained HTML file: the figures, the equity curve and its drawdown, each
 * symbol's candles with the trades, and the tables (trades, per symbol, per exit reason, per side,
 * per day, what did not trade). Everything is in the file; the same result gives the same bytes.
 */
export function htmlReport(
  run: ReportRun,
  series: readonly BacktestSeries[],
  result: BacktestResult,
  hashes: { input: string; output: string },
): string {
  const { summary, statistics } = result;
  const data = {
    equity: result.equity.map((point) => ({ time: point.timeMs / 1000, value: point.equity.toNumber() })),
    symbols: series.map(({ spec, series: candles }) => ({
      symbol: spec.symbol,
      ...chartCandles(candles, spec.tickSize, run.fromMs, run.toMs),
      trades: result.trades
        .filter((trade) => trade.symbol === spec.symbol)
        .map((trade) => ({
          side: trade.side,
          opened: trade.opened_at ? Date.parse(trade.opened_at) / 1000 : null,
          closed: trade.closed_at ? Date.parse(trade.closed_at) / 1000 : null,
          exit: trade.exit_reason,
          net: trade.realized_pnl_net,
        })),
    })),
  };
  const figures: [string, string][] = [
    ['net profit (USDT)', summary.net_profit],
    ['return (%)', summary.return_pct],
    ['annualised return (%)', text(statistics.annualised_return_pct)],
    ['max drawdown (USDT / %)', `${summary.max_drawdown_usdt} / ${summary.max_drawdown_pct}`],
    ['max drawdown duration', duration(statistics.max_drawdown_duration_minutes)],
    ['Sharpe / Sortino / Calmar', [statistics.sharpe, statistics.sortino, statistics.calmar].map(text).join(' / ')],
    ['profit factor', text(summary.profit_factor)],
    ['win rate (%)', text(summary.win_rate_pct)],
    ['trades closed / open', `${summary.trades_closed} / ${summary.trades_open}`],
    ['expectancy (USDT / R)', `${text(statistics.expectancy_usdt)} / ${text(statistics.expectancy_r)}`],
    ['average win / loss (R)', `${text(statistics.average_win_r)} / ${text(statistics.average_loss_r)}`],
    [
      'average holding, winners / losers',
      `${durationOrNone(statistics.average_holding_minutes_winners)} / ${durationOrNone(statistics.average_holding_minutes_losers)}`,
    ],
    ['fees paid / funding received (USDT)', `${summary.fees} / ${summary.funding}`],
    ['best / worst trade (USDT)', `${text(statistics.best_trade?.net_pnl)} / ${text(statistics.worst_trade?.net_pnl)}`],
    ['best / worst day (USDT)', `${dayText(statistics.best_day)} / ${dayText(statistics.worst_day)}`],
    ['longest streak, wins / losses', `${statistics.longest_winning_streak} / ${statistics.longest_losing_streak}`],
    ['exposure time (%)', String(statistics.exposure_pct)],
    ['final equity (USDT)', summary.final_equity],
  ];
  const title = `Backtest ${run.profile} ${iso(run.fromMs)} → ${iso(run.toMs)}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${escapeHtml(series.map(({ spec }) => spec.symbol).join(', '))} · balance ${escapeHtml(run.balance.toFixed())} USDT ·
${escapeHtml(costsText(run, series))} ·
input hash <code>${hashes.input}</code> · output hash <code>${hashes.output}</code></p>
<section><h2>Figures</h2>${table(['figure', 'value'], figures)}</section>
<section><h2>Equity</h2><div id="equity" class="chart"></div><h2>Drawdown (%)</h2><div id="drawdown" class="chart small"></div></section>
<section id="candles"><h2>Candles and trades</h2></section>
<section><h2>Trades (${result.trades.length})</h2>${table(
    [
      'symbol',
      'side',
      'opened',
      'closed',
      'entry',
      'exit',
      'qty',
      'gross',
      'fees',
      'funding',
      'net',
      'R',
      'exit reason',
    ],
    result.trades.map((trade) => [
      trade.symbol,
      trade.side,
      time(trade.opened_at),
      time(trade.closed_at),
      text(trade.entry_price),
      text(trade.exit_price),
      text(trade.quantity),
      text(trade.realized_pnl_gross),
      text(trade.fees),
      text(trade.funding),
      text(trade.realized_pnl_net),
      text(trade.r_multiple),
      trade.exit_reason ?? trade.status,
    ]),
  )}</section>
<section><h2>Per symbol</h2>${groupTable('symbol', statistics.by_symbol)}</section>
<section><h2>Per exit reason</h2>${groupTable('exit reason', statistics.by_exit_reason)}</section>
<section><h2>Long / short</h2>${groupTable('side', statistics.by_side)}</section>
<section><h2>Per day (UTC)</h2>${table(
    ['day', 'equity', 'PnL', 'trades closed'],
    statistics.daily.map((day) => [day.day, day.equity, day.pnl, String(day.trades_closed)]),
  )}</section>
<section><h2>Decisions that did not trade</h2>${table(
    ['status: reason', 'count'],
    Object.entries(result.notTraded).map(([reason, count]) => [reason, String(count)]),
  )}</section>
<script type="application/json" id="report-data">${scriptJson(data)}</script>
<script>${chartLibrary()}</script>
<script>${DRAW_CHARTS}</script>
</body>
</html>
`;
}

function groupTable(name: string, groups: Readonly<Record<string, TradeGroup>>): string {
  return table(
    [name, 'trades', 'wins', 'losses', 'net PnL', 'fees', 'funding'],
    Object.entries(groups).map(([key, group]) => [
      key,
      String(group.trades),
      String(group.wins),
      String(group.losses),
      group.net_pnl,
      group.fees,
      group.funding,
    ]),
  );
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '<p class="none">none</p>';
  const head = headers.map((header) => `<th>${escapeHtml(header)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** JSON inside a script element: `<` escaped so no value can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function text(value: string | number | null | undefined): string {
  return value === null || value === undefined ? 'n/a' : String(value);
}

function dayText(day: { day: string; pnl: string } | null): string {
  return day ? `${day.pnl} (${day.day})` : 'n/a';
}

function duration(minutes: number): string {
  const days = Math.floor(minutes / 1_440);
  const hours = Math.floor((minutes % 1_440) / 60);
  const rest = new Dec(minutes % 60).toDecimalPlaces(1).toFixed();
  return `${days > 0 ? `${days} d ` : ''}${hours > 0 || days > 0 ? `${hours} h ` : ''}${rest} min`;
}

function durationOrNone(minutes: number | null): string {
  return minutes === null ? 'n/a' : duration(minutes);
}

function iso(timeMs: number): string {
  return new Date(timeMs).toISOString().slice(0, 16).replace('T', ' ');
}

function time(value: string | null): string {
  return value === null ? '' : value.slice(0, 19).replace('T', ' ');
}

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:24px;background:#0d1117;color:#c9d1d9}
h1{font-size:20px}h2{font-size:16px;margin-top:24px}code{font-size:12px}.meta{color:#8b949e}
table{border-collapse:collapse;margin:8px 0}th,td{padding:3px 10px;border-bottom:1px solid #30363d;text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left}.chart{height:320px;max-width:1200px}.small{height:180px}.none{color:#8b949e}`;

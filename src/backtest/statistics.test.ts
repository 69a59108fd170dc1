import { describe, expect, it } from 'vitest';
import { Dec } from '../platform/decimal/index.ts';
import type { TradeRecord } from './collectTrades.ts';
import { analyse } from './statistics.ts';

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 5);
const iso = (ms: number) => new Date(ms).toISOString();

function trade(
  key: string,
  fields: Partial<TradeRecord> & { opened: number; closed: number; net: string },
): TradeRecord {
  return {
    decision_key: key,
    symbol: 'BTCUSDT',
    side: 'long',
    status: 'closed',
    entry_price: '100',
    quantity: '1',
    exit_reason: 'stop_loss',
    exit_price: '99',
    realized_pnl_gross: fields.net,
    fees: '1',
    funding: '0',
    realized_pnl_net: fields.net,
    r_multiple: null,
    accounting: 'final',
    opened_at: iso(fields.opened),
    closed_at: iso(fields.closed),
    ...fields,
  };
}

describe('backtest statistics', () => {
  // Three days: 1000 → 1100 (+10 %) → 990 (−10 %) → 1089 (+10 %), each day's last sample.
  const equity = [
    { timeMs: START, equity: new Dec(1000) },
    { timeMs: START + DAY - 60_000, equity: new Dec(1100) },
    { timeMs: START + DAY + 3_600_000, equity: new Dec(1210) },
    { timeMs: START + 2 * DAY - 60_000, equity: new Dec(990) },
    { timeMs: START + 3 * DAY - 60_000, equity: new Dec(1089) },
  ];
  const trades = [
    trade('A', {
      opened: START + 3_600_000,
      closed: START + 7_200_000,
      net: '100',
      exit_reason: 'tp1',
      r_multiple: '2',
    }),
    trade('B', { opened: START + DAY, closed: START + DAY + 1_800_000, net: '-40', r_multiple: '-1' }),
    trade('C', { opened: START + DAY + 900_000, closed: START + DAY + 2_700_000, net: '-30', side: 'short' }),
    trade('D', { opened: START + 2 * DAY, closed: START + 2 * DAY + 600_000, net: '50', r_multiple: '1' }),
    { ...trade('E', { opened: START + 3 * DAY - 600_000, closed: 0, net: '0' }), status: 'open', closed_at: null },
  ];
  const statistics = analyse({
    trades,
    equity,
    balanceUsdt: new Dec(1000),
    fromMs: START,
    toMs: START + 3 * DAY,
    notTraded: { 'refused: max_concurrent_positions': 3, 'skipped: zone_too_far_from_price': 2 },
  });

  it('works on the daily UTC equity: returns, Sharpe, Sortino, best and worst day', () => {
    expect(statistics.daily).toEqual([
      { day: '2026-01-05', equity: '1100', pnl: '100', trades_closed: 1 },
      { day: '2026-01-06', equity: '990', pnl: '-110', trades_closed: 2 },
      { day: '2026-01-07', equity: '1089', pnl: '99', trades_closed: 1 },
    ]);
    // Returns 0.1, −0.1, 0.1: mean 1/30; deviations 1/15, −2/15, 1/15 → sample variance
    // (1 + 4 + 1)/225 / 2 = 1/75, σ = 0.115470; mean/σ = 0.288675; × √365 (19.104973) = 5.5151.
    expect(statistics.sharpe).toBe(5.5151);
    // Downside deviation √(0.01 / 3) = 0.057735; (1/30) / 0.057735 × √365 = 11.0303.
    expect(statistics.sortino).toBe(11.0303);
    expect(statistics.best_day).toMatchObject({ day: '2026-01-05', pnl: '100' });
    expect(statistics.worst_day).toMatchObject({ day: '2026-01-06', pnl: '-110' });
    expect(statistics.days).toBe(3);
  });

  it('annualises the return over 365 days and divides it by the drawdown for Calmar', () => {
    // 1.089^(365/3) − 1, in %.
    const annualised = (1.089 ** (365 / 3) - 1) * 100;
    expect(statistics.annualised_return_pct).toBeCloseTo(annualised, 0);
    // The largest fall: 1210 → 990, 18.1818 % of the peak.
    expect(statistics.calmar).toBeCloseTo(annualised / 100 / (220 / 1210), 2);
    // From the peak at day 1 01:00 to the last sample (day 3 23:59), never regained: 2 days less 61 min.
    expect(statistics.max_drawdown_duration_minutes).toBe(2 * 1_440 - 61);
  });

  it('gives expectancy, R, holding times, streaks and the trade extremes', () => {
    expect(statistics.expectancy_usdt).toBe('20');
    expect(statistics.expectancy_r).toBe(0.6667);
    expect(statistics.average_win_r).toBe(1.5);
    expect(statistics.average_loss_r).toBe(-1);
    expect(statistics.average_holding_minutes_winners).toBe(35);
    expect(statistics.average_holding_minutes_losers).toBe(30);
    expect(statistics.longest_winning_streak).toBe(1);
    expect(statistics.longest_losing_streak).toBe(2);
    expect(statistics.best_trade).toEqual({ decision_key: 'A', net_pnl: '100' });
    expect(statistics.worst_trade).toEqual({ decision_key: 'B', net_pnl: '-40' });
  });

  it('counts exposure once where trades overlap, and the open one until the end', () => {
    // 60 min (A) + 45 min (B and C overlap: 00:00-00:45) + 10 min (D) + 10 min (E, open) of 3 days.
    expect(statistics.exposure_pct).toBe(Math.round(((125 * 60_000) / (3 * DAY)) * 100 * 10_000) / 10_000);
  });

  it('groups closed trades by symbol, exit reason and side, and names the refusals by limit', () => {
    expect(statistics.by_exit_reason).toEqual({
      stop_loss: { trades: 3, wins: 1, losses: 2, net_pnl: '-20', fees: '3', funding: '0' },
      tp1: { trades: 1, wins: 1, losses: 0, net_pnl: '100', fees: '1', funding: '0' },
    });
    expect(statistics.by_side).toMatchObject({ long: { trades: 3 }, short: { trades: 1, net_pnl: '-30' } });
    expect(statistics.by_symbol).toMatchObject({ BTCUSDT: { trades: 4, net_pnl: '80' } });
    expect(statistics.refused_by_limit).toEqual({ max_concurrent_positions: 3 });
  });
});

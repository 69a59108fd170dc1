import { describe, expect, it } from 'vitest';
import { type BacktestResult, type BacktestRun, runBacktest } from '../../src/backtest/runBacktest.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { FundingRates } from '../../src/simulator/market/fundingRates.ts';
import { CONTRACT_CATALOG } from '../../src/simulator/market/index.ts';
import { hashString } from '../../src/simulator/market/SeededRandom.ts';
import { MinuteSeries, type RecordedCandle } from '../../src/simulator/replay/index.ts';
import { candle, flatMinutes } from './candles.ts';

/**
 * Hand-made candles through the whole platform as it trades live (app, worker, engine on the
 * manual clock), with outcomes worked out by hand. The decision is the seeds' execute route at
 * 10:00:10 on three days of flat history at 100000.0, ATR given as 100 (the MTF schedule is off,
 * so nothing else trades). The planner makes of it (asserted below, then taken as given): long 156
 * contracts (0.001 BTC each), zone 99900–100100, stop 99799.4, TP1 100240.7 for 93 contracts, TP2
 * 100401.2 for the rest, trailing 1.5 × 100 behind the best price after TP1. The worker rests a
 * maker bid at the touch, 99999.9, and closes by itself 0.05 % before a stop or a target
 * (config/orders.yaml), before the exchange's trigger; the book's touch is one tick from the last
 * price; maker 0.02 %, taker 0.06 %.
 */
const BTC = CONTRACT_CATALOG.find((spec) => spec.symbol === 'BTCUSDT')!;
const T0 = Date.UTC(2026, 0, 5, 10, 0);
const at = (minute: number, start = T0) => start + minute * 60_000;

/** The decision at `start` + 10 s; the entry's minute, then `after`, then three quiet minutes. */
async function scenario(
  after: readonly RecordedCandle[],
  start = T0,
  costs: Pick<BacktestRun, 'fees' | 'slippageBps'> = {},
): Promise<{ result: BacktestResult; plan: unknown }> {
  const candles = [
    ...flatMinutes(start - 3 * 86_400_000, 3 * 1_440 + 1, '100000.0'),
    // Up to 100020 first (nearer), then down through the bid at 99999.9 to 99950: the entry fills.
    candle(at(1, start), '100000.0', '100020.0', '99950.0', '100010.0'),
    ...after,
    ...flatMinutes(at(2 + after.length, start), 3, after.at(-1)?.close.toFixed() ?? '100000.0'),
  ];
  let plan: unknown;
  const result = await runBacktest({
    profile: 'scalper_micro',
    series: [{ spec: BTC, series: MinuteSeries.of('BTCUSDT', BTC.tickSize, candles) }],
    fromMs: start,
    toMs: at(5 + after.length, start),
    balanceUsdt: new Dec(10_000),
    env: { MTF_WORKERS_CRON: 'off' },
    ...costs,
    onStart: async (platform) => {
      await platform.runUntil(start + 10_000);
      const response = await fetch(`${platform.appUrl}/api/trade-entry/execute`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ symbol: 'BTCUSDT', side: 'long', atr_value: 100, client_order_id: 'hand-1' }),
      });
      plan = ((await response.json()) as { raw: { plan: unknown } }).raw.plan;
    },
  });
  return { result, plan };
}

describe('hand-made candles through the live path', () => {
  it('enters in the zone, takes TP1 and closes the rest on the trailing stop: exact PnL, fees and exit reason', async () => {
    const { result, plan } = await scenario([
      // 10:02: low first (10 against 290), then up to 100300. The worker takes TP1 itself at
      // 100190.6 (the tick at or above 100240.7 × 0.9995), then its stop trails to 100300 − 150 =
      // 100150.0, and the exchange's stop follows.
      candle(at(2), '100010.0', '100300.0', '100000.0', '100280.0'),
      // 10:03: high first (10 against 180), then down: the worker closes the rest at 100200.0 (the
      // tick at or below 100150.0 × 1.0005), before the exchange's stop.
      candle(at(3), '100280.0', '100290.0', '100100.0', '100120.0'),
    ]);
    expect(plan).toMatchObject({
      size: '156',
      stop: '99799.4',
      zone: { low: '99900', high: '100100' },
      targets: [
        { size: '93', price: '100240.7' },
        { size: '63', price: '100401.2' },
      ],
    });
    expect(result.trades).toHaveLength(1);
    const [trade] = result.trades;
    expect(trade).toMatchObject({
      status: 'closed',
      side: 'long',
      entry_price: '99999.9',
      quantity: '156',
      exit_reason: 'trailing',
      // The average of both legs: (93 × 100190.5 + 63 × 100199.9) / 156.
      exit_price: '100194.296153846154',
      accounting: 'final',
      // Market closes sell at the bid, a tick under the print. TP1: 93 × 0.001 × (100190.5 − 99999.9) =
      // 17.7258; the rest: 63 × 0.001 × (100199.9 − 99999.9) = 12.6.
      realized_pnl_gross: '30.3258',
      // Entry (maker) 99999.9 × 0.156 × 0.0002 = 3.11999688; TP1 (taker) 100190.5 × 0.093 × 0.0006 =
      // 5.5906299; the rest (taker) 100199.9 × 0.063 × 0.0006 = 3.78755622.
      fees: '12.498183',
      funding: '0',
      realized_pnl_net: '17.827617',
      // The bid is met 201/700 of the way from 100020 (15 s) to 99950 (30 s): 19.307 s; the record
      // keeps whole seconds.
      opened_at: new Date(at(1) + 19_000).toISOString(),
    });
    expect(result.summary).toMatchObject({ net_profit: '17.827617', trades_closed: 1, wins: 1, win_rate_pct: '100' });
    expect(result.statistics).toMatchObject({
      expectancy_usdt: '17.827617',
      longest_winning_streak: 1,
      longest_losing_streak: 0,
      best_trade: { decision_key: trade?.decision_key, net_pnl: '17.827617' },
      by_exit_reason: { trailing: { trades: 1, wins: 1, losses: 0, net_pnl: '17.827617', fees: '12.498183' } },
      by_side: { long: { trades: 1, net_pnl: '17.827617' } },
    });
  }, 120_000);

  it('gaps through the stop: closed at the open of the next candle, a tick under it', async () => {
    const { result } = await scenario([
      // 10:02 opens at 99700.0, below the stop at 99799.4: nothing traded in between.
      candle(at(2), '99700.0', '99750.0', '99650.0', '99700.0'),
    ]);
    expect(result.trades).toHaveLength(1);
    expect(result.trades[0]).toMatchObject({
      status: 'closed',
      exit_reason: 'stop_loss',
      exit_price: '99699.9',
      closed_at: new Date(at(2)).toISOString(),
      // 156 × 0.001 × (99699.9 − 99999.9)
      realized_pnl_gross: '-46.8',
      // 3.11999688 for the entry, 99699.9 × 0.156 × 0.0006 = 9.33191064 for the stop.
      fees: '12.45190752',
      realized_pnl_net: '-59.25190752',
    });
    expect(result.summary).toMatchObject({ net_profit: '-59.25190752', losses: 1, profit_factor: '0' });
    expect(result.statistics).toMatchObject({
      longest_losing_streak: 1,
      worst_trade: { net_pnl: '-59.25190752' },
      by_exit_reason: { stop_loss: { trades: 1, losses: 1, net_pnl: '-59.25190752' } },
      average_holding_minutes_winners: null,
    });
  }, 120_000);

  it('charges the given fee rates and moves the market fill of the stop against us by the slippage', async () => {
    const { result } = await scenario([candle(at(2), '99700.0', '99750.0', '99650.0', '99700.0')], T0, {
      fees: { maker: new Dec('0.0001'), taker: new Dec('0.0008') },
      slippageBps: 10,
    });
    expect(result.trades).toHaveLength(1);
    expect(result.trades[0]).toMatchObject({
      status: 'closed',
      exit_reason: 'stop_loss',
      // The entry rests at 99999.9: a limit order, no slippage. The stop sells at the bid 99699.9
      // × (1 − 0.0010) = 99600.2001, down to the tick: 99600.2 (99.7 lower than without slippage).
      entry_price: '99999.9',
      exit_price: '99600.2',
      // 156 × 0.001 × (99600.2 − 99999.9)
      realized_pnl_gross: '-62.3532',
      // Entry (maker 0.01 %) 99999.9 × 0.156 × 0.0001 = 1.55999844; the stop (taker 0.08 %)
      // 99600.2 × 0.156 × 0.0008 = 12.43010496.
      fees: '13.9901034',
      // 17.09139588 worse than the same candles at the contract's fees and no slippage (-59.25190752).
      realized_pnl_net: '-76.3433034',
    });
    expect(result.summary).toMatchObject({ net_profit: '-76.3433034', fees: '13.9901034' });
  }, 120_000);

  it('pays funding at 08:00 UTC on what it holds then', async () => {
    const start = Date.UTC(2026, 0, 5, 7, 30);
    const { result } = await scenario(
      [
        // Quiet at 100010.0 from 07:32 through 08:01 (the settlement), then a gap through the stop.
        ...flatMinutes(at(2, start), 30, '100010.0'),
        candle(at(32, start), '99700.0', '99750.0', '99650.0', '99700.0'),
      ],
      start,
    );
    // The simulator's seeded rate of the period that settles at 08:00; a long pays rate × mark notional.
    const rate = new FundingRates(0, hashString('BTCUSDT'), 8).info('BTCUSDT', Date.UTC(2026, 0, 5, 8)).rate;
    const funding = rate.mul('100010.0').mul('0.156').neg().toDecimalPlaces(12);
    expect(funding.isZero()).toBe(false);
    expect(result.trades[0]).toMatchObject({
      exit_reason: 'stop_loss',
      realized_pnl_gross: '-46.8',
      fees: '12.45190752',
      funding: funding.toFixed(),
      realized_pnl_net: new Dec('-59.25190752').add(funding).toFixed(),
    });
  }, 120_000);
});

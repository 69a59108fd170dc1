import { beforeAll, describe, expect, it } from 'vitest';
import { seededHistory } from '../../src/backtest/data/seededHistory.ts';
import { inputHash, outputHash } from '../../src/backtest/hashes.ts';
import { type BacktestResult, HISTORY_BEFORE_START_MS, runBacktest } from '../../src/backtest/runBacktest.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { CONTRACT_CATALOG } from '../../src/simulator/market/index.ts';
import { MinuteSeries } from '../../src/simulator/replay/index.ts';

/**
 * One hour of the seeded simulator's BTCUSDT history (with 50 days of warm-up) through the shipped
 * scalper_micro, twice, then cut at 06:20: the same inputs give the same bytes, and data after a
 * moment changes nothing that happened before it.
 */
const BTC = CONTRACT_CATALOG.find((spec) => spec.symbol === 'BTCUSDT')!;
const FROM = Date.UTC(2026, 0, 5, 6, 0);
const TO = FROM + 3_600_000;
const CUT = FROM + 20 * 60_000;
const series = MinuteSeries.of(
  'BTCUSDT',
  BTC.tickSize,
  seededHistory({ seed: 42, symbol: 'BTCUSDT', fromMs: FROM - HISTORY_BEFORE_START_MS, toMs: TO }),
);
const backtest = (toMs: number) =>
  runBacktest({
    profile: 'scalper_micro',
    series: [{ spec: BTC, series }],
    fromMs: FROM,
    toMs,
    balanceUsdt: new Dec(10_000),
    seed: 42,
  });
let first: BacktestResult;
let second: BacktestResult;
let cut: BacktestResult;

beforeAll(async () => {
  first = await backtest(TO);
  second = await backtest(TO);
  cut = await backtest(CUT);
}, 300_000);

describe('a backtest', () => {
  it('trades on the seeded history (so the comparisons below compare something)', () => {
    expect(first.trades.filter((trade) => trade.status === 'closed').length).toBeGreaterThanOrEqual(2);
    expect(first.trades.some((trade) => Date.parse(trade.closed_at ?? '') < CUT)).toBe(true);
  });

  it('gives the same output hash for the same inputs, and the input hash names the data', () => {
    expect(outputHash(second)).toBe(outputHash(first));
    const inputs = {
      codeVersion: 'test',
      profile: 'scalper_micro',
      fromMs: FROM,
      toMs: TO,
      balanceUsdt: '10000',
      seed: 42,
      fees: null,
      slippageBps: 0,
      configFiles: [],
    };
    const hash = inputHash({ ...inputs, series: [{ spec: BTC, series }] });
    expect(inputHash({ ...inputs, series: [{ spec: BTC, series }] })).toBe(hash);
    const other = MinuteSeries.of(
      'BTCUSDT',
      BTC.tickSize,
      seededHistory({ seed: 43, symbol: 'BTCUSDT', fromMs: FROM - 60_000, toMs: TO }),
    );
    expect(inputHash({ ...inputs, series: [{ spec: BTC, series: other }] })).not.toBe(hash);
    // The fees and the slippage change the outcome, so they name the inputs too.
    expect(inputHash({ ...inputs, fees: '0.0002,0.0006', series: [{ spec: BTC, series }] })).not.toBe(hash);
    expect(inputHash({ ...inputs, slippageBps: 5, series: [{ spec: BTC, series }] })).not.toBe(hash);
  });

  it('decides nothing before a moment differently when the data stops there', () => {
    const touchedBeforeCut = (result: BacktestResult) =>
      result.trades.filter(
        (trade) => Date.parse(trade.closed_at ?? '') < CUT || Date.parse(trade.opened_at ?? '') < CUT,
      );
    const closedBefore = (result: BacktestResult) =>
      touchedBeforeCut(result).filter((trade) => Date.parse(trade.closed_at ?? '') < CUT);
    expect(closedBefore(cut)).toEqual(closedBefore(first));
    expect(touchedBeforeCut(cut).map((trade) => [trade.decision_key, trade.entry_price, trade.quantity])).toEqual(
      touchedBeforeCut(first).map((trade) => [trade.decision_key, trade.entry_price, trade.quantity]),
    );
    expect(cut.equity).toEqual(first.equity.filter((point) => point.timeMs <= CUT));
  });
});

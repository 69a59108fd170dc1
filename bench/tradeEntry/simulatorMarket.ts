import type { Kline } from '../../src/exchange/port/types.ts';
import { TIMEFRAME_MS } from '../../src/exchange/port/types.ts';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { createSimulatedVenue, type SimulatedVenue } from '../../src/simulator/adapter/index.ts';
import { createEngine } from '../../src/simulator/engine/index.ts';
import { createMarket } from '../../src/simulator/market/index.ts';
import { buildIndicatorContext } from '../../src/trading-app/indicators/buildIndicatorContext.ts';
import type { IndicatorCandle } from '../../src/trading-app/indicators/IndicatorCandle.ts';
import type { IndicatorContext } from '../../src/trading-app/indicators/IndicatorContext.ts';
import { MTF_TIMEFRAMES, type MtfTimeframe } from '../../src/trading-app/mtf/timeframes.ts';
import { marketSnapshot } from '../../src/trading-app/trade-entry/marketSnapshot.ts';
import type { MarketSnapshot } from '../../src/trading-app/trade-entry/TradeEntry.ts';

/** The simulator's demo balance (`SIM_BALANCE_USDT`'s default), which `up` trades with. */
const BALANCE_USDT = 10_000;

/**
 * The seeded simulator venue in process, standing still at `at` (its clock never moves): the same
 * exchange port the app reads its preflight from, with no network in between.
 */
export function simulatedVenueAt(seed: number, at: number): SimulatedVenue {
  const clock = new ManualClock(at);
  const market = createMarket({ seed, clock });
  const engine = createEngine({ market, clock, seed });
  engine.start();
  const { accountId } = engine.createAccount({
    apiKey: 'bench-key',
    apiSecret: 'bench-secret',
    apiMemo: 'bench-memo',
    balanceUsdt: new Dec(BALANCE_USDT),
  });
  return createSimulatedVenue({ engine, market, clock, accountId });
}

/**
 * Each symbol's market snapshot at `now`, computed as the MTF runner computes it for a READY
 * decision (every timeframe's indicator context over the candles closed by `now`), from klines of
 * the simulator's market; a forming candle is left out.
 */
export function snapshotsAt(klines: readonly Kline[], now: number): Map<string, MarketSnapshot> {
  const series = new Map<string, Map<MtfTimeframe, IndicatorCandle[]>>();
  for (const kline of klines) {
    const timeframe = kline.timeframe as MtfTimeframe;
    if (kline.openTime + TIMEFRAME_MS[timeframe] > now) continue;
    let bySymbol = series.get(kline.symbol);
    if (!bySymbol) {
      bySymbol = new Map();
      series.set(kline.symbol, bySymbol);
    }
    let candles = bySymbol.get(timeframe);
    if (!candles) {
      candles = [];
      bySymbol.set(timeframe, candles);
    }
    candles.push({
      openTime: kline.openTime,
      open: kline.open.toNumber(),
      high: kline.high.toNumber(),
      low: kline.low.toNumber(),
      close: kline.close.toNumber(),
      volume: kline.volume.toNumber(),
    });
  }
  const snapshots = new Map<string, MarketSnapshot>();
  for (const [symbol, bySymbol] of series) {
    const contexts: Partial<Record<MtfTimeframe, IndicatorContext>> = {};
    for (const timeframe of MTF_TIMEFRAMES) {
      const candles = bySymbol.get(timeframe);
      if (candles) contexts[timeframe] = buildIndicatorContext(symbol, timeframe, candles);
    }
    snapshots.set(symbol, marketSnapshot(contexts));
  }
  return snapshots;
}

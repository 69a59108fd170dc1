import { Dec } from '../../platform/decimal/index.ts';
import type { MtfTimeframe } from '../mtf/timeframes.ts';
import type { TradeEntryProfile } from './config/TradeEntryProfile.ts';
import type { PivotLevels } from './planner/pivots.ts';
import type { PlanInput } from './planner/TradePlan.ts';
import type { Preflight } from './preflight.ts';
import type { MarketSnapshot, TradeEntryRequest } from './TradeEntry.ts';

/** Below this, `volume_ratio_ok` fails (the MTF condition's default). */
const VOLUME_RATIO_OK = 1;

/** The planner's input from a decision, its market snapshot, the venue's preflight and the profile. */
export function planInputFrom(
  request: TradeEntryRequest & { readonly market: MarketSnapshot },
  preflight: Preflight,
  profile: TradeEntryProfile,
): PlanInput {
  const { timeframes, pivots } = request.market;
  const atr: Partial<Record<MtfTimeframe, Dec>> = {};
  for (const [timeframe, values] of Object.entries(timeframes) as [MtfTimeframe, { atr: number | null }][]) {
    if (values.atr !== null && Number.isFinite(values.atr) && values.atr > 0) atr[timeframe] = new Dec(values.atr);
  }
  const zone = timeframes[profile.zone.timeframe];
  const execution = timeframes[request.executionTimeframe];
  const positive = (value: number | null | undefined) =>
    value !== null && value !== undefined && Number.isFinite(value) && value > 0 ? new Dec(value) : undefined;
  return {
    symbol: request.symbol,
    side: request.side === 'LONG' ? 'long' : 'short',
    executionTimeframe: request.executionTimeframe,
    profile,
    contract: preflight.contract,
    book: preflight.book,
    account: preflight.account,
    market: {
      atr,
      // The zone hangs from the VWAP of the last 200 candles, as the original's did (the daily VWAP
      // is the conditions'; by the afternoon it sits far from any price a zone could reach).
      anchors: { vwap: positive(zone?.vwapWindow) ?? positive(zone?.vwap), sma21: positive(zone?.sma21) },
      pivots: pivots ? pivotLevels(pivots) : undefined,
      volumeRatioOk:
        execution?.volumeRatio === null || execution?.volumeRatio === undefined
          ? undefined
          : execution.volumeRatio >= VOLUME_RATIO_OK,
    },
  };
}

/** The snapshot's pivots (indicator floats) as the planner's levels; non-finite ones dropped. */
export function pivotLevels(pivots: Readonly<Record<string, number>>): PivotLevels {
  return Object.fromEntries(
    Object.entries(pivots)
      .filter(([, value]) => Number.isFinite(value))
      .map(([key, value]) => [key, new Dec(value)]),
  );
}

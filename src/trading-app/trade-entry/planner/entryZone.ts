import { Dec } from '../../../platform/decimal/index.ts';
import type { Grid } from './grid.ts';
import { type Skipped, skip } from './skip.ts';
import type { PlanInput, TradePlan } from './TradePlan.ts';

/**
 * The zone a maker entry may fill in (reference: pivox/tradingV3 `EntryZoneCalculator`): around
 * the VWAP (or SMA21) of the zone's timeframe, half-width = k × ATR clamped between the profile's
 * minimum and maximum share of the anchor; the low edge rounds down, the high edge up.
 */
export function entryZone(input: PlanInput, grid: Grid): TradePlan['zone'] | Skipped {
  const rules = input.profile.zone;
  const { vwap, sma21 } = input.market.anchors;
  const preferred = rules.anchor === 'vwap' ? vwap : sma21;
  const anchorName = preferred ? rules.anchor : rules.anchor === 'vwap' ? 'sma21' : 'vwap';
  const anchor = preferred ?? (rules.anchor === 'vwap' ? sma21 : vwap);
  if (!anchor || anchor.lte(0)) return skip('no_zone_anchor', `no VWAP or SMA21 on ${rules.timeframe} yet`);
  const atr = input.market.atr[rules.timeframe];
  if (!atr || atr.lte(0)) return skip('atr_not_ready', `ATR ${rules.timeframe} is not warm yet`);
  const half = Dec.min(Dec.max(atr.mul(rules.kAtr), anchor.mul(rules.widthMin)), anchor.mul(rules.widthMax));
  return {
    low: grid.down(anchor.sub(half)),
    high: grid.up(anchor.add(half)),
    anchor: anchorName,
    ttlSeconds: rules.ttlSeconds,
  };
}

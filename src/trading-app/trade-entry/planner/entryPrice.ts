import { Dec } from '../../../platform/decimal/index.ts';
import type { Grid } from './grid.ts';
import { type Skipped, skip } from './skip.ts';
import type { PlanInput, TradePlan } from './TradePlan.ts';

/**
 * The price the trade is planned at (reference: pivox/tradingV3 `OrderPlanBuilder::build`): a
 * limit inside the spread, kept near the mark, moved into the zone when the zone is near the
 * market. Unlike the original, a zone too far from the mark refuses the trade (it only warned and
 * entered outside it): the signal's anchor has run away from the price.
 */
export function entryPrice(input: PlanInput, zone: TradePlan['zone'], grid: Grid): Dec | Skipped {
  const { side } = input;
  const { bid, ask, mark } = input.book;
  const rules = input.profile.entry;
  const tick = grid.tick;
  const deviation = (price: Dec) => price.sub(mark).abs().div(mark);
  const touch = side === 'long' ? Dec.min(ask.sub(tick), bid.add(tick)) : Dec.max(bid.add(tick), ask.sub(tick));
  let entry: Dec;
  if (rules.orderType === 'market') {
    entry = side === 'long' ? ask : bid;
    const spread = ask.sub(bid).div(ask.add(bid).div(2));
    if (spread.gt(rules.marketMaxSpread))
      return skip(
        'spread_too_wide',
        `spread ${percent(spread)} > ${percent(new Dec(rules.marketMaxSpread))} for a market entry`,
      );
  } else {
    const inside = tick.mul(rules.insideTicks);
    entry = side === 'long' ? Dec.min(ask.sub(tick), bid.add(inside)) : Dec.max(bid.add(tick), ask.sub(inside));
    if (deviation(entry).gt(rules.maxDeviation)) entry = touch;
    entry = grid.towardLoss(side, entry);
  }
  const zoneDeviation = Dec.max(zone.low.sub(mark).abs(), zone.high.sub(mark).abs()).div(mark);
  if (zoneDeviation.gt(rules.zoneMaxDeviation)) {
    return skip(
      'zone_too_far_from_price',
      `zone ${zone.low.toFixed()}..${zone.high.toFixed()} is ${percent(zoneDeviation)} from the mark ${mark.toFixed()} (limit ${percent(new Dec(rules.zoneMaxDeviation))})`,
    );
  }
  entry = grid.towardLoss(side, Dec.min(Dec.max(entry, zone.low), zone.high));
  if (entry.lte(tick) || deviation(entry).gt(rules.implausibleDeviation)) entry = grid.towardLoss(side, touch);
  if (entry.lt(zone.low) || entry.gt(zone.high)) {
    return skip('entry_outside_zone', `entry ${entry.toFixed()} outside ${zone.low.toFixed()}..${zone.high.toFixed()}`);
  }
  return entry;
}

export function percent(fraction: Dec): string {
  return `${fraction.mul(100).toSignificantDigits(4).toFixed()} %`;
}

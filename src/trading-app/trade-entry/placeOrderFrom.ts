import type { PlaceOrderRequest } from '../../contracts/api/placeOrder.ts';
import type { TradeEntryProfile } from './config/TradeEntryProfile.ts';
import type { TradePlan } from './planner/TradePlan.ts';
import type { MarketSnapshot } from './TradeEntry.ts';

/**
 * The worker's `POST /api/place-order` body for a plan (docs/reference/seed-contracts.md#place-order fields, plus the
 * trade management of decision 0019). The decision key is the request id: the worker derives its client
 * order ids from it, so sending it again (a retry, a restart, another run) can never place twice.
 */
export function placeOrderFrom(
  decisionKey: string,
  plan: TradePlan,
  profile: TradeEntryProfile,
  market: MarketSnapshot,
  metadata: Record<string, string>,
): PlaceOrderRequest {
  const [tp1, tp2] = plan.targets;
  const firstFraction = profile.targets.targets[0]?.fraction ?? 1;
  const trailing = profile.trailing;
  const trailingAtr = trailing ? market.timeframes[trailing.atrTimeframe]?.atr : null;
  const fallback = profile.entry.endOfZoneFallback;
  return {
    id: decisionKey,
    symbol: plan.symbol,
    side: plan.side,
    entry_zone_min: plan.zone.low.toFixed(),
    entry_zone_max: plan.zone.high.toFixed(),
    quantity: plan.size.toFixed(),
    leverage: plan.leverage,
    stop_loss: plan.stop.toFixed(),
    ...(tp1 && tp2
      ? { targets: [{ price: tp1.price.toFixed(), fraction: String(firstFraction) }, { price: tp2.price.toFixed() }] }
      : tp1
        ? { take_profit: tp1.price.toFixed() }
        : {}),
    // Trailing moves the stop after TP1: it needs two targets, and the chandelier an ATR.
    ...(trailing && tp2
      ? trailing.afterTp1 === 'break_even'
        ? { trailing: { mode: 'break_even' as const } }
        : trailingAtr
          ? { trailing: { mode: 'atr_chandelier' as const, atr: String(trailingAtr), atr_k: trailing.atrK } }
          : {}
      : {}),
    ...(trailing?.hardTimeStopSeconds ? { time_stop_seconds: trailing.hardTimeStopSeconds } : {}),
    ...(fallback && fallback.secondsBeforeEnd < plan.zone.ttlSeconds
      ? {
          fallback_end_of_zone: {
            seconds_before_end: fallback.secondsBeforeEnd,
            max_spread_bps: Number((fallback.maxSpread * 10_000).toFixed(4)),
            max_slippage_bps: Number((fallback.maxSlippage * 10_000).toFixed(4)),
            only_within_zone: fallback.onlyWithinZone,
          },
        }
      : {}),
    timeout_seconds: plan.zone.ttlSeconds,
    metadata,
  };
}

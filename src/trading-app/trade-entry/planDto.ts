import type { TradePlan } from './planner/TradePlan.ts';
import type { Preflight } from './preflight.ts';

/** A plan as the API and the audit show it: decimals as strings, nothing lost. */
export interface PlanDto {
  readonly symbol: string;
  readonly side: 'long' | 'short';
  readonly zone: { readonly low: string; readonly high: string; readonly anchor: string; readonly ttl_seconds: number };
  readonly entry: string;
  readonly stop: string;
  readonly stop_source: string;
  readonly targets: readonly { readonly price: string; readonly size: string; readonly r_multiple: string }[];
  readonly size: string;
  readonly contract_size: string;
  readonly leverage: number;
  readonly margin_mode: string;
  readonly risk_usdt: string;
  readonly notional: string;
  readonly margin: string;
  readonly stop_distance_pct: string;
}

export function planDto(plan: TradePlan): PlanDto {
  return {
    symbol: plan.symbol,
    side: plan.side,
    zone: {
      low: plan.zone.low.toFixed(),
      high: plan.zone.high.toFixed(),
      anchor: plan.zone.anchor,
      ttl_seconds: plan.zone.ttlSeconds,
    },
    entry: plan.entry.toFixed(),
    stop: plan.stop.toFixed(),
    stop_source: plan.stopSource,
    targets: plan.targets.map((target) => ({
      price: target.price.toFixed(),
      size: target.size.toFixed(),
      r_multiple: target.rMultiple.toFixed(),
    })),
    size: plan.size.toFixed(),
    contract_size: plan.contractSize.toFixed(),
    leverage: plan.leverage,
    margin_mode: plan.marginMode,
    risk_usdt: plan.riskUsdt.toDecimalPlaces(8).toFixed(),
    notional: plan.notional.toDecimalPlaces(8).toFixed(),
    margin: plan.margin.toDecimalPlaces(8).toFixed(),
    stop_distance_pct: plan.stopDistance.mul(100).toDecimalPlaces(4).toFixed(),
  };
}

export function preflightDto(preflight: Preflight): Record<string, string | number> {
  return {
    bid: preflight.book.bid.toFixed(),
    ask: preflight.book.ask.toFixed(),
    mark: preflight.book.mark.toFixed(),
    available_usdt: preflight.account.available.toFixed(),
    equity_usdt: preflight.account.equity.toFixed(),
    open_positions: preflight.account.openPositions,
    tick_size: preflight.contract.tickSize.toFixed(),
    contract_size: preflight.contract.contractSize.toFixed(),
  };
}

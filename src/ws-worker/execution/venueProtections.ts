import type { PlanOrder } from '../../exchange/port/types.ts';
import { stopClientOrderId, targetClientOrderId } from './clientOrderIds.ts';
import { closingSideOf } from './closeOrders.ts';
import type { ExchangeTrigger, PositionRecord } from './records.ts';
import { betterStop } from './tradePlan.ts';

/**
 * Orders sent past the last one the store recorded that are still looked for: the hot path and
 * the protections write the store behind the send, so a crash may leave the latest unrecorded.
 */
const UNRECORDED_LOOKAHEAD = 3;

/** A position's protections as the venue lists them (current plan orders of its symbol). */
export interface VenueProtections {
  /** Every stop-loss plan on the position's closing side: ours, its preset, anyone's. */
  readonly stops: readonly PlanOrder[];
  /** Our stop order with the highest number `n` (`<base>s<n>`), if any is waiting. */
  readonly ourStop: { readonly plan: PlanOrder; readonly n: number } | undefined;
  /** TP1's order with the highest number (`<base>t1`, `<base>t1v<n>`), if any is waiting. */
  readonly target: { readonly plan: PlanOrder; readonly n: number } | undefined;
}

/** Finds the position's protections in the venue's list, ours by their deterministic client order ids. */
export function protectionsOnVenue(plans: readonly PlanOrder[], position: PositionRecord): VenueProtections {
  const side = closingSideOf(position.side);
  const mine = plans.filter((plan) => plan.symbol === position.symbol && plan.side === side);
  const { protections } = position.management;
  const base = position.clientOrderIdBase;
  const latest = (ids: (n: number) => string, recorded: number) => {
    for (let n = recorded + UNRECORDED_LOOKAHEAD; n >= 1; n--) {
      const plan = mine.find((candidate) => candidate.clientOrderId === ids(n));
      if (plan) return { plan, n };
    }
    return undefined;
  };
  return {
    stops: mine.filter((plan) => plan.kind === 'stop_loss'),
    ourStop: latest((n) => stopClientOrderId(base, n), protections.stopOrders),
    target: latest((n) => targetClientOrderId(base, 1, n), protections.targetOrders),
  };
}

/**
 * The record takes what the venue lists: our latest stop (a move sent before a crash the store did
 * not record included; the worker's stop is then never behind it) or none of ours, and TP1's latest
 * order. TP1's record stays when the venue no longer lists it: whether it filled is for the caller
 * to find out.
 */
export function adoptFromVenue(position: PositionRecord, venue: VenueProtections): void {
  const { protections } = position.management;
  if (venue.ourStop) {
    protections.stop = triggerOf(venue.ourStop.plan);
    protections.stopOrders = Math.max(protections.stopOrders, venue.ourStop.n);
    if (betterStop(position.side, protections.stop.triggerPrice, position.stopLoss)) {
      position.stopLoss = protections.stop.triggerPrice;
      position.management.stopMoved = true;
    }
  } else protections.stop = undefined; // not waiting there (never reached it, or fired): nothing to count on
  if (venue.target) {
    protections.target = triggerOf(venue.target.plan);
    protections.targetOrders = Math.max(protections.targetOrders, venue.target.n);
  }
}

/** The record of one of our trigger orders, as the venue lists it. */
function triggerOf(plan: PlanOrder): ExchangeTrigger {
  return {
    clientOrderId: plan.clientOrderId,
    orderId: plan.orderId,
    triggerPrice: plan.triggerPrice,
    size: plan.size.gt(0) ? plan.size : undefined,
  };
}

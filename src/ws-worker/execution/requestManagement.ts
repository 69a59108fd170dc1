import type { PlaceOrderRequest } from '../../contracts/api/placeOrder.ts';
import { Dec, roundToStep, ZERO } from '../../platform/decimal/index.ts';
import type { EntryRecord, Management } from './records.ts';
import type { FallbackRule, Target, Trailing } from './tradePlan.ts';

type ManagementFields = Pick<EntryRecord, 'targets' | 'trailing' | 'timeStopSeconds' | 'fallback'>;

const ONE = new Dec(1);

/**
 * The trade-management fields of a place-order request as the record keeps them: target prices on
 * the tick (the nearest, as the seed's `take_profit`), the last target taking what is left. The
 * schema checked the form; this checks what only the tick and the timeout decide: two targets that
 * round to one price, a fallback window as long as the entry's whole life.
 */
export function managementFields(
  request: PlaceOrderRequest,
  tick: Dec,
  timeoutSeconds: number,
): { ok: true; fields: ManagementFields } | { ok: false; error: string } {
  const given = request.targets ?? (request.take_profit === undefined ? [] : [{ price: request.take_profit }]);
  const targets: Target[] = given.map((target, index) => ({
    price: roundToStep(new Dec(target.price), tick),
    fraction: index === given.length - 1 || target.fraction === undefined ? ONE : new Dec(target.fraction),
  }));
  const [first, second] = targets;
  if (first && second?.price.eq(first.price)) {
    return { ok: false, error: `targets: TP1 and TP2 round to the same price on the tick ${tick.toFixed()}` };
  }
  const rule = request.fallback_end_of_zone;
  if (rule && rule.seconds_before_end >= timeoutSeconds) {
    return {
      ok: false,
      error: `fallback_end_of_zone.seconds_before_end must be shorter than the entry's timeout (${timeoutSeconds} s)`,
    };
  }
  const fallback: FallbackRule | undefined = rule && {
    secondsBeforeEnd: rule.seconds_before_end,
    maxSpreadBps: new Dec(rule.max_spread_bps),
    maxSlippageBps: new Dec(rule.max_slippage_bps),
    onlyWithinZone: rule.only_within_zone ?? true,
  };
  const trailing: Trailing | undefined =
    request.trailing?.mode === 'atr_chandelier'
      ? { mode: 'atr_chandelier', atr: new Dec(request.trailing.atr), atrK: new Dec(request.trailing.atr_k) }
      : request.trailing;
  return { ok: true, fields: { targets, trailing, timeStopSeconds: request.time_stop_seconds, fallback } };
}

/** The management of the position an entry opened, from its first fill at `firstFillAt`. */
export function managementOf(entry: EntryRecord, firstFillAt: number): Management {
  const { timeStopSeconds } = entry;
  return {
    ...freshManagement(entry.targets, entry.stopLoss),
    trailing: entry.trailing,
    timeStopAt: timeStopSeconds === undefined ? undefined : firstFillAt + timeStopSeconds * 1_000,
  };
}

/** A position with its targets and stop and nothing filled, moved or placed yet. */
export function freshManagement(targets: readonly Target[], stopLoss: Dec | undefined): Management {
  return {
    targets,
    trailing: undefined,
    timeStopAt: undefined,
    initialStopLoss: stopLoss,
    entryFilled: ZERO,
    targetsFilled: 0,
    stopMoved: false,
    extreme: undefined,
    targetClosed: { size: ZERO, value: ZERO },
    protections: { stop: undefined, stopOrders: 0, target: undefined, targetOrders: 0, finalTargetOrders: 0 },
  };
}

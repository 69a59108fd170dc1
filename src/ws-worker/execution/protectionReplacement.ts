import type { PlacedProtection, ReplaceProtectionsRequest } from '../../contracts/api/replaceProtections.ts';
import type { PlanOrder } from '../../exchange/port/types.ts';
import { Dec, roundToStep } from '../../platform/decimal/index.ts';
import { MAX_CLOSE_FAILURES } from './context.ts';
import type { Replacement } from './ExchangeProtections.ts';
import type { PositionRecord } from './records.ts';
import { stopAlreadyReached, type Target } from './tradePlan.ts';

const ONE = new Dec(1);

/** The levels a replacement gives the record: the stop, and the targets still to take. */
export interface ReplacementLevels {
  readonly stopLoss: Dec | undefined;
  readonly targets: readonly Target[];
}

/**
 * A `POST /api/positions/:id/protections` request checked against the position and the last
 * price: levels on the tick, a stop the price has not passed (it would close at once), targets
 * still ahead and TP2 beyond TP1. Once TP1 has filled only the last target is read (TP1 stays in
 * the record as filled). A position being closed refuses any change: 409.
 */
export function replacementLevels(
  position: PositionRecord,
  request: ReplaceProtectionsRequest,
  market: { readonly tick: Dec; readonly last: Dec },
): { ok: true; levels: ReplacementLevels } | { ok: false; status: 400 | 409; error: string } {
  const refuse = (status: 400 | 409, error: string) => ({ ok: false as const, status, error });
  if (position.closing) return refuse(409, `position ${position.id} is being closed (${position.closing.reason})`);
  if (position.closeFailures >= MAX_CLOSE_FAILURES) {
    return refuse(409, `position ${position.id} could not be closed ${MAX_CLOSE_FAILURES} times: it needs a hand`);
  }
  const { tick, last } = market;
  const { side } = position;
  const long = side === 'long';
  const at = `the last price is ${last.toFixed()}`;
  const stopLoss = request.stop_loss === undefined ? position.stopLoss : roundToStep(new Dec(request.stop_loss), tick);
  if (request.stop_loss !== undefined && stopLoss) {
    if (stopLoss.lte(0)) return refuse(400, 'stop_loss must round to a price above zero');
    if (stopAlreadyReached(side, stopLoss, last)) {
      return refuse(409, `stop_loss ${stopLoss.toFixed()} is already reached for a ${side}: ${at}`);
    }
  }
  const { management } = position;
  if (!request.targets) return { ok: true, levels: { stopLoss, targets: management.targets } };
  const given = management.targetsFilled > 0 ? request.targets.slice(-1) : request.targets;
  const fresh: Target[] = given.map((target, index) => ({
    price: roundToStep(new Dec(target.price), tick),
    fraction: index === given.length - 1 || target.fraction === undefined ? ONE : new Dec(target.fraction),
  }));
  let previous: Dec | undefined;
  for (const [index, target] of fresh.entries()) {
    const name = fresh.length === 1 ? 'the target' : `target ${index + 1}`;
    if (target.price.lte(0)) return refuse(400, `${name} must round to a price above zero`);
    if (long ? target.price.lte(last) : target.price.gte(last)) {
      return refuse(409, `${name} ${target.price.toFixed()} is already reached for a ${side}: ${at}`);
    }
    if (previous && (long ? target.price.lte(previous) : target.price.gte(previous))) {
      return refuse(400, `target 2 ${target.price.toFixed()} must lie beyond target 1 for a ${side}`);
    }
    previous = target.price;
  }
  const filled = management.targetsFilled > 0 ? management.targets.slice(0, management.targetsFilled) : [];
  return { ok: true, levels: { stopLoss, targets: [...filled, ...fresh] } };
}

/** What `POST /api/positions/:id/protections` answers about the position (the contract's answer). */
export interface ProtectionsView {
  readonly position_id: string;
  readonly size: string;
  readonly stop_loss: string | null;
  readonly targets: readonly { price: string; fraction: string; state: 'open' | 'filled' }[];
  readonly submitted: readonly PlacedProtection[];
  readonly cancelled: readonly string[];
}

export type ProtectionsOutcome =
  | { readonly ok: true; readonly view: ProtectionsView }
  | {
      readonly ok: false;
      readonly status: 400 | 404 | 409 | 502;
      readonly error: string;
      readonly view?: ProtectionsView;
    };

/** The answer: the record as it stands, and what the venue's list gained and lost. */
export function protectionsOutcome(position: PositionRecord, replacement: Replacement): ProtectionsOutcome {
  const { management } = position;
  const view: ProtectionsView = {
    position_id: position.id,
    size: position.size.toFixed(),
    stop_loss: position.stopLoss?.toFixed() ?? null,
    targets: management.targets.map((target, index) => ({
      price: target.price.toFixed(),
      fraction: target.fraction.toFixed(),
      state: index < management.targetsFilled ? 'filled' : 'open',
    })),
    submitted: replacement.submitted.map((plan) => ({
      kind: plan.kind === 'stop_loss' ? 'stop_loss' : 'take_profit',
      target: plan.kind === 'stop_loss' ? null : targetNumber(position, plan),
      client_order_id: plan.clientOrderId,
      order_id: plan.orderId,
      trigger_price: plan.triggerPrice.toFixed(),
      size: plan.size.isZero() ? null : plan.size.toFixed(),
    })),
    cancelled: replacement.cancelled,
  };
  if (replacement.refused.length === 0) return { ok: true, view };
  const what = replacement.refused.join(' and ');
  return { ok: false, status: 502, error: `the venue refused the new ${what}: the previous one stays`, view };
}

/** An order-level take-profit is TP1's; a position-level one takes the last target. */
function targetNumber(position: PositionRecord, plan: PlanOrder): number {
  return plan.size.isZero() ? Math.max(1, position.management.targets.length) : 1;
}

import { expect } from 'vitest';
import { type PlaceOrderRequest, PlaceOrderRequestSchema } from '../../src/contracts/api/placeOrder.ts';
import type { Order, PlanOrder, PositionSide } from '../../src/exchange/port/types.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { type Harness, longRequest, SYMBOL, settle } from './harness.ts';

/**
 * Trade-management requests and the check that runs after every step of their scenarios: the
 * simulator (the venue) holds one stop covering the whole open position, at the worker's level.
 */

/** A long of 10 contracts in [94000, 94500], stop 93000, TP1 96000 for half, TP2 97000. */
export function managedLong(id: string, extra: Record<string, unknown> = {}): PlaceOrderRequest {
  const { take_profit: _seedTarget, ...request } = longRequest(id);
  return PlaceOrderRequestSchema.parse({
    ...request,
    targets: [{ price: '96000', fraction: '0.5' }, { price: '97000' }],
    ...extra,
  });
}

/** A short of 10 contracts in [95500, 96000], stop 97000, TP1 94000 for half, TP2 93000. */
export function managedShort(id: string, extra: Record<string, unknown> = {}): PlaceOrderRequest {
  return managedLong(id, {
    side: 'short',
    entry_zone_min: '95500',
    entry_zone_max: '96000',
    stop_loss: '97000',
    targets: [{ price: '94000', fraction: '0.5' }, { price: '93000' }],
    ...extra,
  });
}

/**
 * Places the request and fills its maker entry: a long at the bid of 94400 (94399.9) filled as the
 * price drops to 94300, a short at the ask of 95600 (95600.1) filled as it rises to 95700.
 */
export async function openManaged(h: Harness, request: PlaceOrderRequest): Promise<void> {
  expect(await h.execution.placeOrder(request)).toEqual({ accepted: true, id: request.id });
  const long = request.side === 'long';
  h.setPrice(long ? 94_400 : 95_600);
  await settle();
  h.setPrice(long ? 94_300 : 95_700);
  await settle();
  if (!h.execution.status().positions[request.id]) throw new Error(`no position came of ${request.id}`);
}

export interface VenueView {
  readonly held: string | undefined;
  readonly stops: readonly PlanOrder[];
  /** Order-level take-profits (TP1 of two). */
  readonly targets: readonly PlanOrder[];
  /** Position-level take-profits (the last target, the entry's preset). */
  readonly positionTargets: readonly PlanOrder[];
}

/** The venue's position of that side and its TP/SL orders. */
export async function venueView(h: Harness, side: PositionSide): Promise<VenueView> {
  const closing = side === 'long' ? 'close_long' : 'close_short';
  const plans = (await h.venue.exchange.planOrders(SYMBOL)).filter((plan) => plan.side === closing);
  const held = (await h.venue.exchange.positions(SYMBOL)).find((position) => position.side === side);
  const takeProfits = plans.filter((plan) => plan.kind === 'take_profit');
  return {
    held: held?.size.toFixed(),
    stops: plans.filter((plan) => plan.kind === 'stop_loss'),
    targets: takeProfits.filter((plan) => plan.size.gt(0)),
    positionTargets: takeProfits.filter((plan) => plan.size.isZero()),
  };
}

/**
 * The invariant of every step: an open position has exactly one stop on the exchange, covering
 * all of it (a position-level stop, size 0, or one at least its size), at `stop` when given.
 * Returns the view for further checks.
 */
export async function expectStopCovers(h: Harness, side: PositionSide, stop?: string): Promise<VenueView> {
  const view = await venueView(h, side);
  if (view.held === undefined) return view;
  expect(view.stops, `one stop for the open ${side} of ${view.held}`).toHaveLength(1);
  const [only] = view.stops;
  expect(only?.size.isZero() || only?.size.gte(view.held), 'the stop covers the whole position').toBe(true);
  if (stop !== undefined) expect(only?.triggerPrice.toFixed()).toBe(stop);
  return view;
}

/** TP1's order on the exchange as [client order id, size, trigger], or undefined. */
export function firstTargetOf(view: VenueView): string[] | undefined {
  expect(view.targets.length).toBeLessThanOrEqual(1);
  const [target] = view.targets;
  return target && [target.clientOrderId, target.size.toFixed(), target.triggerPrice.toFixed()];
}

/** The reduce-only market closes the worker sent for a side, as [client order id, size]. */
export function closesOf(h: Harness, side: PositionSide): string[][] {
  const closing = side === 'long' ? 'close_long' : 'close_short';
  return h.exchange.submitted
    .filter((sent) => sent.side === closing)
    .map((sent) => [sent.clientOrderId, sent.size.toFixed()]);
}

/** The role the execution gives to an order (or trigger order) of ours, by its client order id. */
export function roleOf(h: Harness, clientOrderId: string) {
  const zero = new Dec(0);
  const order: Order = {
    orderId: '1',
    clientOrderId,
    symbol: SYMBOL,
    side: 'close_long',
    type: 'market',
    status: 'filled',
    price: undefined,
    size: zero,
    filledSize: zero,
    averageFillPrice: undefined,
    leverage: undefined,
    marginMode: undefined,
    createdAt: 0,
    updatedAt: 0,
  };
  return h.execution.orderRole(order);
}

import type { Fill, Order, PlanOrder } from '../../exchange/port/types.ts';
import type { Dec } from '../../platform/decimal/index.ts';
import type { TradeOrderRole } from '../domain/tradeExit.ts';
import { sum } from './tradeFigures.ts';
import { openingSide, type TradeFillWalk, type TradeSide } from './tradeFillWalk.ts';

/** One order of a trade as the record keeps it: a regular order, or a trigger (plan) order. */
export interface TradeOrderRecord {
  readonly source: 'order' | 'plan';
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly role: TradeOrderRole;
  readonly side: string;
  readonly type: string;
  /** An order's status; `waiting` for a plan seen on the venue, `ended` once it no longer is. */
  readonly status: string;
  /** Limit price or trigger price. */
  readonly price: Dec | undefined;
  readonly size: Dec;
  readonly filledSize: Dec;
  readonly averagePrice: Dec | undefined;
  readonly createdAt: number;
}

/**
 * The worker's client order ids (decision 0019, `src/ws-worker/execution/clientOrderIds.ts`) end in
 * a suffix that says what the order is: `c<n>` a close, `c<n>t1` TP1's close, `p<k>` a part of a
 * close, `s<n>` a stop it moved, `t1` / `t1v<n>` TP1's exchange order. BitMart names the order a
 * plan submitted `PLAN_<plan id>`.
 */
const TP1_CLOSE = /c\d+t1(p\d+)?$/;
const CLOSE = /c\d+(p\d+)?$/;
const MOVED_STOP = /s\d+$/;
const TP1_ORDER = /t1(v\d+)?$/;
const PLAN_CHILD = /^PLAN_(\d+)$/;

/** What a trigger order is for: TP1's, a moved stop, the preset stop, or the last target (the preset). */
export function planRole(plan: Pick<PlanOrder, 'clientOrderId' | 'kind'>, targets: number): TradeOrderRole {
  if (plan.clientOrderId !== '' && TP1_ORDER.test(plan.clientOrderId)) return 'tp1';
  if (plan.clientOrderId !== '' && MOVED_STOP.test(plan.clientOrderId)) return 'trailing';
  if (plan.kind === 'stop_loss') return 'stop_loss';
  if (plan.kind === 'take_profit') return targets >= 2 ? 'tp2' : 'tp1';
  return 'manual';
}

/**
 * What a regular order did for a trade of `side`; `planRoles` names the plans seen, by plan id.
 * A TP/SL close whose leg the venue does not name is named by its price against the entry's: a
 * close at a loss is the stop, one at a profit the target (a stop moved into profit after TP1 is
 * taken for the target: the venue gives nothing better; decision 0032).
 */
export function orderRole(
  order: Pick<Order, 'clientOrderId' | 'side' | 'type' | 'trigger'> & Partial<Pick<Order, 'averageFillPrice'>>,
  side: TradeSide,
  planRoles: ReadonlyMap<string, TradeOrderRole>,
  entryPrice?: Dec,
): TradeOrderRole {
  if (order.side === openingSide(side)) return 'entry';
  if (order.type === 'liquidation') return 'liquidation';
  const id = order.clientOrderId;
  if (TP1_CLOSE.test(id)) return 'tp1';
  if (CLOSE.test(id)) return 'close';
  const planId = PLAN_CHILD.exec(id)?.[1];
  const ofPlan = planId === undefined ? undefined : planRoles.get(planId);
  if (ofPlan) return ofPlan;
  if (order.trigger === 'stop_loss') return 'stop_loss';
  if (order.trigger === 'take_profit') return 'take_profit';
  if (order.trigger === 'take_profit_or_stop_loss' && entryPrice && order.averageFillPrice) {
    const gain = order.averageFillPrice.sub(entryPrice);
    return (side === 'long' ? gain.gt(0) : gain.lt(0)) ? 'take_profit' : 'stop_loss';
  }
  return 'manual';
}

/**
 * The trade's regular orders: those its fills belong to, and those that never filled but were
 * placed while it was being entered or held (a maker entry the venue canceled). An order its fills
 * name that the order history does not list (past its 200 rows) is kept from the fills alone.
 */
export function tradeOrderRecords(input: {
  readonly side: TradeSide;
  readonly walk: TradeFillWalk;
  readonly history: readonly Order[];
  readonly plans: readonly TradeOrderRecord[];
  readonly placedFrom: number;
  readonly placedUntil: number | undefined;
}): TradeOrderRecord[] {
  const planRoles = new Map(input.plans.map((plan) => [plan.orderId, plan.role]));
  const entryPrice = averageEntryPrice(input.walk, input.side);
  const fillsByOrder = new Map<string, Fill[]>();
  for (const fill of input.walk.fills)
    fillsByOrder.set(fill.orderId, [...(fillsByOrder.get(fill.orderId) ?? []), fill]);
  const inWindow = (order: Order) =>
    order.createdAt >= input.placedFrom && (input.placedUntil === undefined || order.createdAt <= input.placedUntil);
  const records = input.history
    .filter((order) => fillsByOrder.has(order.orderId) || (order.filledSize.isZero() && inWindow(order)))
    .map((order) => recordOfOrder(order, orderRole(order, input.side, planRoles, entryPrice)));
  const listed = new Set(records.map((record) => record.orderId));
  for (const [orderId, fills] of fillsByOrder) {
    if (!listed.has(orderId)) records.push(recordOfFills(orderId, fills, input.side));
  }
  return records.sort((a, b) => a.createdAt - b.createdAt || (a.orderId < b.orderId ? -1 : 1));
}

export function recordOfPlan(plan: PlanOrder, targets: number): TradeOrderRecord {
  return {
    source: 'plan',
    orderId: plan.orderId,
    clientOrderId: plan.clientOrderId,
    role: planRole(plan, targets),
    side: plan.side,
    type: plan.kind,
    status: 'waiting',
    price: plan.triggerPrice,
    size: plan.size,
    filledSize: plan.size.mul(0),
    averagePrice: undefined,
    createdAt: plan.createdAt,
  };
}

function recordOfOrder(order: Order, role: TradeOrderRole): TradeOrderRecord {
  return {
    source: 'order',
    orderId: order.orderId,
    clientOrderId: order.clientOrderId,
    role,
    side: order.side,
    type: order.trigger ? `${order.type}:${order.trigger}` : order.type,
    status: order.status,
    price: order.price,
    size: order.size,
    filledSize: order.filledSize,
    averagePrice: order.averageFillPrice,
    createdAt: order.createdAt,
  };
}

function recordOfFills(orderId: string, fills: readonly Fill[], side: TradeSide): TradeOrderRecord {
  const size = sum(fills.map((fill) => fill.size));
  const first = fills[0] as Fill;
  return {
    source: 'order',
    orderId,
    clientOrderId: '',
    role: first.side === openingSide(side) ? 'entry' : 'close',
    side: first.side,
    type: 'unknown',
    status: 'filled',
    price: undefined,
    size,
    filledSize: size,
    averagePrice: sum(fills.map((fill) => fill.price.mul(fill.size)))
      .div(size)
      .toDecimalPlaces(12),
    createdAt: first.time,
  };
}

/** The size-weighted price of the trade's opening fills. */
function averageEntryPrice(walk: TradeFillWalk, side: TradeSide): Dec | undefined {
  const opening = walk.fills.filter((fill) => fill.side === openingSide(side));
  const size = sum(opening.map((fill) => fill.size));
  return size.isZero() ? undefined : sum(opening.map((fill) => fill.price.mul(fill.size))).div(size);
}

import type { Order } from '../../exchange/port/types.ts';
import { Dec } from '../../platform/decimal/index.ts';
import { closingSideOf } from './closeOrders.ts';
import type { PositionRecord } from './records.ts';

/** What an order of the account is to the execution (each order signal says it: issue 10, item 8). */
export const ORDER_ROLE_KINDS = ['ENTRY', 'STOP_LOSS', 'TAKE_PROFIT', 'CLOSE', 'LIQUIDATION'] as const;
export type OrderRoleKind = (typeof ORDER_ROLE_KINDS)[number];

export interface OrderRole {
  readonly kind: OrderRoleKind;
  /** The caller's id of the request the order belongs to. */
  readonly requestId: string;
  /** For a close: the client order id of the entry order that opened the position, when known. */
  readonly parentClientOrderId?: string;
  /** For a TAKE_PROFIT: which target (1 = TP1 of two, or the only one; 2 = TP2). */
  readonly target?: number;
}

/** Roles remembered; the oldest are forgotten beyond this, as the store's finished ids. */
const CAPACITY = 10_000;
/**
 * How close an exchange-side close must fill to a position's SL or TP level to be taken for it:
 * a triggered stop fills at market, a little past its trigger.
 */
const LEVEL_MATCH = new Dec('0.005');

/**
 * The roles of the orders the execution sent (by client order id, written when each is sent) and
 * of exchange-side closes it recognised (by the venue's order id), persisted with the store so an
 * order is still named after its position is finished, and across a restart.
 */
export class OrderRoleBook {
  readonly #roles = new Map<string, OrderRole>();

  /** An order we send: its role is known before the venue answers. */
  remember(clientOrderId: string, role: OrderRole): void {
    this.#set(clientOrderId, role);
  }

  /**
   * The role of an order of the account, or undefined when it is none of the execution's: ours by
   * client order id; otherwise an order the exchange made itself that closes a monitored position
   * (its symbol, its closing side): a liquidation, or a fill at the position's SL or TP level (a
   * preset firing); remembered by the venue's order id from then on.
   */
  of(order: Order, monitored: Iterable<PositionRecord>): OrderRole | undefined {
    const own = order.clientOrderId === '' ? undefined : this.#roles.get(order.clientOrderId);
    if (own) return own;
    const known = this.#roles.get(exchangeKey(order.orderId));
    if (known) return known;
    if (!EXCHANGE_CLIENT_ORDER_ID.test(order.clientOrderId)) return undefined; // another tool's order
    const role = exchangeCloseRole(order, monitored);
    if (role) this.#set(exchangeKey(order.orderId), role);
    return role;
  }

  entries(): Iterable<[string, OrderRole]> {
    return this.#roles.entries();
  }

  load(entries: Iterable<[string, OrderRole]>): void {
    this.#roles.clear();
    for (const [key, role] of entries) this.#set(key, role);
  }

  #set(key: string, role: OrderRole): void {
    this.#roles.delete(key);
    this.#roles.set(key, role);
    if (this.#roles.size <= CAPACITY) return;
    const oldest = this.#roles.keys().next().value;
    if (oldest !== undefined) this.#roles.delete(oldest);
  }
}

/**
 * The client order id of an order the exchange made itself: none (a preset TP/SL firing, a
 * liquidation), or BitMart's `PLAN_<plan order id>` on a triggered plan (docs/reference/bitmart-wire.md#order-history).
 */
const EXCHANGE_CLIENT_ORDER_ID = /^(PLAN_\d+)?$/;

/** The venue's order ids and our client order ids never meet in one key space. */
function exchangeKey(orderId: string): string {
  return `#${orderId}`;
}

function exchangeCloseRole(order: Order, monitored: Iterable<PositionRecord>): OrderRole | undefined {
  let best: { role: OrderRole; distance: Dec } | undefined;
  for (const position of monitored) {
    if (position.symbol !== order.symbol || closingSideOf(position.side) !== order.side) continue;
    const link = {
      requestId: position.id,
      ...(position.entryClientOrderId && { parentClientOrderId: position.entryClientOrderId }),
    };
    if (order.type === 'liquidation') return { kind: 'LIQUIDATION', ...link };
    const price = order.averageFillPrice ?? order.price;
    if (!price?.gt(0)) continue;
    for (const { kind, level, target } of levelsOf(position)) {
      const distance = price.sub(level).abs().div(level);
      if (distance.gt(LEVEL_MATCH) || best?.distance.lte(distance)) continue;
      best = { role: { kind, ...link, ...(target !== undefined && { target }) }, distance };
    }
  }
  return best?.role;
}

/** The levels an exchange-side close of the position may have fired at: its stop (as it is now) and its targets. */
function levelsOf(position: PositionRecord): { kind: OrderRoleKind; level: Dec; target?: number }[] {
  const levels: { kind: OrderRoleKind; level: Dec; target?: number }[] = [];
  if (position.stopLoss) levels.push({ kind: 'STOP_LOSS', level: position.stopLoss });
  position.management.targets.forEach((target, index) => {
    levels.push({ kind: 'TAKE_PROFIT', level: target.price, target: index + 1 });
  });
  return levels;
}

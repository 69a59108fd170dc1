import type { Order, OrderRef } from '../port/types.ts';

const FINAL: ReadonlySet<Order['status']> = new Set(['filled', 'canceled']);

export function isFinal(order: Order): boolean {
  return FINAL.has(order.status);
}

/** True when `order` is the order `ref` names. */
export function matches(ref: OrderRef, order: Order): boolean {
  if (order.symbol !== ref.symbol) return false;
  return ref.orderId !== undefined ? order.orderId === ref.orderId : order.clientOrderId === ref.clientOrderId;
}

/**
 * Of two sightings of one order, the one that describes the later state. A stream event and a
 * poll can cross: a final state always wins, then the later update, then the larger fill.
 */
export function later(current: Order | undefined, candidate: Order): Order {
  if (!current) return candidate;
  if (isFinal(current) !== isFinal(candidate)) return isFinal(candidate) ? candidate : current;
  if (candidate.updatedAt !== current.updatedAt) return candidate.updatedAt > current.updatedAt ? candidate : current;
  return candidate.filledSize.gte(current.filledSize) ? candidate : current;
}

/**
 * The latest sighting of recently seen orders, by id and by client order id. Stream events can
 * arrive before the submit call returns (before anyone awaits the order), so they are kept for a
 * while; the oldest entries go first once `capacity` is reached.
 */
export class OrderSightings {
  readonly #capacity: number;
  readonly #byKey = new Map<string, Order>();

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  record(order: Order): Order {
    const idKey = `${order.symbol}|id|${order.orderId}`;
    const latest = later(this.#byKey.get(idKey), order);
    this.#put(idKey, latest);
    if (order.clientOrderId !== '') this.#put(`${order.symbol}|client|${order.clientOrderId}`, latest);
    return latest;
  }

  find(ref: OrderRef): Order | undefined {
    const key =
      ref.orderId !== undefined ? `${ref.symbol}|id|${ref.orderId}` : `${ref.symbol}|client|${ref.clientOrderId}`;
    return this.#byKey.get(key);
  }

  #put(key: string, order: Order): void {
    this.#byKey.delete(key);
    this.#byKey.set(key, order);
    if (this.#byKey.size <= this.#capacity) return;
    const oldest = this.#byKey.keys().next();
    if (!oldest.done) this.#byKey.delete(oldest.value);
  }
}

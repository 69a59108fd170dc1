import type { OrderSignal } from '../../../contracts/signals/orderSignal.ts';

/** Our key for an order: the original compared client order ids upper-cased. */
export function orderKey(clientOrderId: string): string {
  return clientOrderId.toUpperCase();
}

/**
 * The key of the order a signal is about. An order without client order id (the venue's own: a
 * preset stop firing, a liquidation; or another tool's) is keyed by its exchange order id behind a
 * `#`, a character no client order id contains, so the two kinds of key never meet.
 */
export function signalOrderKey(signal: Pick<OrderSignal, 'client_order_id' | 'order_id'>): string {
  if (signal.client_order_id !== '') return orderKey(signal.client_order_id);
  return `#${signal.order_id ?? ''}`;
}

import type { Account } from './Account.ts';
import { orderSnapshot } from './records.ts';
import type { FlowType, OrderRef, SimFill, SimOrder, SimTransaction, TimeRange } from './types.ts';

/** BitMart's row caps (docs/reference/bitmart-wire.md#transaction-history, #order-history). */
const HISTORY_ROWS = 200;
const OPEN_ORDER_ROWS = 100;
const TRANSACTION_ROWS = 1000;
const DEFAULT_TRANSACTION_ROWS = 100;

function inRange(time: number, range: TimeRange): boolean {
  return time >= range.startMs && time <= range.endMs;
}

function matchesRef(row: { symbol: string; orderId: string; clientOrderId: string }, filter: Partial<OrderRef>) {
  return (
    (filter.symbol === undefined || row.symbol === filter.symbol) &&
    (!filter.orderId || row.orderId === filter.orderId) &&
    (!filter.clientOrderId || row.clientOrderId === filter.clientOrderId)
  );
}

function clampLimit(limit: number | undefined, fallback: number, max: number): number {
  if (limit === undefined || !Number.isFinite(limit) || limit < 1) return fallback;
  return Math.min(Math.floor(limit), max);
}

/** Resting orders, newest first. */
export function openOrders(
  account: Account,
  filter: { symbol?: string; type?: 'limit' | 'market'; limit?: number },
): SimOrder[] {
  const rows: SimOrder[] = [];
  for (const order of account.orders.values()) {
    if (order.state !== 2) continue;
    if (filter.symbol !== undefined && order.symbol !== filter.symbol) continue;
    if (filter.type !== undefined && order.type !== filter.type) continue;
    rows.push(orderSnapshot(order));
  }
  return rows.reverse().slice(0, clampLimit(filter.limit, OPEN_ORDER_ROWS, OPEN_ORDER_ROWS));
}

/** Orders created in the range (active or finished), newest first, at most 200. */
export function orderHistory(account: Account, filter: Partial<OrderRef> & TimeRange): SimOrder[] {
  const rows: SimOrder[] = [];
  for (const order of account.orders.values()) {
    if (order.state === 1 || !matchesRef(order, filter) || !inRange(order.createTime, filter)) continue;
    rows.push(orderSnapshot(order));
  }
  return rows.reverse().slice(0, HISTORY_ROWS);
}

export function trades(account: Account, filter: Partial<OrderRef> & TimeRange): SimFill[] {
  return account.fills
    .filter((fill) => matchesRef(fill, filter) && inRange(fill.time, filter))
    .reverse()
    .slice(0, HISTORY_ROWS);
}

export function transactions(
  account: Account,
  // flowType 0 or undefined = every flow, as on BitMart.
  filter: { symbol?: string; flowType?: FlowType; pageSize?: number } & TimeRange,
): SimTransaction[] {
  return account.ledger
    .filter((row) => filter.symbol === undefined || row.symbol === filter.symbol)
    .filter((row) => !filter.flowType || row.flowType === filter.flowType)
    .filter((row) => inRange(row.time, filter))
    .reverse()
    .slice(0, clampLimit(filter.pageSize, DEFAULT_TRANSACTION_ROWS, TRANSACTION_ROWS));
}

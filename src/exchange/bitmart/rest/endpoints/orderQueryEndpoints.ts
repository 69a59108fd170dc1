import type {
  BitmartFillList,
  BitmartHistoricOrderList,
  BitmartOpenOrderList,
  BitmartOrder,
} from '../../protocol/wire/index.ts';
import type { BitmartRestClient } from '../BitmartRestClient.ts';

/** Order and fill queries, KEYED GETs (docs/reference/bitmart-wire.md#order-queries). */

/**
 * GET /contract/private/order (bitmart-wire.md#order-detail): both `symbol` and `order_id` required. Answers 40035 for
 * an unknown order, and also for a few hundred ms after submit (bitmart-wire.md#visibility-window).
 */
export function getOrder(client: BitmartRestClient, symbol: string, orderId: string): Promise<BitmartOrder> {
  return client.get('/contract/private/order', 'keyed', { symbol, order_id: orderId });
}

export type BitmartHistoryRequest = {
  readonly symbol: string;
  readonly order_id?: string;
  readonly client_order_id?: string;
  /** Unix **seconds**; default the last 7 days, at most 90 days, at most 200 rows. */
  readonly start_time?: number;
  readonly end_time?: number;
};

/** GET /contract/private/order-history (bitmart-wire.md#order-history): orders in state 2 or 4. */
export function getOrderHistory(
  client: BitmartRestClient,
  request: BitmartHistoryRequest,
): Promise<BitmartHistoricOrderList> {
  return client.get('/contract/private/order-history', 'keyed', request);
}

export type BitmartOpenOrdersRequest = {
  readonly symbol?: string;
  readonly type?: 'limit' | 'market' | 'trailing';
  /** At most 100. */
  readonly limit?: number;
};

/** GET /contract/private/get-open-orders (bitmart-wire.md#open-orders): working orders (state 1 or 2). */
export function getOpenOrders(
  client: BitmartRestClient,
  request: BitmartOpenOrdersRequest = {},
): Promise<BitmartOpenOrderList> {
  return client.get('/contract/private/get-open-orders', 'keyed', request);
}

/** GET /contract/private/trades (bitmart-wire.md#trades): our fills; same range rules as order-history. */
export function getTrades(client: BitmartRestClient, request: BitmartHistoryRequest): Promise<BitmartFillList> {
  return client.get('/contract/private/trades', 'keyed', request);
}

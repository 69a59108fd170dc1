import {
  type OkxAmendOrderRequest,
  OkxAmendOrderResultSchema,
  OkxCancelAllAfterResultSchema,
  type OkxCancelOrderRequest,
  OkxCancelOrderResultSchema,
  type OkxClosePositionRequest,
  OkxClosePositionResultSchema,
  OkxFillSchema,
  OkxOrderSchema,
  type OkxPlaceOrderRequest,
  OkxPlaceOrderResultSchema,
} from '../../protocol/wire/index.ts';
import type { OkxRateLimitLane } from '../OkxRateLimiter.ts';
import type { OkxRestClient } from '../OkxRestClient.ts';
import { firstAccepted } from './itemResults.ts';

/**
 * `/api/v5/trade/*` (https://www.okx.com/docs-v5/en/#order-book-trading-trade): signed; writes
 * count per user id and instrument. A write's item `sCode` "0" means accepted, not done: the
 * outcome arrives on the `orders` channel or through `GET trade/order`.
 */

export async function placeOrder(client: OkxRestClient, body: OkxPlaceOrderRequest, lane: OkxRateLimitLane) {
  const rows = await client.post('/api/v5/trade/order', OkxPlaceOrderResultSchema, body, {
    instId: body.instId,
    lane,
    ...(body.clOrdId ? { clientOrderId: body.clOrdId } : {}),
  });
  return firstAccepted(rows, 'POST /api/v5/trade/order', body.clOrdId);
}

export async function cancelOrder(client: OkxRestClient, body: OkxCancelOrderRequest) {
  const rows = await client.post('/api/v5/trade/cancel-order', OkxCancelOrderResultSchema, body, {
    instId: body.instId,
  });
  return firstAccepted(rows, 'POST /api/v5/trade/cancel-order', undefined);
}

/** Up to 20 cancels of one instrument; each item's outcome is returned as OKX gave it. */
export function cancelBatchOrders(client: OkxRestClient, instId: string, bodies: readonly OkxCancelOrderRequest[]) {
  return client.post('/api/v5/trade/cancel-batch-orders', OkxCancelOrderResultSchema, bodies, { instId });
}

export async function amendOrder(client: OkxRestClient, body: OkxAmendOrderRequest) {
  const rows = await client.post('/api/v5/trade/amend-order', OkxAmendOrderResultSchema, body, { instId: body.instId });
  return firstAccepted(rows, 'POST /api/v5/trade/amend-order', undefined);
}

/** A market close of the whole position; protective, so it may use the limiter's reserve. */
export function closePosition(client: OkxRestClient, body: OkxClosePositionRequest) {
  return client.post('/api/v5/trade/close-position', OkxClosePositionResultSchema, body, {
    instId: body.instId,
    lane: 'protective',
  });
}

export type OrderLookup = { readonly instId: string } & (
  | { readonly ordId: string; readonly clOrdId?: undefined }
  | { readonly clOrdId: string; readonly ordId?: undefined }
);

/** One order; OKX answers 51603 for an id it does not know. */
export async function getOrder(client: OkxRestClient, lookup: OrderLookup) {
  const [row] = await client.getSigned('/api/v5/trade/order', OkxOrderSchema, { ...lookup }, { instId: lookup.instId });
  return row;
}

export function getOrdersPending(client: OkxRestClient, request: { instId?: string; after?: string; limit?: number }) {
  return client.getSigned('/api/v5/trade/orders-pending', OkxOrderSchema, { instType: 'SWAP', ...request });
}

export function getOrdersHistory(
  client: OkxRestClient,
  request: { instId?: string; begin?: number; end?: number; after?: string; limit?: number },
) {
  return client.getSigned('/api/v5/trade/orders-history', OkxOrderSchema, { instType: 'SWAP', ...request });
}

/** The last 3 days of fills, newest first, paged by `billId`. */
export function getFills(
  client: OkxRestClient,
  request: { instId?: string; ordId?: string; begin?: number; end?: number; after?: string; limit?: number },
) {
  return client.getSigned('/api/v5/trade/fills', OkxFillSchema, { instType: 'SWAP', ...request });
}

/** The dead-man switch, tag-level: only orders carrying `tag` are canceled when it fires. */
export async function cancelAllAfter(client: OkxRestClient, timeOutSeconds: number, tag: string) {
  const [row] = await client.post(
    '/api/v5/trade/cancel-all-after',
    OkxCancelAllAfterResultSchema,
    { timeOut: String(timeOutSeconds), tag },
    { tag },
  );
  return row;
}

import type {
  BitmartCancelResult,
  BitmartOpenType,
  BitmartPlanOrderList,
  BitmartSubmitPlanOrderResult,
  BitmartSubmitTpSlOrderResult,
} from '../../protocol/wire/index.ts';
import type { BitmartRestClient } from '../BitmartRestClient.ts';
import { type BitmartOrderIdRef, clientOrderIdOf, closesPosition } from './orderEndpoints.ts';

/** Plan (trigger) and TP/SL orders (docs/reference/bitmart-wire.md#plan-orders, #tp-sl-orders, #plan-order-list). */

export type BitmartSubmitTpSlRequest = {
  readonly symbol: string;
  readonly type: 'take_profit' | 'stop_loss';
  /** 2 closes a short, 3 closes a long. */
  readonly side: 2 | 3;
  /** Contracts; omitted: the whole position. */
  readonly size?: number;
  readonly trigger_price: string;
  /** "0" fills at market when triggered. */
  readonly executive_price: string;
  readonly price_type: 1 | 2;
  /** 2: a position TP/SL. */
  readonly plan_category?: 1 | 2;
  readonly category?: 'limit' | 'market';
  readonly client_order_id?: string;
};

/** POST /contract/private/submit-tp-sl-order (bitmart-wire.md#tp-sl-orders) → `{order_id: string, client_order_id}`. */
export function submitTpSlOrder(
  client: BitmartRestClient,
  request: BitmartSubmitTpSlRequest,
): Promise<BitmartSubmitTpSlOrderResult> {
  // A position's take-profit or stop-loss only ever reduces it.
  return client.post('/contract/private/submit-tp-sl-order', request, {
    clientOrderId: request.client_order_id,
    lane: 'protective',
  });
}

export type BitmartSubmitPlanOrderRequest = {
  readonly symbol: string;
  readonly side: 1 | 2 | 3 | 4;
  readonly type: 'limit' | 'market';
  readonly leverage: string;
  readonly open_type: BitmartOpenType;
  readonly mode?: 1 | 2 | 3 | 4;
  readonly size: number;
  readonly trigger_price: string;
  /** Required for `type: limit`. */
  readonly executive_price?: string;
  /** 1 trigger when the price rises to it, 2 when it falls to it. */
  readonly price_way: 1 | 2;
  readonly price_type: 1 | 2;
  readonly client_order_id?: string;
};

/** POST /contract/private/submit-plan-order (bitmart-wire.md#plan-orders) → `{order_id: number}`. */
export function submitPlanOrder(
  client: BitmartRestClient,
  request: BitmartSubmitPlanOrderRequest,
): Promise<BitmartSubmitPlanOrderResult> {
  return client.post('/contract/private/submit-plan-order', request, {
    clientOrderId: request.client_order_id,
    lane: closesPosition(request.side) ? 'protective' : 'normal',
  });
}

export type BitmartPlanOrdersRequest = {
  readonly symbol?: string;
  readonly type?: 'limit' | 'market';
  readonly limit?: number;
  readonly plan_type?: 'plan' | 'profit_loss';
};

/** GET /contract/private/current-plan-order (KEYED, bitmart-wire.md#plan-order-list): waiting trigger orders. */
export function getCurrentPlanOrders(
  client: BitmartRestClient,
  request: BitmartPlanOrdersRequest = {},
): Promise<BitmartPlanOrderList> {
  return client.get('/contract/private/current-plan-order', 'keyed', request);
}

/** POST /contract/private/cancel-plan-order (bitmart-wire.md#plan-orders). */
export function cancelPlanOrder(client: BitmartRestClient, ref: BitmartOrderIdRef): Promise<BitmartCancelResult> {
  return client.post('/contract/private/cancel-plan-order', ref, { clientOrderId: clientOrderIdOf(ref) });
}
